//go:build jfcheck_grammar_source

// This file is the source of parser/internal/gen/groovy_parser_base.go, which
// `go generate ./parser` copies next to the generated parser (the build tag
// above keeps this copy out of every build). Edit it here.

package gen

import (
	"unicode"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"
)

// GroovyParserBase supplies the predicates of GroovyParser that need more
// than the grammar can say: they look ahead in the token stream, or at the
// expression just parsed, the way Groovy's own parser does.
type GroovyParserBase struct {
	*antlr.BaseParser
}

func (p *GroovyParserBase) la(i int) int {
	return p.GetTokenStream().LA(i)
}

func isName(t int) bool {
	return t == GroovyParserIDENTIFIER || t == GroovyParserTRAIT
}

// scanType skips a type starting at lookahead position i: a primitive type
// or a dotted name, type arguments, array brackets. It returns the position
// after the type, whether it ended with type arguments or brackets, the text
// of its last name, and ok=false when no type starts at i.
func (p *GroovyParserBase) scanType(i int) (next int, decorated bool, last string, ok bool) {
	switch t := p.la(i); {
	case t == GroovyParserPRIMITIVE_TYPE || t == GroovyParserVOID:
		next, decorated, last = i+1, true, "int"
	case isName(t):
		last = p.GetTokenStream().LT(i).GetText()
		i++
		for p.la(i) == GroovyParserDOT && isName(p.la(i+1)) {
			last = p.GetTokenStream().LT(i + 1).GetText()
			i += 2
		}
		if p.la(i) == GroovyParserLT {
			depth := 0
			for ; ; i++ {
				switch p.la(i) {
				case GroovyParserLT:
					depth++
				case GroovyParserGT:
					depth--
				case GroovyParserIDENTIFIER, GroovyParserDOT, GroovyParserCOMMA,
					GroovyParserQUESTION, GroovyParserEXTENDS, GroovyParserSUPER,
					GroovyParserLBRACK, GroovyParserRBRACK, GroovyParserPRIMITIVE_TYPE:
				default:
					return 0, false, "", false
				}
				if depth == 0 {
					i++
					break
				}
			}
			decorated = true
		}
		next = i
	default:
		return 0, false, "", false
	}
	for p.la(next) == GroovyParserLBRACK && p.la(next+1) == GroovyParserRBRACK {
		next += 2
		decorated = true
	}
	return next, decorated, last, true
}

// isCast reports whether `(Type) operand` starts here: a parenthesised type
// whose name is capitalised or primitive, followed by something that can
// only be an operand.
func (p *GroovyParserBase) isCast() bool {
	if p.la(1) != GroovyParserLPAREN {
		return false
	}
	next, _, last, ok := p.scanType(2)
	if !ok || p.la(next) != GroovyParserRPAREN {
		return false
	}
	r, _ := utf8.DecodeRuneInString(last)
	if last != "int" && !unicode.IsUpper(r) {
		return false
	}
	switch p.la(next + 1) {
	case GroovyParserIDENTIFIER, GroovyParserINTEGER_LITERAL, GroovyParserFLOAT_LITERAL,
		GroovyParserSQ_STRING, GroovyParserTSQ_STRING, GroovyParserGSTRING_BEGIN,
		GroovyParserTGSTRING_BEGIN, GroovyParserDOLLAR_SLASHY_BEGIN, GroovyParserLPAREN,
		GroovyParserLBRACK, GroovyParserNEW, GroovyParserTHIS, GroovyParserSUPER,
		GroovyParserNOT, GroovyParserBITNOT, GroovyParserTRUE, GroovyParserFALSE,
		GroovyParserNULL:
		return true
	}
	return false
}
