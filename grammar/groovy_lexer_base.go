//go:build jfcheck_grammar_source

// This file is the source of parser/internal/gen/groovy_lexer_base.go, which
// `go generate ./parser` copies next to the generated lexer (the build tag
// above keeps this copy out of every build). Edit it here.

package gen

import (
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"
)

// GroovyLexerBase holds the state that GroovyLexer's actions and predicates
// need: the stack of open braces, where an entry marks whether the brace
// opened a GString interpolation, and the type of the last token on the
// default channel.
type GroovyLexerBase struct {
	*antlr.BaseLexer

	braces   []bool // true: the brace opened a `${` interpolation
	lastType int    // type of the last default-channel token other than NL
}

// Emit records the type of each significant token before handing it on.
func (l *GroovyLexerBase) Emit() antlr.Token {
	t := l.BaseLexer.Emit()
	if t.GetChannel() == antlr.TokenDefaultChannel && t.GetTokenType() != GroovyLexerNL {
		l.lastType = t.GetTokenType()
	}
	return t
}

// Reset forgets the state of a previous input.
func (l *GroovyLexerBase) Reset() {
	l.BaseLexer.Reset()
	l.braces = l.braces[:0]
	l.lastType = 0
}

// atFileStart reports whether the current token starts the file. Groovy
// takes `#!` only there: not even after a byte-order mark.
func (l *GroovyLexerBase) atFileStart() bool {
	return l.TokenStartCharIndex == 0
}

func (l *GroovyLexerBase) openBrace() {
	l.braces = append(l.braces, false)
}

func (l *GroovyLexerBase) openInterpolation() {
	l.braces = append(l.braces, true)
}

// closeBrace pops the brace stack; a `}` that closes an interpolation
// becomes GSTRING_EXPR_END and returns to the enclosing string's mode.
func (l *GroovyLexerBase) closeBrace() {
	n := len(l.braces)
	if n == 0 {
		return // unbalanced: the parser reports it
	}
	interp := l.braces[n-1]
	l.braces = l.braces[:n-1]
	if interp {
		l.SetType(GroovyLexerGSTRING_EXPR_END)
		l.PopMode()
	}
}

// slashyAllowed reports whether a `/` here starts a slashy string rather
// than dividing: it does where an expression may start, that is after an
// operator, an opening bracket, a comma, a keyword such as `return`, or at
// the start of the file.
func (l *GroovyLexerBase) slashyAllowed() bool {
	switch l.lastType {
	case GroovyLexerIDENTIFIER, GroovyLexerINTEGER_LITERAL, GroovyLexerFLOAT_LITERAL,
		GroovyLexerSQ_STRING, GroovyLexerTSQ_STRING, GroovyLexerGSTRING_END,
		GroovyLexerRPAREN, GroovyLexerRBRACK, GroovyLexerRBRACE,
		GroovyLexerINC, GroovyLexerDEC, GroovyLexerTHIS, GroovyLexerSUPER,
		GroovyLexerNULL, GroovyLexerTRUE, GroovyLexerFALSE, GroovyLexerPRIMITIVE_TYPE:
		return false
	}
	return true
}

// notIdentifierPartAhead reports whether the next character cannot continue
// an identifier, so that `!in` and `!instanceof` are operators while
// `!inside` is `!` applied to `inside`.
func (l *GroovyLexerBase) notIdentifierPartAhead() bool {
	c := l.GetInputStream().LA(1)
	if c < 0 {
		return true
	}
	r := rune(c)
	if r < utf8.RuneSelf {
		return !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}
	// Groovy's letters: every character from U+00C0 on but × and ÷.
	return r < 0xC0 || r == 0xD7 || r == 0xF7 || r == 0xFEFF || r == 0xFFFF
}

// NewLexer returns a GroovyLexer whose Emit goes through GroovyLexerBase, so
// that slashyAllowed sees the previous token.
func NewLexer(input antlr.CharStream) *GroovyLexer {
	l := NewGroovyLexer(input)
	l.Virt = l
	return l
}
