package parser

import (
	"sort"
	"unicode/utf8"
)

// A Span is a half-open byte range [Start, End) of a file's source.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies within s.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Pos is a printable position: 1-based line and 1-based column counted in
// characters (Unicode code points), as editors count them.
type Pos struct {
	Line, Col int
}

// Lines maps byte offsets of one source to line and column.
type Lines struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

// NewLines indexes the line starts of src. A line ends at "\n", "\r\n" or a
// lone "\r".
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Position returns the line and column of byte offset off. A UTF-8
// byte-order mark at the start of the file takes no column.
func (l *Lines) Position(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[line]
	if line == 0 && len(l.src) >= 3 && string(l.src[:3]) == "\uFEFF" && off >= 3 {
		start = 3
	}
	return Pos{Line: line + 1, Col: utf8.RuneCount(l.src[start:off]) + 1}
}

// LineText returns the text of the 1-based line n without its line ending.
func (l *Lines) LineText(n int) string {
	if n < 1 || n > len(l.starts) {
		return ""
	}
	start, end := l.starts[n-1], len(l.src)
	if n < len(l.starts) {
		end = l.starts[n]
	}
	for end > start && (l.src[end-1] == '\n' || l.src[end-1] == '\r') {
		end--
	}
	return string(l.src[start:end])
}

// LineStart returns the byte offset at which the line holding off starts.
func (l *Lines) LineStart(off int) int {
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return l.starts[line]
}

// Count returns the number of lines.
func (l *Lines) Count() int { return len(l.starts) }
