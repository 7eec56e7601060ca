package execution

import (
	"strings"

	"jfcheck/parser"
)

// Eval writes the value of a Groovy expression the way a shell word's Norm
// is written: literal text with every variable reference as `$NAME`. It
// reads string literals and GStrings, `+` concatenation, `env.X`,
// `params.X`, Jenkins' environment variables used as Groovy names
// (`WORKSPACE`), local variables with a value the file gives, `pwd()` and
// `pwd(tmp: true)` (WORKSPACE and WORKSPACE_TMP), `.trim()` and
// `.toString()`, and `sh(returnStdout: true, script: 'mktemp -d')`.
// known is false when some part is beyond that; the text then holds the
// expression's source in its place.
func (m *Model) Eval(e parser.Expr, path []parser.Node) (v string, known bool) {
	var b strings.Builder
	known = m.eval(&b, e, path, 0)
	return b.String(), known
}

const maxEvalDepth = 16

func (m *Model) eval(b *strings.Builder, e parser.Expr, path []parser.Node, depth int) bool {
	if depth > maxEvalDepth {
		return false
	}
	src := func(n parser.Node) bool {
		s := n.Pos()
		if s.Start >= 0 && s.End <= len(m.File.Src) && s.Start <= s.End {
			b.Write(m.File.Src[s.Start:s.End])
		}
		return false
	}
	switch x := e.(type) {
	case nil:
		return false
	case *parser.String:
		ok := true
		for _, p := range x.Parts {
			if !p.IsInterpolation() {
				b.WriteString(normShellVars(p.Value))
				continue
			}
			if p.Expr == nil || len(p.Stmts) > 0 {
				b.WriteString(p.Raw)
				ok = false
				continue
			}
			if !m.eval(b, p.Expr, path, depth+1) {
				ok = false
			}
		}
		return ok
	case *parser.Paren:
		return m.eval(b, x.X, path, depth+1)
	case *parser.Binary:
		if x.Op != "+" {
			return src(x)
		}
		l := m.eval(b, x.X, path, depth+1)
		r := m.eval(b, x.Y, path, depth+1)
		return l && r
	case *parser.Select:
		if id, ok := x.X.(*parser.Ident); ok && (id.Name == "env" || id.Name == "params") && x.Name != "" {
			b.WriteString("$" + x.Name)
			return true
		}
		return src(x)
	case *parser.Index:
		if id, ok := x.X.(*parser.Ident); ok && id.Name == "env" && len(x.Args) == 1 {
			if s, ok := x.Args[0].Value.(*parser.String); ok {
				if name, ok := s.Literal(); ok {
					b.WriteString("$" + name)
					return true
				}
			}
		}
		return src(x)
	case *parser.Ident:
		if v := m.localValue(path, x.Name, x.Start); v != nil {
			return m.eval(b, v, nil, depth+1)
		}
		if IsShellName(x.Name) && strings.ToUpper(x.Name) == x.Name {
			// Jenkins exposes environment variables as Groovy names.
			b.WriteString("$" + x.Name)
			return true
		}
		return src(x)
	case *parser.Call:
		switch x.Name() {
		case "trim", "toString", "trimEnd", "stripIndent":
			if r := x.Receiver(); r != nil {
				return m.eval(b, r, path, depth+1)
			}
		case "pwd":
			if x.Receiver() == nil {
				if a := x.Arg("tmp"); a != nil {
					if l, ok := a.Value.(*parser.Literal); ok && l.Raw == "true" {
						b.WriteString("$WORKSPACE_TMP")
						return true
					}
				}
				b.WriteString("$WORKSPACE")
				return true
			}
		case "sh":
			if x.Receiver() == nil {
				if a := x.Arg("script"); a != nil {
					if s, ok := a.Value.(*parser.String); ok {
						if v, ok := s.Literal(); ok && strings.Contains(v, "mktemp") {
							b.WriteString("$(" + strings.TrimSpace(v) + ")")
							return true
						}
					}
				}
			}
		}
		return src(x)
	}
	return src(e)
}

// localValue returns the value a local variable declared on path before
// offset at was initialised with: `def dir = "${WORKSPACE}/.docker"`.
func (m *Model) localValue(path []parser.Node, name string, at int) parser.Expr {
	for i := len(path) - 1; i >= 0; i-- {
		b, ok := path[i].(*parser.Block)
		if !ok {
			continue
		}
		decls := m.blockVars(b)[name]
		for j := len(decls) - 1; j >= 0; j-- {
			if v := decls[j]; v.Pos().Start < at {
				return v.Value
			}
		}
	}
	return nil
}

// blockVars returns the variables declared by the statements of b, by
// name, in statement order: a block of many stages is read once, not once
// per name looked up in it.
func (m *Model) blockVars(b *parser.Block) map[string][]*parser.VarDecl {
	if vs, ok := m.vars[b]; ok {
		return vs
	}
	if m.vars == nil {
		m.vars = map[*parser.Block]map[string][]*parser.VarDecl{}
	}
	var vs map[string][]*parser.VarDecl
	for _, st := range b.Stmts {
		if v, ok := st.(*parser.VarDecl); ok {
			if vs == nil {
				vs = map[string][]*parser.VarDecl{}
			}
			vs[v.Name] = append(vs[v.Name], v)
		}
	}
	m.vars[b] = vs
	return vs
}
