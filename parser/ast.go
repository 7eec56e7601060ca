package parser

// The general tree: statements and expressions of the Groovy in a
// Jenkinsfile, each with its byte span. Declarative pipelines are described
// on top of it by the types in pipeline.go.

// A Node is anything with a span in the source.
type Node interface {
	Pos() Span
}

// Stmt is a statement.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// A Block is a brace-delimited list of statements: a block statement, a
// closure's body or a method's body. Lbrace and Rbrace are the byte offsets
// of its braces (Rbrace is -1 when the file ends before the block is closed).
type Block struct {
	Span
	Lbrace, Rbrace int
	Stmts          []Stmt
}

func (b *Block) Pos() Span { return b.Span }

// ---------------------------------------------------------------- statements

// ExprStmt is an expression used as a statement: most often a step call.
type ExprStmt struct {
	Span
	X Expr
}

// VarDecl declares one variable: `def x = 1`, `String s`, `final y`.
// `def a = 1, b = 2` yields two VarDecls sharing Modifiers and Type.
type VarDecl struct {
	Span
	Modifiers []string
	Type      string // "" when not given
	Name      string
	NameSpan  Span
	Value     Expr // nil when not initialised
}

// MultiAssign is `def (a, b) = expr`.
type MultiAssign struct {
	Span
	Names []string
	Value Expr
}

// MethodDecl is a method definition such as `def call(Map config = [:]) { }`.
type MethodDecl struct {
	Span
	Modifiers []string
	Type      string
	Name      string
	NameSpan  Span
	Params    []*Param
	Body      *Block // nil for an abstract method
}

// Param is a method or closure parameter.
type Param struct {
	Span
	Type    string
	Name    string
	Default Expr
}

// ClassDecl is a class, interface, trait or enum with its members.
type ClassDecl struct {
	Span
	Kind    string // "class", "interface", "trait", "enum"
	Name    string
	Members []Stmt
}

// ImportStmt is an import.
type ImportStmt struct {
	Span
	Path   string
	Static bool
	Alias  string
}

// AnnotatedStmt is `@Library('lib') _` or annotations on an import or a
// declaration.
type AnnotatedStmt struct {
	Span
	Annotations []*Annotation
	Stmt        Stmt // nil for `@Library(...) _`
}

// Annotation is `@Name(args)`.
type Annotation struct {
	Span
	Name string
	Args []Expr
}

// BlockStmt is a block used as a statement.
type BlockStmt struct {
	*Block
}

// IfStmt is if/else; Else is nil, another *IfStmt or any statement.
type IfStmt struct {
	Span
	Cond Expr
	Then Stmt
	Else Stmt
}

// ForStmt is any of Groovy's for loops. For `for (x in xs)` Var and Iter
// are set; for the classic form Init, Cond and Update.
type ForStmt struct {
	Span
	Var    string
	Iter   Expr
	Init   []Node
	Cond   Expr
	Update []Expr
	Body   Stmt
}

// WhileStmt is while or do-while.
type WhileStmt struct {
	Span
	Cond Expr
	Body Stmt
	Do   bool
}

// TryStmt is try/catch/finally.
type TryStmt struct {
	Span
	Body    *Block
	Catches []*CatchClause
	Finally *Block
}

// CatchClause is one catch of a try.
type CatchClause struct {
	Span
	Types []string
	Name  string
	Body  *Block
}

// SwitchStmt is a switch with its case groups in order.
type SwitchStmt struct {
	Span
	Tag   Expr
	Cases []*CaseClause
}

// CaseClause is a run of case labels and the statements that follow them.
// A nil entry in Values is `default`.
type CaseClause struct {
	Span
	Values []Expr
	Body   []Stmt
}

// ReturnStmt is `return x`.
type ReturnStmt struct {
	Span
	X Expr
}

// ThrowStmt is `throw x`.
type ThrowStmt struct {
	Span
	X Expr
}

// BranchStmt is break or continue.
type BranchStmt struct {
	Span
	Keyword string
	Label   string
}

// AssertStmt is `assert cond : message`.
type AssertStmt struct {
	Span
	Cond    Expr
	Message Expr
}

// LabeledStmt is `label: statement`.
type LabeledStmt struct {
	Span
	Label string
	Stmt  Stmt
}

// BadStmt stands for source the parser could not read.
type BadStmt struct {
	Span
}

// ---------------------------------------------------------------- expressions

// Ident is a name.
type Ident struct {
	Span
	Name string
}

// LiteralKind tells literals apart.
type LiteralKind int

const (
	IntLit LiteralKind = iota
	FloatLit
	BoolLit
	NullLit
)

// Literal is a number, true, false or null.
type Literal struct {
	Span
	Kind LiteralKind
	Raw  string
}

// StringKind is how a string was quoted.
type StringKind int

const (
	SingleQuoted       StringKind = iota // 'x'
	DoubleQuoted                         // "x"
	TripleSingleQuoted                   // '''x'''
	TripleDoubleQuoted                   // """x"""
	Slashy                               // /x/
	DollarSlashy                         // $/x/$
)

var stringKindNames = [...]string{"single-quoted", "double-quoted", "triple-single-quoted",
	"triple-double-quoted", "slashy", "dollar-slashy"}

func (k StringKind) String() string { return stringKindNames[k] }

// Interpolates reports whether strings of kind k are GStrings.
func (k StringKind) Interpolates() bool {
	return k != SingleQuoted && k != TripleSingleQuoted
}

// Quote returns the opening delimiter of kind k.
func (k StringKind) Quote() string {
	return [...]string{`'`, `"`, `'''`, `"""`, `/`, `$/`}[k]
}

// String is a string literal of any kind. Parts are its literal runs and
// interpolations in order; a string without interpolation has one literal
// part (or none when empty). Content is the span between the delimiters.
type String struct {
	Span
	Kind    StringKind
	Content Span
	Parts   []*StringPart
}

// StringPart is a run of literal text or one interpolation. For literal
// text, Raw is the source text and Value the text with escapes resolved.
// For `$name` and `$a.b`, Expr is an Ident or Select and Braces is false;
// for `${ expr }`, Braces is true and Expr is the expression (nil for
// `${}`; a closure body with statements is in Stmts).
type StringPart struct {
	Span
	Raw    string
	Value  string
	Expr   Expr
	Stmts  []Stmt
	Braces bool
}

// IsInterpolation reports whether p is an interpolation.
func (p *StringPart) IsInterpolation() bool { return p.Expr != nil || p.Braces }

// Literal returns the string's value when it has no interpolation.
func (s *String) Literal() (string, bool) {
	var v string
	for _, p := range s.Parts {
		if p.IsInterpolation() {
			return "", false
		}
		v += p.Value
	}
	return v, true
}

// Select is property access: `a.b`, `a?.b`, `a*.b`, `a.@b`, `a.&b`.
type Select struct {
	Span
	X        Expr
	Op       string // ".", "?.", "*.", ".@", ".&", "::"
	Name     string // "" when the member is a dynamic expression
	NameSpan Span
	Dynamic  Expr // `a."${b}"` or `a.(b)`
}

// Index is `x[i]`.
type Index struct {
	Span
	X    Expr
	Args []*Arg
}

// Call is a method call with or without parentheses, with or without a
// trailing closure: `sh 'make'`, `sh(script: 'x')`, `dir('a') { }`,
// `stage('x') { }`, `docker.image('a').inside { }`.
type Call struct {
	Span
	Fun     Expr // an Ident, a Select or any expression being called
	Args    []*Arg
	Closure *Closure // the trailing closure, outside the parentheses
	Parens  bool     // the arguments were in parentheses
	Command bool     // a command expression: arguments without parentheses
	Lparen  int      // offset of "(" or -1
	Rparen  int      // offset of ")" or -1
}

// Name returns the called method's name: "sh" for `sh 'x'`, "withRegistry"
// for `docker.withRegistry(...)`, "" when the callee is not a name.
func (c *Call) Name() string {
	switch f := c.Fun.(type) {
	case *Ident:
		return f.Name
	case *Select:
		return f.Name
	}
	return ""
}

// Receiver returns the expression a method is called on, or nil.
func (c *Call) Receiver() Expr {
	if s, ok := c.Fun.(*Select); ok {
		return s.X
	}
	return nil
}

// Arg returns the named argument called name, or nil.
func (c *Call) Arg(name string) *Arg {
	for _, a := range c.Args {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Positional returns the positional arguments in order.
func (c *Call) Positional() []*Arg {
	var out []*Arg
	for _, a := range c.Args {
		if a.Name == "" && !a.NamedExpr {
			out = append(out, a)
		}
	}
	return out
}

// Body returns the call's closure body: the trailing closure, or else a
// closure passed as the last positional argument. It returns nil when there
// is none.
func (c *Call) Body() *Closure {
	if c.Closure != nil {
		return c.Closure
	}
	if n := len(c.Args); n > 0 && c.Args[n-1].Name == "" {
		if cl, ok := c.Args[n-1].Value.(*Closure); ok {
			return cl
		}
	}
	return nil
}

// Arg is an argument, a list element or a map entry. Name is set for
// `name: value` with a plain key; NamedExpr marks a computed key such as
// `(k): v` or `"${k}": v`, kept in Key.
type Arg struct {
	Span
	Name      string
	NameSpan  Span
	NamedExpr bool
	Key       Expr
	Value     Expr
	Spread    bool // `*list` or `*:map`
}

// Closure is `{ params -> statements }`.
type Closure struct {
	Span
	Params   []*Param
	HasArrow bool
	Body     *Block
}

// ListLit is `[a, b]`.
type ListLit struct {
	Span
	Elems []*Arg
}

// MapLit is `[k: v]` or `[:]`.
type MapLit struct {
	Span
	Entries []*Arg
}

// Binary is a binary operation, including ranges, `in`, `=~` and `?:`.
type Binary struct {
	Span
	Op     string
	OpSpan Span
	X, Y   Expr
}

// Unary is a prefix or postfix operation; Postfix marks `x++`.
type Unary struct {
	Span
	Op      string
	X       Expr
	Postfix bool
}

// Ternary is `cond ? a : b`.
type Ternary struct {
	Span
	Cond, Then, Else Expr
}

// Assign is `x = y` and the compound assignments.
type Assign struct {
	Span
	Op  string
	LHS Expr
	RHS Expr
}

// TypeExpr is `x as T`, `x instanceof T`, `(T) x`.
type TypeExpr struct {
	Span
	Op   string // "as", "instanceof", "!instanceof", "cast"
	X    Expr
	Type string
}

// New is `new T(args) { }` or `new T[n]`.
type New struct {
	Span
	Type string
	Args []*Arg
}

// Paren is `(x)`.
type Paren struct {
	Span
	X Expr
}

// TypeName is a primitive type used as an expression (`int.class`).
type TypeName struct {
	Span
	Name string
}

// BadExpr stands for an expression the parser could not read.
type BadExpr struct {
	Span
}

func (s *ExprStmt) Pos() Span      { return s.Span }
func (s *VarDecl) Pos() Span       { return s.Span }
func (s *MultiAssign) Pos() Span   { return s.Span }
func (s *MethodDecl) Pos() Span    { return s.Span }
func (s *ClassDecl) Pos() Span     { return s.Span }
func (s *ImportStmt) Pos() Span    { return s.Span }
func (s *AnnotatedStmt) Pos() Span { return s.Span }
func (s *Annotation) Pos() Span    { return s.Span }
func (s *IfStmt) Pos() Span        { return s.Span }
func (s *ForStmt) Pos() Span       { return s.Span }
func (s *WhileStmt) Pos() Span     { return s.Span }
func (s *TryStmt) Pos() Span       { return s.Span }
func (s *CatchClause) Pos() Span   { return s.Span }
func (s *SwitchStmt) Pos() Span    { return s.Span }
func (s *CaseClause) Pos() Span    { return s.Span }
func (s *ReturnStmt) Pos() Span    { return s.Span }
func (s *ThrowStmt) Pos() Span     { return s.Span }
func (s *BranchStmt) Pos() Span    { return s.Span }
func (s *AssertStmt) Pos() Span    { return s.Span }
func (s *LabeledStmt) Pos() Span   { return s.Span }
func (s *BadStmt) Pos() Span       { return s.Span }
func (s *Param) Pos() Span         { return s.Span }
func (s *StringPart) Pos() Span    { return s.Span }
func (s *Arg) Pos() Span           { return s.Span }

func (*ExprStmt) stmtNode()      {}
func (*VarDecl) stmtNode()       {}
func (*MultiAssign) stmtNode()   {}
func (*MethodDecl) stmtNode()    {}
func (*ClassDecl) stmtNode()     {}
func (*ImportStmt) stmtNode()    {}
func (*AnnotatedStmt) stmtNode() {}
func (*BlockStmt) stmtNode()     {}
func (*IfStmt) stmtNode()        {}
func (*ForStmt) stmtNode()       {}
func (*WhileStmt) stmtNode()     {}
func (*TryStmt) stmtNode()       {}
func (*SwitchStmt) stmtNode()    {}
func (*ReturnStmt) stmtNode()    {}
func (*ThrowStmt) stmtNode()     {}
func (*BranchStmt) stmtNode()    {}
func (*AssertStmt) stmtNode()    {}
func (*LabeledStmt) stmtNode()   {}
func (*BadStmt) stmtNode()       {}

func (e *Ident) Pos() Span    { return e.Span }
func (e *Literal) Pos() Span  { return e.Span }
func (e *String) Pos() Span   { return e.Span }
func (e *Select) Pos() Span   { return e.Span }
func (e *Index) Pos() Span    { return e.Span }
func (e *Call) Pos() Span     { return e.Span }
func (e *Closure) Pos() Span  { return e.Span }
func (e *ListLit) Pos() Span  { return e.Span }
func (e *MapLit) Pos() Span   { return e.Span }
func (e *Binary) Pos() Span   { return e.Span }
func (e *Unary) Pos() Span    { return e.Span }
func (e *Ternary) Pos() Span  { return e.Span }
func (e *Assign) Pos() Span   { return e.Span }
func (e *TypeExpr) Pos() Span { return e.Span }
func (e *New) Pos() Span      { return e.Span }
func (e *Paren) Pos() Span    { return e.Span }
func (e *TypeName) Pos() Span { return e.Span }
func (e *BadExpr) Pos() Span  { return e.Span }

func (*Ident) exprNode()    {}
func (*Literal) exprNode()  {}
func (*String) exprNode()   {}
func (*Select) exprNode()   {}
func (*Index) exprNode()    {}
func (*Call) exprNode()     {}
func (*Closure) exprNode()  {}
func (*ListLit) exprNode()  {}
func (*MapLit) exprNode()   {}
func (*Binary) exprNode()   {}
func (*Unary) exprNode()    {}
func (*Ternary) exprNode()  {}
func (*Assign) exprNode()   {}
func (*TypeExpr) exprNode() {}
func (*New) exprNode()      {}
func (*Paren) exprNode()    {}
func (*TypeName) exprNode() {}
func (*BadExpr) exprNode()  {}

// Raw returns the source text of s as it appears inside node n's file;
// used where a string is named by its text rather than its value.
func (s *String) Raw(n Node) string {
	var out string
	for _, p := range s.Parts {
		out += p.Raw
	}
	return out
}
