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
//     start of a statement or after `if (...)`, `else`, `try` and the like,
//     unless closure parameters and `->` follow. It is retagged BLOCK_LBRACE.
//   - which `(` opens a cast: `(String) x`, `(int) -1`, `(Closure) { }`.
//     Groovy's rule: where an operand may start, a parenthesised type
//     followed by something that can start an operand (also `+`, `-`, `++`
//     and `--` after a primitive type) is a cast. It is retagged
//     CAST_LPAREN.
//
// Everything here takes time linear in the number of tokens. A chain of
// more than MaxDepth casts, `(A) (B) ... x`, is refused: deep is the index
// of the cast that goes too deep, or -1.
func markStatements(in []*tok) (_ []*tok, deep int) {
	out := make([]*tok, 0, len(in)+len(in)/8)
	control := make([]bool, len(in)) // for a ")": closes the parentheses of if/while/for/catch
	match := make([]int32, len(in))  // for an opening bracket or string: the index of its closer
	openOf := make([]int32, len(in)) // for a closer: the index of its opener
	var open []int
	for i, t := range in {
		match[i], openOf[i] = -1, -1
		switch tt := t.GetTokenType(); tt {
		case gen.GroovyLexerLPAREN, gen.GroovyLexerLBRACK, gen.GroovyLexerLBRACE,
			gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN,
			gen.GroovyLexerDOLLAR_SLASHY_BEGIN, gen.GroovyLexerGSTRING_EXPR_BEGIN:
			open = append(open, i)
		case gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerRBRACE, gen.GroovyLexerGSTRING_END,
			gen.GroovyLexerGSTRING_EXPR_END:
			n := len(open)
			if n == 0 || closerOf.of(in[open[n-1]].GetTokenType()) != tt {
				continue // the scan reports it
			}
			o := open[n-1]
			open = open[:n-1]
			match[o], openOf[i] = int32(i), int32(o)
			if tt == gen.GroovyLexerRPAREN && o > 0 {
				switch in[o-1].GetTokenType() {
				case gen.GroovyLexerIF, gen.GroovyLexerWHILE, gen.GroovyLexerFOR, gen.GroovyLexerCATCH:
					control[i] = true
				}
			}
		}
	}
	castEnd := -1 // the index of the ")" that closes the last cast
	casts := 0    // the casts in a row that end at castEnd
	for i, t := range in {
		if t.GetTokenType() != gen.GroovyLexerLPAREN {
			continue
		}
		if i > 0 && !operandMayStartAfter(in[i-1].GetTokenType()) && castEnd != i-1 {
			continue
		}
		if end := castRparen(in, match, i); end > 0 {
			in[i] = retype(t, gen.GroovyLexerCAST_LPAREN)
			if castEnd != i-1 {
				casts = 0
			}
			if casts++; casts > MaxDepth {
				return in, i
			}
			castEnd = end
		}
	}
	cmdBefore := make([]insert, len(in)) // what goes before in[i]
	// inCommand has an entry per open bracket: whether a command's
	// arguments have started at that level in the current statement.
	inCommand := []bool{false}
	last := -1 // the index in in of the last token kept
	caseColon := make([]bool, len(in))
	inCase := false
	for i := 0; i < len(in); i++ {
		t := in[i]
		tt := t.GetTokenType()
		switch cmdBefore[i] {
		case cmdArgs:
			out = append(out, virtual(t, gen.GroovyLexerCMD))
			inCommand[len(inCommand)-1] = true
		case cmdChain:
			out = append(out, virtual(t, gen.GroovyLexerCHAIN))
		case cmdDef:
			out = append(out, virtual(t, gen.GroovyLexerDEF))
		}
		if tt == gen.GroovyLexerNL && i+1 < len(in) && in[i+1].GetTokenType() == gen.GroovyLexerLBRACE {
			// A closure may open on the next line (`stage('a')\n{`), but
			// not after a command's arguments: `foo 1\n{ }` is two
			// statements to Groovy.
			if !inCommand[len(inCommand)-1] && last >= 0 && closureMayFollow.has(in[last].GetTokenType()) &&
				!(in[last].GetTokenType() == gen.GroovyLexerRBRACE && openOf[last] >= 0 && in[openOf[last]].GetTokenType() == gen.GroovyLexerBLOCK_LBRACE) {
				continue
			}
		}
		switch tt {
		case gen.GroovyLexerNL, gen.GroovyLexerSEMI:
			inCommand[len(inCommand)-1] = false
		case gen.GroovyLexerLPAREN, gen.GroovyLexerCAST_LPAREN, gen.GroovyLexerLBRACK, gen.GroovyLexerLBRACE,
			gen.GroovyLexerGSTRING_EXPR_BEGIN:
			inCommand = append(inCommand, false)
		case gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerRBRACE, gen.GroovyLexerGSTRING_EXPR_END:
			if len(inCommand) > 1 {
				inCommand = inCommand[:len(inCommand)-1]
			}
		}
		pt := -1
		if last >= 0 {
			pt = in[last].GetTokenType()
		}
		afterControl := last >= 0 && control[last]
		prevIdx := last
		last = i
		if tt == gen.GroovyLexerLBRACE && (blockStart.has(pt) || afterControl) &&
			!(statementStart.has(pt) && !afterControl && closureAhead(in, i)) {
			t = retype(t, gen.GroovyLexerBLOCK_LBRACE)
			in[i] = t
		}
		if pt == gen.GroovyLexerRBRACE && statementKeyword.has(tt) {
			// `stage('a') { } stage('b') { }`: a new statement on the
			// same line; give it the separator the grammar wants.
			out = append(out, virtual(t, gen.GroovyLexerNL))
		}
		out = append(out, t)
		switch tt {
		case gen.GroovyLexerCASE, gen.GroovyLexerDEFAULT:
			inCase = true
		case gen.GroovyLexerCOLON:
			caseColon[i] = inCase
			inCase = false
		}
		if pt == gen.GroovyLexerCOLON && !caseColon[prevIdx] && !labelColon(in, prevIdx) {
			continue // a named argument's value or the else of `? :`
		}
		if !(commandStart.has(pt) || afterControl) {
			continue
		}
		var j int
		simple := true // the head is a name or a dotted path of names
		switch tt {
		case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER:
			j = i + 1
			if tt == gen.GroovyLexerIDENTIFIER && len(inCommand) == 1 && statementStart.has(pt) && !afterControl && methodAhead(in, match, i) {
				// `foo(String s) { }` defines a method, as if `def` came
				// first.
				out = append(out[:len(out)-1], virtual(t, gen.GroovyLexerDEF), t)
				continue
			}
		case gen.GroovyLexerLPAREN:
			// `(server).publishBuildInfo info`, `((sh)) 'x'`
			if match[i] < 0 {
				continue
			}
			j = int(match[i]) + 1
			simple = false
		case gen.GroovyLexerNEW:
			// `new Foo().bar 'x'`
			j = i + 1
			for j < len(in) && (isMemberName(in[j].GetTokenType()) || in[j].GetTokenType() == gen.GroovyLexerDOT) {
				j++
			}
			if j >= len(in) || in[j].GetTokenType() != gen.GroovyLexerLPAREN {
				continue
			}
			simple = false
		case gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING:
			// A method named by a string: `'org.acme.Tool' '1.0'` in tools { }.
			j = i + 1
		case gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerDOLLAR_SLASHY_BEGIN:
			if match[i] < 0 {
				continue
			}
			j = int(match[i]) + 1
		default:
			continue
		}
		// The rest of the head: `.name`, `(args)`, `[index]`, as in
		// `docker.image('x').push 'latest'` or `servers[0].publish info`.
		endsName := tt != gen.GroovyLexerLPAREN && tt != gen.GroovyLexerNEW
		for j < len(in) {
			switch jt := in[j].GetTokenType(); {
			case isSelector(jt) && j+1 < len(in) && isMemberName(in[j+1].GetTokenType()):
				j += 2
				endsName = true
				continue
			case isSelector(jt) && j+1 < len(in) && in[j+1].GetTokenType() == gen.GroovyLexerLPAREN && match[j+1] > int32(j+1):
				// `env.(name) x`: a member named by an expression
				simple = false
				j = int(match[j+1]) + 1
				endsName = true
				continue
			case (jt == gen.GroovyLexerLPAREN || jt == gen.GroovyLexerLBRACK) && match[j] > int32(j):
				if jt == gen.GroovyLexerLBRACK && match[j] == int32(j+1) {
					// `String[] names`: a type, not an index.
					j = len(in)
					break
				}
				simple = false
				j = int(match[j]) + 1
				endsName = false
				continue
			}
			break
		}
		if j >= len(in) {
			continue
		}
		if !endsName {
			// After a call or an index, `foo(1) bar 2` is the command
			// chain foo(1).bar(2).
			if chainStart.has(in[j].GetTokenType()) {
				cmdBefore[j] = cmdChain
			}
			continue
		}
		if !argumentStart.has(in[j].GetTokenType()) || (simple && declarationAhead(in, j)) {
			continue
		}
		if j == i+1 && tt == gen.GroovyLexerIDENTIFIER && isStringStart(in[j].GetTokenType()) && !interpolates(in, match, j) {
			// Groovy takes `Foo 'x'` for a declaration and fails; not
			// `Foo "${x}"`.
			if r, _ := utf8.DecodeRuneInString(t.GetText()); unicode.IsUpper(r) {
				continue
			}
		}
		// CMD goes where the first argument starts.
		cmdBefore[j] = cmdArgs
	}
	return out, -1
}

// insert is what markStatements inserts before a token.
type insert uint8

const (
	cmdNone  insert = iota
	cmdArgs         // CMD: a command's arguments start
	cmdChain        // CHAIN: a command chain follows a call or index
	cmdDef          // DEF: a method definition without def
)

func isStringStart(t int) bool {
	return t == gen.GroovyLexerSQ_STRING || t == gen.GroovyLexerTSQ_STRING || t == gen.GroovyLexerGSTRING_BEGIN ||
		t == gen.GroovyLexerTGSTRING_BEGIN
}

// interpolates reports whether the string starting at in[i] has an
// interpolation at its top level.
func interpolates(in []*tok, match []int32, i int) bool {
	if match[i] < 0 {
		return false
	}
	for j := i + 1; j < int(match[i]); j++ {
		switch in[j].GetTokenType() {
		case gen.GroovyLexerGSTRING_VAR, gen.GroovyLexerGSTRING_EXPR_BEGIN:
			return true
		}
	}
	return false
}

// closureMayFollow lists the tokens after which a closure argument may
// open on the next line.
var closureMayFollow = newTokenSet(
	gen.GroovyLexerIDENTIFIER, gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK,
	gen.GroovyLexerRBRACE, gen.GroovyLexerGSTRING_END, gen.GroovyLexerSQ_STRING,
	gen.GroovyLexerTSQ_STRING, gen.GroovyLexerTRAIT, gen.GroovyLexerTHIS,
	gen.GroovyLexerSUPER,
)

// chainStart lists the tokens that may name a method in a command chain.
var chainStart = newTokenSet(
	gen.GroovyLexerIDENTIFIER, gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING,
	gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL,
	gen.GroovyLexerTRUE, gen.GroovyLexerFALSE, gen.GroovyLexerNULL,
)

// methodAhead reports whether `name(Type p ...)` followed by `{` starts at
// in[i]: Groovy reads it as a method definition, since typed parameters
// cannot be arguments.
func methodAhead(in []*tok, match []int32, i int) bool {
	if i+2 >= len(in) || in[i+1].GetTokenType() != gen.GroovyLexerLPAREN || match[i+1] < 0 {
		return false
	}
	end := int(match[i+1])
	if end+1 >= len(in) || in[end+1].GetTokenType() != gen.GroovyLexerLBRACE {
		return false
	}
	switch in[i+2].GetTokenType() {
	case gen.GroovyLexerDEF, gen.GroovyLexerFINAL:
		return true
	}
	next, _, ok := scanType(in, i+2)
	return ok && next < end && in[next].GetTokenType() == gen.GroovyLexerIDENTIFIER
}

// labelColon reports whether the `:` at in[i] follows a statement label.
func labelColon(in []*tok, i int) bool {
	if i < 1 || in[i-1].GetTokenType() != gen.GroovyLexerIDENTIFIER {
		return false
	}
	if i == 1 {
		return true
	}
	return statementStart.has(in[i-2].GetTokenType()) || in[i-2].GetTokenType() == gen.GroovyLexerRBRACE
}

func isSelector(t int) bool {
	return t == gen.GroovyLexerDOT || t == gen.GroovyLexerSAFE_DOT
}

// closureAhead reports whether the `{` at in[i] opens a closure with an
// arrow: `{ -> ... }`, `{ a, b -> ... }`, `{ String s -> ... }`. It looks at
// most at one line of at most 100 tokens.
func closureAhead(in []*tok, i int) bool {
	for j := i + 1; j < len(in) && j <= i+100; j++ {
		switch in[j].GetTokenType() {
		case gen.GroovyLexerARROW:
			return true
		case gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE, gen.GroovyLexerRBRACE,
			gen.GroovyLexerBLOCK_LBRACE, antlr.TokenEOF:
			return false
		}
	}
	return false
}

// scanType skips a type starting at in[i]: a primitive type or a dotted
// name, type arguments, array brackets. It returns the index after the
// type, whether the type is primitive, and ok=false when no type starts at
// i.
func scanType(in []*tok, i int) (next int, primitive, ok bool) {
	la := func(k int) int {
		if k < len(in) {
			return in[k].GetTokenType()
		}
		return antlr.TokenEOF
	}
	switch t := la(i); {
	case t == gen.GroovyLexerPRIMITIVE_TYPE || t == gen.GroovyLexerVOID:
		next, primitive = i+1, true
	case t == gen.GroovyLexerIDENTIFIER:
		i++
		for la(i) == gen.GroovyLexerDOT && la(i+1) == gen.GroovyLexerIDENTIFIER {
			i += 2
		}
		if la(i) == gen.GroovyLexerLT {
			depth := 0
			for ; ; i++ {
				switch la(i) {
				case gen.GroovyLexerLT:
					depth++
				case gen.GroovyLexerGT:
					depth--
				case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerDOT, gen.GroovyLexerCOMMA,
					gen.GroovyLexerQUESTION, gen.GroovyLexerEXTENDS, gen.GroovyLexerSUPER,
					gen.GroovyLexerLBRACK, gen.GroovyLexerRBRACK, gen.GroovyLexerPRIMITIVE_TYPE:
				default:
					return 0, false, false
				}
				if depth == 0 {
					i++
					break
				}
			}
		}
		next = i
	default:
		return 0, false, false
	}
	for la(next) == gen.GroovyLexerLBRACK && la(next+1) == gen.GroovyLexerRBRACK {
		next += 2
	}
	return next, primitive, true
}

// castRparen returns the index of the `)` of the cast that the `(` at in[i]
// opens, or -1 when it opens none.
func castRparen(in []*tok, match []int32, i int) int {
	next, primitive, ok := scanType(in, i+1)
	if !ok || next+1 >= len(in) || in[next].GetTokenType() != gen.GroovyLexerRPAREN {
		return -1
	}
	switch t := in[next+1].GetTokenType(); {
	case t == gen.GroovyLexerLPAREN && !singleExpr(in, match, next+1):
		// `(a)(b: 1)` calls a; it casts nothing.
		return -1
	case castOperand.has(t):
		return next
	case primitive && (t == gen.GroovyLexerADD || t == gen.GroovyLexerSUB || t == gen.GroovyLexerINC || t == gen.GroovyLexerDEC):
		return next
	}
	return -1
}

// singleExpr reports whether the parentheses opened at in[i] hold a single
// expression: no comma and no named argument at their top level. It looks
// at the top level only, so that all calls together stay linear.
func singleExpr(in []*tok, match []int32, i int) bool {
	if match[i] < 0 {
		return true
	}
	questions := 0
	for j := i + 1; j < int(match[i]); j++ {
		switch in[j].GetTokenType() {
		case gen.GroovyLexerCOMMA:
			return false
		case gen.GroovyLexerQUESTION:
			questions++
		case gen.GroovyLexerCOLON:
			if questions == 0 {
				return false
			}
			questions--
		case gen.GroovyLexerLPAREN, gen.GroovyLexerLBRACK, gen.GroovyLexerLBRACE, gen.GroovyLexerGSTRING_BEGIN,
			gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN, gen.GroovyLexerDOLLAR_SLASHY_BEGIN:
			if match[j] > int32(j) {
				j = int(match[j])
			}
		}
	}
	return true
}

// operandMayStartAfter reports whether an operand, and so a cast, may start
// after a token of type t: not after an operand, and not where the
// parentheses belong to if, while, for, catch, switch or synchronized.
func operandMayStartAfter(t int) bool {
	switch t {
	case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL,
		gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING, gen.GroovyLexerGSTRING_END,
		gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerRBRACE,
		gen.GroovyLexerINC, gen.GroovyLexerDEC, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER,
		gen.GroovyLexerNULL, gen.GroovyLexerTRUE, gen.GroovyLexerFALSE, gen.GroovyLexerPRIMITIVE_TYPE,
		gen.GroovyLexerIF, gen.GroovyLexerWHILE, gen.GroovyLexerFOR, gen.GroovyLexerCATCH,
		gen.GroovyLexerSWITCH, gen.GroovyLexerSYNCHRONIZED, gen.GroovyLexerAT, gen.GroovyLexerDEF,
		gen.GroovyLexerVOID, gen.GroovyLexerTRAIT, gen.GroovyLexerDOT, gen.GroovyLexerSAFE_DOT,
		gen.GroovyLexerSPREAD_DOT, gen.GroovyLexerMETHOD_POINTER, gen.GroovyLexerMETHOD_REF:
		return false
	}
	return true
}

// castOperand lists the tokens that may start the operand of a cast to a
// class type (Groovy's unaryExpressionNotPlusMinus).
var castOperand tokenSet

// declarationAhead reports whether the path before in[j] followed by a name is a
// declaration such as `String s`, `Foo x = y` or the parameter `Map m ->`,
// using Groovy's rule: a capitalised type, or any type when `=` follows.
func declarationAhead(in []*tok, j int) bool {
	if in[j].GetTokenType() != gen.GroovyLexerIDENTIFIER || j+1 >= len(in) {
		return false
	}
	switch in[j+1].GetTokenType() {
	case gen.GroovyLexerASSIGN, gen.GroovyLexerARROW:
		return true
	}
	// `Foo x`, `a.Foo x ...`: Groovy takes a capitalised name followed by
	// a name for a declaration, whatever follows.
	r, _ := utf8.DecodeRuneInString(in[j-1].GetText())
	return unicode.IsUpper(r)
}

func isMemberName(t int) bool {
	return t == gen.GroovyLexerIDENTIFIER || (t >= gen.GroovyLexerABSTRACT && t <= gen.GroovyLexerPRIMITIVE_TYPE)
}

func retype(t *tok, typ int) *tok {
	n := *t
	n.typ, n.index = int32(typ), -1
	return &n
}

// virtual makes a zero-width token of type typ just before t.
func virtual(t *tok, typ int) *tok {
	return &tok{typ: int32(typ), start: t.start, stop: t.start - 1, index: -1}
}

var commandStart, blockStart, argumentStart tokenSet

// statementStart lists the tokens after which a statement starts, where a
// `{` opens a block unless closure parameters and an arrow follow.
var statementStart tokenSet

// statementKeyword lists the tokens that start a statement and cannot
// continue an expression.
var statementKeyword tokenSet

func init() {
	for _, t := range []int{gen.GroovyLexerIDENTIFIER, gen.GroovyLexerDEF, gen.GroovyLexerIF,
		gen.GroovyLexerFOR, gen.GroovyLexerWHILE, gen.GroovyLexerTRY, gen.GroovyLexerSWITCH,
		gen.GroovyLexerRETURN, gen.GroovyLexerTHROW, gen.GroovyLexerBREAK, gen.GroovyLexerCONTINUE,
		gen.GroovyLexerASSERT, gen.GroovyLexerFINAL, gen.GroovyLexerSTATIC, gen.GroovyLexerAT,
		gen.GroovyLexerIMPORT, gen.GroovyLexerCLASS, gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerDO,
		gen.GroovyLexerPRIVATE, gen.GroovyLexerPUBLIC, gen.GroovyLexerPROTECTED,
		gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING, gen.GroovyLexerGSTRING_BEGIN,
		gen.GroovyLexerTGSTRING_BEGIN} {
		statementKeyword.add(t)
	}
	for _, t := range []int{-1, gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE,
		gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerARROW} {
		statementStart.add(t)
	}
	for _, t := range []int{gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL,
		gen.GroovyLexerFLOAT_LITERAL, gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING,
		gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerDOLLAR_SLASHY_BEGIN,
		gen.GroovyLexerLPAREN, gen.GroovyLexerLBRACK, gen.GroovyLexerLBRACE, gen.GroovyLexerNEW,
		gen.GroovyLexerTHIS, gen.GroovyLexerSUPER, gen.GroovyLexerNOT, gen.GroovyLexerBITNOT,
		gen.GroovyLexerTRUE, gen.GroovyLexerFALSE, gen.GroovyLexerNULL, gen.GroovyLexerTRAIT} {
		castOperand.add(t)
	}
	for _, t := range []int{-1, gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE,
		gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerRBRACE, gen.GroovyLexerARROW, gen.GroovyLexerELSE,
		gen.GroovyLexerDO, gen.GroovyLexerCOLON, gen.GroovyLexerGSTRING_EXPR_BEGIN,
		gen.GroovyLexerASSIGN, gen.GroovyLexerADD_ASSIGN, gen.GroovyLexerSUB_ASSIGN,
		gen.GroovyLexerMUL_ASSIGN, gen.GroovyLexerDIV_ASSIGN, gen.GroovyLexerMOD_ASSIGN,
		gen.GroovyLexerAND_ASSIGN, gen.GroovyLexerOR_ASSIGN, gen.GroovyLexerXOR_ASSIGN,
		gen.GroovyLexerSHL_ASSIGN, gen.GroovyLexerPOWER_ASSIGN, gen.GroovyLexerELVIS_ASSIGN} {
		commandStart.add(t)
	}
	// Not after `}`: `foo() { a } { b }` passes foo two closures.
	for _, t := range []int{-1, gen.GroovyLexerNL, gen.GroovyLexerSEMI, gen.GroovyLexerLBRACE,
		gen.GroovyLexerBLOCK_LBRACE, gen.GroovyLexerARROW, gen.GroovyLexerELSE,
		gen.GroovyLexerTRY, gen.GroovyLexerFINALLY, gen.GroovyLexerDO} {
		blockStart.add(t)
	}
	for _, t := range []int{gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL,
		gen.GroovyLexerFLOAT_LITERAL, gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING,
		gen.GroovyLexerGSTRING_BEGIN, gen.GroovyLexerTGSTRING_BEGIN, gen.GroovyLexerSLASHY_BEGIN,
		gen.GroovyLexerDOLLAR_SLASHY_BEGIN, gen.GroovyLexerTRUE, gen.GroovyLexerFALSE,
		gen.GroovyLexerNULL, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER, gen.GroovyLexerNEW,
		gen.GroovyLexerNOT, gen.GroovyLexerBITNOT, gen.GroovyLexerTRAIT} {
		argumentStart.add(t)
	}
}
