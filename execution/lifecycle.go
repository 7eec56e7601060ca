package execution

import (
	"slices"
	"strings"

	"jfcheck/parser"
)

// A login's lifecycle: which logouts are guaranteed to run after it, on the
// node that logged in, with the DOCKER_CONFIG it wrote to.

// Miss tells why the logout nearest to being a login's cleanup is not.
type Miss int

const (
	// NoLogout: nothing logs out of the registry.
	NoLogout Miss = iota
	// OtherConfig: the logout runs where it should but with another
	// DOCKER_CONFIG, so it logs out of a different config (often the
	// shared one).
	OtherConfig
	// OtherNode: the logout always runs, but on another node (the
	// pipeline's post for a login on a stage's own agent).
	OtherNode
	// NotAlways: the logout is in a post condition that does not run on
	// every result (success, failure, …).
	NotAlways
	// Regular: the logout is a regular step, skipped when an earlier step
	// fails.
	Regular
	// OtherRegistry: the cleanup logs out of another registry.
	OtherRegistry
)

// Cleanup is what Lifecycle finds for one login.
type Cleanup struct {
	// By is the logout guaranteed to run after the login on its node with
	// its config, or nil.
	By *Login
	// Later names a post condition that runs after By's `always` and still
	// uses the registry ("success"), or "".
	Later string
	// Near is the logout closest to being the cleanup when By is nil, and
	// Miss why it is not.
	Near *Login
	Miss Miss
	// Condition is Near's post condition for NotAlways, OtherNode.
	Condition string
}

// Lifecycle returns the cleanup of login l. It looks only at the logouts
// that can be its cleanup (those in the post blocks of its levels, the
// finally blocks around it and its own script's traps) and at the logouts of
// its registry, so a file with many logins costs time in proportion to them.
func (m *Model) Lifecycle(l *Login) Cleanup {
	ix := m.logoutIndex()
	var out Cleanup
	best := Miss(-1)
	consider := func(o *Login, why Miss, cond string) {
		if best < 0 || why < best {
			best, out.Near, out.Miss, out.Condition = why, o, why, cond
		}
	}
	seen := map[*Login]bool{}
	var candidates []*Login
	add := func(os []*Login) {
		for _, o := range os {
			if !seen[o] {
				seen[o] = true
				candidates = append(candidates, o)
			}
		}
	}
	// In a place that runs after the login: the logouts of its registry,
	// and a few of any registry for the message when none is.
	at := func(b *parser.Block) {
		if l.AnyRegistry {
			add(ix.sample[b])
			return
		}
		add(ix.byBlock[blockRegistry{b, l.Registry}])
		add(ix.sample[b])
	}
	add(ix.byStep[l.Step])
	for i, n := range l.Scope.Path {
		if t, ok := n.(*parser.TryStmt); ok && t.Finally != nil && i+1 < len(l.Scope.Path) && l.Scope.Path[i+1] == parser.Node(t.Body) {
			at(t.Finally)
		}
	}
	for _, lv := range l.Scope.Levels() {
		post := lv.Pipeline.Post
		if lv.Stage != nil {
			post = lv.Stage.Post
		}
		if post != nil {
			for _, c := range post.Conditions {
				at(c.Block)
			}
		}
	}
	if l.AnyRegistry {
		add(ix.variable)
	} else {
		add(ix.byRegistry[l.Registry])
	}
	for _, o := range candidates {
		guaranteed, cond := m.runsAfter(l, o)
		sameNode := SameMachine(o.Node, l.Node)
		if !sameRegistry(l, o) {
			if guaranteed && sameNode {
				consider(o, OtherRegistry, cond)
			}
			continue
		}
		switch {
		case guaranteed && sameNode && sameConfig(l, o):
			out.By, out.Near = o, nil
			if cond == "always" {
				out.Later = m.usedAfterAlways(l, o)
			}
			return out
		case guaranteed && sameNode:
			consider(o, OtherConfig, cond)
		case guaranteed:
			consider(o, OtherNode, cond)
		case cond != "":
			consider(o, NotAlways, cond)
		default:
			consider(o, Regular, "")
		}
	}
	if best < 0 {
		out.Miss = NoLogout
	}
	return out
}

// logoutIndex finds the file's logouts by where they are and what they
// name.
type logoutIndex struct {
	byStep  map[*ShellStep][]*Login // EXIT-trap logouts of a script
	byBlock map[blockRegistry][]*Login
	// sample holds the first few logouts of any registry in each block.
	sample     map[*parser.Block][]*Login
	byRegistry map[string][]*Login
	variable   []*Login // logouts of a registry held in a variable or of ECR
}

type blockRegistry struct {
	b   *parser.Block
	reg string
}

// sampleSize is how many logouts of other registries a block keeps for
// messages.
const sampleSize = 4

func (m *Model) logoutIndex() *logoutIndex {
	if m.logouts != nil {
		return m.logouts
	}
	ix := &logoutIndex{byStep: map[*ShellStep][]*Login{}, byBlock: map[blockRegistry][]*Login{},
		sample: map[*parser.Block][]*Login{}, byRegistry: map[string][]*Login{}}
	for _, o := range m.Logins() {
		if !o.Logout {
			continue
		}
		if o.Trap {
			ix.byStep[o.Step] = append(ix.byStep[o.Step], o)
		}
		seen := map[*parser.Block]bool{}
		for _, n := range o.Scope.Path {
			if b, ok := n.(*parser.Block); ok && !seen[b] {
				seen[b] = true
				k := blockRegistry{b, o.Registry}
				ix.byBlock[k] = append(ix.byBlock[k], o)
				if len(ix.sample[b]) < sampleSize {
					ix.sample[b] = append(ix.sample[b], o)
				}
			}
		}
		ix.byRegistry[o.Registry] = append(ix.byRegistry[o.Registry], o)
		if strings.Contains(o.Registry, ".ecr.") || strings.Contains(o.Registry, "$") {
			ix.variable = append(ix.variable, o)
		}
	}
	m.logouts = ix
	return ix
}

// sameRegistry reports whether logout o logs out of login l's registry. A
// login whose registry the file does not tell (aws ecr get-login) matches a
// logout of an ECR registry or of one held in a variable.
func sameRegistry(l, o *Login) bool {
	if l.AnyRegistry {
		return strings.Contains(o.Registry, ".ecr.") || strings.Contains(o.Registry, "$")
	}
	return l.Registry == o.Registry
}

func sameConfig(l, o *Login) bool {
	if l.ConfigSet != o.ConfigSet {
		return false
	}
	if !l.ConfigSet {
		return true
	}
	if l.Config.Where == "script" && l.Step != o.Step && l.Config.Span != o.Config.Span {
		// A value a script makes (`$(mktemp -d)`) is another directory in
		// another script.
		return false
	}
	return l.Config.Value == o.Config.Value
}

// runsAfter reports whether logout o runs whatever happens after login l:
// in an EXIT trap of l's script, in the finally of a try around l, or in
// post { always } or post { cleanup } of a level enclosing l. cond is o's
// post condition when o is in a post block of one of l's levels.
func (m *Model) runsAfter(l, o *Login) (bool, string) {
	if o.Trap && o.Step == l.Step {
		return true, ""
	}
	for i, n := range l.Scope.Path {
		t, ok := n.(*parser.TryStmt)
		if ok && t.Finally != nil && i+1 < len(l.Scope.Path) && l.Scope.Path[i+1] == parser.Node(t.Body) &&
			slices.Contains(o.Scope.Path, parser.Node(t.Finally)) {
			return true, ""
		}
	}
	pp, ok := o.Scope.Post()
	if !ok {
		return false, ""
	}
	for _, lv := range l.Scope.Levels() {
		if lv.Pipeline == pp.Pipeline && lv.Stage == pp.Stage {
			name := pp.Condition.Name
			return name == "always" || name == "cleanup", name
		}
	}
	return false, ""
}

// usedAfterAlways returns the first post condition at the level of logout o
// (in `always`) that runs after it and still uses l's registry with docker.
func (m *Model) usedAfterAlways(l, o *Login) string {
	pp, _ := o.Scope.Post()
	post := pp.Pipeline.Post
	if pp.Stage != nil {
		post = pp.Stage.Post
	}
	if post == nil {
		return ""
	}
	for _, u := range m.postPushes()[postLevel{pp.Pipeline, pp.Stage}] {
		if usesRegistry(u.d, l.Registry) {
			return u.cond
		}
	}
	return ""
}

// postLevel is a pipeline or a stage of one, whose post block it names.
type postLevel struct {
	pl *parser.Pipeline
	st *parser.Stage
}

// postPush is a docker push or pull in a post condition other than always
// and cleanup.
type postPush struct {
	cond string
	d    DockerCmd
}

// postPushes returns the docker pushes and pulls of the post conditions
// other than always and cleanup, by the level whose post they are in, in
// source order: the file's steps are read once for all the logouts.
func (m *Model) postPushes() map[postLevel][]postPush {
	if m.pushes != nil {
		return m.pushes
	}
	m.pushes = map[postLevel][]postPush{}
	for _, st := range m.Steps() {
		for _, c := range st.Commands {
			d, ok := ParseDocker(c)
			if !ok {
				continue
			}
			switch d.SubCmd() {
			case "push", "pull":
			default:
				continue
			}
			p, ok := m.ScopeOf(st.Path).Post()
			if !ok || p.Condition.Name == "always" || p.Condition.Name == "cleanup" {
				continue
			}
			k := postLevel{p.Pipeline, p.Stage}
			m.pushes[k] = append(m.pushes[k], postPush{p.Condition.Name, d})
		}
	}
	return m.pushes
}

// usesRegistry reports whether a docker push or pull names an image of
// registry reg ("" is Docker Hub, whose images have no host part).
func usesRegistry(d DockerCmd, reg string) bool {
	for _, w := range d.Rest() {
		if len(w.Norm) > 0 && w.Norm[0] == '-' {
			continue
		}
		host, _, found := cut(w.Norm, "/")
		if reg == "" {
			return !found || !hostLike(host)
		}
		return found && NormRegistry(host) == reg
	}
	return false
}

func cut(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// hostLike reports whether the first part of an image name is a registry
// host: it has a dot or a port, or is localhost.
func hostLike(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == ':' {
			return true
		}
	}
	return s == "localhost" || len(s) > 0 && s[0] == '$'
}
