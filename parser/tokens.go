package parser

import (
	"fmt"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// MaxDepth bounds the nesting of brackets, braces and interpolations.
const MaxDepth = 500

// scan is the result of lexing a file: the tokens the parser will see, the
// comments, and the errors found by looking at tokens alone.
type scan struct {
	tokens   []antlr.Token // significant tokens, ending with EOF
	comments []*Comment
	errs     []Error
	tooDeep  bool
}

// opener is an open bracket on the scan's stack.
type opener struct {
	tok   antlr.Token
	close int // the token type that closes it
}

// lex reads all tokens of input, keeps comments aside, decides which
// newlines end statements, and checks that brackets balance and strings end.
func (p *parse) lex(input antlr.CharStream) *scan {
	lx := gen.NewLexer(input)
	if p.fresh {
		atn := lx.GetATN()
		lx.Interpreter = antlr.NewLexerATNSimulator(lx, atn, freshDFA(atn), antlr.NewPredictionContextCache())
	}
	lx.RemoveErrorListeners()
	s := &scan{}
	all := make([]antlr.Token, 0, len(p.src)/4+16)
	for {
		t := lx.NextToken()
		if t.GetChannel() == gen.GroovyLexerCOMMENTS {
			span := p.tokSpan(t)
			c := &Comment{Span: span, Text: string(p.src[span.Start:span.End])}
			c.Block = len(c.Text) >= 2 && c.Text[1] == '*'
			s.comments = append(s.comments, c)
			if c.Block && (len(c.Text) < 4 || c.Text[len(c.Text)-2:] != "*/") {
				s.errs = append(s.errs, Error{Span: Span{span.Start, span.Start + 2}, Msg: "unterminated comment: the '/*' here is never closed"})
			}
			continue
		}
		if t.GetChannel() != antlr.TokenDefaultChannel {
			continue
		}
		all = append(all, t)
		if t.GetTokenType() == antlr.TokenEOF {
			break
		}
	}
	p.filterNewlines(s, all)
	return s
}

// continuesAfter lists tokens after which a newline never ends a statement.
var continuesAfter = map[int]bool{}

// continuesBefore lists tokens before which a newline never ends a
// statement: they cannot start one.
var continuesBefore = map[int]bool{}

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
		continuesAfter[t] = true
	}
	for _, t := range []int{
		gen.GroovyLexerDOT, gen.GroovyLexerSAFE_DOT, gen.GroovyLexerSPREAD_DOT,
		gen.GroovyLexerMETHOD_POINTER, gen.GroovyLexerMETHOD_REF, gen.GroovyLexerELSE,
		gen.GroovyLexerCATCH, gen.GroovyLexerFINALLY, gen.GroovyLexerAND, gen.GroovyLexerOR,
		gen.GroovyLexerQUESTION, gen.GroovyLexerELVIS, gen.GroovyLexerCOLON, gen.GroovyLexerBITOR,
		gen.GroovyLexerXOR, gen.GroovyLexerEQUAL, gen.GroovyLexerNOTEQUAL, gen.GroovyLexerASSIGN,
		gen.GroovyLexerREGEX_FIND, gen.GroovyLexerREGEX_MATCH, gen.GroovyLexerIN,
		gen.GroovyLexerINSTANCEOF, gen.GroovyLexerAS, gen.GroovyLexerRANGE,
		gen.GroovyLexerRANGE_EXCLUSIVE, gen.GroovyLexerARROW, gen.GroovyLexerLBRACE,
		gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK,
	} {
		continuesBefore[t] = true
	}
}

var closerOf = map[int]int{
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
func (p *parse) filterNewlines(s *scan, all []antlr.Token) {
	var stack []opener
	prev, prev2 := -1, -1 // types of the previous two significant tokens, -1 at the start
	out := make([]antlr.Token, 0, len(all))
	bracketErr := false
	for i, t := range all {
		tt := t.GetTokenType()
		if tt == gen.GroovyLexerNL {
			if len(stack) > 0 {
				if top := stack[len(stack)-1].tok.GetTokenType(); top == gen.GroovyLexerLPAREN || top == gen.GroovyLexerLBRACK {
					continue
				}
			}
			if prev == -1 || prev == gen.GroovyLexerNL || continuesAfter[prev] && !(prev == gen.GroovyLexerMUL && prev2 == gen.GroovyLexerDOT) {
				continue
			}
			next := antlr.TokenEOF
			for _, u := range all[i+1:] {
				if u.GetTokenType() != gen.GroovyLexerNL {
					next = u.GetTokenType()
					break
				}
			}
			if continuesBefore[next] {
				continue
			}
			out = append(out, t)
			prev, prev2 = tt, prev
			continue
		}
		switch {
		case closerOf[tt] != 0:
			stack = append(stack, opener{t, closerOf[tt]})
			if len(stack) > MaxDepth && !s.tooDeep {
				s.tooDeep = true
				s.errs = append(s.errs, Error{Span: p.tokSpan(t), Msg: fmt.Sprintf("nesting deeper than %d levels: jfcheck does not read this file further", MaxDepth)})
			}
		case tt == gen.GroovyLexerRPAREN || tt == gen.GroovyLexerRBRACK || tt == gen.GroovyLexerRBRACE ||
			tt == gen.GroovyLexerGSTRING_EXPR_END || tt == gen.GroovyLexerGSTRING_END:
			if len(stack) > 0 && stack[len(stack)-1].close == tt {
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
			}
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
	s.tokens = markStatements(out)
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
