package parser

// The declarative model: what a `pipeline { }` block says, read from the
// general tree. Each element points back at the Call it was read from, so
// rules can report at exact spans and the fixer can insert at the braces.

// File is a parsed Jenkinsfile.
type File struct {
	Name     string
	Src      []byte
	Lines    *Lines
	Body     []Stmt     // top-level statements in order
	Comments []*Comment // every comment, sorted by offset
	// Pipelines are the declarative `pipeline { }` blocks, at top level or
	// inside a method such as a shared-library `call`, in source order.
	Pipelines []*Pipeline
	// CRLF reports whether the file's first line ending is "\r\n".
	CRLF bool
	// order is Body's nodes as Inspect visits them, made on the first
	// walk of the whole file (see Inspect and WalkPath); Body must not
	// change after it. tokens is the number of tokens parsed, a guess of
	// the number of nodes.
	order  nodeOrder
	tokens int
}

// Position returns the printable position of byte offset off.
func (f *File) Position(off int) Pos { return f.Lines.Position(off) }

// Comment is a `//` or `/* */` comment; Text includes the delimiters.
type Comment struct {
	Span
	Text  string
	Block bool
}

func (c *Comment) Pos() Span { return c.Span }

// Section is one directive of a pipeline or stage: `agent any`,
// `environment { ... }`, `options { ... }`. Block is the closure body when
// the directive has one.
type Section struct {
	Name  string
	Call  *Call
	Block *Block
}

// Span returns the span of the directive's statement.
func (s *Section) Pos() Span { return s.Call.Span }

// Pipeline is a declarative `pipeline { }` block.
type Pipeline struct {
	Call *Call
	Body *Block
	// Sections are all directives in source order, including those below.
	Sections    []*Section
	Agent       *Agent
	Environment *Environment
	Options     *Section
	Parameters  *Section
	Triggers    *Section
	Tools       *Section
	Libraries   *Section
	Stages      *Stages
	Post        *Post
}

// Agent is an `agent` directive. Kind is "any", "none", "label", "node",
// "docker", "dockerfile", "kubernetes" or another agent type's name.
type Agent struct {
	*Section
	Kind string
	// Inner is the agent type's own call inside the block, such as
	// `docker { image 'x' }`, or nil.
	Inner *Call
}

// Option returns the argument of a setting inside the agent type's block
// (`docker { registryCredentialsId 'c' }`) or given as a named argument
// (`docker(image: 'x', registryCredentialsId: 'c')`), or nil.
func (a *Agent) Option(name string) Expr {
	if a == nil || a.Inner == nil {
		return nil
	}
	if arg := a.Inner.Arg(name); arg != nil {
		return arg.Value
	}
	if body := a.Inner.Body(); body != nil {
		for _, st := range body.Body.Stmts {
			if c := StmtCall(st); c != nil && c.Name() == name {
				if ps := c.Positional(); len(ps) > 0 {
					return ps[0].Value
				}
			}
		}
	}
	return nil
}

// Environment is an `environment { }` block.
type Environment struct {
	*Section
	Entries []*EnvEntry
}

// Lookup returns the last entry that sets name, or nil.
func (e *Environment) Lookup(name string) *EnvEntry {
	if e == nil {
		return nil
	}
	for i := len(e.Entries) - 1; i >= 0; i-- {
		if e.Entries[i].Name == name {
			return e.Entries[i]
		}
	}
	return nil
}

// EnvEntry is `NAME = value` in an environment block.
type EnvEntry struct {
	Span
	Name     string
	NameSpan Span
	Value    Expr
}

func (e *EnvEntry) Pos() Span { return e.Span }

// Stages is a `stages { }` or `parallel { }` block of stages.
type Stages struct {
	*Section
	Stages []*Stage
}

// Stage is `stage('name') { ... }`.
type Stage struct {
	Call     *Call
	Name     string // the literal name, or the source text of an interpolated one
	NameExpr Expr
	Body     *Block // nil for a stage without a block
	Sections []*Section

	Agent       *Agent
	Environment *Environment
	When        *Section
	Options     *Section
	Input       *Section
	Tools       *Section
	Steps       *Section
	Stages      *Stages // nested sequential stages
	Parallel    *Stages
	Matrix      *Matrix
	Post        *Post
	FailFast    *Section
}

func (s *Stage) Pos() Span { return s.Call.Span }

// Matrix is a `matrix { axes { } stages { } }` block.
type Matrix struct {
	*Section
	Axes        *Section
	Stages      *Stages
	Agent       *Agent
	Environment *Environment
	Post        *Post
}

// Post is a `post { }` block.
type Post struct {
	*Section
	Conditions []*PostCondition
}

// Condition returns the condition block called name, or nil.
func (p *Post) Condition(name string) *PostCondition {
	if p == nil {
		return nil
	}
	for _, c := range p.Conditions {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// PostCondition is one condition of a post block: `always { }`,
// `cleanup { }` and so on.
type PostCondition struct {
	Name  string
	Call  *Call
	Block *Block
}

// PostConditions are the condition names Jenkins knows, in the order it runs
// them.
var PostConditions = []string{"always", "changed", "fixed", "regression", "aborted",
	"failure", "success", "unstable", "unsuccessful", "cleanup"}

// StmtCall returns the call a statement consists of, or nil.
func StmtCall(s Stmt) *Call {
	if es, ok := s.(*ExprStmt); ok {
		if c, ok := es.X.(*Call); ok {
			return c
		}
	}
	return nil
}
