package rules

import (
	"fmt"
	"strings"

	"jfcheck/parser"
)

// DockerLogoutCleanup reports registries logged in to without a logout that
// always runs.
var DockerLogoutCleanup = &Rule{
	ID:       "JF102",
	Name:     "docker-logout-cleanup",
	Title:    "every docker login needs a docker logout in post cleanup",
	Severity: Error,
	Fixable:  true,
	Check:    checkDockerLogoutCleanup,
}

func registryName(r string) string {
	if r == "" {
		return "Docker Hub"
	}
	return r
}

// enclosingTries returns the try statements whose body encloses path.
func enclosingTries(path []parser.Node) []*parser.TryStmt {
	var out []*parser.TryStmt
	for i, n := range path {
		if t, ok := n.(*parser.TryStmt); ok && t.Finally != nil && i+1 < len(path) && path[i+1] == parser.Node(t.Body) {
			out = append(out, t)
		}
	}
	return out
}

func pathHasBlock(path []parser.Node, b *parser.Block) bool {
	for _, n := range path {
		if n == parser.Node(b) {
			return true
		}
	}
	return false
}

// runsAfter reports whether a node at path b runs whatever happens after the
// steps at scope a: it sits in post cleanup at one of a's levels or in the
// finally of a try enclosing a.
func runsAfter(a *Scope, b *Scope) bool {
	for _, t := range enclosingTries(a.Path) {
		if pathHasBlock(b.Path, t.Finally) {
			return true
		}
	}
	pp, ok := b.Post()
	if !ok || pp.Condition.Name != "cleanup" {
		return false
	}
	for _, lv := range a.Levels() {
		if lv.Pipeline == pp.Pipeline && lv.Stage == pp.Stage {
			return true
		}
	}
	return false
}

// postAtLevel returns the condition name when b is in a post block at one of
// a's levels.
func postAtLevel(a *Scope, b *Scope) (string, bool) {
	pp, ok := b.Post()
	if !ok {
		return "", false
	}
	for _, lv := range a.Levels() {
		if lv.Pipeline == pp.Pipeline && lv.Stage == pp.Stage {
			return pp.Condition.Name, true
		}
	}
	return "", false
}

// configRemovers returns the scopes of steps that delete a workspace or the
// DOCKER_CONFIG directory: cleanWs(), deleteDir(), rm -rf "$DOCKER_CONFIG".
func configRemovers(f *parser.File, m *Model) []*Scope {
	var out []*Scope
	parser.WalkPath(f.Body, func(n parser.Node, path []parser.Node) bool {
		if c, ok := n.(*parser.Call); ok && (c.Name() == "cleanWs" || c.Name() == "deleteDir") {
			out = append(out, m.ScopeOf(append([]parser.Node(nil), path...)))
		}
		return true
	})
	for _, st := range ShellSteps(f) {
		for _, c := range st.Commands {
			if c.Name() != "rm" {
				continue
			}
			for _, w := range c.Words[1:] {
				if strings.Contains(w.Norm, "$DOCKER_CONFIG") {
					out = append(out, m.ScopeOf(st.Path))
					break
				}
			}
		}
	}
	return out
}

func checkDockerLogoutCleanup(p *Pass) {
	m := p.Model()
	all := p.dockerLogins()
	var removers []*Scope
	removersDone := false
	for _, l := range all {
		if l.Logout || pluginLogin(l.Scope) || l.Scope.SingleUseAgent() {
			continue
		}
		var misplacedPost, regular, other *dockerLogin
		postName := ""
		ok := false
		for i := range all {
			o := &all[i]
			if !o.Logout {
				continue
			}
			after := runsAfter(l.Scope, o.Scope)
			if o.Registry != l.Registry {
				if after && other == nil {
					other = o
				}
				continue
			}
			if after {
				ok = true
				break
			}
			if name, at := postAtLevel(l.Scope, o.Scope); at && misplacedPost == nil {
				misplacedPost, postName = o, name
			} else if regular == nil {
				regular = o
			}
		}
		if ok {
			continue
		}
		var opts []func(*Diagnostic)
		if configUnique(l) {
			if !removersDone {
				removers, removersDone = configRemovers(p.File, m), true
			}
			for _, r := range removers {
				if runsAfter(l.Scope, r) {
					opts = append(opts, WithSeverity(Warning))
					break
				}
			}
		}
		reg := registryName(l.Registry)
		where := "in post { cleanup { } }"
		if l.Scope.Pipeline == nil {
			where = "in the finally block of a try around the login"
		}
		var moved *dockerLogin
		if misplacedPost != nil {
			moved = misplacedPost
		} else if other == nil {
			moved = regular
		}
		if fix, can := logoutFix(p, l, moved); can {
			opts = append(opts, WithFix(fix))
		}
		var msg string
		switch {
		case misplacedPost != nil:
			msg = fmt.Sprintf("the logout from %s is in post { %s { } }, which does not run on every result: move it to post { cleanup { } }", reg, postName)
			opts = append(opts, WithRelated(misplacedPost.Span(), "logout here"))
		case regular != nil:
			msg = fmt.Sprintf("the logout from %s is a regular step that is skipped when an earlier step fails: log out %s", reg, where)
			opts = append(opts, WithRelated(regular.Span(), "logout here"))
		case other != nil:
			msg = fmt.Sprintf("the cleanup logs out of %s, not %s: log out of the registry logged in to", registryName(other.Registry), reg)
			opts = append(opts, WithRelated(other.Span(), "logout here"))
		default:
			msg = fmt.Sprintf("docker login to %s has no docker logout: the credentials stay on the node; log out %s", reg, where)
		}
		p.Report(l.Span(), msg, opts...)
	}
}

// logoutFix returns the fix that logs out of l's registry in post { cleanup }
// of its pipeline (of its stage under `agent none`, where the pipeline has
// no workspace), moving the logout moved when there is one.
func logoutFix(p *Pass, l dockerLogin, moved *dockerLogin) (Fix, bool) {
	f, w := p.File, p.writer()
	pl := l.Scope.Pipeline
	if pl == nil {
		return Fix{}, false
	}
	body, post := pl.Body, pl.Post
	if pl.Agent == nil || pl.Agent.Kind == "none" {
		var st *parser.Stage
		for i := len(l.Scope.Stages) - 1; i >= 0 && st == nil; i-- {
			if a := l.Scope.Stages[i].Agent; a != nil && a.Kind != "none" {
				st = l.Scope.Stages[i]
			}
		}
		if st == nil {
			return Fix{}, false
		}
		body, post = st.Body, st.Post
	}
	reg, ok := logoutRegistry(f, l)
	if !ok {
		return Fix{}, false
	}
	var del *parser.Span
	if moved != nil {
		del = logoutSpan(w, *moved)
	}
	return cleanupLogoutFix(w, prefersDoubleQuotes(p.ShellSteps()), body, post, reg, del)
}

// logoutRegistry tells how a logout names the registry of login l: the
// registry word's own text, so that a Groovy variable stays one and a shell
// variable stays one. ok is false when the logout could not see what the
// login names (a variable local to a script block).
func logoutRegistry(f *parser.File, l dockerLogin) (Registry, bool) {
	_, w := dockerRegistry(l.Rest())
	if w == nil {
		return Registry{}, true
	}
	if w.Lit {
		return Registry{Text: w.Norm}, true
	}
	if !strings.Contains(w.Text, "__G") {
		// A shell variable set in the login's own script is gone by
		// post { cleanup }: write its value when it is a literal.
		if name := strings.TrimPrefix(w.Norm, "$"); name != w.Norm && isShellName(name) {
			if v, ok := ConfigFor(l.Scope, l.Command, name); ok && v.Where == "script" {
				if strings.ContainsAny(v.Value, "$`") || v.Value == "" {
					return Registry{}, false
				}
				return Registry{Text: v.Value}, true
			}
		}
		return Registry{Text: w.Norm, Shell: true}, true
	}
	span := l.Step.Span(w.Start, w.End)
	text := strings.Trim(string(f.Src[span.Start:span.End]), `"'`)
	if strings.ContainsAny(text, "\"'` \t\r\n") {
		return Registry{}, false
	}
	if root := interpolationRoot(text); root != "" && (declaredInScript(l.Scope, root) || localToMethod(l.Step.Path, l.Scope.Pipeline, root)) {
		// The value a caller passes, when the login is judged at a call.
		if l.Registry != "" && !strings.Contains(l.Registry, "$") {
			return Registry{Text: l.Registry}, true
		}
		return Registry{}, false
	}
	return Registry{Text: text, Groovy: true}, true
}

// interpolationRoot returns the first name referenced by a Groovy
// interpolation in text: "config" for `${config.registry}`.
func interpolationRoot(text string) string {
	i := strings.Index(text, "$")
	if i < 0 {
		return ""
	}
	rest := strings.TrimPrefix(text[i+1:], "{")
	end := 0
	for end < len(rest) && (rest[end] == '_' || rest[end] >= 'a' && rest[end] <= 'z' || rest[end] >= 'A' && rest[end] <= 'Z' || end > 0 && rest[end] >= '0' && rest[end] <= '9') {
		end++
	}
	return rest[:end]
}

// declaredInScript reports whether name is a variable declared inside a
// `script { }` block enclosing the scope: post { cleanup } cannot see it.
func declaredInScript(sc *Scope, name string) bool {
	for i, n := range sc.Path {
		c, ok := n.(*parser.Call)
		if !ok || c.Name() != "script" {
			continue
		}
		for _, m := range sc.Path[i:] {
			b, ok := m.(*parser.Block)
			if !ok {
				continue
			}
			for _, st := range b.Stmts {
				if v, ok := st.(*parser.VarDecl); ok && v.Name == name {
					return true
				}
			}
		}
	}
	return false
}

// localToMethod reports whether name is a parameter or local variable of a
// method enclosing the path that does not also hold the pipeline pl, whose
// post { cleanup } then cannot see it.
func localToMethod(path []parser.Node, pl *parser.Pipeline, name string) bool {
	md := enclosingMethod(path)
	if md == nil || pl != nil && md.Span.Contains(pl.Call.Span) {
		return false
	}
	for _, prm := range md.Params {
		if prm.Name == name {
			return true
		}
	}
	found := false
	if md.Body != nil {
		parser.Inspect(md.Body, func(n parser.Node) bool {
			if v, ok := n.(*parser.VarDecl); ok && v.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

// logoutSpan returns what to delete to move a logout: the whole step when
// the logout is all the step does, or the logout's line in a longer script
// when nothing else stands on it; nil when neither is safe.
func logoutSpan(w *writer, o dockerLogin) *parser.Span {
	step := o.Step
	if len(step.Commands) == 1 && len(step.Assigns) == 0 {
		if st := stepStatement(step); st != nil {
			s := st.Pos()
			return &s
		}
	}
	s := o.Command.Span()
	if w.onlySpaceBefore(s.Start) {
		end := w.lineEnd(s.End)
		if len(strings.TrimSpace(string(w.src[s.End:end]))) == 0 {
			return &s
		}
	}
	return nil
}

// stepStatement returns the statement that consists of the step's call.
func stepStatement(step *ShellStep) parser.Stmt {
	for i := len(step.Path) - 1; i >= 0; i-- {
		if es, ok := step.Path[i].(*parser.ExprStmt); ok && es.X == parser.Expr(step.Call) {
			return es
		}
	}
	return nil
}
