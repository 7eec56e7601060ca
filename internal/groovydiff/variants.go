package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand"
	"strings"

	"jfcheck/parser"
)

// A Variant is a source file made from a testdata file by one change.
type Variant struct {
	ID  string // "<file>@<change>-<n>", stable while the file is unchanged
	Src []byte
}

// edit replaces src[Start:End] with Text.
type edit struct {
	start, end int
	text       string
}

func apply(src []byte, e edit) []byte {
	out := make([]byte, 0, len(src)+len(e.text))
	out = append(out, src[:e.start]...)
	out = append(out, e.text...)
	return append(out, src[e.end:]...)
}

// binaryOps are the token kinds that may end or start a line in the middle
// of an expression; where Groovy ends the statement at a newline matters for
// each of them.
var binaryOps = map[string]bool{
	"ADD": true, "SUB": true, "MUL": true, "DIV": true, "MOD": true, "POWER": true,
	"AND": true, "OR": true, "EQUAL": true, "NOTEQUAL": true, "LT": true, "GT": true,
	"LE": true, "GE": true, "ASSIGN": true, "ADD_ASSIGN": true, "SUB_ASSIGN": true,
	"IN": true, "NOT_IN": true, "AS": true, "INSTANCEOF": true, "RANGE": true,
	"RANGE_EXCLUSIVE": true, "REGEX_FIND": true, "REGEX_MATCH": true, "COLON": true,
	"QUESTION": true, "ELVIS": true, "BITOR": true, "BITAND": true, "XOR": true,
	"SHL": true, "SPACESHIP": true, "IDENTICAL": true, "DOT": true, "SAFE_DOT": true,
	"COMMA": true, "ARROW": true,
}

// operandStart are token kinds an operand may start with.
var operandStart = map[string]bool{
	"IDENTIFIER": true, "INTEGER_LITERAL": true, "FLOAT_LITERAL": true, "SQ_STRING": true,
	"TSQ_STRING": true, "GSTRING_BEGIN": true, "TGSTRING_BEGIN": true, "LPAREN": true,
	"LBRACK": true, "THIS": true, "TRUE": true, "FALSE": true, "NULL": true, "NEW": true,
}

// afterOperand are token kinds after which an operand may follow.
var beforeOperand = map[string]bool{
	"ASSIGN": true, "LPAREN": true, "COMMA": true, "RETURN": true, "ADD": true, "SUB": true,
	"AND": true, "OR": true, "EQUAL": true, "NOTEQUAL": true, "COLON": true, "QUESTION": true,
	"NOT": true, "LBRACK": true, "IN": true, "ELVIS": true, "MUL": true, "GSTRING_EXPR_BEGIN": true,
	"LT": true, "GT": true, "PLUS": true, "CMD": true, "IF": true,
}

// insideString reports the kinds of tokens that belong to a GString's
// inside, where a space or comment would change the string.
var insideString = map[string]bool{
	"GSTRING_TEXT": true, "GSTRING_VAR": true, "GSTRING_END": true,
}

type mutation struct {
	name  string
	count int
	// sites returns the token indexes where the change applies.
	sites func(toks []parser.Token, src []byte) []int
	// change makes the edit at token i.
	change func(toks []parser.Token, src []byte, i int, r *rand.Rand) edit
}

func where(pred func(toks []parser.Token, src []byte, i int) bool) func([]parser.Token, []byte) []int {
	return func(toks []parser.Token, src []byte) []int {
		var out []int
		for i := range toks {
			if pred(toks, src, i) {
				out = append(out, i)
			}
		}
		return out
	}
}

// free reports whether the token at i starts outside any string's inside.
func free(toks []parser.Token, i int) bool {
	if insideString[toks[i].Kind] {
		return false
	}
	// A token right after a GString part is still in the string unless it
	// closes it; GSTRING_EXPR_BEGIN tokens open code again.
	return true
}

func prevKind(toks []parser.Token, i int) string {
	for j := i - 1; j >= 0; j-- {
		if toks[j].Kind != "COMMENT" {
			return toks[j].Kind
		}
	}
	return ""
}

func nextKind(toks []parser.Token, i int) string {
	for j := i + 1; j < len(toks); j++ {
		if toks[j].Kind != "COMMENT" {
			return toks[j].Kind
		}
	}
	return ""
}

func before(i int, toks []parser.Token, text string) edit {
	return edit{toks[i].Start, toks[i].Start, text}
}

var casts = []string{"(String) ", "(int) ", "(Object) ", "(Map) ", "(def) ", "(String[]) ", "(List<String>) "}

// escapeDQ turns the content of a '...' string into the content of a "..."
// one with the same value where it can.
func escapeDQ(content string) string {
	var b strings.Builder
	for i := 0; i < len(content); i++ {
		c := content[i]
		switch {
		case c == '\\' && i+1 < len(content):
			if content[i+1] == '\'' {
				b.WriteByte('\'')
			} else {
				b.WriteByte(c)
				b.WriteByte(content[i+1])
			}
			i++
		case c == '"' || c == '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var mutations = []mutation{
	{name: "nl-before-op", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool {
			return binaryOps[t[i].Kind] && prevKind(t, i) != "NL" && i > 0
		}),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return before(i, t, "\n") }},
	{name: "nl-after-op", count: 2,
		sites: where(func(t []parser.Token, _ []byte, i int) bool {
			return binaryOps[t[i].Kind] && nextKind(t, i) != "NL" && i+1 < len(t)
		}),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return before(i+1, t, "\n") }},
	{name: "cast", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool {
			return operandStart[t[i].Kind]
		}),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			return before(i, t, casts[r.Intn(len(casts))])
		}},
	{name: "paren", count: 3,
		sites: where(func(t []parser.Token, _ []byte, i int) bool {
			k := t[i].Kind
			return k == "IDENTIFIER" || k == "INTEGER_LITERAL" || k == "SQ_STRING"
		}),
		change: func(t []parser.Token, src []byte, i int, r *rand.Rand) edit {
			s := string(src[t[i].Start:t[i].End])
			switch r.Intn(3) {
			case 0:
				return edit{t[i].Start, t[i].End, "(" + s + ")"}
			case 1:
				return edit{t[i].Start, t[i].End, "((" + s + "))"}
			}
			return edit{t[i].Start, t[i].End, "(" + s + ")[0]"}
		}},
	{name: "gstring", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind == "SQ_STRING" }),
		change: func(t []parser.Token, src []byte, i int, r *rand.Rand) edit {
			s := string(src[t[i].Start+1 : t[i].End-1])
			forms := []string{
				`"` + escapeDQ(s) + `"`,
				`"${'` + s + `'}"`,
				`"""` + escapeDQ(s) + `"""`,
				`"${"${'` + s + `'}"}"`,
				`"$x${'` + s + `'}"`,
				"$/" + s + "/$",
				"/" + s + "/",
				`"` + s + `"`,
			}
			return edit{t[i].Start, t[i].End, forms[r.Intn(len(forms))]}
		}},
	{name: "comment", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return free(t, i) }),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			forms := []string{"/* c */", " /* c */ ", "/*\n*/", "// c\n", " /** doc */\n"}
			return before(i, t, forms[r.Intn(len(forms))])
		}},
	{name: "line-comment", count: 2,
		sites:  where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind == "NL" }),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return before(i, t, " // c") }},
	{name: "blank", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return free(t, i) && i > 0 }),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			return before(i, t, []string{"\n", "\n\n", "\n \n\t"}[r.Intn(3)])
		}},
	{name: "blank-line", count: 1,
		sites:  where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind == "NL" }),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return before(i, t, "\n") }},
	{name: "join", count: 4,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind == "NL" && i > 0 }),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			return edit{t[i].Start, t[i].End, []string{" ", ";", "; "}[r.Intn(3)]}
		}},
	{name: "semi", count: 2,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind == "NL" }),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			return before(i, t, []string{";", ";;", " ;"}[r.Intn(3)])
		}},
	{name: "continuation", count: 2,
		sites:  where(func(t []parser.Token, _ []byte, i int) bool { return free(t, i) && i > 0 }),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return before(i, t, " \\\n") }},
	{name: "delete", count: 3,
		sites:  where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind != "NL" && t[i].Kind != "COMMENT" }),
		change: func(t []parser.Token, _ []byte, i int, _ *rand.Rand) edit { return edit{t[i].Start, t[i].End, ""} }},
	{name: "duplicate", count: 2,
		sites: where(func(t []parser.Token, _ []byte, i int) bool { return t[i].Kind != "COMMENT" }),
		change: func(t []parser.Token, src []byte, i int, _ *rand.Rand) edit {
			return before(i, t, string(src[t[i].Start:t[i].End])+" ")
		}},
	{name: "unary", count: 2,
		sites: where(func(t []parser.Token, _ []byte, i int) bool {
			return operandStart[t[i].Kind] && beforeOperand[prevKind(t, i)]
		}),
		change: func(t []parser.Token, _ []byte, i int, r *rand.Rand) edit {
			return before(i, t, []string{"!", "-", "~", "!!", "- -", "++"}[r.Intn(6)])
		}},
}

// wholeFile changes apply to the whole file at once.
var wholeFile = []struct {
	name   string
	change func(src []byte, toks []parser.Token) []byte
}{
	{"crlf", func(src []byte, _ []parser.Token) []byte {
		return bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	}},
	{"lf", func(src []byte, _ []parser.Token) []byte { return bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")) }},
	{"dedent", func(src []byte, toks []parser.Token) []byte {
		return eachLineStart(src, toks, func(indent string) string { return "" })
	}},
	{"tabs", func(src []byte, toks []parser.Token) []byte {
		return eachLineStart(src, toks, func(indent string) string { return strings.ReplaceAll(indent, "    ", "\t") })
	}},
	{"spaced", func(src []byte, toks []parser.Token) []byte {
		// A space between any two adjacent tokens outside strings.
		var b bytes.Buffer
		last := 0
		for i, t := range toks {
			if i > 0 && toks[i-1].End == t.Start && free(toks, i) && !insideString[toks[i-1].Kind] &&
				toks[i-1].Kind != "GSTRING_BEGIN" && toks[i-1].Kind != "TGSTRING_BEGIN" &&
				toks[i-1].Kind != "SLASHY_BEGIN" && toks[i-1].Kind != "DOLLAR_SLASHY_BEGIN" &&
				toks[i-1].Kind != "GSTRING_EXPR_END" && t.Kind != "GSTRING_EXPR_END" {
				b.Write(src[last:t.Start])
				b.WriteByte(' ')
				last = t.Start
			}
		}
		b.Write(src[last:])
		return b.Bytes()
	}},
	{"bom", func(src []byte, _ []parser.Token) []byte {
		if bytes.HasPrefix(src, []byte("\uFEFF")) {
			return src[3:]
		}
		return append([]byte("\uFEFF"), src...)
	}},
	{"crlf-continuation", func(src []byte, toks []parser.Token) []byte {
		// A backslash continuation inside each single-line GString, in a
		// CRLF file.
		var b bytes.Buffer
		last := 0
		for i, t := range toks {
			if t.Kind == "GSTRING_TEXT" && i > 0 && toks[i-1].Kind == "GSTRING_BEGIN" && t.Len() > 2 {
				mid := t.Start + 1
				b.Write(src[last:mid])
				b.WriteString("\\\n")
				last = mid
			}
		}
		b.Write(src[last:])
		out := bytes.ReplaceAll(bytes.ReplaceAll(b.Bytes(), []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		return out
	}},
}

// eachLineStart rewrites the indentation of each line that does not start
// inside a token (a multi-line string or comment).
func eachLineStart(src []byte, toks []parser.Token, f func(string) string) []byte {
	inside := func(off int) bool {
		for _, t := range toks {
			if t.Start < off && off < t.End {
				return true
			}
			if t.Start >= off {
				break
			}
		}
		return false
	}
	var b bytes.Buffer
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		n := len(line) - len(bytes.TrimLeft(line, " \t"))
		if n > 0 && !inside(start) {
			b.WriteString(f(string(line[:n])))
			b.Write(line[n:])
		} else {
			b.Write(line)
		}
		start = end
	}
	return b.Bytes()
}

// Variants makes the variants of one file, named after name.
func Variants(name string, src []byte) []Variant {
	toks := parser.Tokens(src)
	if toks == nil {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	r := rand.New(rand.NewSource(int64(h.Sum64())))
	var out []Variant
	seen := map[string]bool{string(src): true}
	add := func(id string, b []byte) {
		if seen[string(b)] {
			return
		}
		seen[string(b)] = true
		out = append(out, Variant{ID: name + "@" + id, Src: b})
	}
	for _, w := range wholeFile {
		add(w.name, w.change(src, toks))
	}
	for _, m := range mutations {
		sites := m.sites(toks, src)
		if len(sites) == 0 {
			continue
		}
		for n := 0; n < m.count; n++ {
			i := sites[r.Intn(len(sites))]
			add(fmt.Sprintf("%s-%d", m.name, n+1), apply(src, m.change(toks, src, i, r)))
		}
	}
	return out
}
