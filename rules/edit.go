package rules

import (
	"bytes"
	"strings"

	"jfcheck/parser"
)

// A writer builds edits that insert lines into a file the way its author
// would have written them: with the file's indentation unit, its line
// endings, and the indentation of the block around the insertion.
type writer struct {
	src  []byte
	unit string // one level of indentation
	eol  string
}

func newWriter(f *parser.File) *writer {
	w := &writer{src: f.Src, eol: "\n", unit: indentUnit(f.Src)}
	if f.CRLF {
		w.eol = "\r\n"
	}
	return w
}

// indentUnit guesses a file's indentation unit: a tab when lines are
// indented with tabs, otherwise the most common step by which indentation
// grows from one line to the next, and four spaces when nothing tells.
func indentUnit(src []byte) string {
	steps := map[int]int{}
	tabs, prev := 0, 0
	for _, line := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		if len(bytes.TrimSpace(trimmed)) == 0 {
			continue
		}
		lead := line[:len(line)-len(trimmed)]
		if bytes.HasPrefix(lead, []byte("\t")) {
			tabs++
			continue
		}
		n := len(lead)
		if n > prev {
			steps[n-prev]++
		}
		prev = n
	}
	best, bestN := 0, 0
	for step, n := range steps {
		if n > bestN || n == bestN && step < best {
			best, bestN = step, n
		}
	}
	if tabs > bestN {
		return "\t"
	}
	if best == 0 || best > 8 {
		return "    "
	}
	return strings.Repeat(" ", best)
}

func (w *writer) lineStart(off int) int {
	return bytes.LastIndexByte(w.src[:off], '\n') + 1
}

// lineEnd returns the offset just after the line ending of the line
// holding off (or the end of the file).
func (w *writer) lineEnd(off int) int {
	i := bytes.IndexByte(w.src[off:], '\n')
	if i < 0 {
		return len(w.src)
	}
	return off + i + 1
}

// indentOf returns the leading white space of the line holding off.
func (w *writer) indentOf(off int) string {
	start := w.lineStart(off)
	end := start
	for end < len(w.src) && (w.src[end] == ' ' || w.src[end] == '\t') {
		end++
	}
	return string(w.src[start:end])
}

// onlySpaceBefore reports whether nothing but white space precedes off on
// its line.
func (w *writer) onlySpaceBefore(off int) bool {
	return len(bytes.TrimSpace(w.src[w.lineStart(off):off])) == 0
}

// lines renders text lines at indentation ind, each ended by the file's
// line ending; a line of "" stays empty.
func (w *writer) lines(ind string, text []string) string {
	var b strings.Builder
	for _, l := range text {
		if l != "" {
			b.WriteString(ind)
			b.WriteString(l)
		}
		b.WriteString(w.eol)
	}
	return b.String()
}

// appendToBlock inserts text lines as the last statements of blk, indented
// one level deeper than the line that opens the block. A block written on
// one line is opened onto several.
func (w *writer) appendToBlock(blk *parser.Block, text []string) Edit {
	outer := w.indentOf(blk.Lbrace)
	inner := outer + w.unit
	if w.lineStart(blk.Rbrace) > blk.Lbrace { // multi-line block
		if w.onlySpaceBefore(blk.Rbrace) {
			at := w.lineStart(blk.Rbrace)
			return Edit{Start: at, End: at, New: w.lines(inner, text)}
		}
		return Edit{Start: blk.Rbrace, End: blk.Rbrace, New: w.eol + strings.TrimSuffix(w.lines(inner, text), w.eol) + w.eol + outer}
	}
	return w.reopen(blk, nil, text)
}

// prependToBlock inserts text lines as the first statements of blk.
func (w *writer) prependToBlock(blk *parser.Block, text []string) Edit {
	if len(blk.Stmts) > 0 {
		first := blk.Stmts[0].Pos().Start
		if w.lineStart(first) > blk.Lbrace && w.onlySpaceBefore(first) {
			at := w.lineStart(first)
			return Edit{Start: at, End: at, New: w.lines(w.indentOf(first), text)}
		}
	} else if w.lineStart(blk.Rbrace) > blk.Lbrace {
		return w.appendToBlock(blk, text)
	}
	return w.reopen(blk, text, nil)
}

// reopen rewrites a one-line block `{ a; b }` onto several lines, with
// before and after around its present content.
func (w *writer) reopen(blk *parser.Block, before, after []string) Edit {
	outer := w.indentOf(blk.Lbrace)
	inner := outer + w.unit
	content := strings.TrimSpace(string(w.src[blk.Lbrace+1 : blk.Rbrace]))
	var text []string
	text = append(text, before...)
	if content != "" {
		text = append(text, content)
	}
	text = append(text, after...)
	return Edit{Start: blk.Lbrace + 1, End: blk.Rbrace, New: w.eol + w.lines(inner, text) + outer}
}

// insertLinesBefore inserts text lines before the statement at off, with
// that statement's indentation.
func (w *writer) insertLinesBefore(off int, text []string) Edit {
	if w.onlySpaceBefore(off) {
		at := w.lineStart(off)
		return Edit{Start: at, End: at, New: w.lines(w.indentOf(off), text)}
	}
	ind := w.indentOf(off) + w.unit
	return Edit{Start: off, End: off, New: strings.TrimLeft(w.lines(ind, text), " \t") + ind}
}

// insertLinesAfter inserts text lines after the line holding off, with the
// indentation of that line.
func (w *writer) insertLinesAfter(off int, text []string) Edit {
	at := w.lineEnd(off)
	prefix := ""
	if at == len(w.src) && (at == 0 || w.src[at-1] != '\n') {
		prefix = w.eol
	}
	return Edit{Start: at, End: at, New: prefix + w.lines(w.indentOf(off), text)}
}

// block renders `head {` + body + `}` as lines, body one level deeper.
func (w *writer) block(head string, body []string) []string {
	out := []string{head + " {"}
	for _, l := range body {
		if l == "" {
			out = append(out, "")
		} else {
			out = append(out, w.unit+l)
		}
	}
	return append(out, "}")
}
