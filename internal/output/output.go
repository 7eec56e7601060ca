// Package output writes jfcheck's findings in the formats the command line
// offers:
//
//	text        path:line:col: severity: message [rule-name], one line per
//	            finding, optionally with the source line and a caret, in colour
//	json        the versioned document described at JSONReport
//	sarif       SARIF 2.1.0 for code-scanning services, one run
//	checkstyle  Checkstyle 4.3 XML, read by many CI servers
//	github      GitHub Actions workflow commands (::error file=...::message)
//
// Every format lists files in the order given and a file's findings by byte
// offset, then rule name. Files that could not be checked (FileResult.Err)
// are in json with their error and in sarif as error notifications; the
// other formats leave them out, and the command line tool reports them on
// stderr.
package output

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"jfcheck/internal/suggest"
	"jfcheck/parser"
	"jfcheck/rules"
)

// ToolName is the tool's name as the formats give it.
const ToolName = "jfcheck"

// FileResult is what checking one file gave.
type FileResult struct {
	// Path is the file's path as it is to be shown, relative to the working
	// directory where possible.
	Path string
	// File is the parsed file; spans of Diagnostics index File.Src. It may
	// be nil when Err is set.
	File *parser.File
	// Diagnostics are the file's findings, in any order.
	Diagnostics []rules.Diagnostic
	// Err tells why the file could not be checked (unreadable, say).
	Err error
}

// Report is everything one run found.
type Report struct {
	Files []FileResult
	// Rules are all known rules; sarif describes each of them.
	Rules []*rules.Rule
	// Version is jfcheck's version.
	Version string
	// Help, when set, returns a rule's documentation page in Markdown (what
	// --explain prints), for sarif's rule help; "" falls back to the title.
	Help func(*rules.Rule) string
	// DocsURL, when set, is the address of the directory that holds the rule
	// pages (docs/rules of jfcheck's repository, where it is hosted): a
	// rule's page is DocsURL/<rule>.md, sarif's helpUri. Unset, sarif gives
	// no helpUri: jfcheck has no web site of its own.
	DocsURL string
	// Root, when set, is the absolute directory that sarif's artifact URIs
	// are relative to (normally the top of the repository): file paths are
	// made absolute, then relative to Root, and the log records Root as the
	// uriBaseId %SRCROOT%. Files outside Root get absolute file URIs. Unset,
	// relative paths are used as they are.
	Root string
}

// Options tune the text format; the other formats ignore them.
type Options struct {
	// Color uses ANSI escape sequences.
	Color bool
	// Source shows, after each finding, its source line with a caret under
	// the span, and the related places.
	Source bool
	// FixHint shows the fixes each finding offers and the flag that applies
	// them.
	FixHint bool
	// NotFixed shows, after each finding left by --fix, why it was not
	// fixed.
	NotFixed bool
}

// A formatter writes one format: file is called for each file in order,
// then finish once.
type formatter interface {
	file(w *bufio.Writer, v *fileView)
	finish(w *bufio.Writer) error
}

var formats = []struct {
	name string
	new  func(*Report, Options) formatter
	// streams tells whether the format writes each file as it comes, so
	// that the stream flushes after each one.
	streams bool
}{
	{"text", newText, true},
	{"json", newJSON, true},
	{"sarif", newSARIF, false},
	{"checkstyle", newCheckstyle, false},
	{"github", newGitHub, true},
}

// Formats returns the names of the output formats.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Write writes r to w in the named format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	s, err := NewStream(w, format, r, opts)
	if err != nil {
		return err
	}
	for i := range r.Files {
		if err := s.Add(&r.Files[i]); err != nil {
			return err
		}
	}
	return s.Close()
}

// A Stream writes a report one file at a time, in the order the files are
// added, so that a caller need not keep every file's source and parse until
// the end: what a file contributes is taken from it in Add. The text,
// github and json formats write each file as it comes; sarif and checkstyle,
// whose documents list rules or totals first, keep each file's entries and
// write the document at Close. The output is the same as Write's for the
// same files.
type Stream struct {
	w       *bufio.Writer
	f       formatter
	streams bool
}

// NewStream starts a report in the named format on w. r gives what the
// formats need besides the files (rules, version, root); its Files are
// ignored.
func NewStream(w io.Writer, format string, r *Report, opts Options) (*Stream, error) {
	for _, f := range formats {
		if f.name == format {
			return &Stream{w: bufio.NewWriter(w), f: f.new(r, opts), streams: f.streams}, nil
		}
	}
	msg := fmt.Sprintf("unknown output format %q", format)
	if s := suggest.Suggest(format, Formats()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		msg += " (want " + strings.Join(Formats(), ", ") + ")"
	}
	return nil, fmt.Errorf("%s", msg)
}

// Add writes or records fr. The stream keeps no reference to fr or its
// parsed file.
func (s *Stream) Add(fr *FileResult) error {
	s.f.file(s.w, newView(fr))
	if s.streams && s.w.Buffered() > 0 {
		return s.w.Flush()
	}
	return nil
}

// Close writes the end of the report and flushes it.
func (s *Stream) Close() error {
	if err := s.f.finish(s.w); err != nil {
		return err
	}
	return s.w.Flush()
}

// fileView is a FileResult ready to print: findings sorted and positions at
// hand.
type fileView struct {
	*FileResult
	lines *parser.Lines
	diags []rules.Diagnostic
}

func newView(fr *FileResult) *fileView {
	v := &fileView{FileResult: fr}
	if fr.File != nil && fr.File.Lines != nil {
		v.lines = fr.File.Lines
	} else if fr.File != nil {
		v.lines = parser.NewLines(fr.File.Src)
	} else {
		v.lines = parser.NewLines(nil)
	}
	v.diags = sortedDiagnostics(fr.Diagnostics)
	return v
}

// sortedDiagnostics returns a copy of ds sorted by start offset, then rule
// name; the sort is stable, so equal findings keep the rules' order.
func sortedDiagnostics(ds []rules.Diagnostic) []rules.Diagnostic {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b rules.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), strings.Compare(a.Rule, b.Rule))
	})
	return out
}

func (v *fileView) pos(off int) parser.Pos { return v.lines.Position(off) }

// lineText returns the text of line n, without a leading byte-order mark,
// which takes no column.
func (v *fileView) lineText(n int) string {
	t := v.lines.LineText(n)
	if n == 1 {
		t = strings.TrimPrefix(t, "\uFEFF")
	}
	return t
}

// hasFix reports whether d has a fix of the given level.
func hasFix(d rules.Diagnostic, level rules.FixLevel) bool {
	for _, f := range d.Fixes {
		if f.Level == level {
			return true
		}
	}
	return false
}

// plural returns "1 finding" or "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Summary returns a one-line account of r for the end of text output:
// "3 findings in 2 files (1 fixable with --fix, 1 more with --fix=all)" or
// "no findings in 5 files". Files counts the files checked; files that could
// not be checked are added as "; 1 file could not be checked". A finding is
// fixable with --fix when it has a safe fix, and with --fix=all when it has
// only fixes that need review.
func Summary(r *Report) string {
	var t Tally
	for i := range r.Files {
		t.Add(&r.Files[i])
	}
	return t.String()
}

// Tally counts files and findings for Summary one file at a time.
type Tally struct {
	findings, checked, failed, safe, review int
}

// Add counts fr.
func (t *Tally) Add(fr *FileResult) {
	if fr.Err != nil {
		t.failed++
		return
	}
	t.checked++
	for _, d := range fr.Diagnostics {
		t.findings++
		switch {
		case hasFix(d, rules.Safe):
			t.safe++
		case hasFix(d, rules.Review):
			t.review++
		}
	}
}

// String is Summary's line for the files counted.
func (t *Tally) String() string {
	findings, checked, failed, safe, review := t.findings, t.checked, t.failed, t.safe, t.review
	var b strings.Builder
	if findings == 0 {
		b.WriteString("no findings")
	} else {
		b.WriteString(plural(findings, "finding"))
	}
	fmt.Fprintf(&b, " in %s", plural(checked, "file"))
	switch {
	case safe > 0 && review > 0:
		fmt.Fprintf(&b, " (%d fixable with --fix, %d more with --fix=all)", safe, review)
	case safe > 0:
		fmt.Fprintf(&b, " (%d fixable with --fix)", safe)
	case review > 0:
		fmt.Fprintf(&b, " (%d fixable with --fix=all)", review)
	}
	if failed > 0 {
		fmt.Fprintf(&b, "; %s could not be checked", plural(failed, "file"))
	}
	return b.String()
}
