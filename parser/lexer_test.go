package parser

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// lexed is a token as both lexers report it: byte span, type, channel.
type lexed struct {
	typ, channel, start, end int
	text                     string
}

func (t lexed) String() string {
	return fmt.Sprintf("%d..%d type %d channel %d %q", t.start, t.end, t.typ, t.channel, t.text)
}

// grammarTokens lexes src with the lexer generated from GroovyLexer.g4,
// the reference for the hand-written one.
func grammarTokens(src string) []lexed {
	runes := make([]int, 0, len(src)+1)
	for i := range src {
		runes = append(runes, i)
	}
	runes = append(runes, len(src))
	lx := gen.NewLexer(antlr.NewInputStream(src))
	lx.RemoveErrorListeners()
	var out []lexed
	for {
		t := lx.NextToken()
		if t.GetTokenType() == antlr.TokenEOF {
			out = append(out, lexed{typ: antlr.TokenEOF, start: len(src), end: len(src)})
			return out
		}
		start, end := runes[t.GetStart()], runes[t.GetStop()+1]
		out = append(out, lexed{typ: t.GetTokenType(), channel: t.GetChannel(), start: start, end: end, text: t.GetText()})
	}
}

func handTokens(src string) []lexed {
	l := newLexer(src)
	var out []lexed
	for {
		t := l.next()
		if t.GetTokenType() == antlr.TokenEOF {
			out = append(out, lexed{typ: antlr.TokenEOF, start: len(src), end: len(src)})
			return out
		}
		out = append(out, lexed{typ: t.GetTokenType(), channel: t.GetChannel(), start: t.GetStart(), end: t.GetStop() + 1, text: t.GetText()})
	}
}

// compareLexers fails when the two lexers disagree on src.
func compareLexers(t *testing.T, name, src string) bool {
	t.Helper()
	want, got := grammarTokens(src), handTokens(src)
	for i := 0; i < len(want) || i < len(got); i++ {
		if i < len(want) && i < len(got) && want[i] == got[i] {
			continue
		}
		w, g := "(none)", "(none)"
		if i < len(want) {
			w = want[i].String()
		}
		if i < len(got) {
			g = got[i].String()
		}
		ctx := src[max(0, min(len(src), want[min(i, len(want)-1)].start)-40):min(len(src), want[min(i, len(want)-1)].start+40)]
		t.Errorf("%s: token %d: grammar lexer %s, parser lexer %s, near %q", name, i, w, g, ctx)
		return false
	}
	return true
}

// lexerSnippets are inputs that reach each corner of the lexer grammar.
var lexerSnippets = []string{
	"", "\uFEFFpipeline {}", "#!/usr/bin/env groovy\nx", "x #! y", "\uFEFF#!x",
	"a\\\n b", "a \\  \t\r\n b", "a \\ x", "\\u0041bc = 1", "a\\u00e9b", "\\uuuu0041", "\\u00G1", "x\\",
	"a\r\nb\rc\nd", "/* x */ y /* z", "/*/ x */", "// c\r\n", "x = /re+/ + y / 2 /= 3",
	"f(/a\\/b$x${y}c\\d/)", "x = $/a/$$ $/ $$x $x.y ${z} /$ y", "$/x/$", "a $/ b", "x = $/", "x = $/abc/",
	"'a' 'b\\'c' 'd\\\ne' '''x''' '''a\\'''b''' '''' '''''' ''''''' 'unterminated\n'", "'''abc\\", "'abc\\",
	"'a\\\r\nb'", "'''x", "''", "'", "\"", "\"\"\"", "\"\"\"\"", "\"\"\"\"\"\"\"", "\"\"",
	`"a $b.c.d. $ $1 ${e} \$ \" \\" x`, `"a ${ "b ${ c } d" } e"`, `"x ${ {a -> a}() } y"`,
	"\"abc\ndef\"", "\"abc\r\ndef\"", "\"a\\\nb\"", "\"a\\", "\"a\\\r\n\"", `"$`, `"${`, `"${x`,
	`"""a "b" ""c"" $d ${e} \""" f"""`, "\"\"\"a\nb\"\"\"", `"""\`, `"""$`,
	"1 1.5 1e5 1.5e-3f 1_000 1_ 0x1F 0x 0xg 0b101 0b2 0b 1L 1g 1G 1d 1.e5 1..2 1.5.3 0x1e5 0b1e5 1_g 07 1e 1e+ 1.5e",
	"a!in b !inside !instanceof c !instanceofx !in", "a !== b != c ! d", "x?.y?:z ?= w ? 1 : 2",
	"a..<b ... .. .& :: ==~ =~ **= ** <=> === -> ++ -- += -= *= &= |= ^= %= <<= << <= >= && || & | ^ % * *.",
	"x × y ÷ z é ❤ \u00a0 \uFEFF w", "日本 = 1", "𝒳 = 2", "a@b~c;d,e", "def definition in instanceof trait",
	"{ } }", "\"${ } }\"", "} ${", "\"a${b}\"/c/", "x = y\n/abc/", "return /x/", "(/x/)", "a++ / b", "this / 2",
	"`", "a\tb\fc", "\"\\u0041\"", "x = \"\\$\"", "/", "x /", "$/ $", "$/ /", "$/ a/$$/$", "\"$a.\"", "\"$a.b\"",
	"\"$é\"", "\"$_x1\"", "\"$1\"", "\"${'}'}\"", "'''a\r\n\\\r\nb'''",
}

// lexerFiles returns every Jenkinsfile of testdata.
func lexerFiles(t *testing.T) map[string]string {
	files := map[string]string{}
	err := filepath.Walk(filepath.Join("..", "testdata"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil && validText(src) && len(src) <= MaxFileSize {
			files[path] = string(src)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d test files", len(files))
	}
	return files
}

// TestLexerMatchesGrammar checks that the hand-written lexer reads what
// the lexer generated from GroovyLexer.g4 reads: over the snippets, every
// test file, every line of them on its own, and variants cut at many
// places (which ends strings, comments and interpolations early) or
// spliced from pieces of different files.
func TestLexerMatchesGrammar(t *testing.T) {
	for i, s := range lexerSnippets {
		compareLexers(t, fmt.Sprintf("snippet %d", i), s)
	}
	files := lexerFiles(t)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	rnd := rand.New(rand.NewSource(1))
	var pieces []string
	for _, name := range names {
		src := files[name]
		if !compareLexers(t, name, src) {
			continue
		}
		for _, line := range strings.SplitAfter(src, "\n") {
			if len(line) > 1 && rnd.Intn(4) == 0 {
				compareLexers(t, name+" (a line)", line)
			}
		}
		for k := 0; k < 8 && len(src) > 0; k++ {
			cut := rnd.Intn(len(src))
			for cut > 0 && !utf8.RuneStart(src[cut]) {
				cut--
			}
			compareLexers(t, fmt.Sprintf("%s cut at %d", name, cut), src[:cut])
			compareLexers(t, fmt.Sprintf("%s from %d", name, cut), src[cut:])
			end := min(len(src), cut+1+rnd.Intn(200))
			for end < len(src) && !utf8.RuneStart(src[end]) {
				end++
			}
			pieces = append(pieces, src[cut:end])
		}
	}
	for k := 0; k < 2000; k++ {
		var b strings.Builder
		for n := 1 + rnd.Intn(6); n > 0; n-- {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		compareLexers(t, fmt.Sprintf("spliced variant %d", k), b.String())
	}
}

func TestTokenTypesFit(t *testing.T) {
	if n := len(gen.NewLexer(nil).GetSymbolicNames()); n > maxTokenType {
		t.Fatalf("the lexer has %d token types, more than maxTokenType (%d)", n, maxTokenType)
	}
}

// FuzzLexer compares the two lexers on any input Parse lexes.
func FuzzLexer(f *testing.F) {
	for _, s := range lexerSnippets {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !validText([]byte(src)) {
			return
		}
		compareLexers(t, "fuzz", src)
	})
}
