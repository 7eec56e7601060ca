package rules

import (
	"regexp"
	"strings"

	"jfcheck/execution"
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
	if arg := textArg(c); arg != nil {
		return concatStrings(arg.Value)
	}
	return nil
}

// concatStrings returns the string literals of e, looking through
// parentheses and + concatenation.
func concatStrings(e parser.Expr) []*parser.String { return execution.ConcatStrings(e) }

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

// credKind tells what a credential variable holds.
type credKind int

const (
	// credPath is the path of a file or directory that holds the secret:
	// file(), zip(), dockerCert(), sshUserPrivateKey's keyFileVariable and
	// certificate's keystoreVariable.
	credPath credKind = iota + 1
	// credUser is a name that identifies the credential without being
	// secret: a user name, a key alias, an AWS access key id.
	credUser
	// credSecret is the secret itself.
	credSecret
)

// credVar is a variable bound to a credential.
type credVar struct {
	Name string
	Kind credKind
	// Span names the variable where it is bound; empty for configured names.
	Span parser.Span
	// Binding is the span of the whole binding (the withCredentials entry
	// or the environment entry), which groups the variables of one credential.
	Binding parser.Span
}

// pathBindings bind their variable to a file or directory path.
var pathBindings = map[string]bool{
	"file": true, "FileBinding": true,
	"zip": true, "ZipFileBinding": true,
	"dockerCert": true, "DockerServerCredentialsBinding": true,
	"kubeconfigFile": true, "KubeconfigFileBinding": true,
}

// userVariables name the arguments whose variable holds an identifier, not
// a secret.
var userVariables = map[string]bool{
	"usernameVariable": true, "aliasVariable": true, "accessKeyVariable": true,
	"clientIdVariable": true, "subscriptionIdVariable": true, "tenantIdVariable": true,
}

// kindOf tells what the variable named by argument arg of a binding of kind
// kind holds.
func kindOf(kind, arg string) credKind {
	switch {
	case arg == "keyFileVariable" || arg == "keystoreVariable":
		return credPath
	case arg == "variable" && pathBindings[kind]:
		return credPath
	case userVariables[arg]:
		return credUser
	}
	return credSecret
}

// pathLikeEnvName matches environment names that by convention hold a file's
// path: a secret file bound with credentials('id') is such a path.
var pathLikeEnvName = regexp.MustCompile(`(?i)(^|_)(FILE|PATH|DIR|KUBECONFIG|KEYFILE|KEYSTORE|TRUSTSTORE)(_|$)|^GOOGLE_APPLICATION_CREDENTIALS$`)

// pathLikeCredentialID matches credential ids that name a secret file.
var pathLikeCredentialID = regexp.MustCompile(`(?i)(\.(json|ya?ml|pem|p12|pfx|jks|key|crt|conf|cfg|properties|env|txt|gpg|asc|kubeconfig)$|kubeconfig|(^|[-_.])(file|secret-file)([-_.]|$))`)

// envCredentials returns the credential variables an environment block binds
// with credentials('id'): the variable, and its _USR and _PSW variants. A
// name or id that speaks of a file (KUBECONFIG, *_FILE, 'gcp-key.json')
// holds a secret file's path.
func envCredentials(env *parser.Environment) []credVar {
	if env == nil {
		return nil
	}
	var out []credVar
	for _, e := range env.Entries {
		c, ok := e.Value.(*parser.Call)
		if !ok || c.Name() != "credentials" || c.Receiver() != nil {
			continue
		}
		kind := credSecret
		id := ""
		if ps := c.Positional(); len(ps) > 0 {
			if s, ok := ps[0].Value.(*parser.String); ok {
				id, _ = s.Literal()
			}
		}
		if pathLikeEnvName.MatchString(e.Name) || (id != "" && pathLikeCredentialID.MatchString(id)) {
			kind = credPath
		}
		out = append(out, credVar{Name: e.Name, Kind: kind, Span: e.NameSpan, Binding: e.Span})
		if kind != credPath {
			out = append(out,
				credVar{Name: e.Name + "_USR", Kind: credUser, Span: e.NameSpan, Binding: e.Span},
				credVar{Name: e.Name + "_PSW", Kind: credSecret, Span: e.NameSpan, Binding: e.Span})
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

// vars returns the variables the binding fills: every `*Variable` argument
// (Jenkins masks user names, secret files' paths and key aliases too), and
// the AWS binding's default names when it gives none, each with what it
// holds.
func (b binding) vars() []credVar {
	var out []credVar
	for _, arg := range b.args {
		if !strings.HasSuffix(arg.Name, "Variable") && arg.Name != "variable" {
			continue
		}
		if s, ok := arg.Value.(*parser.String); ok {
			if v, ok := s.Literal(); ok && v != "" {
				out = append(out, credVar{Name: v, Kind: kindOf(b.kind, arg.Name), Span: s.Span, Binding: b.span})
			}
		}
	}
	if awsBindings[b.kind] {
		if !hasArg(b.args, "accessKeyVariable") {
			out = append(out, credVar{Name: "AWS_ACCESS_KEY_ID", Kind: credUser, Span: b.span, Binding: b.span})
		}
		if !hasArg(b.args, "secretKeyVariable") {
			out = append(out, credVar{Name: "AWS_SECRET_ACCESS_KEY", Kind: credSecret, Span: b.span, Binding: b.span})
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
