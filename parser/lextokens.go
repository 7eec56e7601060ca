package parser

import (
	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// A Token is one token of a file as the lexer sees it, before the parser
// package decides which newlines end statements. It serves tools that
// transform source text token by token (the differential test's variant
// generator); the rules read the model instead.
type Token struct {
	Span
	// Kind is the lexer's name for the token: "IDENTIFIER", "NL", "ADD",
	// "SQ_STRING", "GSTRING_BEGIN", ...; comments are "COMMENT".
	Kind string
}

// Tokens lexes src. It returns nil for input that Parse refuses before
// lexing (too large, binary or invalid UTF-8).
func Tokens(src []byte) []Token {
	if len(src) > MaxFileSize || !validText(src) {
		return nil
	}
	names := gen.NewLexer(nil).GetSymbolicNames()
	lx := newLexer(string(src))
	var out []Token
	for {
		t := lx.next()
		if t.typ == antlr.TokenEOF {
			return out
		}
		kind := "COMMENT"
		if t.channel == antlr.TokenDefaultChannel {
			kind = "?"
			if tt := int(t.typ); tt >= 0 && tt < len(names) {
				kind = names[tt]
			}
		}
		out = append(out, Token{Span: Span{int(t.start), int(t.stop) + 1}, Kind: kind})
	}
}
