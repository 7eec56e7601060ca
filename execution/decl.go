package execution

import (
	"sort"
	"strings"

	"jfcheck/parser"
)

// Model indexes a file's declarative structure so that a node's enclosing
// pipeline, stages and post conditions can be found from its path.
type Model struct {
	File      *parser.File
	pipelines map[*parser.Call]*parser.Pipeline
	stages    map[*parser.Call]*parser.Stage
	parent    map[*parser.Stage]*parser.Stage
	// branch marks stages that are branches of a parallel block or the
	// stages of a matrix.
	branch map[*parser.Stage]*parser.Stages
	matrix map[*parser.Stage]*parser.Matrix
	posts  map[*parser.Block]PostPlace

	opts     Options
	nodes    map[*parser.Call]*Node
	unplaced *Node
	steps    []*ShellStep
	stepsOK  bool
	sets     map[string][]*envSet
	setsOK   bool
	logins   []*Login
	loginsOK bool
	logouts  *logoutIndex
	calls    map[string][][]parser.Node                     // see callsByName
	shells   map[*Node]shells                               // see nodeShells
	pushes   map[postLevel][]postPush                       // see postPushes
	vars     map[*parser.Block]map[string][]*parser.VarDecl // see blockVars
	isUnix   int                                            // see mayCallIsUnix: 0 unknown, 1 yes, -1 no
}

// Options are what the configuration tells the model.
type Options struct {
	// ShellMethods name methods whose first string argument is a shell
	// script run on the node, like `sh`'s.
	ShellMethods []string
}

// envSet is a Groovy `env.NAME = value` statement.
type envSet struct {
	name  string
	value parser.Expr
	stmt  parser.Span
	path  []parser.Node
}

// Steps returns the file's shell steps in source order.
func (m *Model) Steps() []*ShellStep {
	if !m.stepsOK {
		m.steps, m.stepsOK = shellSteps(m.File, m.opts.ShellMethods), true
	}
	return m.steps
}

func (m *Model) envSets() map[string][]*envSet {
	if m.setsOK {
		return m.sets
	}
	m.setsOK = true
	m.sets = map[string][]*envSet{}
	m.File.WalkPath(func(n parser.Node, path []parser.Node) bool {
		es, ok := n.(*parser.ExprStmt)
		if !ok {
			return true
		}
		a, ok := es.X.(*parser.Assign)
		if !ok || a.Op != "=" {
			return true
		}
		name := ""
		switch l := a.LHS.(type) {
		case *parser.Select:
			if id, ok := l.X.(*parser.Ident); ok && id.Name == "env" {
				name = l.Name
			}
		case *parser.Index:
			if id, ok := l.X.(*parser.Ident); ok && id.Name == "env" && len(l.Args) == 1 {
				if s, ok := l.Args[0].Value.(*parser.String); ok {
					name, _ = s.Literal()
				}
			}
		}
		if name != "" {
			m.sets[name] = append(m.sets[name], &envSet{name: name, value: a.RHS, stmt: es.Span, path: append([]parser.Node(nil), path...)})
		}
		return true
	})
	return m.sets
}

// PostPlace is where a post condition block sits: the pipeline or the stage
// whose post it belongs to, and the condition's name.
type PostPlace struct {
	Pipeline  *parser.Pipeline
	Stage     *parser.Stage
	Condition *parser.PostCondition
}

// NewModel builds the execution model of f with default options.
func NewModel(f *parser.File) *Model { return New(f, Options{}) }

// New builds the execution model of f. The model is computed lazily and is
// not safe for concurrent use.
func New(f *parser.File, opts Options) *Model {
	m := &Model{File: f, pipelines: map[*parser.Call]*parser.Pipeline{}, stages: map[*parser.Call]*parser.Stage{},
		parent: map[*parser.Stage]*parser.Stage{}, branch: map[*parser.Stage]*parser.Stages{},
		matrix: map[*parser.Stage]*parser.Matrix{}, posts: map[*parser.Block]PostPlace{},
		opts: opts, nodes: map[*parser.Call]*Node{}}
	m.unplaced = &Node{Kind: Unplaced, m: m}
	addPost := func(p *parser.Post, pl *parser.Pipeline, st *parser.Stage) {
		if p == nil {
			return
		}
		for _, c := range p.Conditions {
			if c.Block != nil {
				m.posts[c.Block] = PostPlace{Pipeline: pl, Stage: st, Condition: c}
			}
		}
	}
	var addStages func(ss *parser.Stages, parent *parser.Stage, pl *parser.Pipeline, par bool, mx *parser.Matrix)
	addStages = func(ss *parser.Stages, parent *parser.Stage, pl *parser.Pipeline, par bool, mx *parser.Matrix) {
		if ss == nil {
			return
		}
		for _, st := range ss.Stages {
			m.stages[st.Call] = st
			if parent != nil {
				m.parent[st] = parent
			}
			if par {
				m.branch[st] = ss
			}
			if mx != nil {
				m.matrix[st] = mx
			}
			addPost(st.Post, pl, st)
			addStages(st.Stages, st, pl, false, nil)
			addStages(st.Parallel, st, pl, true, nil)
			if st.Matrix != nil {
				addPost(st.Matrix.Post, pl, st)
				addStages(st.Matrix.Stages, st, pl, false, st.Matrix)
			}
		}
	}
	for _, pl := range f.Pipelines {
		m.pipelines[pl.Call] = pl
		addPost(pl.Post, pl, nil)
		addStages(pl.Stages, nil, pl, false, nil)
	}
	return m
}

// Scope is what encloses a node.
type Scope struct {
	Model    *Model
	Path     []parser.Node
	Pipeline *parser.Pipeline
	// Stages are the enclosing declarative stages, outermost first.
	Stages []*parser.Stage
}

// ScopeOf returns the scope of a node with the given path.
func (m *Model) ScopeOf(path []parser.Node) *Scope {
	s := &Scope{Model: m, Path: path}
	for _, n := range path {
		c, ok := n.(*parser.Call)
		if !ok {
			continue
		}
		if pl, ok := m.pipelines[c]; ok {
			s.Pipeline = pl
			s.Stages = nil
		}
		if st, ok := m.stages[c]; ok {
			s.Stages = append(s.Stages, st)
		}
	}
	return s
}

// Post returns where the innermost post condition enclosing the scope is, if
// any.
func (s *Scope) Post() (PostPlace, bool) {
	for i := len(s.Path) - 1; i >= 0; i-- {
		if b, ok := s.Path[i].(*parser.Block); ok {
			if p, ok := s.Model.posts[b]; ok {
				return p, true
			}
		}
	}
	return PostPlace{}, false
}

// Within reports whether the scope is inside a call named one of names.
func (s *Scope) Within(names ...string) *parser.Call {
	for i := len(s.Path) - 1; i >= 0; i-- {
		if c, ok := s.Path[i].(*parser.Call); ok {
			for _, n := range names {
				if c.Name() == n {
					return c
				}
			}
		}
	}
	return nil
}

// EnvValue is where an environment variable is set and its value as text
// with Groovy references written `$X` (see Word.Norm).
type EnvValue struct {
	Value string
	// Known is false when the value is an expression jfcheck cannot read
	// (a method's result, a variable set at run time); Value is then its
	// source text.
	Known bool
	Span  parser.Span
	// Where is "environment", "withEnv", "env" (a Groovy env.NAME = …), "script" (the shell script itself) or "option" (--config).
	Where string
}

// Env returns the value the variable name has in the scope from Groovy:
// an enclosing withEnv, the innermost stage environment, the pipeline's
// environment. ok is false when nothing sets it.
func (s *Scope) Env(name string) (EnvValue, bool) {
	for i := len(s.Path) - 1; i >= 0; i-- {
		c, ok := s.Path[i].(*parser.Call)
		if !ok {
			continue
		}
		switch c.Name() {
		case "withEnv":
			for _, a := range c.Positional() {
				l, ok := a.Value.(*parser.ListLit)
				if !ok {
					continue
				}
				for j := len(l.Elems) - 1; j >= 0; j-- {
					str, ok := l.Elems[j].Value.(*parser.String)
					if !ok {
						continue
					}
					t, known := s.Model.Eval(str, s.Path)
					if strings.HasPrefix(t, name+"=") {
						return EnvValue{Value: t[len(name)+1:], Known: known, Span: str.Span, Where: "withEnv"}, true
					}
				}
			}
		}
	}
	// Declarative environment directives are applied around the stages, so
	// they win over an `env.NAME = …` assignment in a script block.
	entry := func(e *parser.EnvEntry) (EnvValue, bool) {
		v, known := s.Model.Eval(e.Value, s.Path)
		return EnvValue{Value: v, Known: known, Span: e.Span, Where: "environment"}, true
	}
	for i := len(s.Stages) - 1; i >= 0; i-- {
		st := s.Stages[i]
		if e := st.Environment.Lookup(name); e != nil {
			return entry(e)
		}
		if mx := s.Model.matrix[st]; mx != nil {
			if e := mx.Environment.Lookup(name); e != nil {
				return entry(e)
			}
		}
	}
	if s.Pipeline != nil {
		if e := s.Pipeline.Environment.Lookup(name); e != nil {
			return entry(e)
		}
	}
	if v, ok := s.envAssign(name); ok {
		return v, true
	}
	return EnvValue{}, false
}

// Agent returns the declarative agent in effect: the innermost stage's (or
// matrix's) agent, else the pipeline's; nil outside declarative pipelines.
func (s *Scope) Agent() *parser.Agent {
	for i := len(s.Stages) - 1; i >= 0; i-- {
		if ag := s.Stages[i].Agent; ag != nil {
			return ag
		}
		if mx := s.Model.matrix[s.Stages[i]]; mx != nil && mx.Agent != nil {
			return mx.Agent
		}
	}
	if s.Pipeline != nil {
		return s.Pipeline.Agent
	}
	return nil
}

// SingleUseAgent reports whether the steps run on an agent made for this
// build alone, a Kubernetes pod, whose home directory no other build shares.
func (s *Scope) SingleUseAgent() bool {
	ag := s.Agent()
	return ag != nil && ag.Kind == "kubernetes"
}

// CustomWorkspace reports whether the agent in effect uses a custom
// workspace, which may be shared between builds.
func (s *Scope) CustomWorkspace() bool {
	if ag := s.Agent(); ag != nil && ag.Option("customWorkspace") != nil {
		return true
	}
	return s.Within("ws") != nil
}

// Levels returns the places whose post blocks run after the scope's steps:
// the enclosing stages innermost first, then the pipeline (Stage nil).
func (s *Scope) Levels() []PostPlace {
	var out []PostPlace
	for i := len(s.Stages) - 1; i >= 0; i-- {
		out = append(out, PostPlace{Pipeline: s.Pipeline, Stage: s.Stages[i]})
	}
	if s.Pipeline != nil {
		out = append(out, PostPlace{Pipeline: s.Pipeline})
	}
	return out
}

// Branch returns the parallel block (or nil) and the branch stage of the
// innermost parallel or matrix enclosing the scope.
func (s *Scope) Branch() (*parser.Stage, bool) {
	for i := len(s.Stages) - 1; i >= 0; i-- {
		if s.Model.branch[s.Stages[i]] != nil || s.Model.matrix[s.Stages[i]] != nil {
			return s.Stages[i], true
		}
	}
	return nil, false
}

// Siblings returns the other branches of the parallel block that st is a
// branch of.
func (m *Model) Siblings(st *parser.Stage) []*parser.Stage {
	var out []*parser.Stage
	if ss := m.branch[st]; ss != nil {
		for _, o := range ss.Stages {
			if o != st {
				out = append(out, o)
			}
		}
	}
	return out
}

// InMatrix reports whether st is a stage of a matrix.
func (m *Model) InMatrix(st *parser.Stage) bool { return m.matrix[st] != nil }

// NormString writes a Groovy string with its references as `$X`.
func NormString(s *parser.String) string {
	var b strings.Builder
	for _, p := range s.Parts {
		if p.IsInterpolation() {
			b.WriteString(groovyRef(p))
		} else {
			b.WriteString(normShellVars(p.Value))
		}
	}
	return b.String()
}

// ConfigFor returns the value a variable such as DOCKER_CONFIG has for a
// command: its prefix assignment, an earlier exported assignment in the same
// script (or a plain one of a variable the environment already has), then
// the Groovy scope. A wrapper that resets the environment (sudo) hides what
// was set outside it. ok is false when nothing sets it.
func ConfigFor(sc *Scope, c *Command, name string) (EnvValue, bool) {
	return configFor(sc, c, name, true)
}

// ShellValue is ConfigFor for a variable the script itself expands
// (`--config "$DIR"`, `docker login "$REGISTRY"`): any earlier assignment
// counts, exported or not, and sudo does not matter.
func ShellValue(sc *Scope, c *Command, name string) (EnvValue, bool) {
	return configFor(sc, c, name, false)
}

func configFor(sc *Scope, c *Command, name string, env bool) (EnvValue, bool) {
	script := func(a *ShellAssign) (EnvValue, bool) {
		v := EnvValue{Value: a.Value.Norm, Known: true, Span: c.Step.Span(a.Start, a.End), Where: "script"}
		// A value the script computes (`$(dirname "$SECRET_FILE")`) is set
		// on purpose: unknown, unless it is a mktemp.
		if strings.Contains(v.Value, "$(") || strings.Contains(v.Value, "`") {
			v.Known = strings.Contains(v.Value, "mktemp")
		}
		// `sudo DOCKER_CONFIG="$DOCKER_CONFIG" docker …` passes on the value
		// the variable has around the command.
		if a.Value.Norm == "$"+name {
			if outer, ok := sc.Env(name); ok {
				return outer, true
			}
		}
		return v, true
	}
	for i := len(c.Assigns) - 1; i >= 0; i-- {
		if a := c.Assigns[i]; a.Name == name && a.Value != nil {
			return script(a)
		}
	}
	reaches := func(a *ShellAssign) bool {
		if a.In == nil {
			return !env || c.Keeps(name)
		}
		for _, v := range c.Via {
			if v.Start == a.In.Start && v.End == a.In.End {
				return true
			}
		}
		return false
	}
	var last *ShellAssign
	exported := false
	for _, a := range c.Step.Assigns {
		if a.Name != name || a.End > c.Start || !reaches(a) {
			continue
		}
		if a.Exported {
			exported = true
		}
		if a.Value != nil {
			last = a
		}
	}
	outer, set := sc.Env(name)
	if env && !c.Keeps(name) {
		set = false
	}
	if last != nil && (!env || exported || set) {
		return script(last)
	}
	return outer, set
}

// envAssign finds the last Groovy `env.NAME = value` statement that runs
// before the scope's node: earlier in the same block, an enclosing one, or
// an earlier stage or block of the same pipeline (env holds for the rest of
// the build). Only assignments in the same method count.
func (s *Scope) envAssign(name string) (EnvValue, bool) {
	if len(s.Path) == 0 {
		return EnvValue{}, false
	}
	before := s.Path[len(s.Path)-1].Pos().Start
	sets := s.Model.envSets()[name]
	// The assignments are in source order: look back from the last one
	// that ends before the node.
	k := sort.Search(len(sets), func(i int) bool { return sets[i].stmt.End > before })
	method := enclosingMethod(s.Path)
	for i := k - 1; i >= 0; i-- {
		e := sets[i]
		if enclosingMethod(e.path) != method || s.Pipeline != nil && !s.Pipeline.Call.Span.Contains(e.stmt) {
			continue
		}
		v, known := s.Model.Eval(e.value, e.path)
		return EnvValue{Value: v, Known: known, Span: e.stmt, Where: "env"}, true
	}
	return EnvValue{}, false
}
