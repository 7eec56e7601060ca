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

// afterRBrace reports whether the previous token is `}`: a statement that
// ends with a block or closure needs no separator before the next one, as in
// `stage('a') { ... } stage('b') { ... }`.
func (p *GroovyParserBase) afterRBrace() bool {
	return p.la(-1) == GroovyParserRBRACE
}

func isModifier(t int) bool {
	switch t {
	case GroovyParserDEF, GroovyParserFINAL, GroovyParserSTATIC, GroovyParserPUBLIC,
		GroovyParserPRIVATE, GroovyParserPROTECTED, GroovyParserABSTRACT,
		GroovyParserSYNCHRONIZED, GroovyParserTRANSIENT, GroovyParserVOLATILE,
		GroovyParserNATIVE, GroovyParserSTRICTFP:
		return true
	}
	return false
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

// isDeclaration reports whether a variable or method declaration starts
// here: after a modifier such as `def` always; after a type only when a name
// follows it, and, as in Groovy, not for `foo bar` where a lower-case
// undecorated "type" is really a command expression (`echo x`) unless `=`
// follows the name.
func (p *GroovyParserBase) isDeclaration() bool {
	if isModifier(p.la(1)) {
		return true
	}
	next, decorated, last, ok := p.scanType(1)
	if !ok || !isName(p.la(next)) {
		return false
	}
	switch p.la(next + 1) {
	case GroovyParserASSIGN:
		return true
	case GroovyParserCOMMA, GroovyParserLPAREN, GroovyParserNL, GroovyParserSEMI,
		GroovyParserRBRACE, antlr.TokenEOF:
	default:
		return false
	}
	if decorated {
		return true
	}
	r, _ := utf8.DecodeRuneInString(last)
	return unicode.IsUpper(r)
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

// isCommandHead reports whether the expression just parsed in a
// commandExpression may take arguments without parentheses: a name or a
// property path (`sh`, `docker.image`), not a call, a literal or an operator
// expression. `x = sh 'y'` also qualifies: the assignment's right side is the
// head, and the parser package regroups it.
func (p *GroovyParserBase) isCommandHead(ctx antlr.RuleContext) bool {
	c, ok := ctx.(*CommandExpressionContext)
	if !ok {
		return false
	}
	e := c.Expression()
	if a, ok := e.(*AssignmentExprContext); ok {
		e = a.Expression(1)
	}
	return IsCommandHead(e)
}

// IsCommandHead reports whether e is a name or a property path.
func IsCommandHead(e IExpressionContext) bool {
	path, ok := e.(*PathExprContext)
	if !ok || path.INC() != nil || path.DEC() != nil {
		return false
	}
	switch path.Primary().(type) {
	case *NamePrimaryContext, *ThisPrimaryContext, *SuperPrimaryContext:
	default:
		return false
	}
	for _, el := range path.AllPathElement() {
		m, ok := el.(*MemberAccessContext)
		if !ok || m.SPREAD_DOT() != nil || m.AT() != nil {
			return false
		}
	}
	return true
}
