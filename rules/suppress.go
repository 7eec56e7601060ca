package rules

import (
	"regexp"
	"strings"

	"jfcheck/parser"
)

// InvalidSuppression reports a suppression comment that names no known
// rule or gives no reason.
var InvalidSuppression = &Rule{
	ID:       "JF002",
	Name:     "invalid-suppression",
	Title:    "a suppression comment names an unknown rule or gives no reason",
	Severity: Warning,
	Check:    func(*Pass) {},
}

// UnusedSuppression reports a suppression comment that hides nothing.
var UnusedSuppression = &Rule{
	ID:       "JF003",
	Name:     "unused-suppression",
	Title:    "a suppression comment suppresses nothing",
	Severity: Warning,
	Check:    func(*Pass) {},
}

// A suppression is one `jfcheck:ignore` or `jfcheck:ignore-file` comment.
//
//	// jfcheck:ignore docker-logout-cleanup -- the agent is single-use
//	// jfcheck:ignore-file docker-prune-shared-node -- dedicated build node
//
// The first form covers findings on the comment's line and on the line
// after it; the second covers the whole file. Several rules may be given,
// separated by commas. The reason after `--` is required.
type suppression struct {
	comment  *parser.Comment
	span     parser.Span // of the directive inside the comment
	file     bool
	rules    []string
	ruleSpan []parser.Span
	reason   string
	line     int
	used     []bool
}

var suppressRE = regexp.MustCompile(`jfcheck:(ignore-file|ignore)\b[ \t]*([^\r\n]*)`)

func parseSuppressions(f *parser.File) []*suppression {
	var out []*suppression
	for _, c := range f.Comments {
		if !strings.Contains(c.Text, "jfcheck:") {
			continue
		}
		m := suppressRE.FindStringSubmatchIndex(c.Text)
		if m == nil {
			continue
		}
		s := &suppression{comment: c, file: c.Text[m[2]:m[3]] == "ignore-file",
			span: parser.Span{Start: c.Start + m[0], End: c.Start + m[1]}}
		rest := c.Text[m[4]:m[5]]
		restOff := c.Start + m[4]
		if c.Block {
			rest = strings.TrimSuffix(strings.TrimRight(rest, " \t"), "*/")
		}
		names := rest
		if i := strings.Index(rest, "--"); i >= 0 {
			names, s.reason = rest[:i], strings.TrimSpace(rest[i+2:])
		}
		off := 0
		for _, field := range strings.Split(names, ",") {
			name := strings.TrimSpace(field)
			if name != "" {
				at := strings.Index(field, name)
				s.rules = append(s.rules, name)
				s.ruleSpan = append(s.ruleSpan, parser.Span{Start: restOff + off + at, End: restOff + off + at + len(name)})
			}
			off += len(field) + 1
		}
		s.used = make([]bool, len(s.rules))
		s.line = f.Position(c.Start).Line
		out = append(out, s)
	}
	return out
}
