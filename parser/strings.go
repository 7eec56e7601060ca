package parser

import (
	"strconv"

	"github.com/antlr4-go/antlr/v4"
	"strings"
	"unicode/utf8"

	"jfcheck/parser/internal/gen"
)

func (b *builder) stringLit(ctx gen.IStringLiteralContext) *String {
	c := ctx.(*gen.StringLiteralContext)
	if t := c.TSQ_STRING(); t != nil {
		return b.stringToken(t, TripleSingleQuoted)
	}
	return b.stringToken(c.SQ_STRING(), SingleQuoted)
}

// stringToken builds a '...' or ”'...”' string from its single token.
func (b *builder) stringToken(tok antlr.TerminalNode, kind StringKind) *String {
	sp := b.tok(tok)
	raw := b.text(sp)
	s := &String{Span: sp, Kind: kind}
	q := 1
	if kind == TripleSingleQuoted {
		q = 3
	}
	s.Content = Span{sp.Start + q, sp.End - q}
	if len(raw) < 2*q || !strings.HasSuffix(raw, raw[:q]) {
		s.Content.End = sp.End // unterminated
	}
	if s.Content.End < s.Content.Start {
		s.Content.End = s.Content.Start
	}
	if s.Content.Len() > 0 {
		text := b.text(s.Content)
		s.Parts = []*StringPart{{Span: s.Content, Raw: text, Value: unescape(text, s.Kind)}}
	}
	return s
}

func (b *builder) gstring(ctx gen.IGstringContext) *String {
	c := ctx.(*gen.GstringContext)
	sp := b.span(c)
	s := &String{Span: sp}
	var begin Span
	switch {
	case c.GSTRING_BEGIN() != nil:
		s.Kind, begin = DoubleQuoted, b.tok(c.GSTRING_BEGIN())
	case c.TGSTRING_BEGIN() != nil:
		s.Kind, begin = TripleDoubleQuoted, b.tok(c.TGSTRING_BEGIN())
	case c.SLASHY_BEGIN() != nil:
		s.Kind, begin = Slashy, b.tok(c.SLASHY_BEGIN())
	default:
		s.Kind, begin = DollarSlashy, b.tok(c.DOLLAR_SLASHY_BEGIN())
	}
	s.Content = Span{begin.End, sp.End}
	if e := c.GSTRING_END(); e != nil && b.tok(e).Len() > 0 {
		s.Content.End = b.tok(e).Start
	}
	// The parts are the children between the string's first and last
	// tokens: a text, a $name, or ${ statements } (see the grammar).
	kids := c.GetChildren()
	for i := 1; i < len(kids); i++ {
		t, ok := kids[i].(antlr.TerminalNode)
		if !ok {
			continue
		}
		psp := b.tok(t)
		switch t.GetSymbol().GetTokenType() {
		case gen.GroovyLexerGSTRING_TEXT:
			text := b.text(psp)
			// Adjacent text tokens (a lone `$`, a `"` inside """) join into one run.
			if n := len(s.Parts); n > 0 && !s.Parts[n-1].IsInterpolation() && s.Parts[n-1].End == psp.Start {
				last := s.Parts[n-1]
				last.End = psp.End
				last.Raw += text
				last.Value = unescape(last.Raw, s.Kind)
				continue
			}
			s.Parts = append(s.Parts, &StringPart{Span: psp, Raw: text, Value: unescape(text, s.Kind)})
		case gen.GroovyLexerGSTRING_VAR:
			s.Parts = append(s.Parts, &StringPart{Span: psp, Raw: b.text(psp), Expr: dottedPath(b.text(psp)[1:], psp.Start+1)})
		case gen.GroovyLexerGSTRING_EXPR_BEGIN:
			var body gen.IStatementsContext
			arrow := false
		part:
			for i+1 < len(kids) {
				switch k := kids[i+1].(type) {
				case gen.IStatementsContext:
					body = k
					psp.End = max(psp.End, b.span(k).End)
				case antlr.ParserRuleContext:
					psp.End = max(psp.End, b.span(k).End)
				case antlr.TerminalNode:
					switch k.GetSymbol().GetTokenType() {
					case gen.GroovyLexerGSTRING_TEXT, gen.GroovyLexerGSTRING_VAR, gen.GroovyLexerGSTRING_EXPR_BEGIN, gen.GroovyLexerGSTRING_END:
						break part
					case gen.GroovyLexerARROW:
						arrow = true
					}
					if ks := b.tok(k); ks.Len() > 0 {
						psp.End = max(psp.End, ks.End)
					}
				}
				i++
			}
			stmts := b.statements(body)
			p := &StringPart{Span: psp, Raw: b.text(psp), Braces: true}
			if len(stmts) == 1 && !arrow {
				if es, ok := stmts[0].(*ExprStmt); ok {
					p.Expr = es.X
				}
			}
			if p.Expr == nil {
				p.Stmts = stmts
			}
			s.Parts = append(s.Parts, p)
		}
	}
	return s
}

// dottedPath builds the expression of `$a.b.c` from "a.b.c" at offset off.
func dottedPath(text string, off int) Expr {
	names := strings.Split(text, ".")
	var x Expr = &Ident{Span: Span{off, off + len(names[0])}, Name: names[0]}
	pos := off + len(names[0])
	for _, n := range names[1:] {
		x = &Select{Span: Span{off, pos + 1 + len(n)}, X: x, Op: ".", Name: n, NameSpan: Span{pos + 1, pos + 1 + len(n)}}
		pos += 1 + len(n)
	}
	return x
}

// unescape resolves the escapes of a literal run of a string of kind k.
func unescape(s string, k StringKind) string {
	switch k {
	case Slashy:
		return strings.ReplaceAll(s, `\/`, "/")
	case DollarSlashy:
		return dollarSlashyEscapes.Replace(s)
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out.WriteByte('\n')
		case 't':
			out.WriteByte('\t')
		case 'r':
			out.WriteByte('\r')
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 's':
			out.WriteByte(' ')
		case '\n':
			// line continuation
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case 'u':
			if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					var buf [4]byte
					n := utf8.EncodeRune(buf[:], rune(v))
					out.Write(buf[:n])
					i += 4
					continue
				}
			}
			out.WriteString(`\u`)
		default:
			if e >= '0' && e <= '7' {
				j := i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(s[i:j], 8, 8)
				out.WriteByte(byte(v))
				i = j - 1
				continue
			}
			out.WriteByte(e) // \\ \' \" \$ and anything else
		}
	}
	return out.String()
}

// dollarSlashyEscapes are the escapes of a $/.../$ string.
var dollarSlashyEscapes = strings.NewReplacer("$$", "$", "$/", "/")
