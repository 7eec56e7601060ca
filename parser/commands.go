package parser

import (
	"unicode"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// markStatements settles two questions that Groovy's syntax leaves to
// context, so that the grammar can stay unambiguous and parse in linear
// time:
//
//   - where the arguments of a command expression start: `sh 'make'`,
//     `checkout scm`, `x = sh script: 'y'`. A CMD token is inserted before
//     them. A command starts a statement (or the right side of an
//     assignment) with a name or property path followed by something that
//     can only start an argument; `String s` and `Foo x = y` stay
//     declarations, as in Groovy.
//   - where a statement follows a closing brace on the same line, as in
//     `stage('a') { ... } stage('b') { ... }`: a zero-width NL is inserted.
//   - which `{` opens a block statement rather than a closure: one at the
//     start of a statement or after `if (...)`, `else`, `try` and the like.
//     It is retagged BLOCK_LBRACE.
func markStatements(in []antlr.Token) []antlr.Token {
	out := make([]antlr.Token, 0, len(in)+len(in)/8)
	control := make([]bool, len(in)) // for a ")": closes the parentheses of if/while/for/catch
	var parens []int
	for i, t := range in {
		switch t.GetTokenType() {
		case gen.GroovyLexerLPAREN:
			parens = append(parens, i)
		case gen.GroovyLexerRPAREN:
			if n := len(parens); n > 0 {
				open := parens[n-1]
				parens = parens[:n-1]
				if open > 0 {
					switch in[open-1].GetTokenType() {
					case gen.GroovyLexerIF, gen.GroovyLexerWHILE, gen.GroovyLexerFOR, gen.GroovyLexerCATCH:
						control[i] = true
					}
				}
			}
		}
	}
	prevType := func(i int) int {
		if i == 0 {
			return -1
		}
		return in[i-1].GetTokenType()
	}
	for i := 0; i < len(in); i++ {
		t := in[i]
		tt := t.GetTokenType()
		pt := prevType(i)
		afterControl := i > 0 && control[i-1]
		if tt == gen.GroovyLexerLBRACE && (blockStart[pt] || afterControl) {
			t = retype(t, gen.GroovyLexerBLOCK_LBRACE)
			in[i] = t
		}
		if pt == gen.GroovyLexerRBRACE && statementKeyword[tt] {
			// `stage('a') { } stage('b') { }`: a new statement on the
			// same line; give it the separator the grammar wants.
			out = append(out, virtual(t, gen.GroovyLexerNL))
		}
		out = append(out, t)
		if !(commandStart[pt] || afterControl) {
			continue
		}
		var j int
		switch tt {
		case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER:
			j = i + 1
			for j+1 < len(in) && (in[j].GetTokenType() == gen.GroovyLexerDOT || in[j].GetTokenType() == gen.GroovyLexerSAFE_DOT) && isMemberName(in[j+1].GetTokenType()) {
				j += 2
			}
		case gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING:
			// A method named by a string: `'org.acme.Tool' '1.0'` in tools { }.
			j = i + 1
		case gen.GroovyLexerGSTRING_BEGIN:
			j = stringEnd(in, i)
		default:
			continue
		}
		if j >= len(in) || !argumentStart[in[j].GetTokenType()] || declarationAhead(in, j) {
			continue
		}
		// The head, then CMD where the first argument starts.
		out = append(out, in[i+1:j]...)
		out = append(out, virtual(in[j], gen.GroovyLexerCMD))
		i = j - 1
	}
	return out
}

// stringEnd returns the index after the GSTRING_END that closes the string
// opened at in[i], or len(in) when it is not closed.
func stringEnd(in []antlr.Token, i int) int {
	depth := 0
	for j := i; j < len(in); j++ {
		switch in[j].GetTokenType() {
		case gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN,
			gen.GroovyLexerDOLLAR_SLASHY_BEGIN:
			depth++
		case gen.GroovyLexerGSTRING_END:
			if depth--; depth == 0 {
				return j + 1
			}
		}
	}
	return len(in)
}

// declarationAhead reports whether the path before in[j] followed by a name is a
// declaration such as `String s`, `Foo x = y` or the parameter `Map m ->`,
// using Groovy's rule: a capitalised type, or any type when `=` follows.
func declarationAhead(in []antlr.Token, j int) bool {
	if in[j].GetTokenType() != gen.GroovyLexerIDENTIFIER || j+1 >= len(in) {
		return false
	}
	switch in[j+1].GetTokenType() {
	case gen.GroovyLexerASSIGN, gen.GroovyLexerARROW:
		return true
	case gen.GroovyLexerCOMMA, gen.GroovyLexerLPAREN, gen.GroovyLexerNL, gen.GroovyLexerSEMI,
		gen.GroovyLexerRBRACE, antlr.TokenEOF:
		r, _ := utf8.DecodeRuneInString(in[j-1].GetText())
		return unicode.IsUpper(r)
	}
	return false
}

func isMemberName(t int) bool {
	return t == gen.GroovyLexerIDENTIFIER || (t >= gen.GroovyLexerABSTRACT && t <= gen.GroovyLexerPRIMITIVE_TYPE)
}

func retype(t antlr.Token, typ int) antlr.Token {
	n := antlr.NewCommonToken(t.GetSource(), typ, t.GetChannel(), t.GetStart(), t.GetStop())
	n.SetText(t.GetText())
	return n
}

// virtual makes a zero-width token of type typ just before t.
func virtual(t antlr.Token, typ int) antlr.Token {
	n := antlr.NewCommonToken(t.GetSource(), typ, antlr.TokenDefaultChannel, t.GetStart(), t.GetStart()-1)
	n.SetText("")
	return n
}

var commandStart, blockStart, argumentStart = map[int]bool{}, map[int]bool{}, map[int]bool{}

// statementKeyword lists the tokens that start a statement and cannot
// continue an expression.
var statementKeyword = map[int]bool{}

func init() {
	for _, t := range []int{gen.GroovyLexerIDENTIFIER, gen.GroovyLexerDEF, gen.GroovyLexerIF,
		gen.GroovyLexerFOR, gen.GroovyLexerWHILE, gen.GroovyLexerTRY, gen.GroovyLexerSWITCH,
		gen.GroovyLexerRETURN, gen.GroovyLexerTHROW, gen.GroovyLexerBREAK, gen.GroovyLexerCONTINUE,
		gen.GroovyLexerASSERT, gen.GroovyLexerFINAL, gen.GroovyLexerSTATIC, gen.GroovyLexerAT,
		gen.GroovyLexerIMPORT, gen.GroovyLexerCLASS, gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerDO,
		gen.GroovyLexerPRIVATE, gen.GroovyLexerPUBLIC, gen.GroovyLexerPROTECTED} {
		statementKeyword[t] = true
	}
	for _, t := range []int{-1, gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE,
		gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerRBRACE, gen.GroovyLexerARROW, gen.GroovyLexerELSE,
		gen.GroovyLexerDO, gen.GroovyLexerCOLON, gen.GroovyLexerGSTRING_EXPR_BEGIN,
		gen.GroovyLexerASSIGN, gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN,
		gen.GroovyLexerMUL_ASSIGN, gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN,
		gen.GroovyLexerAND_ASSIGN, gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN,
		gen.GroovyLexerSHL_ASSIGN, gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN} {
		commandStart[t] = true
	}
	// Not after `}`: `foo() { a } { b }` passes foo two closures.
	for _, t := range []int{-1, gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE,
		gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerARROW, gen.GroovyLexerELSE,
		gen.GroovyLexerTRY, gen.GroovyLexerFINALLY, gen.GroovyLexerDO} {
		blockStart[t] = true
	}
	for _, t := range []int{gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL,
		gen.GroovyLexerFLOAT_LITERAL, gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING,
		gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN,
		gen.GroovyLexerDOLLAR_SLASHY_BEGIN, gen.GroovyLexerTRUE, gen.GroovyLexerFALSE,
		gen.GroovyLexerNULL, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER, gen.GroovyLexerNEW,
		gen.GroovyLexerNOT, gen.GroovyLexerBITNOT, gen.GroovyLexerTRAIT} {
		argumentStart[t] = true
	}
}
