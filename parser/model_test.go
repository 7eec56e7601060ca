package parser

import (
	"strings"
	"testing"
)

// parseOK parses src and fails the test on any syntax error.
func parseOK(t *testing.T, src string) *File {
	t.Helper()
	f, errs := Parse("test", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("%q:\n%s", src, formatErrors(f, errs))
	}
	checkPositions(t, "test", f)
	return f
}

// firstExpr returns the expression of the file's first statement.
func firstExpr(t *testing.T, f *File) Expr {
	t.Helper()
	if len(f.Body) == 0 {
		t.Fatal("no statements")
	}
	switch s := f.Body[0].(type) {
	case *ExprStmt:
		return s.X
	case *VarDecl:
		return s.Value
	}
	t.Fatalf("first statement is %T", f.Body[0])
	return nil
}

func text(f *File, n Node) string { s := n.Pos(); return string(f.Src[s.Start:s.End]) }

func TestGStringNestedInterpolation(t *testing.T) {
	f := parseOK(t, `x = "a${ [1].collect { "${it}" }.join(',') }b${y ? 'p' : "q${z}"}c$obj.field."`+"\n")
	s := firstExpr(t, f).(*Assign).RHS.(*String)
	if s.Kind != DoubleQuoted {
		t.Fatalf("kind %v", s.Kind)
	}
	var kinds []string
	for _, p := range s.Parts {
		if p.IsInterpolation() {
			kinds = append(kinds, "${"+text(f, p.Expr)+"}")
		} else {
			kinds = append(kinds, p.Value)
		}
	}
	want := []string{"a", `${[1].collect { "${it}" }.join(',')}`, "b", `${y ? 'p' : "q${z}"}`, "c", "${obj.field}", "."}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Fatalf("parts:\n got %q\nwant %q", kinds, want)
	}
	// `$obj.field` is a property path, as Groovy reads it.
	if sel, ok := s.Parts[5].Expr.(*Select); !ok || sel.Name != "field" {
		t.Fatalf("$obj.field: %#v", s.Parts[5].Expr)
	}
	// `"${map['key']}"` and a closure with braces inside the interpolation.
	parseOK(t, `echo "${map['key']} ${ {-> 1}() } ${list.findAll { it > 1 }.size()}"`+"\n")
}

func TestStringKindsAndEscapes(t *testing.T) {
	cases := []struct {
		src   string
		kind  StringKind
		value string
	}{
		{`x = 'it\'s'`, SingleQuoted, "it's"},
		{`x = "say \"hi\""`, DoubleQuoted, `say "hi"`},
		{`x = "\$NOT_INTERPOLATED"`, DoubleQuoted, "$NOT_INTERPOLATED"},
		{`x = '\\'`, SingleQuoted, `\`},
		{`x = "\u00e9t\u00e9"`, DoubleQuoted, "été"},
		{"x = '''a\n'b'\n'''", TripleSingleQuoted, "a\n'b'\n"},
		{"x = \"\"\"a \"q\" \"\"b\n\"\"\"", TripleDoubleQuoted, "a \"q\" \"\"b\n"},
		{`x = ~/^v\d+$/`, Slashy, `^v\d+$`},
		{`x = $/a/b$/c$$d\e/$`, DollarSlashy, `a/b/c$d\e`},
		{`x = "line\` + "\n" + `continued"`, DoubleQuoted, "linecontinued"},
	}
	for _, c := range cases {
		f := parseOK(t, c.src+"\n")
		e := firstExpr(t, f).(*Assign).RHS
		if u, ok := e.(*Unary); ok {
			e = u.X
		}
		s, ok := e.(*String)
		if !ok {
			t.Errorf("%s: %T, not a string", c.src, e)
			continue
		}
		v, lit := s.Literal()
		if s.Kind != c.kind || !lit || v != c.value {
			t.Errorf("%s: got %v %q (literal %v), want %v %q", c.src, s.Kind, v, lit, c.kind, c.value)
		}
	}
}

func TestSlashyVersusDivision(t *testing.T) {
	f := parseOK(t, "x = a / b / c\ny = (a) / 2\nz = s =~ /re/\nw = s ==~ /^x$/\nv = [/a/, /b/]\nu = f(/x/)\n")
	div := f.Body[0].(*ExprStmt).X.(*Assign).RHS.(*Binary)
	if div.Op != "/" || div.X.(*Binary).Op != "/" {
		t.Fatalf("a / b / c: %#v", div)
	}
	if f.Body[1].(*ExprStmt).X.(*Assign).RHS.(*Binary).Op != "/" {
		t.Fatal("(a) / 2 is a division")
	}
	for i := 2; i < 4; i++ {
		b := f.Body[i].(*ExprStmt).X.(*Assign).RHS.(*Binary)
		if s, ok := b.Y.(*String); !ok || s.Kind != Slashy {
			t.Errorf("statement %d: right side %T is not a slashy string", i, b.Y)
		}
	}
	l := f.Body[4].(*ExprStmt).X.(*Assign).RHS.(*ListLit)
	if l.Elems[0].Value.(*String).Kind != Slashy {
		t.Error("[/a/, /b/] holds slashy strings")
	}
}

func TestNewlines(t *testing.T) {
	f := parseOK(t, `def x = foo(
    1,
    2
)
def y = [
    a: 1,
]
def z = list
    .findAll { it }
    ?.collect { it * 2 }
if (a) {
    b()
}
else if (c) {
    d()
}
// a comment between the brace and else
else {
    e()
}
try {
    f()
}
catch (Exception err) {
    g()
}
finally {
    h()
}
def t = a &&
    b
def u = cond
    ? 1
    : 2
`)
	if len(f.Body) != 7 {
		for _, s := range f.Body {
			t.Logf("%T %q", s, text(f, s))
		}
		t.Fatalf("want 7 statements, got %d", len(f.Body))
	}
	z := f.Body[2].(*VarDecl).Value.(*Call)
	if z.Name() != "collect" || z.Fun.(*Select).Op != "?." {
		t.Fatalf("chained call over lines: %#v", z)
	}
	ifs := f.Body[3].(*IfStmt)
	if _, ok := ifs.Else.(*IfStmt).Else.(*BlockStmt); !ok {
		t.Fatal("else if ... else")
	}
	tr := f.Body[4].(*TryStmt)
	if len(tr.Catches) != 1 || tr.Catches[0].Name != "err" || tr.Finally == nil {
		t.Fatal("try/catch/finally over lines")
	}
}

func TestCommandExpressions(t *testing.T) {
	f := parseOK(t, `sh 'make'
git url: 'https://h/r.git', branch: 'main', credentialsId: 'c'
checkout scm
echo "built ${VERSION}"
sh script: 'x', returnStatus: true
def out = sh script: 'git rev-parse HEAD', returnStdout: true
x = sh 'date'
String s = 'typed'
foo bar
dir('sub') { sh 'ls' }
`)
	call := func(i int) *Call {
		t.Helper()
		switch s := f.Body[i].(type) {
		case *ExprStmt:
			if a, ok := s.X.(*Assign); ok {
				return a.RHS.(*Call)
			}
			return s.X.(*Call)
		case *VarDecl:
			return s.Value.(*Call)
		}
		t.Fatalf("statement %d is %T", i, f.Body[i])
		return nil
	}
	if c := call(0); c.Name() != "sh" || !c.Command || c.Parens || len(c.Args) != 1 {
		t.Errorf("sh 'make': %+v", c)
	}
	if c := call(1); c.Arg("branch") == nil || c.Arg("credentialsId") == nil || len(c.Args) != 3 {
		t.Errorf("git with named arguments: %+v", c)
	}
	if c := call(2); c.Name() != "checkout" || c.Args[0].Value.(*Ident).Name != "scm" {
		t.Errorf("checkout scm: %+v", c)
	}
	if c := call(5); c.Name() != "sh" || c.Arg("returnStdout") == nil {
		t.Errorf("def out = sh script: ...: %+v", c)
	}
	if c := call(6); c.Name() != "sh" {
		t.Errorf("x = sh 'date': %+v", c)
	}
	if v, ok := f.Body[7].(*VarDecl); !ok || v.Type != "String" || v.Name != "s" {
		t.Errorf("String s = ...: %T", f.Body[7])
	}
	if c := call(8); c.Name() != "foo" || c.Args[0].Value.(*Ident).Name != "bar" {
		t.Errorf("foo bar is a command: %+v", c)
	}
	if c := call(9); c.Name() != "dir" || !c.Parens || c.Closure == nil || len(c.Closure.Body.Stmts) != 1 {
		t.Errorf("dir('sub') { }: %+v", c)
	}
}

func TestClosuresMapsLists(t *testing.T) {
	f := parseOK(t, `a = { -> x }
b = { k, v -> k + v }
c = { it.trim() }
d = { String s, int n = 1 -> s * n }
m = [a: 1, 'b c': 2, (k): v, "${x}": 3]
e = [:]
l = []
n = [1, 2, *rest]
stages.collectEntries { [(it): { -> build(it) }] }
`)
	rhs := func(i int) Expr { return f.Body[i].(*ExprStmt).X.(*Assign).RHS }
	if cl := rhs(0).(*Closure); !cl.HasArrow || len(cl.Params) != 0 {
		t.Error("{ -> x }")
	}
	if cl := rhs(1).(*Closure); len(cl.Params) != 2 || cl.Params[1].Name != "v" {
		t.Error("{ k, v -> }")
	}
	if cl := rhs(2).(*Closure); cl.HasArrow || len(cl.Body.Stmts) != 1 {
		t.Error("{ it.trim() }")
	}
	if cl := rhs(3).(*Closure); len(cl.Params) != 2 || cl.Params[0].Type != "String" || cl.Params[1].Default == nil {
		t.Error("typed closure parameters")
	}
	m := rhs(4).(*MapLit)
	if len(m.Entries) != 4 || m.Entries[0].Name != "a" || m.Entries[1].Name != "b c" || !m.Entries[2].NamedExpr || !m.Entries[3].NamedExpr {
		t.Errorf("map entries: %+v", m.Entries)
	}
	if len(rhs(5).(*MapLit).Entries) != 0 || len(rhs(6).(*ListLit).Elems) != 0 {
		t.Error("[:] and []")
	}
	if l := rhs(7).(*ListLit); len(l.Elems) != 3 || !l.Elems[2].Spread {
		t.Error("spread in a list")
	}
}

// TestArguments checks the arguments of calls, which the grammar writes out
// in argumentList: positional, named, spread and spread-named, with and
// without parentheses, and their spans.
func TestArguments(t *testing.T) {
	src := "f(a, *rest, k: 1, *:opts)\ng x, *ys\nh(\n  *[1, 2],\n  'v'\n)\n"
	f := parseOK(t, src)
	call := func(i int) *Call { return f.Body[i].(*ExprStmt).X.(*Call) }
	text := func(a *Arg) string { return src[a.Span.Start:a.Span.End] }
	args := call(0).Args
	if len(args) != 4 || args[0].Spread || !args[1].Spread || args[2].Name != "k" || !args[3].Spread {
		t.Fatalf("f(...): %+v", args)
	}
	if text(args[1]) != "*rest" || text(args[2]) != "k: 1" || text(args[3]) != "*:opts" {
		t.Errorf("f(...) spans: %q %q %q", text(args[1]), text(args[2]), text(args[3]))
	}
	if args := call(1).Args; len(args) != 2 || !args[1].Spread || text(args[1]) != "*ys" {
		t.Errorf("g x, *ys: %+v", args)
	}
	if args := call(2).Args; len(args) != 2 || !args[0].Spread || text(args[0]) != "*[1, 2]" || args[1].Spread {
		t.Errorf("h(...): %+v", args)
	}
	// An empty argument outside parentheses is an error, a spread after a
	// comma is not.
	if _, errs := Parse("x", []byte("g a, , b\n")); len(errs) != 1 || !strings.Contains(errs[0].Msg, "an argument is missing") {
		t.Errorf("g a, , b: %v", errs)
	}
	if _, errs := Parse("x", []byte("g a, *b, *c\n")); len(errs) != 0 {
		t.Errorf("g a, *b, *c: %v", errs)
	}
}

// TestPostfix checks postfix and prefix increments, which the builder reads
// from the expression's last and first children.
func TestPostfix(t *testing.T) {
	f := parseOK(t, "i++\nlist[0]--\n++j\nk = a.b++ + 1\n")
	x := func(i int) Expr { return f.Body[i].(*ExprStmt).X }
	if u, ok := x(0).(*Unary); !ok || u.Op != "++" || !u.Postfix {
		t.Errorf("i++: %#v", x(0))
	}
	if u, ok := x(1).(*Unary); !ok || u.Op != "--" || !u.Postfix {
		t.Errorf("list[0]--: %#v", x(1))
	} else if _, ok := u.X.(*Index); !ok {
		t.Errorf("list[0]--: %T under the --", u.X)
	}
	if u, ok := x(2).(*Unary); !ok || u.Op != "++" || u.Postfix {
		t.Errorf("++j: %#v", x(2))
	}
	sum := x(3).(*Assign).RHS.(*Binary)
	if u, ok := sum.X.(*Unary); !ok || u.Op != "++" || !u.Postfix {
		t.Errorf("a.b++ + 1: %#v", sum.X)
	}
}

func TestLibraryAndImports(t *testing.T) {
	f := parseOK(t, "@Library('pipeline-lib@v2') _\n@Library(['a', 'b@main']) import org.acme.Helper\nimport static java.lang.Math.max\nimport foo.Bar as Baz\nimport java.util.*\n")
	a := f.Body[0].(*AnnotatedStmt)
	if a.Annotations[0].Name != "Library" || a.Stmt != nil {
		t.Fatal("@Library(...) _")
	}
	if imp := f.Body[1].(*AnnotatedStmt).Stmt.(*ImportStmt); imp.Path != "org.acme.Helper" {
		t.Fatal("@Library import")
	}
	if imp := f.Body[2].(*ImportStmt); !imp.Static || imp.Path != "java.lang.Math.max" {
		t.Fatal("import static")
	}
	if imp := f.Body[3].(*ImportStmt); imp.Alias != "Baz" {
		t.Fatal("import as")
	}
	if imp := f.Body[4].(*ImportStmt); imp.Path != "java.util.*" {
		t.Fatal("import .*")
	}
}

func TestDeclarativeModel(t *testing.T) {
	f := parseOK(t, `pipeline {
    agent none
    environment { A = 'x'; C = credentials('id') }
    stages {
        stage('Build') { agent { docker { image 'maven:3'; registryCredentialsId 'c' } }
            steps { sh 'mvn -B verify' }
        } stage("Deploy ${env.TARGET}") {
            when { branch 'main' }
            parallel {
                stage('a') { steps { echo 'a' } }
                stage('b') { steps { echo 'b' } }
            }
            post { cleanup { deleteDir() } always { echo 'x' } }
        }
    }
    post { failure { echo 'f' } cleanup { echo 'c' } }
}
`)
	if len(f.Pipelines) != 1 {
		t.Fatal("no pipeline")
	}
	p := f.Pipelines[0]
	if p.Agent.Kind != "none" || len(p.Environment.Entries) != 2 || p.Environment.Lookup("C") == nil {
		t.Fatalf("agent/environment: %+v", p)
	}
	stages := p.AllStages()
	var names []string
	for _, s := range stages {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "Build,Deploy ${env.TARGET},a,b" {
		t.Fatalf("stages %q", names)
	}
	if stages[0].Agent.Kind != "docker" || stages[0].Agent.Option("registryCredentialsId") == nil {
		t.Fatal("stage docker agent")
	}
	if stages[1].When == nil || stages[1].Parallel == nil || len(stages[1].Post.Conditions) != 2 || stages[1].Post.Conditions[0].Name != "cleanup" {
		t.Fatal("stage sections in source order")
	}
	if p.Post.Conditions[1].Name != "cleanup" || p.Post.Condition("failure") == nil {
		t.Fatal("pipeline post conditions")
	}
	if b := p.Body; f.Src[b.Lbrace] != '{' || f.Src[b.Rbrace] != '}' {
		t.Fatal("pipeline braces")
	}
}

func TestSharedLibraryAndScripted(t *testing.T) {
	f := parseOK(t, `def call(Map config = [:]) {
    pipeline {
        agent any
        stages { stage('x') { steps { sh 'x' } } }
    }
}
timestamps {
    node('linux') {
        stage('x') {
            parallel a: { sh 'a' }, b: { sh 'b' }
        }
    }
}
`)
	if len(f.Pipelines) != 1 || len(f.Pipelines[0].AllStages()) != 1 {
		t.Fatal("pipeline inside def call()")
	}
	m := f.Body[0].(*MethodDecl)
	if m.Name != "call" || len(m.Params) != 1 || m.Params[0].Type != "Map" {
		t.Fatalf("method: %+v", m)
	}
	var steps int
	InspectStmts(f.Body, func(n Node) bool {
		if c, ok := n.(*Call); ok && c.Name() == "sh" {
			steps++
		}
		return true
	})
	if steps != 3 {
		t.Fatalf("found %d sh steps, want 3", steps)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	src := "\uFEFFpipeline {\r\n\tagent any\r\n}"
	f := parseOK(t, src)
	if !f.CRLF {
		t.Error("CRLF not detected")
	}
	a := f.Pipelines[0].Agent
	if p := f.Position(a.Call.Start); p.Line != 2 || p.Col != 2 {
		t.Errorf("agent at %d:%d, want 2:2", p.Line, p.Col)
	}
	if p := f.Position(f.Pipelines[0].Call.Start); p.Line != 1 || p.Col != 1 {
		t.Errorf("pipeline at %d:%d, want 1:1 (the BOM takes no column)", p.Line, p.Col)
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("a(", MaxDepth+10) + strings.Repeat(")", MaxDepth+10)
	_, errs := Parse("deep", []byte(deep))
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "nesting deeper than 500 levels") {
		t.Fatalf("deep nesting: %v", errs)
	}
	many := strings.Repeat("x = `\n", 50)
	_, errs = Parse("many", []byte(many))
	if len(errs) != MaxErrors+1 || !strings.Contains(errs[MaxErrors].Msg, "too many errors: 30 more not shown") {
		t.Fatalf("error limit: %d errors, last %v", len(errs), errs[len(errs)-1])
	}
}

func TestStringNamedCommand(t *testing.T) {
	f := parseOK(t, `pipeline {
    agent any
    tools { 'org.jenkinsci.plugins.docker.commons.tools.DockerTool' '18.09'; maven 'M3' }
    stages { stage('x') { steps { "echo" "hi ${x}" } } }
}
`)
	tools := f.Pipelines[0].Tools
	first := StmtCall(tools.Block.Stmts[0])
	if first == nil || !first.Command || len(first.Args) != 1 {
		t.Fatalf("'DockerTool' '18.09' is a command: %#v", tools.Block.Stmts[0])
	}
	if name, _ := first.Fun.(*String).Literal(); name != "org.jenkinsci.plugins.docker.commons.tools.DockerTool" {
		t.Fatalf("command name %q", name)
	}
}

func TestMoreStatements(t *testing.T) {
	f := parseOK(t, "def a, b\n(a, b) = [1, 2]\nsynchronized (this) { echo 'x' }\n")
	if m, ok := f.Body[2].(*MultiAssign); !ok || len(m.Names) != 2 {
		t.Fatalf("(a, b) = ...: %T", f.Body[2])
	}
	if b, ok := f.Body[3].(*BlockStmt); !ok || len(b.Stmts) != 1 {
		t.Fatalf("synchronized block: %T", f.Body[3])
	}
}

func TestErrorAtInsertedToken(t *testing.T) {
	f, errs := Parse("x", []byte("@Library('x')\necho 'hi'\n"))
	if got := formatErrors(f, errs); got != "2:6: unexpected string: expected end of file\n" {
		t.Fatalf("got %q", got)
	}
}

func TestRarerGroovy(t *testing.T) {
	parseOK(t, `def m = [1.5: 'a', 1e3: 'b', 2: 'c']
def <T> T first(List<T> l) { l[0] }
static <T> List<T> wrap(T x) { [x] }
class Box<T extends Comparable<T>> { T v }
def (String a, int b) = ['x', 1]
foo() { echo 'a' } { echo 'b' }
`)
}

func TestCommandChain(t *testing.T) {
	f := parseOK(t, "foo bar baz qux\nsh 'x'\n")
	c := firstExpr(t, f).(*Call)
	if c.Name() != "baz" || c.Args[0].Value.(*Ident).Name != "qux" {
		t.Fatalf("foo bar baz qux is foo(bar).baz(qux): %#v", c)
	}
	if inner := c.Receiver().(*Call); inner.Name() != "foo" {
		t.Fatalf("receiver %#v", inner)
	}
	if len(f.Body) != 2 {
		t.Fatalf("%d statements", len(f.Body))
	}
}

func TestInternalError(t *testing.T) {
	errs := []Error{{Msg: "unexpected '}'"}, {Msg: "internal error while parsing: boom", Internal: true}}
	if e := Internal(errs); e == nil || e.Msg != errs[1].Msg {
		t.Fatalf("Internal found %v", e)
	}
	if Internal(errs[:1]) != nil {
		t.Fatal("a syntax error is not internal")
	}
}
