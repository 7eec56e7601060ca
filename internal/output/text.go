package output

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"jfcheck/parser"
	"jfcheck/rules"
)

// ANSI escape sequences of the text format.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiRed   = "\x1b[1;31m"
	ansiYel   = "\x1b[1;33m"
	ansiCyan  = "\x1b[1;36m"
)

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return ansiRed
	case rules.Warning:
		return ansiYel
	}
	return ansiCyan
}

// painter applies colours when they are on.
type painter bool

func (p painter) paint(code, s string) string {
	if !p {
		return s
	}
	return code + s + ansiReset
}

// writeText writes one line per finding:
//
//	path:line:col: severity: message [rule-name]
//
// With Options.Source the source line follows, with a caret and tildes under
// the first line of the span, and then one "note" line per related place:
//
//	Jenkinsfile:12:13: error: docker login ... [docker-config-scope]
//	   12 |         sh 'docker login -u $U'
//	      |             ^~~~~~~~~~~~~~~~~~~
//	Jenkinsfile:3:5: note: the agent is a shared node
//
// With Options.FixHint each fix follows as "  fix: <message> (--fix)", or
// "(--fix=all)" for a fix that needs review.
//
// Control characters in what the file or a rule supplies are shown as
// U+FFFD so that a file cannot drive the terminal.
type textFormat struct{ opts Options }

func newText(_ *Report, opts Options) formatter { return textFormat{opts} }

func (textFormat) finish(*bufio.Writer) error { return nil }

func (t textFormat) file(w *bufio.Writer, v *fileView) {
	opts := t.opts
	p := painter(opts.Color)
	{
		path := sanitize(v.Path)
		for _, d := range v.diags {
			start := v.pos(d.Span.Start)
			fmt.Fprintf(w, "%s %s %s %s\n",
				p.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", path, start.Line, start.Col)),
				p.paint(severityColor(d.Severity), d.Severity.String()+":"),
				sanitize(d.Message),
				p.paint(ansiDim, "["+d.Rule+"]"))
			if opts.Source {
				writeSnippet(w, v, d.Span, p, severityColor(d.Severity))
				for _, rel := range d.Related {
					rp := v.pos(rel.Span.Start)
					fmt.Fprintf(w, "%s %s %s\n",
						p.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", path, rp.Line, rp.Col)),
						p.paint(ansiBold, "note:"),
						sanitize(rel.Message))
				}
			}
			if opts.NotFixed && d.NotFixed != "" {
				fmt.Fprintf(w, "  %s %s\n", p.paint(ansiBold, "not fixed:"), sanitize(d.NotFixed))
			}
			if opts.FixHint && !opts.NotFixed {
				for _, f := range d.Fixes {
					flag := "--fix"
					if f.Level == rules.Review {
						flag = "--fix=all"
					}
					fmt.Fprintf(w, "  %s %s (%s)\n", p.paint(ansiBold, "fix:"), sanitize(f.Message), flag)
				}
			}
		}
	}
}

// writeSnippet writes the line where span starts, behind a gutter with its
// number, and under it a caret at the span's first character and tildes to
// the end of the span or of the line, whichever comes first. Columns are
// counted in code points; tabs before the caret are kept so that it lines
// up however the terminal expands them.
func writeSnippet(w *bufio.Writer, v *fileView, span parser.Span, p painter, color string) {
	start, end := v.pos(span.Start), v.pos(span.End)
	line := []rune(sanitize(v.lineText(start.Line)))
	from := min(start.Col-1, len(line))
	to := len(line)
	if end.Line == start.Line {
		to = min(end.Col-1, len(line))
	}
	width := max(1, to-from)

	var prefix strings.Builder
	for _, r := range line[:from] {
		if r == '\t' {
			prefix.WriteByte('\t')
		} else {
			prefix.WriteByte(' ')
		}
	}
	num := strconv.Itoa(start.Line)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "%s %s\n", p.paint(ansiDim, " "+num+" |"), string(line))
	fmt.Fprintf(w, "%s %s%s\n", p.paint(ansiDim, " "+gutter+" |"), prefix.String(),
		p.paint(color, "^"+strings.Repeat("~", width-1)))
}

// sanitize replaces control characters other than tab with U+FFFD.
func sanitize(s string) string {
	if !strings.ContainsFunc(s, isBadControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBadControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

func isBadControl(r rune) bool { return r != '\t' && unicode.IsControl(r) }
