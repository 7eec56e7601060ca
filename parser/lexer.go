package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// The lexer here reads the tokens that grammar/GroovyLexer.g4 defines,
// straight from the bytes of the source: the generated ANTLR lexer converts
// the input to runes, simulates an automaton per character and allocates a
// token object per token, which made lexing a quarter of parsing. The
// grammar stays the reference: TestLexerMatchesGrammar runs both over every
// test file and generated variants and requires the same tokens. A change
// to the lexer grammar needs the same change here.

// tok is a token. Its offsets are bytes of the source, its stop inclusive
// as ANTLR's are, and its text a slice of the source. It implements
// antlr.Token, so the generated parser reads it directly.
type tok struct {
	text    string
	typ     int32
	channel int32
	start   int32
	stop    int32
	index   int32
}

// noSource is the source of every tok: none, for ANTLR's error recovery,
// which copies it into the tokens it invents.
var noSource antlr.TokenSourceCharStreamPair

func (t *tok) GetSource() *antlr.TokenSourceCharStreamPair { return &noSource }
func (t *tok) GetTokenType() int                           { return int(t.typ) }
func (t *tok) GetChannel() int                             { return int(t.channel) }
func (t *tok) GetStart() int                               { return int(t.start) }
func (t *tok) GetStop() int                                { return int(t.stop) }
func (t *tok) GetLine() int                                { return 0 }
func (t *tok) GetColumn() int                              { return -1 }
func (t *tok) GetText() string                             { return t.text }
func (t *tok) SetText(s string)                            { t.text = s }
func (t *tok) GetTokenIndex() int                          { return int(t.index) }
func (t *tok) SetTokenIndex(v int)                         { t.index = int32(v) }
func (t *tok) GetTokenSource() antlr.TokenSource           { return nil }
func (t *tok) GetInputStream() antlr.CharStream            { return nil }
func (t *tok) String() string                              { return t.text }

// tokens allocates toks in chunks, so that a file's tokens cost a few
// allocations rather than one each. The first chunk holds what a typical
// file of the source's size needs (a token per 6 to 8 bytes), the next
// ones a quarter of that each.
type tokens struct {
	chunk []tok
	size  int
}

func (a *tokens) new(typ, channel, start, stop int, text string) *tok {
	if len(a.chunk) == cap(a.chunk) {
		a.chunk = make([]tok, 0, a.size)
		a.size = a.size/4 + 64
	}
	a.chunk = append(a.chunk, tok{text: text, typ: int32(typ), channel: int32(channel), start: int32(start), stop: int32(stop), index: -1})
	return &a.chunk[len(a.chunk)-1]
}

// Lexer modes, as in the grammar.
const (
	modeDefault = iota
	modeDQ
	modeTDQ
	modeSlashy
	modeDollarSlashy
)

// lexer is the state GroovyLexer.g4 keeps: the mode stack, the brace stack
// of GroovyLexerBase (true: the brace opened a `${`) and the type of the
// last default-channel token other than NL, which tells a slashy string
// from a division.
type lexer struct {
	src      string
	pos      int
	mode     int
	modes    []int
	braces   []bool
	lastType int
	alloc    tokens
}

func newLexer(src string) *lexer {
	return &lexer{src: src, alloc: tokens{size: len(src)/7 + 64}}
}

// next returns the next token that the grammar does not skip; at the end
// it returns EOF, again and again.
func (l *lexer) next() *tok {
	for {
		if l.pos >= len(l.src) {
			n := len(l.src)
			return l.alloc.new(antlr.TokenEOF, antlr.TokenDefaultChannel, n, n-1, "<EOF>")
		}
		start := l.pos
		var typ, end int
		channel := antlr.TokenDefaultChannel
		switch l.mode {
		case modeDefault:
			typ, end = l.lexDefault(start)
			switch typ {
			case gen.GroovyLexerBLOCK_COMMENT, gen.GroovyLexerLINE_COMMENT, gen.GroovyLexerSHEBANG:
				channel = gen.GroovyLexerCOMMENTS
			}
		case modeDQ:
			typ, end = l.lexDQ(start)
		case modeTDQ:
			typ, end = l.lexTDQ(start)
		case modeSlashy:
			typ, end = l.lexSlashy(start)
		default:
			typ, end = l.lexDollarSlashy(start)
		}
		l.pos = end
		if typ == skipToken {
			continue
		}
		if channel == antlr.TokenDefaultChannel && typ != gen.GroovyLexerNL {
			l.lastType = typ
		}
		return l.alloc.new(typ, channel, start, end-1, l.src[start:end])
	}
}

// skipToken is the type of the tokens the grammar skips.
const skipToken = -100

func (l *lexer) push(mode int) {
	l.modes = append(l.modes, l.mode)
	l.mode = mode
}

func (l *lexer) pop() {
	if n := len(l.modes); n > 0 {
		l.mode = l.modes[n-1]
		l.modes = l.modes[:n-1]
	}
}

// at reports whether the source continues with s at i.
func (l *lexer) at(i int, s string) bool {
	return strings.HasPrefix(l.src[i:], s)
}

// byteAt is the byte at i, or 0 past the end (the source holds no NUL).
func (l *lexer) byteAt(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// runeAt decodes the character at i; size 0 past the end.
func (l *lexer) runeAt(i int) (rune, int) {
	if i >= len(l.src) {
		return -1, 0
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(l.src[i:])
}

// letter is the grammar's LETTER: Groovy's letters beyond ASCII.
func letter(r rune) bool {
	return r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0xFEFE ||
		r >= 0xFF00 && r <= 0xFFFE || r >= 0x10000 && r <= 0x10FFFF
}

func asciiLetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func digit(c byte) bool       { return c >= '0' && c <= '9' }

// unicodeEsc returns the end of the grammar's UNICODE_ESC at i, or -1.
func (l *lexer) unicodeEsc(i int) int {
	if l.byteAt(i) != '\\' || l.byteAt(i+1) != 'u' {
		return -1
	}
	j := i + 1
	for l.byteAt(j) == 'u' {
		j++
	}
	for k := 0; k < 4; k++ {
		c := l.byteAt(j + k)
		if !(digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return -1
		}
	}
	return j + 4
}

// identChar returns the end of an IDENT_START (start) or IDENT_PART at i,
// or -1.
func (l *lexer) identChar(i int, start bool) int {
	r, n := l.runeAt(i)
	switch {
	case n == 0:
		return -1
	case r == '_' || r == '$' || asciiLetter(r) || letter(r) || !start && r >= '0' && r <= '9':
		return i + n
	case r == '\\':
		return l.unicodeEsc(i)
	}
	return -1
}

// varChar is the same for VAR_START and VAR_PART.
func (l *lexer) varChar(i int, start bool) int {
	r, n := l.runeAt(i)
	if n > 0 && (r == '_' || asciiLetter(r) || letter(r) || !start && r >= '0' && r <= '9') {
		return i + n
	}
	return -1
}

// gstringVar returns the end of `$name.name...` at i (which holds `$`), or
// -1 when no name follows.
func (l *lexer) gstringVar(i int) int {
	j := l.varChar(i+1, true)
	if j < 0 {
		return -1
	}
	for {
		for k := l.varChar(j, false); k >= 0; k = l.varChar(j, false) {
			j = k
		}
		if l.byteAt(j) != '.' {
			return j
		}
		k := l.varChar(j+1, true)
		if k < 0 {
			return j
		}
		j = k
	}
}

// esc returns the end of the grammar's ESC at i (which holds `\`), or -1
// at the end of the source.
func (l *lexer) esc(i int) int {
	if i+1 >= len(l.src) {
		return -1
	}
	if l.at(i+1, "\r\n") {
		return i + 3
	}
	_, n := l.runeAt(i + 1)
	return i + 1 + n
}

// slashyAllowed is GroovyLexerBase's: whether a `/` here starts a slashy
// string rather than dividing.
func (l *lexer) slashyAllowed() bool {
	switch l.lastType {
	case gen.GroovyLexerIDENTIFIER, gen.GroovyLexerINTEGER_LITERAL, gen.GroovyLexerFLOAT_LITERAL,
		gen.GroovyLexerSQ_STRING, gen.GroovyLexerTSQ_STRING, gen.GroovyLexerGSTRING_END,
		gen.GroovyLexerRPAREN, gen.GroovyLexerRBRACK, gen.GroovyLexerRBRACE,
		gen.GroovyLexerINC, gen.GroovyLexerDEC, gen.GroovyLexerTHIS, gen.GroovyLexerSUPER,
		gen.GroovyLexerNULL, gen.GroovyLexerTRUE, gen.GroovyLexerFALSE, gen.GroovyLexerPRIMITIVE_TYPE:
		return false
	}
	return true
}

// notIdentifierPartAt is GroovyLexerBase's notIdentifierPartAhead.
func (l *lexer) notIdentifierPartAt(i int) bool {
	r, n := l.runeAt(i)
	if n == 0 {
		return true
	}
	if r < utf8.RuneSelf {
		return !(r == '_' || r == '$' || asciiLetter(r) || r >= '0' && r <= '9')
	}
	return r < 0xC0 || r == 0xD7 || r == 0xF7 || r == 0xFEFF || r == 0xFFFF
}

// lexDefault reads a token of the default mode at i.
func (l *lexer) lexDefault(i int) (typ, end int) {
	src := l.src
	c := src[i]
	switch c {
	case ' ', '\t', '\f':
		j := i + 1
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f') {
			j++
		}
		return skipToken, j
	case '\n':
		return gen.GroovyLexerNL, i + 1
	case '\r':
		if l.byteAt(i+1) == '\n' {
			return gen.GroovyLexerNL, i + 2
		}
		return gen.GroovyLexerNL, i + 1
	case '\\':
		j := i + 1
		for l.byteAt(j) == ' ' || l.byteAt(j) == '\t' {
			j++
		}
		switch {
		case l.at(j, "\r\n"):
			return skipToken, j + 2
		case l.byteAt(j) == '\r' || l.byteAt(j) == '\n':
			return skipToken, j + 1
		}
		if j := l.unicodeEsc(i); j >= 0 {
			return l.identifier(i, j)
		}
		return gen.GroovyLexerERROR_CHAR, i + 1
	case '#':
		if i == 0 && l.byteAt(1) == '!' {
			j := 2
			for j < len(src) && src[j] != '\r' && src[j] != '\n' {
				j++
			}
			return gen.GroovyLexerSHEBANG, j
		}
		return gen.GroovyLexerERROR_CHAR, i + 1
	case '/':
		switch l.byteAt(i + 1) {
		case '*':
			if k := strings.Index(src[i+2:], "*/"); k >= 0 {
				return gen.GroovyLexerBLOCK_COMMENT, i + 2 + k + 2
			}
			return gen.GroovyLexerBLOCK_COMMENT, len(src)
		case '/':
			j := i + 2
			for j < len(src) && src[j] != '\r' && src[j] != '\n' {
				j++
			}
			return gen.GroovyLexerLINE_COMMENT, j
		case '=':
			return gen.GroovyLexerDIV_ASSIGN, i + 2
		}
		if l.slashyAllowed() {
			l.push(modeSlashy)
			return gen.GroovyLexerSLASHY_BEGIN, i + 1
		}
		return gen.GroovyLexerDIV, i + 1
	case '\'':
		return l.singleQuoted(i)
	case '"':
		if l.at(i, `"""`) {
			l.push(modeTDQ)
			return gen.GroovyLexerTGSTRING_BEGIN, i + 3
		}
		l.push(modeDQ)
		return gen.GroovyLexerGSTRING_BEGIN, i + 1
	case '$':
		if l.byteAt(i+1) == '/' && l.slashyAllowed() {
			l.push(modeDollarSlashy)
			return gen.GroovyLexerDOLLAR_SLASHY_BEGIN, i + 2
		}
		return l.identifier(i, i+1)
	case '{':
		l.braces = append(l.braces, false)
		return gen.GroovyLexerLBRACE, i + 1
	case '}':
		if n := len(l.braces); n > 0 {
			interp := l.braces[n-1]
			l.braces = l.braces[:n-1]
			if interp {
				l.pop()
				return gen.GroovyLexerGSTRING_EXPR_END, i + 1
			}
		}
		return gen.GroovyLexerRBRACE, i + 1
	}
	if digit(c) {
		return l.number(i)
	}
	if c >= utf8.RuneSelf {
		r, n := l.runeAt(i)
		switch {
		case r == 0xFEFF:
			return skipToken, i + n
		case !letter(r):
			return gen.GroovyLexerERROR_CHAR, i + n
		}
		return l.identifier(i, i+n)
	}
	if c == '_' || asciiLetter(rune(c)) {
		return l.identifier(i, i+1)
	}
	if typ, end := l.operator(i); typ != 0 {
		return typ, end
	}
	return gen.GroovyLexerERROR_CHAR, i + 1
}

// identifier finishes an IDENTIFIER whose first character ends at j, and
// tells keywords from names.
func (l *lexer) identifier(i, j int) (typ, end int) {
	for k := l.identChar(j, false); k >= 0; k = l.identChar(j, false) {
		j = k
	}
	if t, ok := keywords[l.src[i:j]]; ok {
		return t, j
	}
	return gen.GroovyLexerIDENTIFIER, j
}

var keywords = map[string]int{
	"abstract": gen.GroovyLexerABSTRACT, "as": gen.GroovyLexerAS, "assert": gen.GroovyLexerASSERT,
	"break": gen.GroovyLexerBREAK, "case": gen.GroovyLexerCASE, "catch": gen.GroovyLexerCATCH,
	"class": gen.GroovyLexerCLASS, "const": gen.GroovyLexerCONST, "continue": gen.GroovyLexerCONTINUE,
	"def": gen.GroovyLexerDEF, "default": gen.GroovyLexerDEFAULT, "do": gen.GroovyLexerDO,
	"else": gen.GroovyLexerELSE, "enum": gen.GroovyLexerENUM, "extends": gen.GroovyLexerEXTENDS,
	"false": gen.GroovyLexerFALSE, "final": gen.GroovyLexerFINAL, "finally": gen.GroovyLexerFINALLY,
	"for": gen.GroovyLexerFOR, "goto": gen.GroovyLexerGOTO, "if": gen.GroovyLexerIF,
	"implements": gen.GroovyLexerIMPLEMENTS, "import": gen.GroovyLexerIMPORT, "in": gen.GroovyLexerIN,
	"instanceof": gen.GroovyLexerINSTANCEOF, "interface": gen.GroovyLexerINTERFACE,
	"native": gen.GroovyLexerNATIVE, "new": gen.GroovyLexerNEW, "null": gen.GroovyLexerNULL,
	"package": gen.GroovyLexerPACKAGE, "private": gen.GroovyLexerPRIVATE,
	"protected": gen.GroovyLexerPROTECTED, "public": gen.GroovyLexerPUBLIC,
	"return": gen.GroovyLexerRETURN, "static": gen.GroovyLexerSTATIC, "strictfp": gen.GroovyLexerSTRICTFP,
	"super": gen.GroovyLexerSUPER, "switch": gen.GroovyLexerSWITCH,
	"synchronized": gen.GroovyLexerSYNCHRONIZED, "this": gen.GroovyLexerTHIS,
	"throw": gen.GroovyLexerTHROW, "throws": gen.GroovyLexerTHROWS, "trait": gen.GroovyLexerTRAIT,
	"transient": gen.GroovyLexerTRANSIENT, "true": gen.GroovyLexerTRUE, "try": gen.GroovyLexerTRY,
	"void": gen.GroovyLexerVOID, "volatile": gen.GroovyLexerVOLATILE, "while": gen.GroovyLexerWHILE,
	"boolean": gen.GroovyLexerPRIMITIVE_TYPE, "byte": gen.GroovyLexerPRIMITIVE_TYPE,
	"char": gen.GroovyLexerPRIMITIVE_TYPE, "short": gen.GroovyLexerPRIMITIVE_TYPE,
	"int": gen.GroovyLexerPRIMITIVE_TYPE, "long": gen.GroovyLexerPRIMITIVE_TYPE,
	"float": gen.GroovyLexerPRIMITIVE_TYPE, "double": gen.GroovyLexerPRIMITIVE_TYPE,
}

// operatorList holds the operators of the default mode (but `/`, `/=`,
// `{`, `}`); the longest that matches wins, as in any ANTLR lexer.
var operatorList = []struct {
	text string
	typ  int
}{
	{"..<", gen.GroovyLexerRANGE_EXCLUSIVE}, {"...", gen.GroovyLexerELLIPSIS}, {"..", gen.GroovyLexerRANGE},
	{"*.", gen.GroovyLexerSPREAD_DOT}, {"?.", gen.GroovyLexerSAFE_DOT}, {".&", gen.GroovyLexerMETHOD_POINTER},
	{"::", gen.GroovyLexerMETHOD_REF}, {"==~", gen.GroovyLexerREGEX_MATCH}, {"=~", gen.GroovyLexerREGEX_FIND},
	{"**=", gen.GroovyLexerPOWER_ASSIGN}, {"**", gen.GroovyLexerPOWER}, {"<=>", gen.GroovyLexerSPACESHIP},
	{"===", gen.GroovyLexerIDENTICAL}, {"!==", gen.GroovyLexerNOT_IDENTICAL}, {"->", gen.GroovyLexerARROW},
	{"!instanceof", gen.GroovyLexerNOT_INSTANCEOF}, {"!in", gen.GroovyLexerNOT_IN},
	{"(", gen.GroovyLexerLPAREN}, {")", gen.GroovyLexerRPAREN}, {"[", gen.GroovyLexerLBRACK},
	{"]", gen.GroovyLexerRBRACK}, {";", gen.GroovyLexerSEMI}, {",", gen.GroovyLexerCOMMA},
	{".", gen.GroovyLexerDOT}, {"@", gen.GroovyLexerAT}, {"=", gen.GroovyLexerASSIGN},
	{">", gen.GroovyLexerGT}, {"<", gen.GroovyLexerLT}, {"!", gen.GroovyLexerNOT},
	{"~", gen.GroovyLexerBITNOT}, {"?", gen.GroovyLexerQUESTION}, {"?:", gen.GroovyLexerELVIS},
	{"?=", gen.GroovyLexerELVIS_ASSIGN}, {":", gen.GroovyLexerCOLON}, {"==", gen.GroovyLexerEQUAL},
	{"<=", gen.GroovyLexerLE}, {">=", gen.GroovyLexerGE}, {"!=", gen.GroovyLexerNOTEQUAL},
	{"&&", gen.GroovyLexerAND}, {"||", gen.GroovyLexerOR}, {"++", gen.GroovyLexerINC},
	{"--", gen.GroovyLexerDEC}, {"+", gen.GroovyLexerADD}, {"-", gen.GroovyLexerSUB},
	{"*", gen.GroovyLexerMUL}, {"&", gen.GroovyLexerBITAND}, {"|", gen.GroovyLexerBITOR},
	{"^", gen.GroovyLexerXOR}, {"%", gen.GroovyLexerMOD}, {"<<", gen.GroovyLexerSHL},
	{"+=", gen.GroovyLexerADD_ASSIGN}, {"-=", gen.GroovyLexerSUB_ASSIGN}, {"*=", gen.GroovyLexerMUL_ASSIGN},
	{"&=", gen.GroovyLexerAND_ASSIGN}, {"|=", gen.GroovyLexerOR_ASSIGN}, {"^=", gen.GroovyLexerXOR_ASSIGN},
	{"%=", gen.GroovyLexerMOD_ASSIGN}, {"<<=", gen.GroovyLexerSHL_ASSIGN},
}

// operators indexes operatorList by first byte, longest first.
var operators [128][]int

func init() {
	for i, op := range operatorList {
		operators[op.text[0]] = append(operators[op.text[0]], i)
	}
	for c := range operators {
		list := operators[c]
		for a := 1; a < len(list); a++ {
			for b := a; b > 0 && len(operatorList[list[b]].text) > len(operatorList[list[b-1]].text); b-- {
				list[b], list[b-1] = list[b-1], list[b]
			}
		}
	}
}

// operator reads an operator at i; typ 0 when none matches.
func (l *lexer) operator(i int) (typ, end int) {
	for _, k := range operators[l.src[i]] {
		op := operatorList[k]
		if !l.at(i, op.text) {
			continue
		}
		j := i + len(op.text)
		if (op.typ == gen.GroovyLexerNOT_IN || op.typ == gen.GroovyLexerNOT_INSTANCEOF) && !l.notIdentifierPartAt(j) {
			continue
		}
		return op.typ, j
	}
	return 0, i
}

// digits returns the end of DIGITS at i, or -1.
func (l *lexer) digits(i int) int {
	if !digit(l.byteAt(i)) {
		return -1
	}
	i++
	for c := l.byteAt(i); digit(c) || c == '_'; c = l.byteAt(i) {
		i++
	}
	return i
}

// exponent returns the end of EXPONENT at i, or -1.
func (l *lexer) exponent(i int) int {
	if c := l.byteAt(i); c != 'e' && c != 'E' {
		return -1
	}
	i++
	if c := l.byteAt(i); c == '+' || c == '-' {
		i++
	}
	return l.digits(i)
}

// number reads a FLOAT_LITERAL or INTEGER_LITERAL at i, the longest of
// the grammar's alternatives; a float wins a tie, being the earlier rule.
func (l *lexer) number(i int) (typ, end int) {
	floatSuffix := func(j int) int {
		if c := l.byteAt(j); c != 0 && strings.IndexByte("fFdDgG", c) >= 0 {
			return j + 1
		}
		return j
	}
	intSuffix := func(j int) int {
		if c := l.byteAt(j); c != 0 && strings.IndexByte("lLiIgG", c) >= 0 {
			return j + 1
		}
		return j
	}
	d := l.digits(i)
	fl := -1
	if l.byteAt(d) == '.' {
		if f := l.digits(d + 1); f >= 0 {
			if e := l.exponent(f); e >= 0 {
				f = e
			}
			fl = floatSuffix(f)
		}
	}
	if e := l.exponent(d); e >= 0 {
		fl = max(fl, floatSuffix(e))
	}
	if s := floatSuffix(d); s > d {
		fl = max(fl, s)
	}
	in := intSuffix(d)
	if l.src[i] == '0' {
		switch l.byteAt(i + 1) {
		case 'x', 'X':
			j := i + 2
			for c := l.byteAt(j); digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '_'; c = l.byteAt(j) {
				j++
			}
			if j > i+2 {
				in = max(in, intSuffix(j))
			}
		case 'b', 'B':
			j := i + 2
			for c := l.byteAt(j); c == '0' || c == '1' || c == '_'; c = l.byteAt(j) {
				j++
			}
			if j > i+2 {
				in = max(in, intSuffix(j))
			}
		}
	}
	if fl >= in {
		return gen.GroovyLexerFLOAT_LITERAL, fl
	}
	return gen.GroovyLexerINTEGER_LITERAL, in
}

// singleQuoted reads a '...' or ”'...”' string at i.
func (l *lexer) singleQuoted(i int) (typ, end int) {
	src := l.src
	if l.at(i, "'''") {
		// TSQ_STRING: up to the first ''' or the end; a backslash at the
		// very end leaves it unmatched.
		j := i + 3
		for {
			if j >= len(src) {
				return gen.GroovyLexerTSQ_STRING, j
			}
			if l.at(j, "'''") {
				return gen.GroovyLexerTSQ_STRING, j + 3
			}
			if src[j] == '\\' {
				if j = l.esc(j); j < 0 {
					break
				}
				continue
			}
			_, n := l.runeAt(j)
			j += n
		}
	}
	// SQ_STRING, or SQ_UNTERMINATED without the closing quote.
	j := i + 1
	for j < len(src) {
		c := src[j]
		if c == '\'' {
			return gen.GroovyLexerSQ_STRING, j + 1
		}
		if c == '\r' || c == '\n' {
			break
		}
		if c == '\\' {
			k := l.esc(j)
			if k < 0 {
				break
			}
			j = k
			continue
		}
		_, n := l.runeAt(j)
		j += n
	}
	return gen.GroovyLexerUNTERMINATED_STRING, j
}

// interpolation reads what a `$` at i starts inside a GString: `${`, a
// `$name`, or (ok false) neither.
func (l *lexer) interpolation(i int) (typ, end int, ok bool) {
	if l.byteAt(i+1) == '{' {
		l.braces = append(l.braces, true)
		l.push(modeDefault)
		return gen.GroovyLexerGSTRING_EXPR_BEGIN, i + 2, true
	}
	if j := l.gstringVar(i); j >= 0 {
		return gen.GroovyLexerGSTRING_VAR, j, true
	}
	return 0, 0, false
}

// gstringText returns the end of the text at i of a "..." (tdq false) or
// """...""" string: characters and escapes up to a quote, a `$`, (in
// "...") a line break, or a backslash that ends the file.
func (l *lexer) gstringText(i int, tdq bool) int {
	src := l.src
	j := i
	for j < len(src) {
		c := src[j]
		if c == '"' || c == '$' || !tdq && (c == '\r' || c == '\n') {
			break
		}
		if c == '\\' {
			k := l.esc(j)
			if k < 0 {
				break
			}
			j = k
			continue
		}
		if c < utf8.RuneSelf {
			j++
		} else {
			_, n := l.runeAt(j)
			j += n
		}
	}
	return j
}

func (l *lexer) lexDQ(i int) (typ, end int) {
	switch c := l.src[i]; c {
	case '"':
		l.pop()
		return gen.GroovyLexerGSTRING_END, i + 1
	case '$':
		if typ, end, ok := l.interpolation(i); ok {
			return typ, end
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	case '\r', '\n':
		l.pop()
		if l.at(i, "\r\n") {
			return gen.GroovyLexerUNTERMINATED_STRING, i + 2
		}
		return gen.GroovyLexerUNTERMINATED_STRING, i + 1
	}
	if j := l.gstringText(i, false); j > i {
		return gen.GroovyLexerGSTRING_TEXT, j
	}
	return gen.GroovyLexerGSTRING_TEXT, i + 1 // a backslash at the end
}

func (l *lexer) lexTDQ(i int) (typ, end int) {
	switch l.src[i] {
	case '"':
		if l.at(i, `"""`) {
			l.pop()
			return gen.GroovyLexerGSTRING_END, i + 3
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	case '$':
		if typ, end, ok := l.interpolation(i); ok {
			return typ, end
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	}
	if j := l.gstringText(i, true); j > i {
		return gen.GroovyLexerGSTRING_TEXT, j
	}
	return gen.GroovyLexerGSTRING_TEXT, i + 1
}

func (l *lexer) lexSlashy(i int) (typ, end int) {
	src := l.src
	switch src[i] {
	case '/':
		l.pop()
		return gen.GroovyLexerGSTRING_END, i + 1
	case '$':
		if typ, end, ok := l.interpolation(i); ok {
			return typ, end
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	}
	j := i
	for j < len(src) {
		c := src[j]
		if c == '\\' {
			if l.byteAt(j+1) == '/' {
				j += 2
				continue
			}
			break
		}
		if c == '/' || c == '$' {
			break
		}
		_, n := l.runeAt(j)
		j += n
	}
	if j == i {
		j = i + 1 // a backslash not before a slash
	}
	return gen.GroovyLexerGSTRING_TEXT, j
}

func (l *lexer) lexDollarSlashy(i int) (typ, end int) {
	src := l.src
	switch src[i] {
	case '/':
		if l.byteAt(i+1) == '$' && l.byteAt(i+2) != '$' {
			l.pop()
			return gen.GroovyLexerGSTRING_END, i + 2
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	case '$':
		if c := l.byteAt(i + 1); c == '$' || c == '/' {
			return gen.GroovyLexerGSTRING_TEXT, i + 2
		}
		if typ, end, ok := l.interpolation(i); ok {
			return typ, end
		}
		return gen.GroovyLexerGSTRING_TEXT, i + 1
	}
	j := i
	for j < len(src) && src[j] != '/' && src[j] != '$' {
		j++
	}
	return gen.GroovyLexerGSTRING_TEXT, j
}
