// Package parser reads Jenkinsfiles. It is the only package that knows
// about ANTLR: it runs the generated lexer and parser, converts ANTLR's rune
// positions to byte offsets once, and hands the rest of the program the
// model in ast.go and pipeline.go.
package parser

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"jfcheck/parser/internal/gen"
)

// catchPanics turns a panic in Parse into an error; tests switch it off to
// see the stack.
var catchPanics = true

// MaxFileSize bounds the size of a file jfcheck reads.
const MaxFileSize = 16 << 20

// MaxErrors bounds the syntax errors reported for one file.
const MaxErrors = 20

// parse holds the state of one Parse call.
type parse struct {
	name  string
	src   []byte
	text  string // src as a string, which the tokens' texts are slices of
	lines *Lines
	errs  []Error
	// tokens are the tokens the parser read.
	tokens []*tok
	// fresh gives the lexer and parser empty prediction caches, so that a
	// benchmark can measure what the first parse in a process costs.
	fresh bool
}

// Parse reads a Jenkinsfile. It returns the file's model and its syntax
// errors; when the file is partly broken it returns both, the model holding
// what could be read. Parse never panics and never prints.
func Parse(name string, src []byte) (f *File, errs []Error) {
	return (&parse{name: name, src: src, lines: NewLines(src)}).run()
}

func (p *parse) run() (f *File, errs []Error) {
	name, src := p.name, p.src
	f = &File{Name: name, Src: src, Lines: p.lines}
	if len(src) > MaxFileSize {
		return f, []Error{{Span: Span{0, 0}, Msg: fmt.Sprintf("file too large: %d bytes, jfcheck reads files up to %d bytes", len(src), MaxFileSize)}}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return f, []Error{{Span: Span{i, i + 1}, Msg: "binary data (a NUL byte): this is not a Jenkinsfile"}}
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return f, []Error{{Span: Span{i, i + 1}, Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): Jenkinsfiles must be UTF-8 text", src[i])}}
	}
	if bytes.HasPrefix(src, []byte("\uFEFF@")) || bytes.HasPrefix(src, []byte("\uFEFF#!")) {
		// Groovy reads the mark as a letter of a name.
		p.errs = append(p.errs, Error{Span: Span{0, 3}, Msg: fmt.Sprintf("a byte-order mark before '%s': Groovy reads the mark as part of a name and cannot parse what follows; remove the byte-order mark", map[byte]string{'@': "@", '#': "#!"}[src[3]])})
	}
	if sp, bad := checkUnicodeEscapes(src); bad {
		p.errs = append(p.errs, Error{Span: sp, Msg: "invalid unicode escape: \\u must be followed by four hex digits (write \\\\u for a backslash and a u)"})
	}
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		f.CRLF = true
	}
	defer func() {
		if r := recover(); r != nil {
			if !catchPanics {
				panic(r)
			}
			errs = append(errs, Error{Span: Span{0, 0}, Msg: fmt.Sprintf("internal error while parsing: %v", r), Internal: true})
		}
	}()

	p.text = string(src)
	sc := p.lex()
	f.Comments = sc.comments
	p.errs = append(p.errs, sc.errs...)
	if sc.tooDeep {
		return f, p.finishErrors()
	}
	p.tokens = sc.tokens
	tree := p.parseTokens(sc, len(sc.errs) > 0)
	b := &builder{p: p, check: len(p.errs) == 0}
	f.Body = b.statements(tree.Statements())
	f.tokens = len(p.tokens)
	f.Pipelines = findPipelines(f)
	return f, p.finishErrors()
}

// validText reports whether src is text Parse reads: UTF-8 without NUL.
func validText(src []byte) bool {
	return bytes.IndexByte(src, 0) < 0 && utf8.Valid(src)
}

func (p *parse) finishErrors() []Error {
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Span.Start < p.errs[j].Span.Start })
	if len(p.errs) > MaxErrors {
		extra := len(p.errs) - MaxErrors
		p.errs = p.errs[:MaxErrors]
		last := p.errs[MaxErrors-1].Span
		p.errs = append(p.errs, Error{Span: last, Msg: fmt.Sprintf("too many errors: %d more not shown", extra)})
	}
	return p.errs
}

// bailout is the panic value of the first parsing stage.
type bailout struct{}

// bailStrategy gives up at the first syntax error, so that the fast SLL
// stage can hand over to the full LL stage.
type bailStrategy struct {
	*antlr.DefaultErrorStrategy
}

func (bailStrategy) Recover(antlr.Parser, antlr.RecognitionException) { panic(bailout{}) }
func (bailStrategy) RecoverInline(antlr.Parser) antlr.Token           { panic(bailout{}) }
func (bailStrategy) ReportError(antlr.Parser, antlr.RecognitionException) {
	panic(bailout{})
}
func (bailStrategy) Sync(antlr.Parser) {}

// parseTokens runs the parser in two stages: SLL prediction, which is fast
// and right for almost every file, and only when that fails, full LL with
// error recovery and reporting. quiet drops the second stage's errors when
// the token scan has already explained what is wrong.
func (p *parse) parseTokens(sc *scan, quiet bool) (tree *gen.CompilationUnitContext) {
	// A bare lexer is only the stream's nominal source, for the token
	// factory of ANTLR's error recovery (the generated lexer would load its
	// automaton for nothing).
	source := antlr.NewBaseLexer(nil)
	stream := func() antlr.TokenStream { return newTokenStream(sc.tokens, source) }
	ps := p.newParser(stream())
	ps.RemoveErrorListeners()
	ps.SetErrorHandler(bailStrategy{antlr.NewDefaultErrorStrategy()})
	ps.GetInterpreter().SetPredictionMode(antlr.PredictionModeSLL)
	ok := func() (ok bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, is := r.(bailout); !is {
					panic(r)
				}
				ok = false
			}
		}()
		tree = ps.CompilationUnit().(*gen.CompilationUnitContext)
		return true
	}()
	if ok {
		return tree
	}

	ps = p.newParser(stream())
	ps.RemoveErrorListeners()
	l := &errorListener{p: p, quiet: quiet}
	ps.AddErrorListener(l)
	ps.GetInterpreter().SetPredictionMode(antlr.PredictionModeLL)
	return ps.CompilationUnit().(*gen.CompilationUnitContext)
}

// errorListener turns ANTLR's syntax errors into plain messages.
type errorListener struct {
	*antlr.DefaultErrorListener
	p        *parse
	quiet    bool
	reported bool
}

func (l *errorListener) SyntaxError(recognizer antlr.Recognizer, offending interface{}, line, column int, msg string, e antlr.RecognitionException) {
	// Only the first error: what error recovery finds after it is mostly
	// a consequence of it.
	if l.reported {
		return
	}
	t, ok := offending.(antlr.Token)
	if !ok {
		return
	}
	// A token the scan inserted (CMD, a same-line NL) has no text: name
	// the real token at its place instead.
	if ps, ok := recognizer.(antlr.Parser); ok && t.GetStop() < t.GetStart() && t.GetTokenType() != antlr.TokenEOF {
		if next := ps.GetTokenStream().Get(t.GetTokenIndex() + 1); next != nil {
			t = next
		}
	}
	span := l.p.tokSpan(t)
	l.reported = true
	m := "unexpected " + describe(t)
	if ps, ok := recognizer.(antlr.Parser); ok && binaryOnly.has(t.GetTokenType()) && t.GetTokenIndex() > 0 {
		if before := ps.GetTokenStream().Get(t.GetTokenIndex() - 1); before.GetTokenType() == gen.GroovyLexerNL {
			l.add(Error{Span: span, Msg: m + " at the start of a line: Groovy ends the statement at the line break before it; put the operator at the end of the line above"})
			return
		}
	}
	if ps, ok := recognizer.(antlr.Parser); ok {
		if want := expectedWords(ps); want != "" {
			m += ": expected " + want
		}
	}
	l.add(Error{Span: span, Msg: m})
}

// add records the parser's first error. When the token scan has already
// explained what is wrong, only an error before the scan's first one is
// news: a stray '}' must not hide a mistake above it.
func (l *errorListener) add(e Error) {
	if l.quiet {
		for _, se := range l.p.errs {
			if se.Span.Start <= e.Span.Start {
				return
			}
		}
	}
	l.p.errs = append(l.p.errs, e)
}

// expectedWords lists what the parser could have accepted, when that is a
// short list worth reading.
func expectedWords(ps antlr.Parser) string {
	set := ps.GetExpectedTokens()
	if set == nil {
		return ""
	}
	var words []string
	n := 0
	for _, iv := range set.GetIntervals() {
		n += iv.Stop - iv.Start
		for t := iv.Start; t < iv.Stop; t++ {
			var w string
			switch t {
			case gen.GroovyLexerRPAREN:
				w = "')'"
			case gen.GroovyLexerRBRACK:
				w = "']'"
			case gen.GroovyLexerRBRACE:
				w = "'}'"
			case gen.GroovyLexerCOMMA:
				w = "','"
			case gen.GroovyLexerCOLON:
				w = "':'"
			case gen.GroovyLexerASSIGN:
				w = "'='"
			case gen.GroovyLexerLPAREN:
				w = "'('"
			case gen.GroovyLexerLBRACE:
				w = "'{'"
			case gen.GroovyLexerIDENTIFIER:
				w = "a name"
			case gen.GroovyLexerNL, gen.GroovyLexerSEMI:
				w = "a new line or ';'"
			case antlr.TokenEOF:
				w = "end of file"
			default:
				continue
			}
			if !contains(words, w) {
				words = append(words, w)
			}
		}
	}
	if len(words) == 0 || len(words) > 3 || n > 6 {
		return ""
	}
	switch len(words) {
	case 1:
		return words[0]
	case 2:
		return words[0] + " or " + words[1]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// off clamps a token's byte offset to the source: the tokens that ANTLR's
// error recovery invents have none (-1).
func (p *parse) off(i int) int {
	return min(max(i, 0), len(p.src))
}

// tokSpan is the byte span of a token (its stop index is inclusive, as
// ANTLR's are).
func (p *parse) tokSpan(t antlr.Token) Span {
	if k, ok := t.(*tok); ok {
		// The tokens of the lexer, without interface calls.
		if k.typ == antlr.TokenEOF {
			return Span{len(p.src), len(p.src)}
		}
		start, end := p.off(int(k.start)), p.off(int(k.stop)+1)
		return Span{start, max(start, end)}
	}
	if t.GetTokenType() == antlr.TokenEOF {
		return Span{len(p.src), len(p.src)}
	}
	start := p.off(t.GetStart())
	end := p.off(t.GetStop() + 1)
	if end < start {
		end = start
	}
	return Span{start, end}
}

func (p *parse) posString(t antlr.Token) string {
	pos := p.lines.Position(p.tokSpan(t).Start)
	return fmt.Sprintf("%d:%d", pos.Line, pos.Col)
}

func (p *parse) newParser(ts antlr.TokenStream) *gen.GroovyParser {
	ps := gen.NewGroovyParser(ts)
	atn := ps.GetATN()
	if p.fresh {
		ps.Interpreter = antlr.NewParserATNSimulator(ps, atn, freshDFA(atn), antlr.NewPredictionContextCache())
		return ps
	}
	dfa, pcc := predictions.get(atn, len(p.src))
	ps.Interpreter = antlr.NewParserATNSimulator(ps, atn, dfa, pcc)
	return ps
}

// predictionCache holds the parser's DFA and prediction-context cache,
// which the parses of a process share: each learns from the ones before.
// ANTLR never forgets a state, so over many different files the cache
// would grow without bound (hundreds of MB over thousands of files). After
// maxCacheInput bytes of input the next parses start a new one, and the
// old one is freed when the parses using it end. (The budget counts input
// rather than DFA states: ANTLR updates those under locks of its own, so
// reading their number while other parses run would race.)
type predictionCache struct {
	mu   sync.Mutex
	dfa  []*antlr.DFA
	pcc  *antlr.PredictionContextCache
	used int
}

// maxCacheInput is the input a shared prediction cache serves before it is
// replaced (see predictionCache); a variable for tests.
var maxCacheInput = 32 << 20

var predictions predictionCache

// get returns the shared cache for a parse of n bytes.
func (c *predictionCache) get(atn *antlr.ATN, n int) ([]*antlr.DFA, *antlr.PredictionContextCache) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dfa == nil || c.used > maxCacheInput {
		c.dfa, c.pcc, c.used = freshDFA(atn), antlr.NewPredictionContextCache(), 0
	}
	c.used += n
	return c.dfa, c.pcc
}

func freshDFA(atn *antlr.ATN) []*antlr.DFA {
	dfa := make([]*antlr.DFA, len(atn.DecisionToState))
	for i, s := range atn.DecisionToState {
		dfa[i] = antlr.NewDFA(s, i)
	}
	return dfa
}
