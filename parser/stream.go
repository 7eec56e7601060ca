package parser

import (
	"strings"

	"github.com/antlr4-go/antlr/v4"
)

// tokenStream hands the parser the tokens the scan kept, from a slice: the
// scan already lexed everything and dropped what the parser must not see,
// so there is nothing to buffer or filter (antlr.CommonTokenStream would do
// both again). The last token is EOF.
type tokenStream struct {
	tokens []*tok
	i      int
	source antlr.TokenSource
}

func newTokenStream(tokens []*tok, source antlr.TokenSource) *tokenStream {
	for i, t := range tokens {
		t.SetTokenIndex(i)
	}
	return &tokenStream{tokens: tokens, source: source}
}

func (s *tokenStream) Consume() {
	if s.i < len(s.tokens)-1 {
		s.i++
	}
}

func (s *tokenStream) LA(k int) int {
	switch {
	case k == 1:
		return int(s.tokens[s.i].typ)
	case k == 0 || k < 0 && s.i+k < 0:
		return antlr.TokenInvalidType
	case k < 0:
		return int(s.tokens[s.i+k].typ)
	case s.i+k-1 >= len(s.tokens):
		return int(s.tokens[len(s.tokens)-1].typ)
	}
	return int(s.tokens[s.i+k-1].typ)
}

func (s *tokenStream) LT(k int) antlr.Token {
	switch {
	case k == 0:
		return nil
	case k < 0:
		if s.i+k < 0 {
			return nil
		}
		return s.tokens[s.i+k]
	case s.i+k-1 >= len(s.tokens):
		return s.tokens[len(s.tokens)-1]
	}
	return s.tokens[s.i+k-1]
}

func (s *tokenStream) Mark() int                            { return -1 }
func (s *tokenStream) Release(int)                          {}
func (s *tokenStream) Index() int                           { return s.i }
func (s *tokenStream) Seek(i int)                           { s.i = min(max(i, 0), len(s.tokens)-1) }
func (s *tokenStream) Size() int                            { return len(s.tokens) }
func (s *tokenStream) GetSourceName() string                { return "" }
func (s *tokenStream) Reset()                               { s.i = 0 }
func (s *tokenStream) Get(i int) antlr.Token                { return s.tokens[i] }
func (s *tokenStream) GetTokenSource() antlr.TokenSource    { return s.source }
func (s *tokenStream) SetTokenSource(src antlr.TokenSource) { s.source = src }
func (s *tokenStream) GetAllText() string                   { return s.text(0, len(s.tokens)-1) }
func (s *tokenStream) GetTextFromInterval(iv antlr.Interval) string {
	return s.text(iv.Start, iv.Stop)
}

func (s *tokenStream) GetTextFromRuleContext(ctx antlr.RuleContext) string {
	return s.text(ctx.GetSourceInterval().Start, ctx.GetSourceInterval().Stop)
}

func (s *tokenStream) GetTextFromTokens(start, end antlr.Token) string {
	if start == nil || end == nil {
		return ""
	}
	return s.text(start.GetTokenIndex(), end.GetTokenIndex())
}

func (s *tokenStream) text(from, to int) string {
	var b strings.Builder
	for i := max(from, 0); i <= to && i < len(s.tokens); i++ {
		if t := s.tokens[i]; t.typ != antlr.TokenEOF {
			b.WriteString(t.text)
		}
	}
	return b.String()
}
