// Package glob matches slash-separated paths against shell-style patterns
// with a "**" that spans directories, as used by .jfcheck.yml's ignore list,
// the --include and --exclude flags and .gitignore files.
//
// Syntax:
//
//	pattern  matches
//	abc      the text abc
//	*        any sequence of characters other than '/'
//	?        any one character other than '/'
//	[abc]    one character of the set; ranges such as [a-z], negation with
//	         [!...] or [^...], and POSIX classes such as [[:digit:]]
//	\x       the character x itself
//	**       as a whole path element: zero or more path elements; elsewhere
//	         it means the same as *
//
// Matching is case-sensitive and applies to the whole path.
package glob

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pattern is a compiled glob.
type Pattern struct {
	src   string
	elems []element // one per '/'-separated element of the pattern
}

// element is one path element of a pattern; doubleStar marks "**".
type element struct {
	doubleStar bool
	toks       []token
}

type tokenKind int

const (
	tokLiteral tokenKind = iota
	tokAny               // ?
	tokStar              // *
	tokClass             // [...]
)

type token struct {
	kind   tokenKind
	r      rune        // tokLiteral
	negate bool        // tokClass
	ranges []runeRange // tokClass
	named  []func(rune) bool
}

type runeRange struct{ lo, hi rune }

// ErrBadPattern is what every error of Compile is (errors.Is).
var ErrBadPattern = errors.New("syntax error in pattern")

// Error is a syntax error in a pattern.
type Error struct {
	Pattern string
	Reason  string // such as "unclosed '['"
}

func (e *Error) Error() string {
	return fmt.Sprintf("syntax error in pattern %q: %s", e.Pattern, e.Reason)
}

// Is makes errors.Is(err, ErrBadPattern) true.
func (e *Error) Is(target error) bool { return target == ErrBadPattern }

// Compile parses pattern.
func Compile(pattern string) (*Pattern, error) {
	p := &Pattern{src: pattern}
	for _, e := range splitPattern(pattern) {
		if e == "**" {
			// Consecutive "**" elements mean the same as one.
			if n := len(p.elems); n > 0 && p.elems[n-1].doubleStar {
				continue
			}
			p.elems = append(p.elems, element{doubleStar: true})
			continue
		}
		toks, err := parseElement(e)
		if err != nil {
			return nil, &Error{Pattern: pattern, Reason: err.Error()}
		}
		p.elems = append(p.elems, element{toks: toks})
	}
	return p, nil
}

// MustCompile is Compile for patterns known to be valid; it panics on error.
func MustCompile(pattern string) *Pattern {
	p, err := Compile(pattern)
	if err != nil {
		panic(err)
	}
	return p
}

// Match reports whether name matches pattern. An invalid pattern matches
// nothing; use Compile to learn why.
func Match(pattern, name string) bool {
	p, err := Compile(pattern)
	return err == nil && p.Match(name)
}

// String returns the source of the pattern.
func (p *Pattern) String() string { return p.src }

// Match reports whether the slash-separated path name matches p.
func (p *Pattern) Match(name string) bool {
	return matchElems(p.elems, strings.Split(name, "/"))
}

// splitPattern splits a pattern at the slashes that are not escaped.
func splitPattern(pattern string) []string {
	var out []string
	start := 0
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '/':
			out = append(out, pattern[start:i])
			start = i + 1
		}
	}
	return append(out, pattern[start:])
}

func matchElems(ps []element, ns []string) bool {
	for len(ps) > 0 {
		if ps[0].doubleStar {
			if len(ps) == 1 {
				return true
			}
			for i := range ns {
				if matchElems(ps[1:], ns[i:]) {
					return true
				}
			}
			return false
		}
		if len(ns) == 0 || !matchElement(ps[0].toks, ns[0]) {
			return false
		}
		ps, ns = ps[1:], ns[1:]
	}
	return len(ns) == 0
}

// matchElement matches one path element, backtracking only to the last
// star, which is enough because a star matches any sequence.
func matchElement(toks []token, s string) bool {
	ti, si := 0, 0
	starTok, starStr := -1, 0
	for si < len(s) || ti < len(toks) {
		if ti < len(toks) {
			t := toks[ti]
			if t.kind == tokStar {
				starTok, starStr = ti, si
				ti++
				continue
			}
			if si < len(s) {
				r, n := utf8.DecodeRuneInString(s[si:])
				if t.matches(r) {
					ti++
					si += n
					continue
				}
			}
		}
		if starTok < 0 || starStr >= len(s) {
			return false
		}
		// Let the last star swallow one more character and retry.
		_, n := utf8.DecodeRuneInString(s[starStr:])
		starStr += n
		ti, si = starTok+1, starStr
	}
	return true
}

func (t token) matches(r rune) bool {
	switch t.kind {
	case tokLiteral:
		return r == t.r
	case tokAny:
		return true
	case tokClass:
		in := false
		for _, rg := range t.ranges {
			if rg.lo <= r && r <= rg.hi {
				in = true
				break
			}
		}
		for _, f := range t.named {
			if in {
				break
			}
			in = f(r)
		}
		return in != t.negate
	}
	return false
}

func parseElement(e string) ([]token, error) {
	var toks []token
	for i := 0; i < len(e); {
		switch c := e[i]; c {
		case '*':
			// "a**b" means "a*b"; a run of stars is one star.
			for i < len(e) && e[i] == '*' {
				i++
			}
			toks = append(toks, token{kind: tokStar})
		case '?':
			toks = append(toks, token{kind: tokAny})
			i++
		case '[':
			t, n, err := parseClass(e[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += n
		case '\\':
			if i+1 >= len(e) {
				return nil, errors.New("trailing backslash")
			}
			r, n := utf8.DecodeRuneInString(e[i+1:])
			toks = append(toks, token{kind: tokLiteral, r: r})
			i += 1 + n
		default:
			r, n := utf8.DecodeRuneInString(e[i:])
			toks = append(toks, token{kind: tokLiteral, r: r})
			i += n
		}
	}
	return toks, nil
}

var posixClasses = map[string]func(rune) bool{
	"alnum":  func(r rune) bool { return isAlpha(r) || isDigit(r) },
	"alpha":  isAlpha,
	"blank":  func(r rune) bool { return r == ' ' || r == '\t' },
	"cntrl":  func(r rune) bool { return r < 0x20 || r == 0x7f },
	"digit":  isDigit,
	"graph":  func(r rune) bool { return r > 0x20 && r < 0x7f },
	"lower":  func(r rune) bool { return 'a' <= r && r <= 'z' },
	"print":  func(r rune) bool { return r >= 0x20 && r < 0x7f },
	"punct":  func(r rune) bool { return r > 0x20 && r < 0x7f && !isAlpha(r) && !isDigit(r) },
	"space":  func(r rune) bool { return r == ' ' || '\t' <= r && r <= '\r' },
	"upper":  func(r rune) bool { return 'A' <= r && r <= 'Z' },
	"xdigit": func(r rune) bool { return isDigit(r) || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F' },
}

func isAlpha(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }
func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// parseClass parses a bracket expression at the start of s and returns it
// with the number of bytes it takes. A ']' right after the opening bracket
// (or its negation) stands for itself.
func parseClass(s string) (token, int, error) {
	t := token{kind: tokClass}
	i := 1
	if i < len(s) && (s[i] == '!' || s[i] == '^') {
		t.negate = true
		i++
	}
	first := true
	for {
		if i >= len(s) {
			return t, 0, errors.New("unclosed '['")
		}
		if s[i] == ']' && !first {
			return t, i + 1, nil
		}
		first = false
		if strings.HasPrefix(s[i:], "[:") {
			end := strings.Index(s[i+2:], ":]")
			if end < 0 {
				return t, 0, errors.New("unclosed '[:'")
			}
			name := s[i+2 : i+2+end]
			f, ok := posixClasses[name]
			if !ok {
				return t, 0, fmt.Errorf("unknown character class [:%s:]", name)
			}
			t.named = append(t.named, f)
			i += 2 + end + 2
			continue
		}
		lo, n, err := classChar(s[i:])
		if err != nil {
			return t, 0, err
		}
		i += n
		hi := lo
		if i+1 < len(s) && s[i] == '-' && s[i+1] != ']' {
			hi, n, err = classChar(s[i+1:])
			if err != nil {
				return t, 0, err
			}
			if hi < lo {
				return t, 0, fmt.Errorf("bad range %c-%c", lo, hi)
			}
			i += 1 + n
		}
		t.ranges = append(t.ranges, runeRange{lo, hi})
	}
}

func classChar(s string) (rune, int, error) {
	if s[0] == '\\' {
		if len(s) < 2 {
			return 0, 0, errors.New("unclosed '['")
		}
		r, n := utf8.DecodeRuneInString(s[1:])
		return r, 1 + n, nil
	}
	r, n := utf8.DecodeRuneInString(s)
	return r, n, nil
}
