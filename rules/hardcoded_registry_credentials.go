package rules

import (
	"fmt"
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
	parser.InspectStmts(p.File.Body, func(n parser.Node) bool {
		switch v := n.(type) {
		case *parser.Call:
			if isShellStep(v) {
				for _, s := range textStrings(v) {
					for _, sp := range dockerLoginPasswords(src, s) {
						p.Report(sp, "a registry password is written in the docker login command, where anyone who can read the repository, the build log or the process list sees it; bind it with withCredentials and pipe it to docker login --password-stdin")
					}
				}
			}
		case *parser.String:
			content := string(src[v.Content.Start:v.Content.End])
			for _, m := range urlUserinfo.FindAllStringSubmatchIndex(content, -1) {
				pw := content[m[2]:m[3]]
				if strings.Contains(pw, "$") {
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
		if !ok {
			continue
		}
		if v, ok := s.Literal(); !ok || v == "" {
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
	literal := func(v string) bool { return v != "" && !strings.ContainsAny(v, "$%`!") }
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
