package parser

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// MaxDepth bounds the nesting of brackets, braces and interpolations, and
// of expressions: prefix operators (`!!!x`, `- - x`, casts) and
// right-associative ones (`a = b = c`, `x ? y : z ? ...`, `a ** b ** c`)
// count as levels too, since each costs the parser a level of recursion.
const MaxDepth = 500

// scan is the result of lexing a file: the tokens the parser will see, the
// comments, and the errors found by looking at tokens alone.
type scan struct {
	tokens   []*tok // significant tokens, ending with EOF
	comments []*Comment
	errs     []Error
	tooDeep  bool
}

// opener is an open bracket on the scan's stack.
type opener struct {
	tok   *tok
	close int // the token type that closes it
	chain int // the expression depth outside it
	q     int // the open `?` of conditional expressions outside it
	dq    int // how many "..." strings are open, this one included
}

// lex reads all tokens of the source, keeps comments aside, decides which
// newlines end statements, and checks that brackets balance and strings end.
func (p *parse) lex() *scan {
	lx := newLexer(p.text)
	s := &scan{}
	all := make([]*tok, 0, len(p.src)/4+16)
	for {
		t := lx.next()
		if t.channel == gen.GroovyLexerCOMMENTS {
			span := p.tokSpan(t)
			c := &Comment{Span: span, Text: t.text}
			c.Block = len(c.Text) >= 2 && c.Text[1] == '*'
			s.comments = append(s.comments, c)
			if c.Block && (len(c.Text) < 4 || c.Text[len(c.Text)-2:] != "*/") {
				s.errs = append(s.errs, Error{Span: Span{span.Start, span.Start + 2}, Msg: "unterminated comment: the '/*' here is never closed"})
			}
			if c.Block && strings.ContainsAny(c.Text, "\r\n") {
				// A comment over several lines ends the line of a "..."
				// string in Groovy, though not a statement: the scan
				// checks this NL and drops it.
				all = append(all, lx.alloc.new(gen.GroovyLexerNL, gen.GroovyLexerCOMMENTS, int(t.start), int(t.stop), t.text))
			}
			continue
		}
		all = append(all, t)
		if t.typ == antlr.TokenEOF {
			break
		}
	}
	p.filterNewlines(s, all)
	return s
}

// continuesAfter lists tokens after which a newline never ends a statement.
var continuesAfter tokenSet

// continuesBefore lists tokens before which a newline never ends a
// statement: they cannot start one.
var continuesBefore tokenSet

func init() {
	for _, t := range []int{
		gen.GroovyLexerCOMMA, gen.GroovyLexerDOT, gen.GroovyLexerSAFE_DOT, gen.GroovyLexerSPREAD_DOT,
		gen.GroovyLexerMETHOD_POINTER, gen.GroovyLexerMETHOD_REF, gen.GroovyLexerARROW,
		gen.GroovyLexerLBRACE, gen.GroovyLexerLPAREN, gen.GroovyLexerLBRACK, gen.GroovyLexerQUESTION,
		gen.GroovyLexerCOLON, gen.GroovyLexerELVIS, gen.GroovyLexerNOT, gen.GroovyLexerBITNOT,
		gen.GroovyLexerAT, gen.GroovyLexerELSE, gen.GroovyLexerTRY, gen.GroovyLexerFINALLY,
		gen.GroovyLexerDO, gen.GroovyLexerAND, gen.GroovyLexerOR, gen.GroovyLexerNEW,
		gen.GroovyLexerRANGE, gen.GroovyLexerRANGE_EXCLUSIVE, gen.GroovyLexerIN, gen.GroovyLexerNOT_IN,
		gen.GroovyLexerINSTANCEOF, gen.GroovyLexerNOT_INSTANCEOF, gen.GroovyLexerAS,
		gen.GroovyLexerGSTRING_EXPR_BEGIN,
		gen.GroovyLexerASSIGN, gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN,
		gen.GroovyLexerMUL_ASSIGN, gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN,
		gen.GroovyLexerAND_ASSIGN, gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN,
		gen.GroovyLexerSHL_ASSIGN, gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN,
		gen.GroovyLexerEQUAL, gen.GroovyLexerNOTEQUAL, gen.GroovyLexerIDENTICAL,
		gen.GroovyLexerNOT_IDENTICAL, gen.GroovyLexerSPACESHIP, gen.GroovyLexerLE, gen.GroovyLexerGE,
		gen.GroovyLexerLT, gen.GroovyLexerGT, gen.GroovyLexerREGEX_FIND, gen.GroovyLexerREGEX_MATCH,
		gen.GroovyLexerADD, gen.GroovyLexerSUB, gen.GroovyLexerMUL, gen.GroovyLexerDIV,
		gen.GroovyLexerMOD, gen.GroovyLexerPOWER, gen.GroovyLexerSHL, gen.GroovyLexerBITAND,
		gen.GroovyLexerBITOR, gen.GroovyLexerXOR,
	} {
		continuesAfter.add(t)
	}
	for _, t := range []int{
		gen.GroovyLexerDOT, gen.GroovyLexerSAFE_DOT, gen.GroovyLexerSPREAD_DOT,
		gen.GroovyLexerMETHOD_POINTER, gen.GroovyLexerMETHOD_REF, gen.GroovyLexerELSE,
		gen.GroovyLexerCATCH, gen.GroovyLexerFINALLY, gen.GroovyLexerQUESTION, gen.GroovyLexerELVIS,
		gen.GroovyLexerARROW, gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerTHROWS,
		gen.GroovyLexerEXTENDS, gen.GroovyLexerIMPLEMENTS,
	} {
		continuesBefore.add(t)
	}
	// A newline before `{` is settled in markStatements, which knows where
	// commands are; one before `:` continues a statement only in the middle
	// of a `? :`.
	// Groovy ends a statement at a newline before any other binary
	// operator: `x = a\n&& b` is two statements, and the second does not
	// parse.
	for _, t := range []int{
		gen.GroovyLexerAND, gen.GroovyLexerOR, gen.GroovyLexerBITOR, gen.GroovyLexerXOR,
		gen.GroovyLexerBITAND, gen.GroovyLexerEQUAL, gen.GroovyLexerNOTEQUAL, gen.GroovyLexerASSIGN,
		gen.GroovyLexerREGEX_FIND, gen.GroovyLexerREGEX_MATCH, gen.GroovyLexerIN, gen.GroovyLexerNOT_IN,
		gen.GroovyLexerINSTANCEOF, gen.GroovyLexerNOT_INSTANCEOF, gen.GroovyLexerAS, gen.GroovyLexerRANGE,
		gen.GroovyLexerRANGE_EXCLUSIVE, gen.GroovyLexerIDENTICAL, gen.GroovyLexerNOT_IDENTICAL,
		gen.GroovyLexerSPACESHIP, gen.GroovyLexerLE, gen.GroovyLexerGE, gen.GroovyLexerLT, gen.GroovyLexerGT,
		gen.GroovyLexerMUL, gen.GroovyLexerDIV, gen.GroovyLexerMOD, gen.GroovyLexerPOWER, gen.GroovyLexerSHL,
		gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN, gen.GroovyLexerMUL_ASSIGN,
		gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN, gen.GroovyLexerAND_ASSIGN,
		gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN, gen.GroovyLexerSHL_ASSIGN,
		gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN,
	} {
		binaryOnly.add(t)
	}
	for _, t := range []int{
		gen.GroovyLexerASSIGN, gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN,
		gen.GroovyLexerMUL_ASSIGN, gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN,
		gen.GroovyLexerAND_ASSIGN, gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN,
		gen.GroovyLexerSHL_ASSIGN, gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN,
		gen.GroovyLexerQUESTION, gen.GroovyLexerELVIS, gen.GroovyLexerPOWER,
		gen.GroovyLexerNOT, gen.GroovyLexerBITNOT,
	} {
		deepens.add(t)
	}
}

// binaryOnly lists the operators that cannot start an expression; a line
// that starts with one is an error.
var binaryOnly tokenSet

// deepens lists the operators that nest the expression after them one
// level deeper in the parser: right-associative and prefix ones. `+`, `-`,
// `++` and `--` do so where they are prefix operators.
var deepens tokenSet

// endsOperand lists the tokens after which `+`, `-`, `++` and `--` are
// binary or postfix operators.
var endsOperand = newTokenSet(
	gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL,
	gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING, gen.GroovyLexerGSTRING_END,
	gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerRBRACE,
	gen.GroovyLexerINC, gen.GroovyLexerDEC, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER,
	gen.GroovyLexerNULL, gen.GroovyLexerTRUE, gen.GroovyLexerFALSE,
	gen.GroovyLexerPRIMITIVE_TYPE, gen.GroovyLexerTRAIT,
)

var closerOf = closers{
	gen.GroovyLexerLPAREN:              gen.GroovyLexerRPAREN,
	gen.GroovyLexerLBRACK:              gen.GroovyLexerRBRACK,
	gen.GroovyLexerLBRACE:              gen.GroovyLexerRBRACE,
	gen.GroovyLexerGSTRING_EXPR_BEGIN:  gen.GroovyLexerGSTRING_EXPR_END,
	gen.GroovyLexerGSTRING_BEGIN:       gen.GroovyLexerGSTRING_END,
	gen.GroovyLexerTGSTRING_BEGIN:      gen.GroovyLexerGSTRING_END,
	gen.GroovyLexerSLASHY_BEGIN:        gen.GroovyLexerGSTRING_END,
	gen.GroovyLexerDOLLAR_SLASHY_BEGIN: gen.GroovyLexerGSTRING_END,
}

// filterNewlines keeps the NL tokens that end a statement and drops the
// rest: newlines inside parentheses and brackets, after a token that needs
// more (an operator, a comma, an opening brace), and before a token that
// cannot start a statement (`.method()` continuing the line above, `else`,
// `catch`, `&&`). It also matches brackets and reports what does not match.
func (p *parse) filterNewlines(s *scan, all []*tok) {
	var stack []opener
	prev, prev2 := -1, -1 // types of the previous two significant tokens, -1 at the start
	// The kept tokens overwrite all in place: out never gets ahead of the
	// token being read, and only tokens after that are looked at again.
	out := all[:0]
	bracketErr, nlErr := false, false
	chain := 0 // expression depth at the current bracket level
	q := 0     // the `?` at the current bracket level still waiting for their `:`
	inImport := false
	prefix := false // the previous token was a prefix operator // in an import or package statement, where a name does not continue on the next line
	base := func() int {
		if n := len(stack); n > 0 {
			return stack[n-1].chain
		}
		return 0
	}
	deeper := func(t *tok) {
		chain++
		if len(stack)+chain > MaxDepth && !s.tooDeep {
			s.tooDeep = true
			s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("expression nested deeper than %d levels: jfcheck does not read this file further", MaxDepth)})
		}
	}
	for i, t := range all {
		if s.tooDeep {
			break
		}
		tt := t.GetTokenType()
		commentNL := tt == gen.GroovyLexerNL && t.GetChannel() == gen.GroovyLexerCOMMENTS
		if tt == gen.GroovyLexerNL && len(stack) > 0 && stack[len(stack)-1].dq > 0 && !nlErr && !bracketErr {
			// The ${ } of a "..." or /.../ string ends on its line.
			nlErr = true
			for j := len(stack) - 1; j >= 0; j-- {
				if o := stack[j].tok; o.GetTokenType() == gen.GroovyLexerGSTRING_BEGIN || o.GetTokenType() == gen.GroovyLexerSLASHY_BEGIN {
					s.errs = append(s.errs, Error{Span: p.tokSpan(o), Msg: fmt.Sprintf("unterminated string: the %s opened at %s reaches the end of its line inside a '${ }'; use \"\"\"...\"\"\" for a string of several lines", describe(o), p.posString(o))})
					break
				}
			}
		}
		if commentNL {
			continue
		}
		switch tt {
		case gen.GroovyLexerQUESTION:
			q++
		case gen.GroovyLexerCOLON:
			if q > 0 {
				q--
			}
		case gen.GroovyLexerIMPORT, gen.GroovyLexerPACKAGE:
			inImport = prev == -1 || prev == gen.GroovyLexerNL || prev == gen.GroovyLexerSEMI || prev == gen.GroovyLexerRPAREN || prev == gen.GroovyLexerIDENTIFIER
		}
		sign := tt == gen.GroovyLexerADD || tt == gen.GroovyLexerSUB || tt == gen.GroovyLexerINC || tt == gen.GroovyLexerDEC
		wasPrefix := prefix
		prefix = false
		if tt == gen.GroovyLexerNL || tt == gen.GroovyLexerSEMI || tt == gen.GroovyLexerCOMMA {
			chain = base()
		} else if deepens.has(tt) || sign && (!endsOperand.has(prev) || wasPrefix) {
			// After a prefix `--`, a `--` is prefix too: `-- -- x`.
			prefix = sign || tt == gen.GroovyLexerNOT || tt == gen.GroovyLexerBITNOT
			deeper(t)
		}
		if tt == gen.GroovyLexerNL {
			if len(stack) > 0 {
				if top := stack[len(stack)-1].tok.GetTokenType(); top == gen.GroovyLexerLPAREN || top == gen.GroovyLexerLBRACK {
					continue
				}
			}
			if prev == -1 || prev == gen.GroovyLexerNL || continuesAfter.has(prev) && !(prev == gen.GroovyLexerMUL && prev2 == gen.GroovyLexerDOT) &&
				!(prev == gen.GroovyLexerGT && closesTypeArguments(out)) {
				continue
			}
			next := antlr.TokenEOF
			for _, u := range all[i+1:] {
				if u.GetTokenType() != gen.GroovyLexerNL {
					next = u.GetTokenType()
					break
				}
			}
			if continuesBefore.has(next) && !(inImport && next == gen.GroovyLexerDOT) || next == gen.GroovyLexerCOLON && q > 0 {
				continue
			}
			inImport, q = false, 0
			out = append(out, t)
			prev, prev2 = tt, prev
			continue
		}
		switch {
		case closerOf.of(tt) != 0:
			dq := 0
			if n := len(stack); n > 0 {
				dq = stack[n-1].dq
			}
			switch tt {
			case gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN:
				dq++
			case gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerDOLLAR_SLASHY_BEGIN:
				dq = 0
			}
			stack = append(stack, opener{tok: t, close: closerOf.of(tt), chain: chain, q: q, dq: dq})
			q = 0
			if len(stack)+chain > MaxDepth && !s.tooDeep {
				s.tooDeep = true
				s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("nesting deeper than %d levels: jfcheck does not read this file further", MaxDepth)})
			}
		case tt == gen.GroovyLexerRPAREN || tt == gen.GroovyLexerRBRACK || tt == gen.GroovyLexerRBRACE ||
			tt == gen.GroovyLexerGSTRING_EXPR_END || tt == gen.GroovyLexerGSTRING_END:
			if len(stack) > 0 && stack[len(stack)-1].close == tt {
				chain, q = stack[len(stack)-1].chain, stack[len(stack)-1].q
				stack = stack[:len(stack)-1]
			} else if !bracketErr {
				bracketErr = true
				if len(stack) == 0 {
					s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("unexpected %s: nothing is open here that it could close", describe(t))})
				} else {
					o := stack[len(stack)-1]
					s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("unexpected %s: the %s opened at %s is still open",
						describe(t), describe(o.tok), p.posString(o.tok))})
				}
			}
		case tt == gen.GroovyLexerUNTERMINATED_STRING:
			span := p.tokSpan(t)
			quote := "'"
			if c := p.src[span.Start]; c == '\n' || c == '\r' {
				// A newline ended a "..." string: point at its opening quote.
				quote = `"`
				for j := len(stack) - 1; j >= 0; j-- {
					if stack[j].tok.GetTokenType() == gen.GroovyLexerGSTRING_BEGIN {
						span = p.tokSpan(stack[j].tok)
						stack = stack[:j]
						break
					}
				}
			}
			if !bracketErr {
				bracketErr = true
				msg := fmt.Sprintf("unterminated string: the %s here is not closed on its line", quote)
				for j := len(stack) - 1; j >= 0; j-- {
					if o := stack[j].tok; o.GetTokenType() == gen.GroovyLexerGSTRING_EXPR_BEGIN {
						msg += fmt.Sprintf(" (it is inside the '${' opened at %s)", p.posString(o))
						break
					}
				}
				s.errs = append(s.errs, Error{Span: Span{span.Start, span.Start + 1}, Msg: msg})
			}
		case tt == gen.GroovyLexerTSQ_STRING:
			span := p.tokSpan(t)
			if span.Len() < 6 || string(p.src[span.End-3:span.End]) != "'''" {
				s.errs = append(s.errs, Error{Span: Span{span.Start, span.Start + 3}, Msg: "unterminated string: the ''' here is never closed"})
			} else {
				p.checkEscapes(s, Span{span.Start + 3, span.End - 3})
			}
		case tt == gen.GroovyLexerSQ_STRING:
			span := p.tokSpan(t)
			p.checkEscapes(s, Span{span.Start + 1, span.End - 1})
		case tt == gen.GroovyLexerGSTRING_TEXT && len(stack) > 0:
			switch stack[len(stack)-1].tok.GetTokenType() {
			case gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN:
				span := p.tokSpan(t)
				if t.GetText() == "$" {
					s.errs = append(s.errs, Error{Span: span, Msg: "a '$' in a \"...\" string must start ${expression} or $name: write \\$ for a dollar sign"})
				} else {
					p.checkEscapes(s, span)
				}
			}
		case tt == gen.GroovyLexerINTEGER_LITERAL || tt == gen.GroovyLexerFLOAT_LITERAL:
			p.checkNumber(s, t)
		case tt == gen.GroovyLexerERROR_CHAR:
			s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("unexpected character %q", t.GetText())})
		case tt == antlr.TokenEOF:
			for j := len(stack) - 1; j >= 0 && !bracketErr; j-- {
				o := stack[j]
				ot := o.tok.GetTokenType()
				if ot == gen.GroovyLexerGSTRING_EXPR_BEGIN {
					continue // reported with its string
				}
				if o.close == gen.GroovyLexerGSTRING_END {
					s.errs = append(s.errs, Error{Span: p.tokSpan(o.tok), Msg: fmt.Sprintf("unterminated string: the %s opened at %s is never closed", describe(o.tok), p.posString(o.tok))})
				} else {
					s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("unexpected end of file: the %s opened at %s is never closed", describe(o.tok), p.posString(o.tok))})
				}
				break
			}
		}
		out = append(out, t)
		prev, prev2 = tt, prev
	}
	if s.tooDeep {
		s.tokens = out
		return
	}
	var deep int
	s.tokens, deep = markStatements(out)
	if deep >= 0 {
		s.tooDeep = true
		s.errs = append(s.errs, Error{Span: p.tokSpan(out[deep]), Msg: fmt.Sprintf("expression nested deeper than %d levels: jfcheck does not read this file further", MaxDepth)})
	}
}

// checkEscapes reports the escapes in a quoted string's text that Groovy
// does not know: it knows \b \f \n \r \t \\ \' \" \$, octal escapes, \uXXXX
// and a backslash before a line break.
func (p *parse) checkEscapes(s *scan, span Span) {
	src := p.src[span.Start:span.End]
	for i := 0; i < len(src); i++ {
		if src[i] != '\\' {
			continue
		}
		if i+1 >= len(src) {
			return
		}
		switch c := src[i+1]; {
		case strings.IndexByte("btnfr\"'\\$\r\n", c) >= 0 || c >= '0' && c <= '7':
			i++
		case c == 'u':
			i++ // checked with every \u of the file in checkUnicodeEscapes
		default:
			_, n := utf8.DecodeRune(src[i+1:])
			esc := string(src[i : i+1+n])
			s.errs = append(s.errs, Error{Span: Span{span.Start + i, span.Start + i + 1 + n}, Msg: fmt.Sprintf("invalid escape sequence '%s' in a string: write '\\%s' for a backslash", esc, esc)})
			return
		}
	}
}

// checkUnicodeEscapes reports a \u that four hex digits do not follow.
// Groovy reads \uXXXX escapes everywhere in a file, in comments too, before
// it lexes; `\\u` is a backslash and a u.
func checkUnicodeEscapes(src []byte) (Span, bool) {
	for i := 0; i < len(src); i++ {
		if src[i] != '\\' || i+1 >= len(src) {
			continue
		}
		if src[i+1] == '\\' {
			i++
			continue
		}
		if src[i+1] != 'u' {
			continue
		}
		j := i + 1
		for j < len(src) && src[j] == 'u' {
			j++
		}
		ok := j+4 <= len(src)
		for k := j; ok && k < j+4; k++ {
			c := src[k]
			ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		}
		if !ok {
			return Span{i, j}, true
		}
		i = j + 3
	}
	return Span{}, false
}

// checkNumber reports an underscore in a number that does not stand
// between two digits, as in `1_` or `1_L`.
func (p *parse) checkNumber(s *scan, t antlr.Token) {
	txt := t.GetText()
	if strings.IndexByte(txt, '_') < 0 {
		return
	}
	hex := len(txt) > 1 && (txt[1] == 'x' || txt[1] == 'X')
	digit := func(i int) bool {
		if i < 0 || i >= len(txt) {
			return false
		}
		c := txt[i]
		return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
	}
	for i := 0; i < len(txt); i++ {
		if txt[i] != '_' {
			continue
		}
		j := i
		for j < len(txt) && txt[j] == '_' {
			j++
		}
		if !digit(i-1) || !digit(j) {
			s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("invalid number %s: an underscore must stand between digits", txt)})
			return
		}
		i = j
	}
}

// describe names a token for an error message.
func describe(t antlr.Token) string {
	switch tt := t.GetTokenType(); tt {
	case antlr.TokenEOF:
		return "end of file"
	case gen.GroovyLexerNL:
		return "end of line"
	case gen.GroovyLexerIDENTIFIER:
		return fmt.Sprintf("name %q", t.GetText())
	case gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL:
		return fmt.Sprintf("number %s", t.GetText())
	case gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING:
		return "string"
	case gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN,
		gen.GroovyLexerDOLLAR_SLASHY_BEGIN:
		return fmt.Sprintf("'%s'", t.GetText())
	case gen.GroovyLexerGSTRING_TEXT, gen.GroovyLexerGSTRING_VAR:
		return "string text"
	case gen.GroovyLexerGSTRING_EXPR_BEGIN:
		return "'${'"
	case gen.GroovyLexerGSTRING_END:
		return "end of string"
	case gen.GroovyLexerGSTRING_EXPR_END:
		return "'}'"
	}
	txt := t.GetText()
	if len(txt) > 0 && (txt[0] >= 'a' && txt[0] <= 'z') {
		return fmt.Sprintf("keyword '%s'", txt)
	}
	return fmt.Sprintf("'%s'", txt)
}

// closesTypeArguments reports whether the '>' that ends out closes type
// arguments, as in `x as Map<String, Object>`, rather than comparing: a
// newline after it then ends the statement. It looks back over the type's
// tokens only.
func closesTypeArguments(out []*tok) bool {
	depth := 0
	for i := len(out) - 1; i >= 0; i-- {
		switch out[i].GetTokenType() {
		case gen.GroovyLexerGT:
			depth++
		case gen.GroovyLexerLT:
			depth--
			if depth == 0 {
				return i > 0 && out[i-1].GetTokenType() == gen.GroovyLexerIDENTIFIER
			}
		case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerDOT, gen.GroovyLexerCOMMA, gen.GroovyLexerQUESTION,
			gen.GroovyLexerEXTENDS, gen.GroovyLexerSUPER, gen.GroovyLexerLBRACK, gen.GroovyLexerRBRACK,
			gen.GroovyLexerPRIMITIVE_TYPE, gen.GroovyLexerBITAND:
		default:
			return false
		}
		if depth <= 0 {
			return false
		}
	}
	return false
}

// maxTokenType bounds the lexer's token types (a test checks it).
const maxTokenType = 255

// tokenSet is a set of token types, EOF (-1) included: the scans look up
// several of them per token.
type tokenSet [maxTokenType + 2]bool

func newTokenSet(types ...int) tokenSet {
	var s tokenSet
	for _, t := range types {
		s.add(t)
	}
	return s
}

func (s *tokenSet) add(t int) { s[t+1] = true }

func (s *tokenSet) has(t int) bool { return t >= -1 && t <= maxTokenType && s[t+1] }

// closers maps an opening token type to the type that closes it, 0 for
// the types that open nothing.
type closers [maxTokenType + 1]int

func (c *closers) of(t int) int {
	if t < 0 || t > maxTokenType {
		return 0
	}
	return c[t]
}
