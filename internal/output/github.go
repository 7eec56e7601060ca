package output

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"jfcheck/rules"
)

// writeGitHub writes GitHub Actions workflow commands that annotate the
// findings:
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
//
// Severity error gives "::error", warning "::warning" and info "::notice".
// col and endColumn (the column of the span's last character) are given
// only for a span on one line, as GitHub takes them only then. Values are
// escaped as the runner expects: '%', CR and LF everywhere, and ':' and ','
// in properties.
type githubFormat struct{}

func newGitHub(*Report, Options) formatter { return githubFormat{} }

func (githubFormat) finish(*bufio.Writer) error { return nil }

func (githubFormat) file(w *bufio.Writer, v *fileView) {
	{
		for _, d := range v.diags {
			start := v.pos(d.Span.Start)
			last := start
			if d.Span.End > d.Span.Start && v.File != nil && d.Span.End <= len(v.File.Src) {
				// The last character of the span, not the one after it.
				_, size := utf8.DecodeLastRune(v.File.Src[d.Span.Start:d.Span.End])
				last = v.pos(d.Span.End - size)
			}
			props := []string{"file=" + escapeProperty(toSlash(v.Path)), fmt.Sprintf("line=%d", start.Line)}
			if last.Line == start.Line {
				props = append(props, fmt.Sprintf("col=%d", start.Col))
			}
			props = append(props, fmt.Sprintf("endLine=%d", last.Line))
			if last.Line == start.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", last.Col))
			}
			props = append(props, "title="+escapeProperty(d.Rule))
			fmt.Fprintf(w, "::%s %s::%s\n", githubCommand(d.Severity), strings.Join(props, ","), escapeData(d.Message))
		}
	}
}

func githubCommand(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes the message of a workflow command.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value of a workflow command.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
