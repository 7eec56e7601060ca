package rules

import (
	"fmt"
	"strings"

	"jfcheck/parser"
)

// UntrustedInterpolationInShell reports values that people outside the
// team can choose (build parameters, branch and tag names, pull request
// titles and authors) interpolated by Groovy into a shell script, where
// quotes and semicolons in them become shell syntax.
var UntrustedInterpolationInShell = &Rule{
	ID:       "JF206",
	Name:     "untrusted-interpolation-in-shell",
	Title:    "an untrusted value is interpolated by groovy into a shell script",
	Severity: Warning,
	Check:    checkUntrustedInterpolationInShell,
}

// untrustedEnv are the environment variables whose values come from branch
// names, tags, pull requests and their authors.
var untrustedEnv = map[string]bool{
	"BRANCH_NAME":      true,
	"CHANGE_TITLE":     true,
	"CHANGE_BRANCH":    true,
	"CHANGE_FORK":      true,
	"TAG_NAME":         true,
	"GIT_BRANCH":       true,
	"GIT_LOCAL_BRANCH": true,
}

func isUntrustedEnv(name string) bool {
	return untrustedEnv[name] || strings.HasPrefix(name, "CHANGE_AUTHOR")
}

// untrustedSource describes the untrusted value an interpolation reads, or
// returns "". Parameters in safe take only values the pipeline fixes.
func untrustedSource(e parser.Expr, safe map[string]bool) string {
	switch v := e.(type) {
	case *parser.Paren:
		return untrustedSource(v.X, safe)
	case *parser.Ident:
		if isUntrustedEnv(v.Name) {
			return v.Name
		}
	case *parser.Select:
		x, ok := v.X.(*parser.Ident)
		if !ok {
			return ""
		}
		switch {
		case x.Name == "params" && v.Name != "" && !safe[v.Name]:
			return "params." + v.Name
		case x.Name == "env" && isUntrustedEnv(v.Name):
			return "env." + v.Name
		}
	case *parser.Index:
		// params['NAME'] and env['BRANCH_NAME']
		x, ok := v.X.(*parser.Ident)
		if !ok || len(v.Args) != 1 {
			return ""
		}
		s, ok := v.Args[0].Value.(*parser.String)
		if !ok {
			return ""
		}
		key, ok := s.Literal()
		if !ok {
			return ""
		}
		if x.Name == "params" && !safe[key] || (x.Name == "env" && isUntrustedEnv(key)) {
			return fmt.Sprintf("%s[%q]", x.Name, key)
		}
	}
	return ""
}

// fixedValueParams returns the names of the parameters declared anywhere in
// the file whose values the pipeline fixes: booleanParam (true or false) and
// choice (one of the listed choices). A user who starts a build cannot put
// shell code in them.
func fixedValueParams(f *parser.File) map[string]bool {
	out := map[string]bool{}
	parser.InspectStmts(f.Body, func(n parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok || c.Receiver() != nil || (c.Name() != "booleanParam" && c.Name() != "choice") {
			return true
		}
		if a := c.Arg("name"); a != nil {
			if s, ok := a.Value.(*parser.String); ok {
				if v, ok := s.Literal(); ok {
					out[v] = true
				}
			}
		}
		return true
	})
	return out
}

func checkUntrustedInterpolationInShell(p *Pass) {
	safe := fixedValueParams(p.File)
	parser.InspectStmts(p.File.Body, func(n parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok || !isShellStep(c) {
			return true
		}
		for _, s := range textStrings(c) {
			if !s.Kind.Interpolates() {
				continue
			}
			for _, part := range s.Parts {
				if !part.IsInterpolation() || part.Expr == nil {
					continue
				}
				src := untrustedSource(part.Expr, safe)
				if src == "" {
					continue
				}
				p.Report(part.Span, fmt.Sprintf("groovy pastes %s into the %s script, where quotes, $( ) and ; in it run as shell code; pass it through the environment (withEnv) and quote it in a single-quoted script, as \"$NAME\"", src, c.Name()))
			}
		}
		return true
	})
}
