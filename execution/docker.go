package execution

import (
	"regexp"
	"slices"
	"strings"

	"jfcheck/parser"
)

// dockerGlobalValueFlags are docker's global options that take a value.
var dockerGlobalValueFlags = map[string]bool{"--config": true, "-H": true, "--host": true, "-c": true,
	"--context": true, "-l": true, "--log-level": true, "--tlscacert": true, "--tlscert": true, "--tlskey": true}

// DockerCmd is a docker invocation: the index of its subcommand word and
// the --config directory given, if any.
type DockerCmd struct {
	*Command
	Sub    int
	Config *Word
}

// Drops names the wrapper that keeps the variable name set around the step
// from reaching the docker command, or "". A --config option names the
// config itself: its value is expanded before the command's own sudo runs
// (`sudo docker --config "$DOCKER_CONFIG" login`), though not before a
// nested shell's (`sudo sh -c 'docker --config "$DOCKER_CONFIG" …'`).
func (d DockerCmd) Drops(name string) string {
	if name == "DOCKER_CONFIG" && d.Config != nil {
		for _, v := range d.Via {
			if v.EnvReset {
				return d.Command.Drops(name)
			}
		}
		return ""
	}
	return d.Command.Drops(name)
}

// prefixedDocker matches `${prefix}docker`: a Groovy interpolation (often an
// optional "sudo ") glued to the command name.
var prefixedDocker = regexp.MustCompile(`^__G[0-9]+_*docker$`)

// dockerBinaries are the names the docker CLI is run by.
var dockerBinaries = map[string]bool{"docker": true, "docker.exe": true}

// ParseDocker returns the docker invocation c makes, or ok false. The
// command may be run through wrappers (`sudo docker`) or through a variable
// the script or the environment sets to docker (`"$DOCKER" login`,
// `${CONTAINER_BIN:-docker} login`).
func ParseDocker(c *Command) (DockerCmd, bool) {
	c = c.Unwrap()
	if !dockerBinaries[c.Name()] && !dockerVariable(c) && !prefixedDocker.MatchString(c.Words[0].Text) {
		return DockerCmd{}, false
	}
	d := DockerCmd{Command: c}
	for i := 1; i < len(c.Words); i++ {
		w := c.Words[i].Norm
		if !strings.HasPrefix(w, "-") {
			// `docker ${hostArgs} login`: a Groovy interpolation standing
			// alone before the subcommand holds global options.
			if i+1 < len(c.Words) && onlyInterpolation(c.Words[i]) && isSubcommand(c.Words[i+1].Norm) {
				continue
			}
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
	return DockerCmd{}, false
}

// onlyInterpolation reports whether a word is one Groovy interpolation and
// nothing else.
func onlyInterpolation(w *Word) bool {
	t := strings.TrimRight(w.Text, "_")
	return strings.HasPrefix(t, "__G") && len(t) > 3 && strings.Trim(t[3:], "0123456789") == ""
}

func isSubcommand(w string) bool { return w == "login" || w == "logout" || w == "push" || w == "pull" }

// dockerVariable reports whether the command's name is a variable whose
// value the script gives as docker: `${CONTAINER_BIN:-docker}`, or `$D`
// after `D=docker` or `D=${D:-docker}`.
func dockerVariable(c *Command) bool {
	if len(c.Words) == 0 {
		return false
	}
	name := c.Words[0].Norm
	if isDockerDefault(name) {
		return true
	}
	v := strings.TrimPrefix(name, "$")
	if v == name || !IsShellName(v) {
		return false
	}
	for _, a := range c.Step.Assigns {
		if a.Name == v && a.Value != nil && a.End <= c.Start {
			val := a.Value.Norm
			if dockerBinaries[val] || isDockerDefault(val) || strings.HasSuffix(val, "/docker") {
				return true
			}
		}
	}
	return false
}

// isDockerDefault reports whether w is `${NAME:-docker}` or `${NAME-docker}`.
func isDockerDefault(w string) bool {
	if !strings.HasPrefix(w, "${") || !strings.HasSuffix(w, "}") {
		return false
	}
	inner := w[2 : len(w)-1]
	for _, sep := range []string{":-", "-", ":="} {
		if _, def, ok := strings.Cut(inner, sep); ok && dockerBinaries[def] {
			return true
		}
	}
	return false
}

// SubCmd returns the subcommand word.
func (d DockerCmd) SubCmd() string { return d.Words[d.Sub].Norm }

// Rest returns the words after the subcommand.
func (d DockerCmd) Rest() []*Word { return d.Words[d.Sub+1:] }

// DockerRegistry returns the registry argument of `docker login`/`logout`
// words (after the subcommand), normalised; "" is Docker Hub.
func DockerRegistry(args []*Word) (string, *Word) {
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

// HubByHostname is the registry of a `docker logout docker.io`, which
// removes no Docker Hub login (see HubHostname).
const HubByHostname = "docker.io"

// HubHostname reports whether a logout's registry argument is docker.io
// itself: docker/cli logs out of it by that host name and its http(s)
// forms only, while a login to Docker Hub is stored under
// https://index.docker.io/v1/.
func HubHostname(r string) bool {
	r = strings.TrimPrefix(strings.TrimPrefix(r, "https://"), "http://")
	return strings.TrimRight(r, "/") == "docker.io"
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

// Login is one shell docker login or logout, placed: where it runs, with
// which DOCKER_CONFIG, through what.
type Login struct {
	DockerCmd
	// Scope is the declarative and Groovy scope of the command; for a login
	// in a helper method it is the scope of one place that calls it, the
	// method's own path appended to the caller's.
	Scope *Scope
	// Node is where the command runs.
	Node *Node
	// Registry is the registry, normalised, a variable's value when the
	// file gives it; "" for Docker Hub.
	Registry string
	// AnyRegistry marks a login whose registry the file does not tell
	// (`$(aws ecr get-login …)`): any logout may be its logout.
	AnyRegistry bool
	Logout      bool
	// Plugin marks a command inside withRegistry or withDockerRegistry,
	// whose plugin manages the credentials itself.
	Plugin bool
	// Config is the DOCKER_CONFIG (or --config) the command uses; ConfigSet
	// is false when none is set, so the default ~/.docker is used.
	Config    EnvValue
	ConfigSet bool
	// Site is the call of the helper method the login is judged at, or nil.
	Site *parser.Call
	// Method is the helper method or library step holding the command when
	// no caller in the file places it, or nil.
	Method *parser.MethodDecl
	// Ecr marks the old `$(aws ecr get-login …)` form.
	Ecr bool
	// Prefixed marks `${prefix}docker login`: the Groovy value before
	// docker may be a wrapper such as sudo.
	Prefixed bool
}

// Span returns the span of the `docker ... login` words.
func (l *Login) Span() parser.Span {
	if l.Ecr {
		return l.Command.Span()
	}
	return l.WordSpan(0, l.Sub)
}

// Unique reports whether the command's DOCKER_CONFIG is unique to the build
// (an unreadable value counts: it is set on purpose).
func (l *Login) Unique() bool {
	return l.ConfigSet && (!l.Config.Known || BuildUnique(l.Config.Value, l.Scope.CustomWorkspace()))
}

// Logins returns the file's shell docker logins and logouts in source
// order, a login in a helper method once for each place that calls it.
func (m *Model) Logins() []*Login {
	if m.loginsOK {
		return m.logins
	}
	m.loginsOK = true
	for _, st := range m.Steps() {
		for _, c := range st.Commands {
			if c.Remote {
				continue
			}
			var l Login
			if d, ok := ParseDocker(c); ok && (d.SubCmd() == "login" || d.SubCmd() == "logout") {
				l = Login{DockerCmd: d, Logout: d.SubCmd() == "logout", Prefixed: prefixedDocker.MatchString(d.Words[0].Text)}
			} else if ecrLogin(c) {
				l = Login{DockerCmd: DockerCmd{Command: c}, Ecr: true, AnyRegistry: true}
			} else {
				continue
			}
			for _, place := range m.placements(st.Path, 0) {
				v := l
				v.Site = place.site
				m.place(&v, place.path)
				m.logins = append(m.logins, &v)
			}
		}
	}
	return m.logins
}

// ecrLogin reports whether c runs the output of `aws ecr get-login`, the
// AWS CLI v1 form of a docker login.
func ecrLogin(c *Command) bool {
	c = c.Unwrap()
	if len(c.Words) == 0 {
		return false
	}
	words := c.Words[:1]
	if c.Name() == "eval" {
		words = c.Words[1:]
	}
	for _, w := range words {
		if strings.Contains(w.Norm, "ecr get-login") && !strings.Contains(w.Norm, "get-login-password") &&
			strings.HasPrefix(strings.TrimLeft(w.Norm, `"`), "$(") {
			return true
		}
	}
	return false
}

func (m *Model) place(l *Login, path []parser.Node) {
	l.Scope = m.ScopeOf(path)
	l.Node = m.NodeOf(path)
	if l.Node.Kind == Unplaced {
		l.Method = enclosingMethod(path)
	}
	l.Plugin = l.Scope.Within("withRegistry", "withDockerRegistry") != nil
	if !l.Ecr {
		reg, w := DockerRegistry(l.Rest())
		hubHost := w != nil && HubHostname(w.Norm)
		// A registry held in a variable compares by its value when known.
		if name := strings.TrimPrefix(reg, "$"); name != reg && IsShellName(name) {
			if v, ok := ShellValue(l.Scope, l.Command, name); ok && v.Known && !strings.Contains(v.Value, "$") {
				reg, hubHost = NormRegistry(v.Value), HubHostname(v.Value)
			}
		}
		if l.Logout && hubHost {
			// docker login docker.io (or none) stores Docker Hub's login
			// under its index address, which docker logout docker.io
			// does not try: this logout leaves it.
			reg = HubByHostname
		}
		if l.Site != nil {
			reg = argumentValue(enclosingMethodOf(path, l.Site), l.Site, reg)
		}
		l.Registry = reg
	}
	l.Config, l.ConfigSet = DockerConfig(l.Scope, l.DockerCmd)
	if !l.ConfigSet {
		// Without DOCKER_CONFIG docker uses $HOME/.docker: a HOME set for
		// the command (`HOME="$WORKSPACE/cfg" docker login`) moves it.
		if h, ok := ConfigFor(l.Scope, l.Command, "HOME"); ok && h.Where == "script" {
			h.Value += "/.docker"
			l.Config, l.ConfigSet = h, true
		}
	}
}

// DockerConfig returns the DOCKER_CONFIG in effect for a docker command in
// scope sc: its --config, else the variable from the script and Groovy.
func DockerConfig(sc *Scope, d DockerCmd) (EnvValue, bool) {
	if d.Config != nil {
		w := d.Config
		v := EnvValue{Value: w.Norm, Known: true, Span: d.Step.Span(w.Start, w.End), Where: "option"}
		// `--config "$DIR"`: follow one variable reference.
		if name := strings.TrimPrefix(v.Value, "$"); name != v.Value && IsShellName(name) {
			r, ok := ShellValue(sc, d.Command, name)
			if (!ok || r.Where != "script") && droppedByVia(d.Command, name) {
				// Expanded inside a nested shell whose environment a
				// wrapper reset: empty, so docker uses the default.
				return EnvValue{}, false
			}
			if ok {
				return r, true
			}
		}
		return v, true
	}
	return ConfigFor(sc, d.Command, "DOCKER_CONFIG")
}

// droppedByVia reports whether a wrapper that runs the command's shell
// (`sudo sh -c '…'`) reset the environment without keeping name.
func droppedByVia(c *Command, name string) bool {
	reset, kept := false, []string(nil)
	for _, v := range c.Via {
		if v.EnvReset {
			reset, kept = true, v.Kept
		}
	}
	return reset && !slices.Contains(kept, name)
}

// placement is one way a step is reached: its own path, or a helper
// method's call site with the method's inner path appended.
type placement struct {
	path []parser.Node
	site *parser.Call
}

const maxCallDepth = 4

// placements returns the paths through which a step at path runs: the path
// itself, or, for a step in a method that holds no pipeline, each place in
// the file that calls the method (recursively, a few levels deep).
func (m *Model) placements(path []parser.Node, depth int) []placement {
	return m.placementsIn(path, len(path), depth)
}

// placementsIn is placements looking for the method only in path[:limit]:
// the part of an expanded path that leads to the call site.
func (m *Model) placementsIn(path []parser.Node, limit, depth int) []placement {
	md, at := innermostMethod(path[:limit])
	if md == nil || depth >= maxCallDepth || m.holdsPipeline(md) {
		return []placement{{path: path}}
	}
	var out []placement
	for _, site := range m.callSites(md) {
		full := append(append([]parser.Node(nil), site...), path[at:]...)
		for _, p := range m.placementsIn(full, len(site), depth+1) {
			if depth == 0 {
				p.site = site[len(site)-1].(*parser.Call)
			}
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []placement{{path: path}}
	}
	return out
}

// innermostMethod returns the innermost method on path and its index.
func innermostMethod(path []parser.Node) (*parser.MethodDecl, int) {
	for i := len(path) - 1; i >= 0; i-- {
		if md, ok := path[i].(*parser.MethodDecl); ok {
			return md, i
		}
	}
	return nil, -1
}

func enclosingMethodOf(path []parser.Node, site *parser.Call) *parser.MethodDecl {
	// The method called at site is the one whose body follows the site on
	// the path.
	for i, n := range path {
		if n == parser.Node(site) {
			for _, r := range path[i+1:] {
				if md, ok := r.(*parser.MethodDecl); ok {
					return md
				}
			}
		}
	}
	md, _ := innermostMethod(path)
	return md
}

func (m *Model) holdsPipeline(md *parser.MethodDecl) bool {
	for _, pl := range m.File.Pipelines {
		if md.Span.Contains(pl.Call.Span) {
			return true
		}
	}
	return false
}

// callSites returns the paths (the call included) of the calls made to md
// by name from outside md itself.
func (m *Model) callSites(md *parser.MethodDecl) [][]parser.Node {
	var out [][]parser.Node
	for _, site := range m.callsByName()[md.Name] {
		if !slices.Contains(site, parser.Node(md)) && arityFits(md, site[len(site)-1].(*parser.Call)) {
			out = append(out, site)
		}
	}
	return out
}

// callsByName returns the paths (the call included) of the calls, by name
// or on `this`, of each name that a method of the file is declared with:
// one walk of the file, made the first time a step in a method is placed.
func (m *Model) callsByName() map[string][][]parser.Node {
	if m.calls != nil {
		return m.calls
	}
	m.calls = map[string][][]parser.Node{}
	names := map[string]bool{}
	m.File.Inspect(func(n parser.Node) bool {
		if md, ok := n.(*parser.MethodDecl); ok {
			names[md.Name] = true
		}
		return true
	})
	m.File.WalkPath(func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok || !names[c.Name()] {
			return true
		}
		switch f := c.Fun.(type) {
		case *parser.Ident:
		case *parser.Select:
			if id, ok := f.X.(*parser.Ident); !ok || id.Name != "this" {
				return true
			}
		default:
			return true
		}
		m.calls[c.Name()] = append(m.calls[c.Name()], append(append([]parser.Node(nil), path...), c))
		return true
	})
	return m.calls
}

// arityFits reports whether call c passes a number of arguments that
// method md accepts: named arguments make one map, a trailing closure one
// more, parameters with defaults may be left out, and a last parameter
// typed as an array or `Object...` takes any number. A call of a step by
// the same name as a method of the file (`withCredentials([…]) { }` beside
// a four-parameter `def withCredentials(a, b, c, d)`) runs the step.
func arityFits(md *parser.MethodDecl, c *parser.Call) bool {
	n, named := 0, false
	for _, a := range c.Args {
		if a.Name != "" {
			named = true
		} else {
			n++
		}
	}
	if named {
		n++
	}
	if c.Closure != nil {
		n++
	}
	max, min := len(md.Params), 0
	for _, prm := range md.Params {
		if prm.Default == nil {
			min++
		}
	}
	if max > 0 {
		if t := md.Params[max-1].Type; strings.HasSuffix(t, "[]") || strings.HasSuffix(t, "...") {
			return n >= min-1
		}
	}
	return n >= min && n <= max
}

// argumentValue resolves a registry that names a parameter of method
// (`$registry`) to the literal argument the call passes for it.
func argumentValue(method *parser.MethodDecl, call *parser.Call, reg string) string {
	name := strings.TrimPrefix(reg, "$")
	if name == reg || method == nil {
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
