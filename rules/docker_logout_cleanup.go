package rules

import (
	"fmt"
	"strings"

	"jfcheck/execution"
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

// configRemovers returns the paths of steps that delete a workspace or the
// DOCKER_CONFIG directory: cleanWs(), deleteDir(), rm -rf "$DOCKER_CONFIG".
func configRemovers(m *execution.Model) [][]parser.Node {
	var out [][]parser.Node
	m.File.WalkPath(func(n parser.Node, path []parser.Node) bool {
		if c, ok := n.(*parser.Call); ok && (c.Name() == "cleanWs" || c.Name() == "deleteDir") {
			out = append(out, append([]parser.Node(nil), path...))
		}
		return true
	})
	for _, st := range m.Steps() {
		for _, c := range st.Commands {
			if c.Name() != "rm" {
				continue
			}
			for _, w := range c.Words[1:] {
				if strings.Contains(w.Norm, "$DOCKER_CONFIG") {
					out = append(out, st.Path)
					break
				}
			}
		}
	}
	return out
}

// removedAfter reports whether a step that deletes the config directory
// runs in post { cleanup } at one of the login's levels, on its node.
func removedAfter(p *Pass, l *execution.Login) bool {
	m := p.Model()
	for _, path := range p.configRemovers() {
		sc := m.ScopeOf(path)
		pp, ok := sc.Post()
		if !ok || (pp.Condition.Name != "cleanup" && pp.Condition.Name != "always") || m.NodeOf(path) != l.Node {
			continue
		}
		for _, lv := range l.Scope.Levels() {
			if lv.Pipeline == pp.Pipeline && lv.Stage == pp.Stage {
				return true
			}
		}
	}
	return false
}

// cleanupPlace says where the cleanup logout of l belongs, for messages.
func cleanupPlace(l *execution.Login, reg string) string {
	if l.ConfigSet {
		switch l.Config.Where {
		case "script", "option":
			return fmt.Sprintf("in an EXIT trap of the same script (trap '%s' EXIT), which runs with the script's DOCKER_CONFIG", strings.TrimSpace("docker logout "+reg))
		case "withEnv":
			return "in a finally inside the withEnv that sets DOCKER_CONFIG"
		}
	}
	switch {
	case l.Node.Stage != nil && l.Node.Kind != execution.Nowhere:
		return fmt.Sprintf("in the post { cleanup { } } of stage '%s', which runs on its agent", l.Node.Stage.Name)
	case l.Node.Kind == execution.Agent && l.Scope.Pipeline != nil:
		return "in the pipeline's post { cleanup { } }"
	case l.Node.Kind == execution.Unplaced && l.Method != nil:
		return fmt.Sprintf("in a finally around the body of %s, with a job-scoped DOCKER_CONFIG: withEnv([\"DOCKER_CONFIG=…\"]) { try { … } finally { sh '%s' } }", l.Method.Name, strings.TrimSpace("docker logout "+reg))
	}
	return "in the finally of a try around the login, inside the same node block"
}

func checkDockerLogoutCleanup(p *Pass) {
	m := p.Model()
	for _, l := range p.dockerLogins() {
		if l.Logout || l.Plugin || l.Node.PerBuild() {
			continue
		}
		c := m.Lifecycle(l)
		reg := registryName(l.Registry)
		if l.Ecr {
			reg = "the registry of aws ecr get-login"
		}
		if c.By != nil {
			if c.Later != "" {
				p.Report(c.By.Span(), fmt.Sprintf("the logout from %s in post { always } runs before post { %s }, which still uses the registry: log out in post { cleanup { } }, which runs last", reg, c.Later),
					WithSeverity(Warning), WithRelated(l.Span(), "login here"))
			}
			continue
		}
		var opts []func(*Diagnostic)
		if l.Unique() && removedAfter(p, l) {
			opts = append(opts, WithSeverity(Warning))
		}
		where := cleanupPlace(l, l.Registry)
		if fix, why := logoutFix(p, l); why == "" {
			opts = append(opts, WithFix(fix))
		} else {
			opts = append(opts, WithNotFixed(why))
		}
		if c.Near != nil {
			opts = append(opts, WithRelated(c.Near.Span(), "logout here"))
		}
		var msg string
		switch c.Miss {
		case execution.NoLogout:
			msg = fmt.Sprintf("docker login to %s has no docker logout: the credentials stay on the node; log out %s", reg, where)
		case execution.Regular:
			msg = fmt.Sprintf("the logout from %s is a regular step that is skipped when an earlier step fails: log out %s", reg, where)
		case execution.NotAlways:
			msg = fmt.Sprintf("the logout from %s is in post { %s { } }, which does not run on every result: log out %s", reg, c.Condition, where)
		case execution.OtherNode:
			msg = fmt.Sprintf("the logout from %s runs on %s, not on %s where the login ran: log out %s", reg, c.Near.Node.Describe(), l.Node.Describe(), where)
		case execution.OtherConfig:
			msg = fmt.Sprintf("the logout from %s runs with another DOCKER_CONFIG than the login (%s), so it logs out of a different config and leaves the login's credentials: log out with the login's DOCKER_CONFIG", reg, configDescription(l))
		case execution.OtherRegistry:
			msg = fmt.Sprintf("the cleanup logs out of %s, not %s: log out of the registry logged in to", registryName(c.Near.Registry), reg)
			if c.Near.Registry == execution.HubByHostname && l.Registry == "" {
				msg = "docker logout docker.io does not remove a Docker Hub login, which docker login stores under https://index.docker.io/v1/: log out with no registry argument"
			}
		}
		p.Report(l.Span(), msg, opts...)
	}
}

// configDescription says which DOCKER_CONFIG a login uses.
func configDescription(l *execution.Login) string {
	if !l.ConfigSet {
		return "none: the shared ~/.docker"
	}
	if l.Config.Known {
		return fmt.Sprintf("%q, set by %s", l.Config.Value, l.Config.Where)
	}
	return "set by " + l.Config.Where
}

// logoutFix returns the fix that logs out of l's registry where the plan
// places its cleanup: post { cleanup } of the pipeline or stage whose agent
// ran it, a finally around the node block, library step or withEnv that
// holds it, or an EXIT trap in the script that made its config.
func logoutFix(p *Pass, l *execution.Login) (Fix, string) {
	pln := planFor(p, l)
	if why := notFixedReason(p, l); why != "" {
		return Fix{}, why
	}
	// A logout of a shared config logs every other build on the node out:
	// it comes only together with the job-scoped config.
	if !l.Unique() {
		if _, why := dockerConfigFix(p, l); why != "" {
			return Fix{}, "a logout of the shared ~/.docker would log out the other builds on the node, and DOCKER_CONFIG cannot be scoped here: " + why
		}
	}
	if pln.kind == wrapBlock && pln.block != nil && l.Node.Kind == execution.Unplaced && !l.ConfigSet {
		// A library step's wrap is the config fix's; both findings share it.
		return wrapFix(p, l, pln, true)
	}
	switch pln.kind {
	case inScript:
		return trapFix(p, l)
	case wrapBlock:
		// With a shared config the config fix wraps the block; both
		// findings then share one fix.
		return wrapFix(p, l, pln, !l.ConfigSet)
	}
	reg, ok := logoutRegistry(p.File, l)
	if !ok {
		return Fix{}, "the registry is in a variable local to a script block or method, which post { cleanup } cannot see"
	}
	body, post := pln.pl.Body, pln.pl.Post
	if pln.kind == atStage {
		body, post = pln.st.Body, pln.st.Post
	}
	return cleanupLogoutFix(p, body, post, reg, pln.os)
}

// logoutRegistry tells how a logout names the registry of login l: the
// registry word's own text, so that a Groovy variable stays one and a shell
// variable stays one. ok is false when the logout could not see what the
// login names (a variable local to a script block).
func logoutRegistry(f *parser.File, l *execution.Login) (Registry, bool) {
	r, ok := logoutRegistryName(f, l)
	r.Sudo = l.ResetBy() == "sudo"
	return r, ok
}

func logoutRegistryName(f *parser.File, l *execution.Login) (Registry, bool) {
	_, w := dockerRegistry(l.Rest())
	if w == nil {
		return Registry{}, true
	}
	if w.Lit {
		return Registry{Text: hubLogout(w.Norm)}, true
	}
	if !strings.Contains(w.Text, "__G") {
		// A shell variable set in the login's own script is gone by
		// post { cleanup }: write its value when it is a literal.
		if name := strings.TrimPrefix(w.Norm, "$"); name != w.Norm && isShellName(name) {
			// So is one a withEnv around the login sets: the cleanup runs
			// outside it.
			if v, ok := execution.ShellValue(l.Scope, l.Command, name); ok && v.Known && v.Value == "docker.io" {
				return Registry{}, true
			}
			if v, ok := execution.ShellValue(l.Scope, l.Command, name); ok && (v.Where == "script" || v.Where == "withEnv") {
				if !v.Known || strings.ContainsAny(v.Value, "$`") || v.Value == "" {
					return Registry{}, false
				}
				return Registry{Text: hubLogout(v.Value)}, true
			}
		}
		return Registry{Text: w.Norm, Shell: true}, true
	}
	span := l.Step.Span(w.Start, w.End)
	text := strings.Trim(string(f.Src[span.Start:span.End]), `"'`)
	if strings.ContainsAny(text, "\"'` \t\r\n") {
		return Registry{}, false
	}
	if name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(text, "${"), "env."), "}"); strings.HasPrefix(text, "${") && isShellName(name) {
		// `${DOCKERHUB_REGISTRY}` from an environment that says docker.io.
		if v, ok := l.Scope.Env(name); ok && v.Known && v.Value == "docker.io" {
			return Registry{}, true
		}
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

// hubLogout returns the registry argument of the logout for a login to
// registry: none for `docker.io`, which docker login stores under Docker
// Hub's index address (https://index.docker.io/v1/) and docker logout
// docker.io would not find.
func hubLogout(registry string) string {
	if registry == "docker.io" {
		return ""
	}
	return registry
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
func declaredInScript(sc *execution.Scope, name string) bool {
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
	md := execution.EnclosingMethod(path)
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
