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
	parser.WalkPath(p.File.Body, func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok {
			return true
		}
		strs := textStrings(c)
		if len(strs) == 0 {
			return true
		}
		var secrets map[string]parser.Span
		for _, s := range strs {
			if !s.Kind.Interpolates() {
				continue
			}
			for _, part := range s.Parts {
				if !part.IsInterpolation() || part.Expr == nil {
					continue
				}
				scope, name := interpolatedName(part.Expr)
				if scope != "" && scope != "env" {
					name = scope // `$PASS.length()`, `${PASS.trim()}`'s receiver
				}
				if name == "" {
					continue
				}
				if secrets == nil {
					secrets = secretNames(p, c, path)
				}
				bound, ok := secrets[name]
				if !ok {
					continue
				}
				reportSecretInterpolation(p, c, s, part, name, bound)
			}
		}
		return true
	})
}

func reportSecretInterpolation(p *Pass, c *parser.Call, s *parser.String, part *parser.StringPart, name string, bound parser.Span) {
	step := c.Name()
	msg := fmt.Sprintf("groovy interpolates the secret %s into the %s text, so its value is written into the script file and shows in the process list and logs; let the step read it from the environment instead", name, step)
	var opts []func(*Diagnostic)
	if bound.End > bound.Start {
		opts = append(opts, WithRelated(bound, fmt.Sprintf("%s is bound to a credential here", name)))
	}
	if e, ok := shellReference(c.Name(), part, name); ok && (s.Kind == parser.DoubleQuoted || s.Kind == parser.TripleDoubleQuoted) && !quotedForShell(c.Name(), s, part) {
		msg = fmt.Sprintf("groovy interpolates the secret %s into the %s script, so its value is written into the script file and shows in the process list; escape the $ or use a single-quoted string so the shell expands it from the environment", name, step)
		opts = append(opts, WithFix(Fix{
			Message: "escape the $ so the shell, not Groovy, expands the secret",
			Level:   Safe,
			Edits:   []Edit{e},
		}))
	}
	p.Report(part.Span, msg, opts...)
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
// literally: inside single quotes (sh, powershell and pwsh) or in the body
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
		plain = iota
		single
		double
	)
	state := plain
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch state {
		case plain:
			switch c {
			case '\\':
				if step == "sh" {
					i++
				}
			case '\'':
				state = single
			case '"':
				state = double
			}
		case single:
			if c == '\'' {
				state = plain
			}
		case double:
			switch {
			case c == '\\' && step == "sh":
				i++
			case c == '"':
				state = plain
			}
		}
	}
	if state == single {
		return true
	}
	return step == "sh" && inQuotedHeredoc(text)
}

var heredocRE = regexp.MustCompile(`<<(-?)[ \t]*(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|\\([A-Za-z_][A-Za-z0-9_]*))`)

// inQuotedHeredoc reports whether the end of text lies in the body of a
// here-document with a quoted delimiter (`<<'EOF'`, `<<"EOF"`, `<<\EOF`),
// whose body the shell does not expand.
func inQuotedHeredoc(text string) bool {
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
