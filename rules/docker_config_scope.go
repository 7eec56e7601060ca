package rules

import (
	"fmt"
	"strings"

	"jfcheck/parser"
)

// DockerConfigScope reports shell `docker login`s whose credentials land in
// a config directory shared between builds.
var DockerConfigScope = &Rule{
	ID:       "JF101",
	Name:     "docker-config-scope",
	Title:    "docker login must write to a DOCKER_CONFIG unique to the build",
	Severity: Error,
	Fixable:  true,
	Check:    checkDockerConfigScope,
}

// dockerGlobalValueFlags are docker's global options that take a value.
var dockerGlobalValueFlags = map[string]bool{"--config": true, "-H": true, "--host": true, "-c": true,
	"--context": true, "-l": true, "--log-level": true, "--tlscacert": true, "--tlscert": true, "--tlskey": true}

// dockerCmd describes a docker invocation: the index of its subcommand word
// and the --config directory given, if any.
type dockerCmd struct {
	*Command
	Sub    int
	Config *Word
}

// parseDocker returns the docker invocation c makes, or ok false.
func parseDocker(c *Command) (dockerCmd, bool) {
	c = c.Unwrap()
	if c.Name() != "docker" && c.Name() != "docker.exe" {
		return dockerCmd{}, false
	}
	d := dockerCmd{Command: c}
	for i := 1; i < len(c.Words); i++ {
		w := c.Words[i].Norm
		if !strings.HasPrefix(w, "-") {
			d.Sub = i
			return d, true
		}
		name, val, eq := strings.Cut(w, "=")
		if name == "--config" {
			if eq {
				d.Config = &Word{Text: val, Norm: val, Start: c.Words[i].Start, End: c.Words[i].End}
			} else if i+1 < len(c.Words) {
				d.Config = c.Words[i+1]
			}
		}
		if !eq && dockerGlobalValueFlags[name] {
			i++
		}
	}
	return dockerCmd{}, false
}

// SubCmd returns the subcommand word.
func (d dockerCmd) SubCmd() string { return d.Words[d.Sub].Norm }

// Rest returns the words after the subcommand.
func (d dockerCmd) Rest() []*Word { return d.Words[d.Sub+1:] }

// dockerRegistry returns the registry argument of `docker login`/`logout`
// words (after the subcommand), normalised; "" is Docker Hub.
func dockerRegistry(args []*Word) (string, *Word) {
	for i := 0; i < len(args); i++ {
		w := args[i].Norm
		if strings.HasPrefix(w, "-") {
			if !strings.Contains(w, "=") && (w == "-u" || w == "--username" || w == "-p" || w == "--password") {
				i++
			}
			continue
		}
		return NormRegistry(w), args[i]
	}
	return "", nil
}

// NormRegistry normalises a registry name: scheme and trailing slash are
// removed and Docker Hub's names become "".
func NormRegistry(r string) string {
	r = strings.TrimPrefix(strings.TrimPrefix(r, "https://"), "http://")
	r = strings.TrimSuffix(r, "/v1/")
	r = strings.TrimRight(r, "/")
	switch r {
	case "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
		return ""
	}
	return r
}

// dockerLogin is one shell docker login or logout with its scope.
type dockerLogin struct {
	dockerCmd
	Scope    *Scope
	Registry string
	Logout   bool
}

// Span returns the span of the `docker ... login` words.
func (l dockerLogin) Span() parser.Span { return l.WordSpan(0, l.Sub) }

// dockerLogins lists the shell docker logins and logouts among steps.
func dockerLogins(steps []*ShellStep, m *Model) []dockerLogin {
	var out []dockerLogin
	for _, st := range steps {
		sc := m.ScopeOf(st.Path)
		for _, c := range st.Commands {
			d, ok := parseDocker(c)
			if !ok || (d.SubCmd() != "login" && d.SubCmd() != "logout") {
				continue
			}
			reg, _ := dockerRegistry(d.Rest())
			// A registry held in a variable compares by its value when known.
			if name := strings.TrimPrefix(reg, "$"); name != reg && isShellName(name) {
				if v, ok := ConfigFor(sc, c, name); ok && !strings.Contains(v.Value, "$") {
					reg = NormRegistry(v.Value)
				}
			}
			out = append(out, dockerLogin{dockerCmd: d, Scope: sc, Registry: reg, Logout: d.SubCmd() == "logout"})
		}
	}
	return out
}

// viaCallers gives a login or logout in a helper method of the file the
// scope of each place in a pipeline that calls the method: a method that
// logs in is as safe as the places it runs from. Logins of methods no
// pipeline of the file calls keep their own scope.
func viaCallers(f *parser.File, m *Model, logins []dockerLogin) []dockerLogin {
	var out []dockerLogin
	var sites map[string][][]parser.Node
	for _, l := range logins {
		method := enclosingMethod(l.Scope.Path)
		if l.Scope.Pipeline != nil || method == nil {
			out = append(out, l)
			continue
		}
		if sites == nil {
			sites = callSites(f)
		}
		paths := sites[method.Name]
		if len(paths) == 0 {
			out = append(out, l)
			continue
		}
		for _, path := range paths {
			v := l
			v.Scope = m.ScopeOf(path)
			v.Registry = argumentValue(method, path[len(path)-1].(*parser.Call), l.Registry)
			out = append(out, v)
		}
	}
	return out
}

// argumentValue resolves a registry that names a parameter of method
// (`$registry`) to the literal argument the call passes for it.
func argumentValue(method *parser.MethodDecl, call *parser.Call, reg string) string {
	name := strings.TrimPrefix(reg, "$")
	if name == reg {
		return reg
	}
	args := call.Positional()
	for i, prm := range method.Params {
		if prm.Name != name || i >= len(args) {
			continue
		}
		if str, ok := args[i].Value.(*parser.String); ok {
			if v, ok := str.Literal(); ok {
				return NormRegistry(v)
			}
		}
	}
	return reg
}

func enclosingMethod(path []parser.Node) *parser.MethodDecl {
	for _, n := range path {
		if md, ok := n.(*parser.MethodDecl); ok {
			return md
		}
	}
	return nil
}

// callSites maps method names to the paths (the call included) of the calls
// made to them from inside declarative pipelines.
func callSites(f *parser.File) map[string][][]parser.Node {
	out := map[string][][]parser.Node{}
	parser.WalkPath(f.Body, func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok {
			return true
		}
		id, ok := c.Fun.(*parser.Ident)
		if !ok || len(f.Pipelines) == 0 {
			return true
		}
		inPipeline := false
		for _, a := range path {
			if pc, ok := a.(*parser.Call); ok && pc.Name() == "pipeline" {
				inPipeline = true
			}
		}
		if inPipeline {
			full := append(append([]parser.Node(nil), path...), c)
			out[id.Name] = append(out[id.Name], full)
		}
		return true
	})
	return out
}

// pluginLogin reports whether the scope is inside a Docker plugin block that
// manages its own credentials.
func pluginLogin(sc *Scope) bool {
	return sc.Within("withRegistry", "withDockerRegistry") != nil
}

// dockerConfigOf returns the DOCKER_CONFIG in effect for a docker command.
func dockerConfigOf(l dockerLogin) (EnvValue, bool) {
	if l.Config != nil {
		v := EnvValue{Value: l.Config.Norm, Span: l.Step.Span(l.Config.Start, l.Config.End), Where: "option"}
		// `--config "$DIR"`: follow one variable reference.
		if name := strings.TrimPrefix(v.Value, "$"); name != v.Value && isShellName(name) {
			if r, ok := ConfigFor(l.Scope, l.Command, name); ok {
				return r, true
			}
		}
		return v, true
	}
	return ConfigFor(l.Scope, l.Command, "DOCKER_CONFIG")
}

// configUnique reports whether the DOCKER_CONFIG of l is unique to the build.
func configUnique(l dockerLogin) bool {
	v, ok := dockerConfigOf(l)
	return ok && BuildUnique(v.Value, l.Scope.CustomWorkspace())
}

func checkDockerConfigScope(p *Pass) {
	for _, l := range p.dockerLogins() {
		if l.Logout || pluginLogin(l.Scope) || l.Scope.SingleUseAgent() {
			continue
		}
		v, ok := dockerConfigOf(l)
		cws := l.Scope.CustomWorkspace()
		var opts []func(*Diagnostic)
		if !ok || v.Where == "environment" {
			var replace *parser.EnvEntry
			if ok {
				replace = envEntryAt(l.Scope, v.Span)
			}
			if fix, can := dockerConfigFix(p, l.Scope.Pipeline, l.Scope.Stages, replace); can {
				opts = append(opts, WithFix(fix))
			}
		}
		switch {
		case !ok:
			p.Report(l.Span(), "docker login writes credentials to the shared ~/.docker/config.json: set DOCKER_CONFIG to a directory unique to this build, e.g. \"${WORKSPACE}/${BUILD_NUMBER}/.docker\"", opts...)
		case !BuildUnique(v.Value, cws):
			why := ""
			if cws && strings.Contains(v.Value, "WORKSPACE") {
				why = " (the agent's customWorkspace is shared between builds)"
			}
			what := "DOCKER_CONFIG"
			if v.Where == "option" {
				what = "--config"
			}
			opts = append(opts, WithRelated(v.Span, "DOCKER_CONFIG is set here"))
			p.Report(l.Span(), fmt.Sprintf("docker login writes credentials to %s %q, which other builds on the node share%s: include ${BUILD_NUMBER} or ${BUILD_TAG} in it", what, v.Value, why),
				opts...)
		}
	}
}

// envEntryAt returns the environment entry of the scope's pipeline or
// stages whose span is s, or nil.
func envEntryAt(sc *Scope, s parser.Span) *parser.EnvEntry {
	var envs []*parser.Environment
	if sc.Pipeline != nil {
		envs = append(envs, sc.Pipeline.Environment)
	}
	for _, st := range sc.Stages {
		envs = append(envs, st.Environment)
	}
	for _, e := range envs {
		if e == nil {
			continue
		}
		for _, en := range e.Entries {
			if en.Span == s {
				return en
			}
		}
	}
	return nil
}
