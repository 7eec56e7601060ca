package rules

import (
	"fmt"
	"regexp"
	"strings"

	"jfcheck/parser"
)

// GroovySecretInterpolation reports credential variables that Groovy
// interpolates into a step's text, so the secret lands in the script file,
// the process list or the build log instead of staying in the environment.
var GroovySecretInterpolation = &Rule{
	ID:       "JF201",
	Name:     "groovy-secret-interpolation",
	Title:    "a credential is interpolated by groovy into a step's text",
	Severity: Error,
	Fixable:  true,
	Check:    checkGroovySecretInterpolation,
}

func checkGroovySecretInterpolation(p *Pass) {
	s := newSecretScan(p)
	// Method parameters, return values and env.X assignments take their
	// taint from anywhere in the file: when a walk learns something new, its
	// findings may be incomplete and the file is walked again (at most three
	// times; each walk only adds taint).
	for i := 0; i < 3; i++ {
		s.changed = false
		p.diags, p.seen = p.diags[:0], nil
		s.walk(true)
		if !s.changed {
			break
		}
	}
}

// taint says that an expression's value comes from a credential variable.
type taint struct {
	Kind credKind
	// Var is the credential variable the value comes from.
	Var credVar
	// Direct tells that the expression reads the variable itself from the
	// step's environment (`$PASS`, `${env.PASS}`), so the shell can expand
	// it instead.
	Direct bool
	// Via names the Groovy variable, parameter or method that carries the
	// value ("auth", "the contents of KEY_FILE"), with where it takes it.
	Via   string
	ViaAt parser.Span
}

func (t taint) stronger(u taint) bool { return t.Kind > u.Kind }

// secretScan follows credential values through one file.
type secretScan struct {
	p       *Pass
	config  []credVar
	envOf   map[*parser.Call][]credVar // pipeline and stage calls → their environment's credentials and options' bindings
	bound   map[*parser.Call][]credVar // withCredentials calls → their bindings' variables
	methods map[string]*parser.MethodDecl
	locals  map[*parser.MethodDecl]map[string]taint
	params  map[*parser.Param]taint
	returns map[*parser.MethodDecl]taint
	envSet  map[string]taint // env.X = <secret>
	changed bool             // the walk added a parameter, return value or env.X taint
}

func newSecretScan(p *Pass) *secretScan {
	s := &secretScan{
		p:       p,
		envOf:   map[*parser.Call][]credVar{},
		bound:   map[*parser.Call][]credVar{},
		methods: map[string]*parser.MethodDecl{},
		params:  map[*parser.Param]taint{},
		returns: map[*parser.MethodDecl]taint{},
		envSet:  map[string]taint{},
	}
	if p.Config != nil {
		for _, name := range p.Config.CredentialVariables {
			s.config = append(s.config, credVar{Name: name, Kind: credSecret})
		}
	}
	optionBindings := func(sec *parser.Section) []credVar {
		if sec == nil || sec.Block == nil {
			return nil
		}
		var out []credVar
		for _, st := range sec.Block.Stmts {
			if c := parser.StmtCall(st); c != nil && c.Name() == "withCredentials" && c.Receiver() == nil {
				out = append(out, withCredentialsVars(c)...)
			}
		}
		return out
	}
	for _, pl := range p.File.Pipelines {
		s.envOf[pl.Call] = append(envCredentials(pl.Environment), optionBindings(pl.Options)...)
		for _, st := range pl.AllStages() {
			vs := append(envCredentials(st.Environment), optionBindings(st.Options)...)
			if st.Matrix != nil {
				vs = append(vs, envCredentials(st.Matrix.Environment)...)
			}
			if len(vs) > 0 {
				s.envOf[st.Call] = vs
			}
		}
	}
	// Groovy declares methods at the top of a script or in a class.
	var declare func(stmts []parser.Stmt)
	declare = func(stmts []parser.Stmt) {
		for _, st := range stmts {
			switch v := st.(type) {
			case *parser.MethodDecl:
				if v.Body != nil {
					s.methods[v.Name] = v
				}
			case *parser.ClassDecl:
				declare(v.Members)
			case *parser.AnnotatedStmt:
				if v.Stmt != nil {
					declare([]parser.Stmt{v.Stmt})
				}
			}
		}
	}
	declare(p.File.Body)
	return s
}

func withCredentialsVars(c *parser.Call) []credVar {
	var out []credVar
	for _, b := range credentialBindings(c) {
		out = append(out, b.vars()...)
	}
	return out
}

// frame returns the innermost method declaration of path, or nil.
func frame(path []parser.Node) *parser.MethodDecl {
	for i := len(path) - 1; i >= 0; i-- {
		if m, ok := path[i].(*parser.MethodDecl); ok {
			return m
		}
	}
	return nil
}

// lookup returns what the name holds at a node whose ancestors are path:
// a parameter or local variable of the enclosing method or script, else a
// variable bound by an enclosing withCredentials, environment block or
// options block, else an environment variable the file sets to a secret or
// a configured name.
func (s *secretScan) lookup(name string, path []parser.Node) (taint, bool) {
	m := frame(path)
	if m != nil {
		for _, prm := range m.Params {
			if prm.Name == name {
				t, ok := s.params[prm]
				return t, ok
			}
		}
	}
	if t, ok := s.locals[m][name]; ok {
		return t, t.Kind != 0
	}
	if t, ok := s.envName(name, path); ok {
		return t, true
	}
	return taint{}, false
}

// envName looks name up among the environment variables that hold
// credentials at path.
func (s *secretScan) envName(name string, path []parser.Node) (taint, bool) {
	for i := len(path) - 1; i >= 0; i-- {
		c, ok := path[i].(*parser.Call)
		if !ok {
			continue
		}
		vs, ok := s.envOf[c]
		if !ok && c.Name() == "withCredentials" && c.Receiver() == nil {
			vs, ok = s.bound[c]
			if !ok {
				vs = withCredentialsVars(c)
				s.bound[c] = vs
			}
		}
		for _, v := range vs {
			if v.Name == name {
				return taint{Kind: v.Kind, Var: v, Direct: true}, true
			}
		}
	}
	if t, ok := s.envSet[name]; ok {
		return t, true
	}
	for _, v := range s.config {
		if v.Name == name {
			return taint{Kind: v.Kind, Var: v, Direct: true}, true
		}
	}
	return taint{}, false
}

// harmlessMembers return something about a string that is not the string:
// its length, whether it is empty, whether it matches.
var harmlessMembers = map[string]bool{
	"length": true, "size": true, "isEmpty": true, "empty": true, "equals": true, "contains": true,
	"startsWith": true, "endsWith": true, "matches": true, "hashCode": true, "compareTo": true,
	"indexOf": true, "lastIndexOf": true, "count": true, "asBoolean": true, "isBlank": true,
	"class": true, "getClass": true, "equalsIgnoreCase": true,
}

// taintOf tells whether e's value comes from a credential and which.
func (s *secretScan) taintOf(e parser.Expr, path []parser.Node) (taint, bool) {
	switch v := e.(type) {
	case *parser.Ident:
		return s.lookup(v.Name, path)
	case *parser.Paren:
		return s.taintOf(v.X, path)
	case *parser.TypeExpr:
		if v.Op == "as" || v.Op == "cast" {
			return s.taintOf(v.X, path)
		}
	case *parser.Select:
		if x, ok := v.X.(*parser.Ident); ok {
			switch x.Name {
			case "env":
				if t, ok := s.envName(v.Name, path); ok {
					return t, true
				}
				return taint{}, false
			case "params":
				return taint{}, false
			}
		}
		if harmlessMembers[v.Name] {
			return taint{}, false
		}
		if t, ok := s.taintOf(v.X, path); ok {
			t.Direct = false
			return t, true
		}
	case *parser.Index:
		if t, ok := s.taintOf(v.X, path); ok {
			t.Direct = false
			return t, true
		}
	case *parser.String:
		var best taint
		found := false
		for _, part := range v.Parts {
			if !part.IsInterpolation() || part.Expr == nil {
				continue
			}
			if t, ok := s.taintOf(part.Expr, path); ok && (!found || t.stronger(best)) {
				best, found = t, true
			}
		}
		if found {
			best.Direct = false
		}
		return best, found
	case *parser.Binary:
		switch v.Op {
		case "+", "?:":
			t1, ok1 := s.taintOf(v.X, path)
			t2, ok2 := s.taintOf(v.Y, path)
			if ok2 && (!ok1 || t2.stronger(t1)) {
				t1, ok1 = t2, true
			}
			t1.Direct = false
			return t1, ok1
		}
	case *parser.Ternary:
		t1, ok1 := s.taintOf(v.Then, path)
		t2, ok2 := s.taintOf(v.Else, path)
		if ok2 && (!ok1 || t2.stronger(t1)) {
			t1, ok1 = t2, true
		}
		t1.Direct = false
		return t1, ok1
	case *parser.Call:
		return s.callTaint(v, path)
	}
	return taint{}, false
}

// callTaint tells whether a call returns a credential's value: a method of
// a credential string (`PASS.trim()`, `"$U:$P".bytes.encodeBase64()`),
// readFile of a secret file's path, the output of a shell step that reads
// such a file, or a method of the file that returns a credential.
func (s *secretScan) callTaint(c *parser.Call, path []parser.Node) (taint, bool) {
	if recv := c.Receiver(); recv != nil {
		if id, ok := recv.(*parser.Ident); ok && (id.Name == "this" || id.Name == "steps") {
			recv = nil
		} else {
			if harmlessMembers[c.Name()] {
				return taint{}, false
			}
			t, ok := s.taintOf(recv, path)
			t.Direct = false
			return t, ok
		}
	}
	switch c.Name() {
	case "readFile":
		a := c.Arg("file")
		if a == nil {
			if ps := c.Positional(); len(ps) > 0 {
				a = ps[0]
			}
		}
		if a != nil {
			if t, ok := s.taintOf(a.Value, path); ok && t.Kind == credPath {
				return taint{Kind: credSecret, Var: t.Var, Via: "the contents of " + t.Var.Name, ViaAt: c.Span}, true
			}
		}
		return taint{}, false
	case "sh", "bat", "powershell", "pwsh":
		a := c.Arg("returnStdout")
		if a == nil {
			return taint{}, false
		}
		if l, ok := a.Value.(*parser.Literal); !ok || l.Raw != "true" {
			return taint{}, false
		}
		for _, str := range textStrings(c) {
			for _, part := range str.Parts {
				if !part.IsInterpolation() || part.Expr == nil {
					continue
				}
				if t, ok := s.taintOf(part.Expr, path); ok && t.Kind == credPath && readsFile(str, part) {
					return taint{Kind: credSecret, Var: t.Var, Via: "the contents of " + t.Var.Name, ViaAt: c.Span}, true
				}
			}
		}
		return taint{}, false
	}
	if m, ok := s.methods[c.Name()]; ok {
		if t, ok := s.returns[m]; ok {
			t.Direct = false
			if t.Via == "" {
				t.Via, t.ViaAt = c.Name()+"()", m.NameSpan
			}
			return t, true
		}
	}
	return taint{}, false
}

// readsFile reports whether the interpolation part is the operand of a
// command that prints a file: `cat ${KEY_FILE}`, `base64 ${FILE}`.
func readsFile(s *parser.String, part *parser.StringPart) bool {
	var before string
	for _, p := range s.Parts {
		if p == part {
			break
		}
		if !p.IsInterpolation() {
			before += p.Value
		} else {
			before += "x"
		}
	}
	f := strings.Fields(redirectWords.Replace(before))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "cat", "base64", "head", "tail", "xxd", "od", "type", "Get-Content", "gc":
		return true
	}
	return false
}

// walk follows assignments, calls and returns through the file; with
// report it also reports the step texts that hold credential values.
func (s *secretScan) walk(report bool) {
	s.locals = map[*parser.MethodDecl]map[string]taint{}
	setLocal := func(path []parser.Node, name string, t taint, ok bool, at parser.Span) {
		m := frame(path)
		if s.locals[m] == nil {
			s.locals[m] = map[string]taint{}
		}
		if !ok {
			s.locals[m][name] = taint{} // a later plain value hides an earlier secret
			return
		}
		if t.Via == "" || t.Direct {
			t.Via, t.ViaAt = name, at
		}
		t.Direct = false
		s.locals[m][name] = t
	}
	s.p.File.WalkPath(func(n parser.Node, path []parser.Node) bool {
		switch v := n.(type) {
		case *parser.Literal, *parser.Ident, *parser.StringPart:
			return false // nothing below assigns, calls or returns
		case *parser.VarDecl:
			if v.Value != nil {
				t, ok := s.taintOf(v.Value, path)
				setLocal(path, v.Name, t, ok, v.NameSpan)
			}
		case *parser.Assign:
			switch l := v.LHS.(type) {
			case *parser.Ident:
				t, ok := s.taintOf(v.RHS, path)
				if v.Op == "=" || ok {
					setLocal(path, l.Name, t, ok, l.Span)
				}
			case *parser.Select:
				if x, isID := l.X.(*parser.Ident); isID && x.Name == "env" && l.Name != "" {
					if t, ok := s.taintOf(v.RHS, path); ok && t.Kind != credPath {
						if t.Via == "" || t.Direct {
							t.Via, t.ViaAt = "env."+l.Name, l.Span
						}
						t.Direct = false
						if old, had := s.envSet[l.Name]; !had || t.stronger(old) {
							s.envSet[l.Name], s.changed = t, true
						}
					}
				}
			}
		case *parser.ReturnStmt:
			if m := frame(path); m != nil && v.X != nil {
				s.setReturn(m, v.X, path)
			}
		case *parser.MethodDecl:
			if v.Body != nil && len(v.Body.Stmts) > 0 {
				if es, ok := v.Body.Stmts[len(v.Body.Stmts)-1].(*parser.ExprStmt); ok {
					s.setReturn(v, es.X, append(path, v, v.Body))
				}
			}
		case *parser.Call:
			if m, ok := s.methods[v.Name()]; ok && (v.Receiver() == nil || isThis(v.Receiver())) {
				for i, a := range v.Positional() {
					if i >= len(m.Params) {
						break
					}
					if t, ok := s.taintOf(a.Value, path); ok {
						if old, had := s.params[m.Params[i]]; !had || t.stronger(old) {
							t.Direct = false
							if t.Via == "" {
								t.Via, t.ViaAt = m.Params[i].Name, a.Span
							}
							s.params[m.Params[i]], s.changed = t, true
						}
					}
				}
			}
			if report {
				s.reportStep(v, path)
			}
		}
		return true
	})
}

func isThis(e parser.Expr) bool {
	id, ok := e.(*parser.Ident)
	return ok && (id.Name == "this" || id.Name == "steps")
}

func (s *secretScan) setReturn(m *parser.MethodDecl, x parser.Expr, path []parser.Node) {
	if t, ok := s.taintOf(x, path); ok {
		if old, had := s.returns[m]; !had || t.stronger(old) {
			s.returns[m], s.changed = t, true
		}
	}
}

// use is one place where a step's text takes a credential value.
type use struct {
	span parser.Span
	str  *parser.String     // the string holding the interpolation, or nil
	part *parser.StringPart // the interpolation, or nil for an operand of +
	t    taint
}

// reportStep reports the credential values in the text of c: one finding
// per credential (a binding, an environment entry), at its first use, with
// the other uses as related places.
func (s *secretScan) reportStep(c *parser.Call, path []parser.Node) {
	arg := textArg(c)
	if arg == nil {
		return
	}
	var uses []use
	var operands func(e parser.Expr)
	operands = func(e parser.Expr) {
		switch v := e.(type) {
		case *parser.Paren:
			operands(v.X)
			return
		case *parser.Binary:
			if v.Op == "+" {
				operands(v.X)
				operands(v.Y)
				return
			}
		case *parser.String:
			if !v.Kind.Interpolates() {
				return
			}
			for _, part := range v.Parts {
				if !part.IsInterpolation() || part.Expr == nil {
					continue
				}
				if t, ok := s.taintOf(part.Expr, path); ok && t.Kind != credPath {
					uses = append(uses, use{span: part.Span, str: v, part: part, t: t})
				}
			}
			return
		}
		if t, ok := s.taintOf(e, path); ok && t.Kind != credPath {
			uses = append(uses, use{span: e.Pos(), t: t})
		}
	}
	operands(arg.Value)
	if len(uses) == 0 {
		return
	}
	// One finding per credential, and apart the uses the fix can escape
	// and those it cannot, so that the fix covers a whole finding.
	type group struct {
		key     parser.Span
		name    string
		fixable bool
		uses    []use
	}
	var groups []*group
	for _, u := range uses {
		key, name := u.t.Var.Binding, u.t.Var.Name
		_, fixable := useFix(c.Name(), u)
		var g *group
		for _, h := range groups {
			if h.fixable == fixable && ((key.End > key.Start && h.key == key) || (key.End == key.Start && h.name == name)) {
				g = h
			}
		}
		if g == nil {
			g = &group{key: key, name: name, fixable: fixable}
			groups = append(groups, g)
		}
		g.uses = append(g.uses, u)
	}
	for _, g := range groups {
		s.reportGroup(c, g.uses)
	}
}

// shellSetVars are the variables a POSIX shell or bash sets itself when it
// starts, whatever the environment holds: a credential bound to one of
// these names never reaches the script as $NAME.
var shellSetVars = map[string]bool{
	"PWD": true, "OLDPWD": true, "PPID": true, "UID": true, "EUID": true, "GROUPS": true,
	"IFS": true, "OPTIND": true, "SHLVL": true, "RANDOM": true, "SECONDS": true, "LINENO": true,
	"BASHPID": true, "HOSTNAME": true, "_": true,
}

// useFix returns the edit that lets the shell expand the credential of u
// instead of Groovy, when there is one (see shellReference and
// quotedForShell).
func useFix(step string, u use) (Edit, bool) {
	if !shellSteps[step] || !u.t.Direct || u.part == nil || (u.str.Kind != parser.DoubleQuoted && u.str.Kind != parser.TripleDoubleQuoted) || quotedForShell(step, u.str, u.part) {
		return Edit{}, false
	}
	if step == "sh" && shellSetVars[u.t.Var.Name] {
		return Edit{}, false
	}
	return shellReference(step, u.part, u.t.Var.Name)
}

// textArg returns the argument holding the text of a step that writes or
// runs text (see textStrings), or nil.
func textArg(c *parser.Call) *parser.Arg {
	if c.Receiver() != nil && !isThis(c.Receiver()) {
		return nil
	}
	var arg *parser.Arg
	switch c.Name() {
	case "sh", "bat", "powershell", "pwsh":
		arg = c.Arg("script")
	case "echo", "error":
		arg = c.Arg("message")
	case "writeFile":
		return c.Arg("text")
	default:
		return nil
	}
	if arg == nil {
		if ps := c.Positional(); len(ps) > 0 {
			arg = ps[0]
		}
	}
	return arg
}

func (s *secretScan) reportGroup(c *parser.Call, uses []use) {
	step := c.Name()
	kind := credUser
	var names []string
	seen := map[string]bool{}
	for _, u := range uses {
		if u.t.Kind > kind {
			kind = u.t.Kind
		}
		n := u.t.Var.Name
		if u.t.Via != "" {
			n = u.t.Via + " (from " + u.t.Var.Name + ")"
		}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	what := "the secret " + strings.Join(names, " and ")
	if len(names) > 1 {
		what = "the credential values " + strings.Join(names, " and ")
	}
	if kind == credUser {
		what = "the credential user name " + strings.Join(names, " and ")
	}
	valueIs := "the value is"
	if len(names) > 1 {
		valueIs = "the values are"
	}
	var opts []func(*Diagnostic)
	var edits []Edit
	fixable := shellSteps[step]
	for i, u := range uses {
		if i > 0 {
			opts = append(opts, WithRelated(u.span, "the same credential is interpolated here too"))
		}
		if !fixable {
			continue
		}
		e, ok := useFix(step, u)
		if !ok {
			fixable = false
			continue
		}
		edits = append(edits, e)
	}
	v := uses[0].t
	if v.Var.Span.End > v.Var.Span.Start {
		opts = append(opts, WithRelated(v.Var.Span, fmt.Sprintf("%s is bound to a credential here", v.Var.Name)))
	}
	if v.ViaAt.End > v.ViaAt.Start {
		opts = append(opts, WithRelated(v.ViaAt, fmt.Sprintf("%s takes the value of %s here", strings.TrimSuffix(v.Via, "()"), v.Var.Name)))
	}
	shellSet := ""
	for _, u := range uses {
		if step == "sh" && shellSetVars[u.t.Var.Name] {
			shellSet = u.t.Var.Name
		}
	}
	var msg string
	switch {
	case shellSet != "":
		msg = fmt.Sprintf("groovy interpolates %s into the sh script, so %s written into the script file and shown in the process list; the shell sets $%s itself and would not read the credential by that name: bind the credential to another variable and let the shell expand that one", what, valueIs, shellSet)
	case step == "echo":
		msg = fmt.Sprintf("echo prints %s into the build log, which is kept with the build; Jenkins masks the bound value itself there but not a changed copy (trimmed, encoded, split): do not print credentials", what)
	case step == "error":
		msg = fmt.Sprintf("error puts %s into the failure message, which is written to the build log and kept with the build; Jenkins masks the bound value itself there but not a changed copy: leave the value out of the message", what)
	case step == "writeFile":
		msg = fmt.Sprintf("writeFile writes %s into a file in the workspace, where it stays after the credential's block ends for anyone who can read the workspace; bind a secret file with withCredentials([file(...)]) instead, or delete the file in a finally block", what)
	case kind == credUser && fixable:
		msg = fmt.Sprintf("groovy interpolates %s into the %s script, where it is written into the script file and shown in the process list (less harmful than a password, but part of the credential); escape the $ or use a single-quoted string so the shell expands it from the environment", what, step)
	case kind == credUser:
		msg = fmt.Sprintf("groovy interpolates %s into the %s script, where it is written into the script file and shown in the process list (less harmful than a password, but part of the credential); let the shell read it from the environment instead", what, step)
	case fixable:
		msg = fmt.Sprintf("groovy interpolates %s into the %s script, so %s written into the script file and shown in the process list; escape the $ or use a single-quoted string so the shell expands it from the environment", what, step, valueIs)
	default:
		msg = fmt.Sprintf("groovy interpolates %s into the %s script, so %s written into the script file and shown in the process list; let the shell read it from the environment instead", what, step, valueIs)
	}
	if kind == credUser || step == "echo" || step == "error" {
		opts = append(opts, WithSeverity(Warning))
	}
	if fixable && len(edits) > 0 {
		opts = append(opts, WithFix(Fix{
			Message: "escape the $ so the shell, not Groovy, expands the credential",
			Level:   Safe,
			Edits:   edits,
		}))
	}
	s.p.Report(uses[0].span, msg, opts...)
}

// shellReference returns the edit that makes a shell step read the secret
// name from its environment instead of having Groovy paste it in: for sh a
// backslash before the $ (`\${PASS}`, `\$PASS`; `${env.PASS}` becomes
// `\${PASS}` since the shell has no env.), for bat `%PASS%`, for
// powershell and pwsh `\${env:PASS}`. Interpolations of anything but the
// variable itself (`${PASS.trim()}`) get no edit.
func shellReference(step string, part *parser.StringPart, name string) (Edit, bool) {
	scope, n := interpolatedName(part.Expr)
	if n != name || (scope != "" && scope != "env") {
		return Edit{}, false
	}
	replace := func(text string) (Edit, bool) {
		return Edit{Start: part.Start, End: part.End, New: text}, true
	}
	switch step {
	case "sh":
		if scope == "" {
			return Edit{Start: part.Start, End: part.Start, New: `\`}, true
		}
		return replace(`\${` + name + `}`)
	case "bat":
		return replace("%" + name + "%")
	case "powershell", "pwsh":
		return replace(`\${env:` + name + `}`)
	}
	return Edit{}, false
}

// quotedForShell reports whether the shell would take the text at part
// literally: inside single quotes (sh, powershell and pwsh), also single
// quotes nested in `$( )` or backquotes inside double quotes, or in the body
// of a here-document whose delimiter is quoted (sh). Groovy pastes the value
// in either way, but a reference escaped for the shell would then stay a
// literal `$PASS`, so no fix is offered there.
func quotedForShell(step string, s *parser.String, part *parser.StringPart) bool {
	if step != "sh" && step != "powershell" && step != "pwsh" {
		return false
	}
	var before strings.Builder
	for _, p := range s.Parts {
		if p == part {
			break
		}
		if p.IsInterpolation() {
			before.WriteString("x") // a word character, whatever the value
		} else {
			before.WriteString(p.Value)
		}
	}
	text := before.String()
	const (
		plain  = iota // top level, or inside $( ) or backquotes
		single        // '...'
		double        // "..."
		subst         // $( ... )
		backq         // ` ... `
	)
	// stack holds the open contexts; the top decides how a character reads.
	stack := []int{plain}
	top := func() int { return stack[len(stack)-1] }
	push := func(c int) { stack = append(stack, c) }
	pop := func() {
		if len(stack) > 1 {
			stack = stack[:len(stack)-1]
		}
	}
	sh := step == "sh"
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch top() {
		case plain, subst, backq:
			switch {
			case c == '\\' && sh:
				i++
			case c == '\'':
				push(single)
			case c == '"':
				push(double)
			case c == '$' && i+1 < len(text) && text[i+1] == '(' && sh:
				push(subst)
				i++
			case c == '(' && top() == subst:
				push(subst) // a parenthesis inside $( ), closed by its own )
			case c == ')' && top() == subst:
				pop()
			case c == '`' && sh:
				if top() == backq {
					pop()
				} else {
					push(backq)
				}
			}
		case single:
			if c == '\'' {
				pop()
			}
		case double:
			switch {
			case c == '\\' && sh:
				i++
			case c == '"':
				pop()
			case c == '$' && i+1 < len(text) && text[i+1] == '(' && sh:
				push(subst)
				i++
			case c == '`' && sh:
				push(backq)
			}
		}
	}
	if top() == single {
		return true
	}
	return sh && inQuotedHeredoc(text)
}

var heredocRE = regexp.MustCompile(`<<(-?)[ \t]*(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|\\([A-Za-z_][A-Za-z0-9_]*))`)

// inQuotedHeredoc reports whether the end of text lies in the body of a
// here-document with a quoted delimiter (`<<'EOF'`, `<<"EOF"`, `<<\EOF`),
// whose body the shell does not expand.
func inQuotedHeredoc(text string) bool {
	if !strings.Contains(text, "<<") {
		return false
	}
	for _, m := range heredocRE.FindAllStringSubmatchIndex(text, -1) {
		delim := ""
		for _, g := range []int{4, 6, 8} {
			if m[g] >= 0 {
				delim = text[m[g]:m[g+1]]
			}
		}
		strip := m[3] > m[2] // <<- strips leading tabs
		nl := strings.IndexByte(text[m[1]:], '\n')
		if nl < 0 {
			continue // the body starts on a later line than text reaches
		}
		closed := false
		for _, line := range strings.Split(text[m[1]+nl+1:], "\n") {
			if strip {
				line = strings.TrimLeft(line, "\t")
			}
			if line == delim {
				closed = true
				break
			}
		}
		if !closed && strings.Contains(text[m[1]:], "\n") {
			return true
		}
	}
	return false
}

// redirectWords splits quotes off words and reads `< file` as `cat file`.
var redirectWords = strings.NewReplacer(`"`, " ", `'`, " ", "<", " cat ")
