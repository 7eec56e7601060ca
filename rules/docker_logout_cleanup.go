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
	m := NewModel(p.File)
	all := dockerLogins(p.File, m)
	var removers []*Scope
	removersDone := false
	for _, l := range all {
		if l.Logout || pluginLogin(l.Scope) {
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
