package execution

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
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

	offs  []int32 // offs[i] is the file offset of Text[i]; len(Text)+1 entries (files are at most 16 MB)
	holes []int   // index in Script.Parts of each interpolation, from __G1 on
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
	// Via are the commands that run this one, outermost first: the nested
	// shell of `sg docker -c 'docker login …'`, the `sudo` of `sudo sh -c`,
	// the `trap` whose handler it is.
	Via []*Command
	// Trap marks a command of an EXIT trap's handler: it runs when the
	// script exits, whatever happens before.
	Trap bool
	// Remote marks a command that runs on another machine.
	Remote bool
	// Func is the shell function whose body holds the command, or "".
	Func string
	// EnvReset marks a command whose environment was reset by a wrapper
	// (`sudo` without -E, `env -i`, `su -`): variables such as
	// DOCKER_CONFIG from the step do not reach it. EnvResetBy names it.
	EnvReset   bool
	EnvResetBy string
	// Kept are the variables a resetting wrapper still passes
	// (`sudo --preserve-env=DOCKER_CONFIG`, `env -i DOCKER_CONFIG=…`).
	Kept []string
}

// Keeps reports whether the variable name set around the step still reaches
// the command: no wrapper reset the environment, or it kept name.
func (c *Command) Keeps(name string) bool {
	reset := c.EnvReset
	kept := c.Kept
	for _, v := range c.Via {
		if v.EnvReset {
			reset, kept = true, v.Kept
		}
	}
	if !reset {
		return true
	}
	for _, k := range kept {
		if k == name {
			return true
		}
	}
	return false
}

// ResetBy names the wrapper that reset the environment of c, or "".
func (c *Command) ResetBy() string {
	if c.EnvReset {
		return c.EnvResetBy
	}
	for i := len(c.Via) - 1; i >= 0; i-- {
		if c.Via[i].EnvReset {
			return c.Via[i].EnvResetBy
		}
	}
	return ""
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
	// Exported marks `export NAME=…`, `declare -x`, a command prefix and
	// PowerShell's `$env:NAME`: the value reaches the commands run after it.
	Exported bool
	// In is the nested shell the assignment is made in, nil at the top.
	In *Command
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
	return int(s.offs[off])
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
func ShellSteps(f *parser.File) []*ShellStep { return shellSteps(f, nil) }

// stepsReceiver reports whether e is what a library class or a script calls
// pipeline steps on: `steps`, `this`, `script`, `this.steps`, `ctx.steps`.
func stepsReceiver(e parser.Expr) bool {
	switch x := e.(type) {
	case *parser.Ident:
		if x.Name == "this" {
			return true
		}
		// steps, script, scriptObj, ctx, pipelineContext, StepExecutor,
		// workflowScript, dsl: what a library hands the pipeline's
		// script object by, or wraps its steps in.
		n := strings.ToLower(x.Name)
		for _, k := range []string{"script", "step", "ctx", "context", "pipeline", "jenkins", "dsl"} {
			if strings.Contains(n, k) {
				return true
			}
		}
	case *parser.Select:
		return x.Name == "steps"
	}
	return false
}

// shellSteps is ShellSteps with the names of methods that run their first
// string argument as a shell script on the node (a library's
// `runSafe(this, "docker login …")`).
func shellSteps(f *parser.File, methods []string) []*ShellStep {
	var out []*ShellStep
	f.WalkPath(func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok {
			return true
		}
		var script parser.Expr
		shell := c.Name()
		switch {
		case shellStepNames[shell]:
			if sel, ok := c.Fun.(*parser.Select); ok && !stepsReceiver(sel.X) {
				return true
			}
			if a := c.Arg("script"); a != nil {
				script = a.Value
			} else if ps := c.Positional(); len(ps) > 0 {
				script = ps[0].Value
			}
		case shell != "" && slices.Contains(methods, shell):
			for _, a := range c.Positional() {
				if _, ok := a.Value.(*parser.String); ok {
					script = a.Value
					break
				}
			}
			if script == nil {
				return true
			}
			shell = "sh"
		default:
			return true
		}
		st := &ShellStep{Call: c, Shell: shell, Path: append([]parser.Node(nil), path...)}
		if id, ok := script.(*parser.Ident); ok {
			// `sh loginCmd` with `def loginCmd = '…'` before it: the
			// script is the variable's string.
			if v := localString(path, c, id.Name); v != nil {
				script = v
			}
		}
		switch x := script.(type) {
		case *parser.String:
			st.Script = x
			st.build()
		case *parser.Binary, *parser.Paren:
			// `loadMixins() + "docker login …"`: each string literal of a
			// concatenation is read as a script of its own.
			parts := ConcatStrings(x)
			for i, s := range parts {
				if i > 0 {
					st = &ShellStep{Call: c, Shell: shell, Path: st.Path}
				}
				st.Script = s
				st.build()
				out = append(out, st)
			}
			if len(parts) > 0 {
				return true
			}
		}
		out = append(out, st)
		return true
	})
	return out
}

// localString returns the string literal that a local variable name holds
// at call c: declared with it (`def name = '…'`) in a block on path before
// c and never assigned again in the outermost of those blocks; or nil.
func localString(path []parser.Node, c *parser.Call, name string) *parser.String {
	for i := len(path) - 1; i >= 0; i-- {
		b, ok := path[i].(*parser.Block)
		if !ok {
			continue
		}
		for _, stmt := range b.Stmts {
			if stmt.Pos().Start >= c.Span.Start {
				break
			}
			v, ok := stmt.(*parser.VarDecl)
			if !ok || v.Name != name {
				continue
			}
			str, ok := v.Value.(*parser.String)
			if !ok || reassigned(b, name) {
				return nil
			}
			return str
		}
	}
	return nil
}

// reassigned reports whether blk assigns name anywhere (`name = …`).
func reassigned(blk *parser.Block, name string) bool {
	found := false
	parser.Inspect(blk, func(n parser.Node) bool {
		if a, ok := n.(*parser.Assign); ok {
			if id, ok := a.LHS.(*parser.Ident); ok && id.Name == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// Placeholder returns the placeholder for the n-th interpolation (from 1)
// padded to length size when it fits.
func Placeholder(n, size int) string {
	p := "__G" + strconv.Itoa(n)
	if len(p) < size {
		p += strings.Repeat("_", size-len(p))
	}
	return p
}

func (s *ShellStep) build() {
	// The text and its offsets are sized first: a script is read once,
	// but every step of a file has one.
	size, n := 1, 0
	for _, p := range s.Script.Parts {
		if p.IsInterpolation() {
			n++
			size += max(p.Len(), 3+len(strconv.Itoa(n)))
		} else {
			size += len(p.Value)
		}
	}
	var text strings.Builder
	text.Grow(size - 1)
	s.offs = make([]int32, 0, size)
	if n > 0 {
		s.holes = make([]int, 0, n)
	}
	for i, p := range s.Script.Parts {
		if p.IsInterpolation() {
			ph := Placeholder(len(s.holes)+1, p.Len())
			s.holes = append(s.holes, i)
			for k := 0; k < len(ph); k++ {
				o := p.Start + k
				if o >= p.End {
					o = p.End - 1
				}
				s.offs = append(s.offs, int32(o))
			}
			text.WriteString(ph)
			continue
		}
		text.WriteString(p.Value)
		s.offs = appendValueOffsets(s.offs, p, s.Script.Kind)
	}
	s.offs = append(s.offs, int32(s.Script.Content.End))
	s.Text = text.String()
	if s.Shell == "sh" {
		s.parseShell(s.Text, 0)
	} else {
		s.scanWords(s.Text, 0)
	}
}

// appendValueOffsets appends the file offset of each byte of p.Value to
// out.
func appendValueOffsets(out []int32, p *parser.StringPart, k parser.StringKind) []int32 {
	base := len(out)
	if len(p.Raw) == len(p.Value) {
		for i := range p.Value {
			out = append(out, int32(p.Start+i))
		}
		return out
	}
	raw := p.Raw
	if k != parser.Slashy && k != parser.DollarSlashy {
		for i := 0; i < len(raw); {
			if raw[i] != '\\' || i+1 >= len(raw) {
				out = append(out, int32(p.Start+i))
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
							out = append(out, int32(p.Start+i))
						}
						i += 6
						continue
					}
				}
				out = append(out, int32(p.Start+i))
				i += 2
			default:
				out = append(out, int32(p.Start+i))
				i += 2
			}
		}
	}
	if len(out)-base != len(p.Value) {
		out = out[:base]
		for i := range p.Value {
			o := p.Start + i
			if o >= p.End {
				o = p.End - 1
			}
			out = append(out, int32(o))
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
		k, ok := s.hole(t[i+3 : j])
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

// hole returns the index in Script.Parts of the interpolation whose
// placeholder has the number digits.
func (s *ShellStep) hole(digits string) (int, bool) {
	if digits == "" || digits[0] == '0' || len(digits) > len(strconv.Itoa(len(s.holes))) {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > len(s.holes) {
		return 0, false
	}
	return s.holes[n-1], true
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

// heredocStart finds `<<EOF`, `<<-'EOF'`, `<< "EOF"` on a line.
var heredocStart = regexp.MustCompile(`<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?`)

// offsetMap maps an offset in a text being parsed to an offset in the
// step's Text: the identity plus a base for the script itself and its
// here-documents, a table for the script of a nested shell.
type offsetMap func(int) int

func shifted(base int) offsetMap { return func(i int) int { return base + i } }

// maxShellNesting bounds how deep nested shells (`bash -c "sh -c '…'"`) are
// read.
const maxShellNesting = 8

// shellParsers hold shell parsers for reuse: a parser is large, and a file
// has a script per step. A parser is done with its input when Parse
// returns, so it goes back to the pool before the script's tree is read.
var shellParsers = sync.Pool{New: func() any {
	return syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash))
}}

func (s *ShellStep) parseShell(text string, base int) {
	s.parseNested(text, shifted(base), nil, 0)
}

// parseNested reads text as shell commands. at maps its offsets to the
// step's Text; outer is the command that runs this text (a nested shell,
// a trap), nil at the top.
func (s *ShellStep) parseNested(text string, at offsetMap, outer *Command, depth int) {
	p := shellParsers.Get().(*syntax.Parser)
	f, err := p.Parse(strings.NewReader(text), "")
	shellParsers.Put(p)
	if err != nil {
		if outer == nil {
			s.scanWords(text, at(0))
		}
		return
	}
	off := func(pos syntax.Pos) int { return at(int(pos.Offset())) }
	word := func(w *syntax.Word) *Word {
		return s.word(w, text, at)
	}
	assign := func(a *syntax.Assign) *ShellAssign {
		if a.Name == nil {
			return nil
		}
		sa := &ShellAssign{Name: a.Name.Value, Start: off(a.Pos()), End: off(a.End()), In: outer}
		if a.Value != nil {
			sa.Value = word(a.Value)
		} else if !a.Naked {
			sa.Value = &Word{Lit: true, Start: sa.End, End: sa.End}
		}
		return sa
	}
	inherit := func(c *Command) {
		if outer == nil {
			return
		}
		c.Via = append(append([]*Command(nil), outer.Via...), outer)
		c.Trap = outer.Trap
		c.Remote = outer.Remote
	}
	var fn []string // names of the shell functions being walked, innermost last
	var fnEnd []syntax.Pos
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			return true
		}
		for len(fnEnd) > 0 && n.Pos().Offset() >= fnEnd[len(fnEnd)-1].Offset() {
			fn, fnEnd = fn[:len(fn)-1], fnEnd[:len(fnEnd)-1]
		}
		switch x := n.(type) {
		case *syntax.FuncDecl:
			if x.Name != nil {
				fn = append(fn, x.Name.Value)
				fnEnd = append(fnEnd, x.End())
			}
		case *syntax.CallExpr:
			c := &Command{Step: s, Start: off(x.Pos()), End: off(x.End())}
			inherit(c)
			if len(fn) > 0 {
				c.Func = fn[len(fn)-1]
			}
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
				return true
			}
			for _, a := range c.Assigns {
				a.Exported = true
			}
			s.Commands = append(s.Commands, c)
			if depth < maxShellNesting {
				s.nested(c, x, text, at, depth)
			}
		case *syntax.DeclClause:
			exported := x.Variant.Value == "export"
			for _, a := range x.Args {
				if a.Name == nil && a.Value != nil && len(a.Value.Parts) == 1 {
					if l, ok := a.Value.Parts[0].(*syntax.Lit); ok && l.Value == "-x" {
						exported = true
					}
				}
			}
			for _, a := range x.Args {
				if sa := assign(a); sa != nil && (sa.Value != nil || exported) {
					sa.Exported = exported
					s.Assigns = append(s.Assigns, sa)
				}
			}
		case *syntax.Stmt:
			// A here-document is shell code only when a shell reads it:
			// `bash <<EOF`, `sudo sh <<'EOF'`. Anything else (`cat > f <<EOF`)
			// is data, whatever it says.
			for _, r := range x.Redirs {
				if r.Hdoc == nil || (r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc) {
					continue
				}
				call, ok := x.Cmd.(*syntax.CallExpr)
				if !ok || len(call.Args) == 0 || depth >= maxShellNesting {
					continue
				}
				c := &Command{Step: s}
				for _, w := range call.Args {
					c.Words = append(c.Words, word(w))
				}
				inherit(c)
				inner := c.Unwrap()
				remote := inner.Name() == "ssh"
				if !remote && (!shellNames[inner.Name()] || inner.shellScriptArg() >= 0) {
					continue
				}
				if remote {
					r := *inner
					r.Remote = true
					inner = &r
				}
				a, b := int(r.Hdoc.Pos().Offset()), int(r.Hdoc.End().Offset())
				if a < 0 || b > len(text) || a >= b {
					continue
				}
				c.Start, c.End = off(call.Pos()), off(call.End())
				s.parseNested(text[a:b], func(i int) int { return at(a + i) }, inner, depth+1)
			}
		}
		return true
	})
}

// shellNames are the programs that read shell code.
var shellNames = map[string]bool{"sh": true, "bash": true, "dash": true, "zsh": true, "ksh": true, "ash": true}

// shellScriptArg returns the index in c.Words of the script a shell
// command runs with -c (`bash -ec 'x'`), or -1.
func (c *Command) shellScriptArg() int {
	for i := 1; i < len(c.Words); i++ {
		w := c.Words[i].Norm
		if !strings.HasPrefix(w, "-") || w == "-" || w == "--" {
			return -1
		}
		if !strings.HasPrefix(w, "--") && strings.ContainsRune(w[1:], 'c') {
			if i+1 < len(c.Words) {
				return i + 1
			}
			return -1
		}
		if w == "-o" || w == "+o" || w == "--rcfile" || w == "--init-file" {
			i++
		}
	}
	return -1
}

// nestedScript returns the index in c.Words of shell code that c runs on
// the same machine, and the command that runs it (c itself, or the command
// inside its wrappers): `bash -c 'x'`, `sudo sh -c 'x'`, `sg docker -c 'x'`,
// `su -c 'x' user`, `runuser -u u -- sh -c 'x'`. It returns -1 when there is
// none.
func (c *Command) nestedScript() (int, *Command) {
	in := c.Unwrap()
	base := len(c.Words) - len(in.Words)
	switch in.Name() {
	case "sh", "bash", "dash", "zsh", "ksh", "ash":
		if i := in.shellScriptArg(); i >= 0 {
			return base + i, in
		}
	case "sg":
		// sg GROUP -c CMD, or sg GROUP CMD
		for i := 1; i < len(in.Words); i++ {
			if in.Words[i].Norm == "-c" && i+1 < len(in.Words) {
				return base + i + 1, in
			}
		}
		if len(in.Words) == 3 && !strings.HasPrefix(in.Words[1].Norm, "-") {
			return base + 2, in
		}
	case "su", "runuser":
		for i := 1; i < len(in.Words); i++ {
			if w := in.Words[i].Norm; (w == "-c" || w == "--command") && i+1 < len(in.Words) {
				return base + i + 1, in
			} else if strings.HasPrefix(w, "--command=") {
				return -1, in
			}
		}
	case "trap":
		// trap 'handler' EXIT: the handler runs when the shell exits.
		if len(in.Words) >= 3 && !strings.HasPrefix(in.Words[1].Norm, "-") {
			for _, w := range in.Words[2:] {
				if sig := strings.TrimPrefix(strings.ToUpper(w.Norm), "SIG"); sig == "EXIT" || sig == "0" {
					return base + 1, in
				}
			}
		}
	}
	return -1, in
}

// nested parses the shell code that command c (read from x) runs itself,
// positions mapped back through the quoting of its word.
func (s *ShellStep) nested(c *Command, x *syntax.CallExpr, text string, at offsetMap, depth int) {
	i, runner := c.nestedScript()
	if i < 0 || i >= len(x.Args) {
		return
	}
	inner, offs := unquote(x.Args[i], text)
	if inner == "" {
		return
	}
	via := *runner
	if runner.Name() == "trap" {
		via.Trap = true
	}
	if lr := loginShellReset(runner); lr {
		via.EnvReset, via.EnvResetBy = true, runner.Name()+" -"
	}
	s.parseNested(inner, func(j int) int {
		if j >= len(offs) {
			j = len(offs) - 1
		}
		return at(offs[j])
	}, &via, depth+1)
}

// loginShellReset reports whether su or runuser starts a login shell, which
// resets the environment (`su - user`, `su -l`, `runuser --login`).
func loginShellReset(c *Command) bool {
	if c.Name() != "su" && c.Name() != "runuser" {
		return false
	}
	for _, w := range c.Words[1:] {
		switch w.Norm {
		case "-", "-l", "--login":
			return true
		}
	}
	return false
}

// unquote returns the value of a shell word as the program it is passed to
// sees it, and for each byte of the value (plus one past the end) its offset
// in text. Expansions are kept as written: the inner shell sees their value,
// which compares as the same reference.
func unquote(w *syntax.Word, text string) (string, []int) {
	var b strings.Builder
	var offs []int
	add := func(s string, at int) {
		for k := 0; k < len(s); k++ {
			b.WriteByte(s[k])
			offs = append(offs, at+k)
		}
	}
	var parts func(ps []syntax.WordPart, dq bool)
	parts = func(ps []syntax.WordPart, dq bool) {
		for _, p := range ps {
			a, e := int(p.Pos().Offset()), int(p.End().Offset())
			if a < 0 || e > len(text) || a > e {
				continue
			}
			switch x := p.(type) {
			case *syntax.SglQuoted:
				start := a + 1
				if x.Dollar {
					start++
				}
				add(x.Value, start)
			case *syntax.DblQuoted:
				parts(x.Parts, true)
			case *syntax.Lit:
				raw := text[a:e]
				for k := 0; k < len(raw); k++ {
					if raw[k] == '\\' && k+1 < len(raw) {
						nx := raw[k+1]
						if !dq || nx == '$' || nx == '`' || nx == '"' || nx == '\\' {
							k++
							add(raw[k:k+1], a+k)
							continue
						}
						if nx == '\n' {
							k++
							continue
						}
					}
					add(raw[k:k+1], a+k)
				}
			default:
				add(text[a:e], a)
			}
		}
	}
	parts(w.Parts, false)
	end := int(w.End().Offset())
	offs = append(offs, end)
	return b.String(), offs
}

func (s *ShellStep) word(w *syntax.Word, text string, at offsetMap) *Word {
	a, b := int(w.Pos().Offset()), int(w.End().Offset())
	out := &Word{Start: at(a), End: at(b), Lit: true}
	// Most words are one literal or one single-quoted string: their text
	// is the part's own, without building it.
	if v, ok := plainWord(w); ok {
		out.Text, out.Norm, out.Lit = v, s.norm(v), !hasHole(v)
		return out
	}
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

// plainWord returns the value of a word that is a single literal or
// single-quoted part.
func plainWord(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	switch x := w.Parts[0].(type) {
	case *syntax.Lit:
		return x.Value, true
	case *syntax.SglQuoted:
		return x.Value, true
	}
	return "", false
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
	hdoc := "" // the word that ends the here-document being skipped
	for lineStart <= len(text) {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		// A here-document's lines are data (the script is unreadable as a
		// whole, often because its terminator is indented).
		if line := strings.TrimSpace(text[lineStart:end]); hdoc != "" {
			if line == hdoc {
				hdoc = ""
			}
			lineStart = end + 1
			continue
		} else if s.Shell == "sh" && strings.Contains(line, "<<") {
			if m := heredocStart.FindStringSubmatch(line); m != nil {
				hdoc = m[1]
			}
		}
		var c *Command
		flush := func() {
			if c != nil && len(c.Words) > 0 {
				// leading NAME=value words are prefix assignments
				for len(c.Words) > 0 {
					w := c.Words[0]
					eq := strings.IndexByte(w.Text, '=')
					if eq <= 0 || !IsShellName(w.Text[:eq]) {
						break
					}
					c.Assigns = append(c.Assigns, &ShellAssign{Name: w.Text[:eq], Start: w.Start, End: w.End, Exported: true,
						Value: &Word{Text: w.Text[eq+1:], Norm: w.Norm[min(eq+1, len(w.Norm)):], Lit: w.Lit, Start: w.Start + eq + 1, End: w.End}})
					c.Words = c.Words[1:]
				}
				if len(c.Words) == 0 {
					s.Assigns = append(s.Assigns, c.Assigns...)
				} else if w := c.Words[0]; strings.HasPrefix(strings.ToLower(w.Text), "$env:") && len(c.Words) >= 3 && c.Words[1].Text == "=" {
					// PowerShell: $env:NAME = value
					v := c.Words[2]
					s.Assigns = append(s.Assigns, &ShellAssign{Name: w.Text[5:], Start: w.Start, End: v.End, Value: v, Exported: true})
				} else if c.Words[0].Text == "export" || strings.EqualFold(c.Words[0].Text, "set") {
					for _, w := range c.Words[1:] {
						if eq := strings.IndexByte(w.Text, '='); eq > 0 {
							s.Assigns = append(s.Assigns, &ShellAssign{Name: w.Text[:eq], Start: w.Start, End: w.End, Exported: true,
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
			un := dropQuotes.Replace(t)
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
			if j := strings.IndexByte(t[i:], '}'); j > 0 && IsShellName(t[i+2:i+j]) {
				b.WriteString("$" + t[i+2:i+j])
				i += j
				continue
			}
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func IsShellName(s string) bool {
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

// sudoValueFlags are sudo's options that take a value.
var sudoValueFlags = map[string]bool{"-u": true, "-g": true, "-C": true, "-D": true, "-h": true, "-p": true,
	"-r": true, "-t": true, "-U": true, "-T": true, "--user": true, "--group": true, "--prompt": true,
	"--chdir": true, "--role": true, "--type": true, "--other-user": true, "--command-timeout": true, "--close-from": true}

// Unwrap returns c without the wrappers that run another command: `sudo`,
// `command`, `exec`, `nohup`, `time`, and `env NAME=value...` (whose
// assignments become the command's). A wrapper that resets the environment
// (sudo without -E or --preserve-env, `env -i`) marks the result EnvReset.
// It returns c itself when there is none.
func (c *Command) Unwrap() *Command {
	for len(c.Words) > 1 {
		name := c.Name()
		switch name {
		case "sudo", "command", "exec", "nohup", "time", "env", "doas":
		default:
			return c
		}
		env := name == "env" || name == "sudo"
		cc := *c
		cc.Assigns = append([]*ShellAssign(nil), c.Assigns...)
		reset, preserve := name == "sudo" || name == "doas", false
		var kept []string
		i := 1
		for i < len(c.Words)-1 {
			w := c.Words[i]
			if strings.HasPrefix(w.Norm, "-") {
				switch {
				case name == "sudo" && (w.Norm == "-E" || w.Norm == "--preserve-env"):
					preserve = true
				case name == "sudo" && strings.HasPrefix(w.Norm, "--preserve-env="):
					kept = append(kept, strings.Split(strings.TrimPrefix(w.Norm, "--preserve-env="), ",")...)
				case name == "sudo" && !strings.HasPrefix(w.Norm, "--") && strings.ContainsRune(w.Norm, 'E'):
					preserve = true
				case name == "env" && (w.Norm == "-i" || w.Norm == "-" || w.Norm == "--ignore-environment"):
					reset = true
				}
				if w.Norm == "--" {
					i++
					break
				}
				if name == "sudo" && sudoValueFlags[w.Norm] || name == "env" && (w.Norm == "-u" || w.Norm == "-C") {
					i++
				}
				i++
				continue
			}
			if eq := strings.IndexByte(w.Norm, '='); env && eq > 0 && IsShellName(w.Norm[:eq]) {
				cc.Assigns = append(cc.Assigns, &ShellAssign{Name: w.Norm[:eq], Start: w.Start, End: w.End, Exported: true,
					Value: &Word{Text: w.Norm[eq+1:], Norm: w.Norm[eq+1:], Lit: w.Lit, Start: w.Start, End: w.End}})
				kept = append(kept, w.Norm[:eq])
				i++
				continue
			}
			break
		}
		if reset && !preserve {
			cc.EnvReset, cc.EnvResetBy, cc.Kept = true, name, kept
			if name == "env" {
				cc.EnvResetBy = "env -i"
			}
		}
		cc.Words = c.Words[i:]
		c = &cc
	}
	return c
}

// ConcatStrings returns the string literals of e, looking through
// parentheses and + concatenation.
func ConcatStrings(e parser.Expr) []*parser.String {
	switch v := e.(type) {
	case *parser.String:
		return []*parser.String{v}
	case *parser.Paren:
		return ConcatStrings(v.X)
	case *parser.Binary:
		if v.Op == "+" {
			return append(ConcatStrings(v.X), ConcatStrings(v.Y)...)
		}
	}
	return nil
}

// Drops names the wrapper that keeps the variable name set around the step
// from reaching c (`sudo` without -E), or "" when it reaches it.
func (c *Command) Drops(name string) string {
	if c.Keeps(name) {
		return ""
	}
	return c.ResetBy()
}

// dropQuotes removes the quotes of a word read without the shell parser.
var dropQuotes = strings.NewReplacer(`"`, "", `'`, "")
