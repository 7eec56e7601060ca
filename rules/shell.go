package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"jfcheck/parser"
)

// ShellStep is one `sh`, `bat`, `powershell` or `pwsh` step of a file with
// its script read as shell commands.
type ShellStep struct {
	// Call is the step's call.
	Call *parser.Call
	// Shell is the step's name: "sh", "bat", "powershell" or "pwsh".
	Shell string
	// Script is the string holding the script, or nil when the script is not
	// a string literal (a variable, a concatenation).
	Script *parser.String
	// Path is the chain of nodes enclosing Call, outermost first.
	Path []parser.Node
	// Text is the script with each Groovy interpolation replaced by a
	// placeholder word (see Placeholder) of the same length where possible.
	Text string
	// Commands are the simple commands of the script in source order,
	// including those in pipes, lists, subshells, blocks and heredocs.
	Commands []*Command
	// Assigns are the variable assignments of the script that stand alone
	// (`X=1`, `export X=1`, `declare -x X=1`), in source order.
	Assigns []*ShellAssign

	offs  []int          // offs[i] is the file offset of Text[i]; len(Text)+1 entries
	holes map[string]int // placeholder → index of its part in Script.Parts
}

// Command is a simple command of a shell script.
type Command struct {
	Step *ShellStep
	// Words are the command's words: the command name and its arguments.
	Words []*Word
	// Assigns are the assignments prefixed to the command (`X=1 cmd`).
	Assigns []*ShellAssign
	// Start and End are the command's offsets in Step.Text.
	Start, End int
}

// Word is one word of a command.
type Word struct {
	// Text is the word's text in the script, quotes removed when the word
	// is literal; placeholders stand for Groovy interpolations.
	Text string
	// Lit tells whether the word has no expansion at all: neither Groovy
	// interpolation nor shell parameter or command substitution.
	Lit bool
	// Norm is the word with quotes removed and every variable reference,
	// Groovy (`${X}`, `$X`, `${env.X}`) or shell (`$X`, `${X}`), written `$X`.
	Norm string
	// Start and End are the word's offsets in Step.Text.
	Start, End int
}

// ShellAssign is `NAME=value` in a script.
type ShellAssign struct {
	Name  string
	Value *Word // nil for `export NAME`
	// Start and End are the assignment's offsets in the step's Text.
	Start, End int
}

// Span returns the file span of the text offsets [start, end) of s.
func (s *ShellStep) Span(start, end int) parser.Span {
	if len(s.offs) == 0 {
		return s.Call.Span
	}
	a, b := s.FileOffset(start), s.FileOffset(end)
	if b < a {
		b = a
	}
	return parser.Span{Start: a, End: b}
}

// FileOffset maps an offset in s.Text to a byte offset in the file.
func (s *ShellStep) FileOffset(off int) int {
	if len(s.offs) == 0 {
		return s.Call.Start
	}
	if off < 0 {
		off = 0
	}
	if off >= len(s.offs) {
		off = len(s.offs) - 1
	}
	return s.offs[off]
}

// WordSpan returns the file span of words [i, j] of c.
func (c *Command) WordSpan(i, j int) parser.Span {
	return c.Step.Span(c.Words[i].Start, c.Words[j].End)
}

// Span returns the file span of the whole command.
func (c *Command) Span() parser.Span { return c.Step.Span(c.Start, c.End) }

// Args returns the words' texts (Norm).
func (c *Command) Args() []string {
	out := make([]string, len(c.Words))
	for i, w := range c.Words {
		out[i] = w.Norm
	}
	return out
}

// Name returns the command's name without directory, or "".
func (c *Command) Name() string {
	if len(c.Words) == 0 {
		return ""
	}
	n := c.Words[0].Norm
	if i := strings.LastIndex(n, "/"); i >= 0 {
		n = n[i+1:]
	}
	return n
}

var shellStepNames = map[string]bool{"sh": true, "bat": true, "powershell": true, "pwsh": true}

// ShellSteps returns every shell step of f in source order.
func ShellSteps(f *parser.File) []*ShellStep {
	var out []*ShellStep
	parser.WalkPath(f.Body, func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok || !shellStepNames[c.Name()] {
			return true
		}
		if sel, ok := c.Fun.(*parser.Select); ok {
			if id, ok := sel.X.(*parser.Ident); !ok || (id.Name != "steps" && id.Name != "this" && id.Name != "script") {
				return true
			}
		}
		st := &ShellStep{Call: c, Shell: c.Name(), Path: append([]parser.Node(nil), path...)}
		var script parser.Expr
		if a := c.Arg("script"); a != nil {
			script = a.Value
		} else if ps := c.Positional(); len(ps) > 0 {
			script = ps[0].Value
		}
		if s, ok := script.(*parser.String); ok {
			st.Script = s
			st.build()
		}
		out = append(out, st)
		return true
	})
	return out
}

// Placeholder returns the placeholder for the n-th interpolation (from 1)
// padded to length size when it fits.
func Placeholder(n, size int) string {
	p := fmt.Sprintf("__G%d", n)
	for len(p) < size {
		p += "_"
	}
	return p
}

func (s *ShellStep) build() {
	var text strings.Builder
	s.holes = map[string]int{}
	n := 0
	for i, p := range s.Script.Parts {
		if p.IsInterpolation() {
			n++
			ph := Placeholder(n, p.Len())
			s.holes[strings.TrimRight(ph, "_")] = i
			for k := 0; k < len(ph); k++ {
				o := p.Start + k
				if o >= p.End {
					o = p.End - 1
				}
				s.offs = append(s.offs, o)
			}
			text.WriteString(ph)
			continue
		}
		text.WriteString(p.Value)
		s.offs = append(s.offs, valueOffsets(p, s.Script.Kind)...)
	}
	s.offs = append(s.offs, s.Script.Content.End)
	s.Text = text.String()
	if s.Shell == "sh" {
		s.parseShell(s.Text, 0)
	} else {
		s.scanWords(s.Text, 0)
	}
}

// valueOffsets returns the file offset of each byte of p.Value.
func valueOffsets(p *parser.StringPart, k parser.StringKind) []int {
	out := make([]int, 0, len(p.Value))
	if len(p.Raw) == len(p.Value) {
		for i := range p.Value {
			out = append(out, p.Start+i)
		}
		return out
	}
	raw := p.Raw
	if k != parser.Slashy && k != parser.DollarSlashy {
		for i := 0; i < len(raw); {
			if raw[i] != '\\' || i+1 >= len(raw) {
				out = append(out, p.Start+i)
				i++
				continue
			}
			switch raw[i+1] {
			case '\n':
				i += 2
			case 'u':
				if i+6 <= len(raw) {
					var r rune
					if _, err := fmt.Sscanf(raw[i+2:i+6], "%x", &r); err == nil {
						for k := 0; k < utf8.RuneLen(r); k++ {
							out = append(out, p.Start+i)
						}
						i += 6
						continue
					}
				}
				out = append(out, p.Start+i)
				i += 2
			default:
				out = append(out, p.Start+i)
				i += 2
			}
		}
	}
	if len(out) != len(p.Value) {
		out = out[:0]
		for i := range p.Value {
			o := p.Start + i
			if o >= p.End {
				o = p.End - 1
			}
			out = append(out, o)
		}
	}
	return out
}

// norm rewrites placeholders in t to `$NAME` forms.
func (s *ShellStep) norm(t string) string {
	if !strings.Contains(t, "__G") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.Index(t, "__G")
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		j := i + 3
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		k, ok := s.holes[t[i:j]]
		if !ok {
			b.WriteString(t[i:j])
			t = t[j:]
			continue
		}
		b.WriteString(groovyRef(s.Script.Parts[k]))
		for j < len(t) && t[j] == '_' && j-i < s.Script.Parts[k].Len() {
			j++
		}
		t = t[j:]
	}
}

// groovyRef writes an interpolation as `$NAME`: `${env.X}`, `${X}` and `$X`
// all become `$X`; other expressions keep their source text.
func groovyRef(p *parser.StringPart) string {
	switch e := p.Expr.(type) {
	case *parser.Ident:
		return "$" + e.Name
	case *parser.Select:
		if id, ok := e.X.(*parser.Ident); ok && (id.Name == "env" || id.Name == "params") {
			return "$" + e.Name
		}
	}
	return p.Raw
}

// HasGroovyRef reports whether text contains a placeholder.
func hasHole(t string) bool { return strings.Contains(t, "__G") }

func (s *ShellStep) parseShell(text string, base int) {
	p := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash))
	f, err := p.Parse(strings.NewReader(text), "")
	if err != nil {
		s.scanWords(text, base)
		return
	}
	off := func(pos syntax.Pos) int { return base + int(pos.Offset()) }
	word := func(w *syntax.Word) *Word {
		return s.word(w, text, base)
	}
	assign := func(a *syntax.Assign) *ShellAssign {
		if a.Name == nil {
			return nil
		}
		sa := &ShellAssign{Name: a.Name.Value, Start: off(a.Pos()), End: off(a.End())}
		if a.Value != nil {
			sa.Value = word(a.Value)
		} else if !a.Naked {
			sa.Value = &Word{Lit: true, Start: sa.End, End: sa.End}
		}
		return sa
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.CallExpr:
			c := &Command{Step: s, Start: off(x.Pos()), End: off(x.End())}
			for _, a := range x.Assigns {
				if sa := assign(a); sa != nil {
					c.Assigns = append(c.Assigns, sa)
				}
			}
			for _, w := range x.Args {
				c.Words = append(c.Words, word(w))
			}
			if len(c.Words) == 0 {
				s.Assigns = append(s.Assigns, c.Assigns...)
			} else {
				s.Commands = append(s.Commands, c)
			}
		case *syntax.DeclClause:
			for _, a := range x.Args {
				if sa := assign(a); sa != nil && sa.Value != nil {
					s.Assigns = append(s.Assigns, sa)
				}
			}
		case *syntax.Redirect:
			if x.Hdoc != nil && (x.Op == syntax.Hdoc || x.Op == syntax.DashHdoc) {
				a, b := int(x.Hdoc.Pos().Offset()), int(x.Hdoc.End().Offset())
				if a >= 0 && b <= len(text) && a < b {
					s.parseShell(text[a:b], base+a)
				}
			}
		}
		return true
	})
}

func (s *ShellStep) word(w *syntax.Word, text string, base int) *Word {
	a, b := int(w.Pos().Offset()), int(w.End().Offset())
	out := &Word{Start: base + a, End: base + b, Lit: true}
	var raw strings.Builder
	var norm strings.Builder
	var parts func(ps []syntax.WordPart)
	parts = func(ps []syntax.WordPart) {
		for _, p := range ps {
			switch x := p.(type) {
			case *syntax.Lit:
				raw.WriteString(x.Value)
				norm.WriteString(s.norm(x.Value))
				if hasHole(x.Value) {
					out.Lit = false
				}
			case *syntax.SglQuoted:
				raw.WriteString(x.Value)
				norm.WriteString(s.norm(x.Value))
				if hasHole(x.Value) {
					out.Lit = false
				}
			case *syntax.DblQuoted:
				parts(x.Parts)
			case *syntax.ParamExp:
				out.Lit = false
				if x.Param != nil && x.Exp == nil && x.Repl == nil && x.Index == nil && !x.Length && !x.Excl && x.Slice == nil {
					norm.WriteString("$" + x.Param.Value)
					raw.WriteString("$" + x.Param.Value)
				} else {
					t := shellSlice(text, int(x.Pos().Offset()), int(x.End().Offset()))
					norm.WriteString(t)
					raw.WriteString(t)
				}
			default:
				out.Lit = false
				t := shellSlice(text, int(p.Pos().Offset()), int(p.End().Offset()))
				norm.WriteString(s.norm(t))
				raw.WriteString(t)
			}
		}
	}
	parts(w.Parts)
	out.Text, out.Norm = raw.String(), norm.String()
	return out
}

func shellSlice(t string, a, b int) string {
	if a < 0 || b > len(t) || a > b {
		return ""
	}
	return t[a:b]
}

// scanWords reads text line by line, splitting commands at `;`, `&&`, `||`
// and `|` and words at blanks; used for Windows shells and for scripts the
// shell parser cannot read.
func (s *ShellStep) scanWords(text string, base int) {
	lineStart := 0
	for lineStart <= len(text) {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		var c *Command
		flush := func() {
			if c != nil && len(c.Words) > 0 {
				// leading NAME=value words are prefix assignments
				for len(c.Words) > 0 {
					w := c.Words[0]
					eq := strings.IndexByte(w.Text, '=')
					if eq <= 0 || !isShellName(w.Text[:eq]) {
						break
					}
					c.Assigns = append(c.Assigns, &ShellAssign{Name: w.Text[:eq], Start: w.Start, End: w.End,
						Value: &Word{Text: w.Text[eq+1:], Norm: w.Norm[min(eq+1, len(w.Norm)):], Lit: w.Lit, Start: w.Start + eq + 1, End: w.End}})
					c.Words = c.Words[1:]
				}
				if len(c.Words) == 0 {
					s.Assigns = append(s.Assigns, c.Assigns...)
				} else if w := c.Words[0]; strings.HasPrefix(strings.ToLower(w.Text), "$env:") && len(c.Words) >= 3 && c.Words[1].Text == "=" {
					// PowerShell: $env:NAME = value
					v := c.Words[2]
					s.Assigns = append(s.Assigns, &ShellAssign{Name: w.Text[5:], Start: w.Start, End: v.End, Value: v})
				} else if c.Words[0].Text == "export" || strings.EqualFold(c.Words[0].Text, "set") {
					for _, w := range c.Words[1:] {
						if eq := strings.IndexByte(w.Text, '='); eq > 0 {
							s.Assigns = append(s.Assigns, &ShellAssign{Name: w.Text[:eq], Start: w.Start, End: w.End,
								Value: &Word{Text: w.Text[eq+1:], Norm: w.Norm[min(eq+1, len(w.Norm)):], Lit: w.Lit, Start: w.Start + eq + 1, End: w.End}})
						}
					}
				} else {
					s.Commands = append(s.Commands, c)
				}
			}
			c = nil
		}
		i := lineStart
		for i < end {
			ch := text[i]
			switch {
			case ch == ' ' || ch == '\t' || ch == '\r':
				i++
				continue
			case ch == '#' && s.Shell == "sh":
				i = end
				continue
			case ch == ';' || ch == '|' || ch == '&':
				flush()
				i++
				continue
			}
			j := i
			var q byte
			for j < end {
				cj := text[j]
				if q != 0 {
					if cj == q {
						q = 0
					}
					j++
					continue
				}
				if cj == '"' || cj == '\'' {
					q = cj
					j++
					continue
				}
				if cj == ' ' || cj == '\t' || cj == '\r' || cj == ';' || cj == '|' || cj == '&' {
					break
				}
				j++
			}
			t := text[i:j]
			un := strings.NewReplacer(`"`, "", `'`, "").Replace(t)
			w := &Word{Text: un, Norm: s.norm(normShellVars(un)), Lit: !strings.ContainsAny(un, "$`") && !hasHole(un), Start: base + i, End: base + j}
			if c == nil {
				c = &Command{Step: s, Start: base + i}
			}
			c.Words = append(c.Words, w)
			c.End = base + j
			i = j
		}
		flush()
		lineStart = end + 1
	}
}

// normShellVars rewrites `${X}` as `$X`.
func normShellVars(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '$' && i+1 < len(t) && t[i+1] == '{' {
			if j := strings.IndexByte(t[i:], '}'); j > 0 && isShellName(t[i+2:i+j]) {
				b.WriteString("$" + t[i+2:i+j])
				i += j
				continue
			}
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func isShellName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Unwrap returns c without the wrappers that run another command: `sudo`,
// `command`, `exec`, `nohup`, `time`, and `env NAME=value...` (whose
// assignments become the command's). It returns c itself when there is none.
func (c *Command) Unwrap() *Command {
	for len(c.Words) > 1 {
		switch c.Name() {
		case "sudo", "command", "exec", "nohup", "time", "env":
		default:
			return c
		}
		env := c.Name() == "env"
		cc := *c
		cc.Assigns = append([]*ShellAssign(nil), c.Assigns...)
		i := 1
		for i < len(c.Words)-1 {
			w := c.Words[i]
			if strings.HasPrefix(w.Norm, "-") {
				i++
				continue
			}
			if eq := strings.IndexByte(w.Norm, '='); env && eq > 0 && isShellName(w.Norm[:eq]) {
				cc.Assigns = append(cc.Assigns, &ShellAssign{Name: w.Norm[:eq], Start: w.Start, End: w.End,
					Value: &Word{Text: w.Norm[eq+1:], Norm: w.Norm[eq+1:], Lit: w.Lit, Start: w.Start, End: w.End}})
				i++
				continue
			}
			break
		}
		cc.Words = c.Words[i:]
		c = &cc
	}
	return c
}
