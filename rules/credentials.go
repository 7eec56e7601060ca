package rules

import (
	"strings"

	"jfcheck/parser"
)

// Helpers shared by the credential rules: which steps take script or
// message text, which names hold secrets, and what an interpolation names.

// shellSteps run their text argument as a script on the agent.
var shellSteps = map[string]bool{"sh": true, "bat": true, "powershell": true, "pwsh": true}

// isShellStep reports whether c is one of the shell steps.
func isShellStep(c *parser.Call) bool {
	return shellSteps[c.Name()] && c.Receiver() == nil
}

// textStrings returns the string literals that make up the text argument of
// a step that writes or runs text: the script of sh, bat, powershell and
// pwsh, the message of echo and error, and the text of writeFile. Strings
// joined with + are all returned. It returns nil for other calls.
func textStrings(c *parser.Call) []*parser.String {
	if c.Receiver() != nil {
		return nil
	}
	var arg *parser.Arg
	switch c.Name() {
	case "sh", "bat", "powershell", "pwsh":
		arg = c.Arg("script")
	case "echo", "error":
		arg = c.Arg("message")
	case "writeFile":
		arg = c.Arg("text")
	default:
		return nil
	}
	if arg == nil && c.Name() != "writeFile" {
		if ps := c.Positional(); len(ps) > 0 {
			arg = ps[0]
		}
	}
	if arg == nil {
		return nil
	}
	return concatStrings(arg.Value)
}

// concatStrings returns the string literals of e, looking through
// parentheses and + concatenation.
func concatStrings(e parser.Expr) []*parser.String {
	switch v := e.(type) {
	case *parser.String:
		return []*parser.String{v}
	case *parser.Paren:
		return concatStrings(v.X)
	case *parser.Binary:
		if v.Op == "+" {
			return append(concatStrings(v.X), concatStrings(v.Y)...)
		}
	}
	return nil
}

// interpolatedName returns the variable an interpolation reads: "X" for
// `$X`, `${X}`, `${env.X}` and `${env.X}` with surrounding whitespace, and
// with scope "env" for the env form. It returns "" for anything else.
func interpolatedName(e parser.Expr) (scope, name string) {
	switch v := e.(type) {
	case *parser.Ident:
		return "", v.Name
	case *parser.Select:
		if x, ok := v.X.(*parser.Ident); ok && v.Name != "" {
			return x.Name, v.Name
		}
	case *parser.Paren:
		return interpolatedName(v.X)
	}
	return "", ""
}

// secretNames returns the variables that hold secrets at node n, whose
// ancestors are path: the variables bound by enclosing withCredentials
// steps, the credentials() entries of the enclosing pipeline and stages'
// environment blocks (with their _USR and _PSW variants) and the names
// the configuration adds. The value of each name is the span that binds it,
// or an empty span for configured names.
func secretNames(p *Pass, n parser.Node, path []parser.Node) map[string]parser.Span {
	out := map[string]parser.Span{}
	if p.Config != nil {
		for _, name := range p.Config.CredentialVariables {
			out[name] = parser.Span{}
		}
	}
	span := n.Pos()
	addEnv := func(env *parser.Environment) {
		if env == nil {
			return
		}
		for _, e := range env.Entries {
			c, ok := e.Value.(*parser.Call)
			if !ok || c.Name() != "credentials" || c.Receiver() != nil {
				continue
			}
			out[e.Name] = e.NameSpan
			out[e.Name+"_USR"] = e.NameSpan
			out[e.Name+"_PSW"] = e.NameSpan
		}
	}
	for _, pl := range p.File.Pipelines {
		if !pl.Call.Span.Contains(span) {
			continue
		}
		addEnv(pl.Environment)
		for _, st := range pl.AllStages() {
			if st.Body == nil || !st.Body.Span.Contains(span) {
				continue
			}
			addEnv(st.Environment)
			if st.Matrix != nil {
				addEnv(st.Matrix.Environment)
			}
		}
	}
	for _, a := range path {
		c, ok := a.(*parser.Call)
		if !ok || c.Name() != "withCredentials" {
			continue
		}
		for _, b := range credentialBindings(c) {
			for name, sp := range b.secrets() {
				out[name] = sp
			}
		}
	}
	return out
}

// binding is one binding of a withCredentials step: its kind (the call's
// name, or the $class of the map form) and its arguments.
type binding struct {
	kind string
	args []*parser.Arg
	span parser.Span
}

// awsBindings default their variables to the names the AWS tools read.
var awsBindings = map[string]bool{"aws": true, "AmazonWebServicesCredentialsBinding": true}

// secrets returns the variables the binding fills, with the span that names
// each: every `*Variable` argument (Jenkins masks user names, secret files'
// paths and key aliases too), and the AWS binding's default names when it
// gives none.
func (b binding) secrets() map[string]parser.Span {
	out := map[string]parser.Span{}
	for _, arg := range b.args {
		if !strings.HasSuffix(arg.Name, "Variable") && arg.Name != "variable" {
			continue
		}
		if s, ok := arg.Value.(*parser.String); ok {
			if v, ok := s.Literal(); ok && v != "" {
				out[v] = s.Span
			}
		}
	}
	if awsBindings[b.kind] {
		for arg, name := range map[string]string{"accessKeyVariable": "AWS_ACCESS_KEY_ID", "secretKeyVariable": "AWS_SECRET_ACCESS_KEY"} {
			if !hasArg(b.args, arg) {
				out[name] = b.span
			}
		}
	}
	return out
}

func hasArg(args []*parser.Arg, name string) bool {
	for _, a := range args {
		if a.Name == name {
			return true
		}
	}
	return false
}

// credentialBindings returns the bindings of a withCredentials step: the
// elements of its list argument or a single binding given alone, written as
// calls (`string(variable: 'T', ...)`) or as maps
// (`[$class: 'StringBinding', variable: 'T', ...]`).
func credentialBindings(c *parser.Call) []binding {
	var out []binding
	add := func(e parser.Expr) {
		switch v := e.(type) {
		case *parser.Call:
			out = append(out, binding{kind: v.Name(), args: v.Args, span: v.Span})
		case *parser.MapLit:
			b := binding{args: v.Entries, span: v.Span}
			for _, en := range v.Entries {
				if s, ok := en.Value.(*parser.String); ok && en.Name == "$class" {
					b.kind, _ = s.Literal()
				}
			}
			out = append(out, b)
		}
	}
	for _, a := range c.Positional() {
		if l, ok := a.Value.(*parser.ListLit); ok {
			for _, el := range l.Elems {
				add(el.Value)
			}
			continue
		}
		add(a.Value)
	}
	return out
}

// looksSecretName reports whether name looks like it holds a secret:
// PASSWORD, TOKEN, SECRET or a name ending in _PASSWORD, _PASS, _TOKEN,
// _SECRET or _PSW.
func looksSecretName(name string) bool {
	u := strings.ToUpper(name)
	switch u {
	case "PASSWORD", "TOKEN", "SECRET":
		return true
	}
	for _, suf := range []string{"_PASSWORD", "_PASS", "_TOKEN", "_SECRET", "_PSW"} {
		if strings.HasSuffix(u, suf) {
			return true
		}
	}
	return false
}
