package rules

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"jfcheck/parser"
)

// HardcodedRegistryCredentials reports passwords and tokens written into
// the Jenkinsfile itself: after `docker login -p`, as `user:password@` in a
// URL, or as a literal value of a secret-looking environment variable.
var HardcodedRegistryCredentials = &Rule{
	ID:       "JF203",
	Name:     "hardcoded-registry-credentials",
	Title:    "a password or token is written in the jenkinsfile",
	Severity: Error,
	Check:    checkHardcodedRegistryCredentials,
}

// urlUserinfo matches `scheme://user:password@`; group 1 is the password.
var urlUserinfo = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@'"]+:([^\s/@'"]+)@`)

func checkHardcodedRegistryCredentials(p *Pass) {
	src := p.File.Src
	const envMsg = "%s is set to a literal secret in the jenkinsfile; store it as a Jenkins credential and write %s = credentials('id')"
	p.File.Inspect(func(n parser.Node) bool {
		switch v := n.(type) {
		case *parser.Arg:
			if v.Name == "description" {
				return false // help text: `format https://user:password@host`
			}
		case *parser.Call:
			if isShellStep(v) {
				for _, s := range textStrings(v) {
					for _, sp := range dockerLoginPasswords(src, s) {
						p.Report(sp, "a registry password is written in the docker login command, where anyone who can read the repository, the build log or the process list sees it; bind it with withCredentials and pipe it to docker login --password-stdin")
					}
				}
			}
			for _, a := range v.Args {
				checkLiteralSecretEntry(p, a)
			}
		case *parser.MapLit:
			for _, a := range v.Entries {
				checkLiteralSecretEntry(p, a)
			}
		case *parser.VarDecl:
			// def registryPassword = 'Xk9#mQ2vLp'
			checkLiteralSecretValue(p, v.Name, v.Value)
		case *parser.Param:
			// def login(String password = 'Xk9#mQ2vLp')
			checkLiteralSecretValue(p, v.Name, v.Default)
		case *parser.Assign:
			// env.REGISTRY_PASSWORD = 's3cret'
			if sel, ok := v.LHS.(*parser.Select); ok && v.Op == "=" {
				if x, ok := sel.X.(*parser.Ident); ok && x.Name == "env" && looksSecretName(sel.Name) {
					if str, ok := v.RHS.(*parser.String); ok && literalSecret(str) {
						p.Report(str.Span, fmt.Sprintf(envMsg, sel.Name, sel.Name))
					}
				}
			}
		case *parser.String:
			raw := src[v.Content.Start:v.Content.End]
			if !bytes.Contains(raw, []byte("://")) || bytes.IndexByte(raw, '@') < 0 {
				return true // what urlUserinfo needs to match
			}
			content := string(raw)
			for _, m := range urlUserinfo.FindAllStringSubmatchIndex(content, -1) {
				pw := content[m[2]:m[3]]
				if strings.Contains(pw, "$") || placeholderSecret(pw) {
					continue
				}
				p.Report(parser.Span{Start: v.Content.Start + m[2], End: v.Content.Start + m[3]},
					"a password is written in this URL's user:password@ part; keep it in a Jenkins credential and pass it with withCredentials or a credential helper")
			}
		}
		return true
	})
	for _, pl := range p.File.Pipelines {
		checkLiteralSecretEnv(p, pl.Environment)
		for _, st := range pl.AllStages() {
			checkLiteralSecretEnv(p, st.Environment)
			if st.Matrix != nil {
				checkLiteralSecretEnv(p, st.Matrix.Environment)
			}
		}
	}
	// export REGISTRY_PASSWORD=s3cret in a shell step
	for _, st := range p.ShellSteps() {
		assigns := append([]*ShellAssign(nil), st.Assigns...)
		for _, c := range st.Commands {
			assigns = append(assigns, c.Assigns...) // DEPLOY_PASSWORD=s3cret ./deploy.sh
		}
		for _, a := range assigns {
			if !looksSecretName(a.Name) || a.Value == nil || !a.Value.Lit || placeholderSecret(a.Value.Text) || a.Value.Text == "" {
				continue
			}
			p.Report(st.Span(a.Value.Start, a.Value.End), fmt.Sprintf("%s is set to a literal secret in the script; bind it with withCredentials instead, which also masks it in the log", a.Name))
		}
	}
	checkCommentedSecrets(p)
}

// checkLiteralSecretEntry reports a map entry or named argument with a
// secret-looking key and a literal value: `[password: 's3cret']`.
func checkLiteralSecretEntry(p *Pass, a *parser.Arg) {
	if a.Name == "" || !looksSecretKey(a.Name) {
		return
	}
	if a.Name == "usernamePassword" || a.Name == "usernameColonPassword" {
		return // a credential type naming the credential id to use
	}
	checkLiteralSecretValue(p, a.Name, a.Value)
}

// checkLiteralSecretValue reports the literal value of a map entry, named
// argument, variable or parameter default with a secret-looking name. Names
// like secret and token often hold a Vault path or a credential id in
// library code, and tests give them made-up values, so only a value that
// looks like a password itself is reported.
func checkLiteralSecretValue(p *Pass, name string, value parser.Expr) {
	if name == "" || !looksSecretKey(name) {
		return
	}
	if s, ok := value.(*parser.String); ok && literalSecret(s) && realLookingSecret(literalOf(s)) {
		p.Report(s.Span, fmt.Sprintf("%s is given a literal secret in the jenkinsfile; store it as a Jenkins credential and bind it with withCredentials", name))
	}
}

func literalOf(s *parser.String) string {
	v, _ := s.Literal()
	return v
}

// looksSecretKey is looksSecretName for map keys and argument names, which
// are also written in camelCase: password, registryPassword, apiToken.
func looksSecretKey(name string) bool {
	if looksSecretName(name) {
		return true
	}
	last := name
	for i := len(name) - 1; i > 0; i-- {
		if name[i] >= 'A' && name[i] <= 'Z' {
			last = name[i:]
			break
		}
	}
	switch strings.ToLower(last) {
	case "password", "passwd", "token", "secret", "pwd":
		return true
	}
	return false
}

// literalSecret reports whether s is a literal that could be a secret: not
// empty, not a placeholder, not a Vault path or a URL, not a credential id.
func literalSecret(s *parser.String) bool {
	v, ok := s.Literal()
	if !ok || v == "" || placeholderSecret(v) {
		return false
	}
	return !strings.ContainsAny(v, "/ ") && !credentialIDLike.MatchString(v)
}

// credentialIDLike matches names of credentials or secrets rather than
// their values: lower-case words joined by - or _, one of them a word such
// as creds, credentials, secret, token or password (`dockerhub-creds`,
// `nexus_password`).
var credentialIDLike = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$|^[a-z0-9]+([-_.][a-z0-9]+)*[-_.](creds?|credentials?|secrets?|tokens?|passwords?|pass|pat|key|id|auth)([-_.][a-z0-9]+)*$|^(creds?|credentials?|secrets?|tokens?|passwords?)[-_.][a-z0-9]+([-_.][a-z0-9]+)*$`)

// placeholderRE matches texts that stand for a secret in examples and
// descriptions rather than being one.
var placeholderRE = regexp.MustCompile(`(?i)^((my|your|some|the|top)[-_]?)?(user[-_]?)?(password|passwd|pass|pwd|secret|token|apikey|api[-_]key)s?$|^x-oauth-basic$|^[x*.#-]+$|^<.*>$|^\{.*\}$|^\[.*\]$|^%[A-Za-z_]+%$|^(none|null|nil|undefined|changeit|dummy|example|test|xxx+)$`)

// placeholderSecret reports whether v is a placeholder, not a secret.
// Percent-escapes and symbols are looked through: `top%40Secret` and
// `pass-word` are placeholders too.
func placeholderSecret(v string) bool {
	v = strings.Trim(v, `"'`)
	if placeholderRE.MatchString(v) {
		return true
	}
	if u, err := url.PathUnescape(v); err == nil {
		v = u
	}
	letters := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v)
	return letters != "" && letters != v && placeholderRE.MatchString(letters)
}

// commentedSecret finds, in a comment, a docker login password, a URL's
// password or a secret-looking assignment with a literal value.
var commentedSecret = regexp.MustCompile(`(?:docker\s+login\b[^\n]*?\s(?:-p|--password)[ =]["']?|(?i:[A-Z_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|_PSW|_PASS))["']?\s*[:=]\s*["'])([^\s"'$,;)]+)`)

// checkCommentedSecrets reports secrets that real-looking in commented-out
// code: the comment hides the line from Groovy, not from readers of the
// repository and its history.
func checkCommentedSecrets(p *Pass) {
	for _, c := range p.File.Comments {
		if !mayHaveCommentedSecret(c.Text) {
			continue
		}
		for _, m := range commentedSecret.FindAllStringSubmatchIndex(c.Text, -1) {
			v := c.Text[m[2]:m[3]]
			if !realLookingSecret(v) {
				continue
			}
			off := strings.Index(string(p.File.Src[c.Start:c.End]), c.Text)
			if off < 0 {
				continue
			}
			start := c.Start + off + m[2]
			p.Report(parser.Span{Start: start, End: start + len(v)}, "a real-looking secret is written in this commented-out line; the comment hides it from Groovy, not from readers of the repository and its history: revoke it and delete the line")
		}
	}
	for _, s := range p.File.Comments {
		if !strings.Contains(s.Text, "://") || !strings.Contains(s.Text, "@") {
			continue // what urlUserinfo needs to match
		}
		for _, m := range urlUserinfo.FindAllStringSubmatchIndex(s.Text, -1) {
			v := s.Text[m[2]:m[3]]
			if !realLookingSecret(v) {
				continue
			}
			off := strings.Index(string(p.File.Src[s.Start:s.End]), s.Text)
			if off < 0 {
				continue
			}
			start := s.Start + off + m[2]
			p.Report(parser.Span{Start: start, End: start + len(v)}, "a real-looking password is written in this commented-out URL; the comment hides it from Groovy, not from readers of the repository and its history: revoke it and delete the line")
		}
	}
}

// commentedSecretWords are words of which commentedSecret needs one, in
// lower case: "docker", or a part of each of its secret-looking names.
var commentedSecretWords = []string{"docker", "pass", "psw", "token", "secret"}

// mayHaveCommentedSecret reports whether commentedSecret can match t: the
// regular expression is slow on long comments, and most contain none of
// its words. Beyond ASCII only ſ and the Kelvin sign K fold to letters of
// the words (s and k): text holding them is always handed to the
// expression.
func mayHaveCommentedSecret(t string) bool {
	if strings.Contains(t, "ſ") || strings.Contains(t, "\u212a") {
		return true
	}
	for _, w := range commentedSecretWords {
		if containsFoldASCII(t, w) {
			return true
		}
	}
	return false
}

// containsFoldASCII reports whether t contains the lower-case ASCII word w
// in any ASCII case.
func containsFoldASCII(t, w string) bool {
	for i := 0; i+len(w) <= len(t); i++ {
		j := 0
		for j < len(w) && t[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// realLookingSecret reports whether v looks like a real password or token
// rather than a word, a name or a placeholder: at least 8 characters mixing
// three of lower case, upper case, digits and symbols, or a 20-character
// token mixing two.
func realLookingSecret(v string) bool {
	if placeholderSecret(v) || strings.ContainsAny(v, "${}%/\\") || credentialIDLike.MatchString(v) {
		return false
	}
	var lower, upper, digit, other int
	for _, r := range v {
		switch {
		case r >= 'a' && r <= 'z':
			lower = 1
		case r >= 'A' && r <= 'Z':
			upper = 1
		case r >= '0' && r <= '9':
			digit = 1
		default:
			other = 1
		}
	}
	classes := lower + upper + digit + other
	return len(v) >= 8 && classes >= 3 || len(v) >= 20 && classes >= 2
}

func checkLiteralSecretEnv(p *Pass, env *parser.Environment) {
	if env == nil {
		return
	}
	for _, e := range env.Entries {
		if !looksSecretName(e.Name) {
			continue
		}
		s, ok := e.Value.(*parser.String)
		if !ok || !literalSecret(s) {
			continue
		}
		p.Report(s.Span, fmt.Sprintf("%s is set to a literal secret in the jenkinsfile; store it as a Jenkins credential and write %s = credentials('id')", e.Name, e.Name))
	}
}

// dockerLoginPasswords returns the spans of literal passwords given to
// `docker login` with -p, --password or --password= in the raw text of a
// script string. Values that start with $ are variables and are skipped.
func dockerLoginPasswords(src []byte, s *parser.String) []parser.Span {
	type word struct {
		text  string
		start int
		sep   bool // a command separator
	}
	var words []word
	base := s.Content.Start
	text := string(src[s.Content.Start:s.Content.End])
	i := 0
	for i < len(text) {
		ch := text[i]
		switch {
		case ch == '\n':
			// a newline ends the command unless a backslash continues it
			j := i - 1
			for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j--
			}
			if j < 0 || text[j] != '\\' {
				words = append(words, word{sep: true})
			}
			i++
		case ch == ' ' || ch == '\t' || ch == '\r':
			i++
		case ch == ';' || ch == '|' || ch == '&':
			words = append(words, word{sep: true})
			i++
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t\r\n;|&", rune(text[j])) {
				j++
			}
			words = append(words, word{text: text[i:j], start: base + i})
			i = j
		}
	}
	unquote := func(w string) string { return strings.Trim(w, `"'\`) }
	// A value that expands anything — $X, ${X}, $(cmd), `cmd`, bat's %X% and
	// !X! — is not a literal.
	literal := func(v string) bool { return v != "" && !strings.ContainsAny(v, "$%`!") && !placeholderSecret(v) }
	var out []parser.Span
	for k := 0; k+1 < len(words); k++ {
		if unquote(words[k].text) != "docker" || unquote(words[k+1].text) != "login" {
			continue
		}
		for m := k + 2; m < len(words) && !words[m].sep; m++ {
			w := words[m]
			switch {
			case w.text == "-p" || w.text == "--password":
				if m+1 < len(words) && !words[m+1].sep && literal(unquote(words[m+1].text)) {
					nw := words[m+1]
					out = append(out, parser.Span{Start: nw.start, End: nw.start + len(nw.text)})
				}
				m++
			case strings.HasPrefix(w.text, "--password="):
				if literal(unquote(w.text[len("--password="):])) {
					out = append(out, parser.Span{Start: w.start + len("--password="), End: w.start + len(w.text)})
				}
			case strings.HasPrefix(w.text, "-p") && !strings.HasPrefix(w.text, "--") && len(w.text) > 2:
				if literal(unquote(w.text[2:])) {
					out = append(out, parser.Span{Start: w.start + 2, End: w.start + len(w.text)})
				}
			}
		}
	}
	return out
}
