package execution

import (
	"bytes"
	"regexp"
	"strings"

	"jfcheck/parser"
)

// NodeKind tells what kind of place steps run in.
type NodeKind int

const (
	// Nowhere: no agent at all, such as the top level of an `agent none`
	// pipeline, where a step that needs a workspace cannot run.
	Nowhere NodeKind = iota
	// Unplaced: the file does not say, as in a helper method no pipeline of
	// the file calls or a shared-library step.
	Unplaced
	// Agent: a declarative agent on a Jenkins node (`any`, `label`, `node`).
	Agent
	// ScriptedNode: a `node(…) { }` block.
	ScriptedNode
	// Container: a container made for the build (`agent { docker }`,
	// `agent { dockerfile }`, `docker.image(…).inside { }`).
	Container
	// Pod: a Kubernetes pod made for the build (`agent { kubernetes }`,
	// `podTemplate` with `node(POD_LABEL)` or `container(…)`).
	Pod
)

// OS is the operating system family of a node, where the file tells.
type OS int

const (
	UnknownOS OS = iota
	Unix
	Windows
	// RuntimeOS: chosen when the build runs (an `isUnix()` branch, a label
	// from a parameter, sh and bat steps on one node).
	RuntimeOS
)

// Node is one place where steps run: the agent of a pipeline or a stage, a
// scripted `node` block, a container or a pod. Steps whose Node is the same
// value run on the same machine with the same home directory.
type Node struct {
	Kind     NodeKind
	Pipeline *parser.Pipeline
	// Stage is the stage whose own agent this is; nil for the pipeline's
	// agent and for scripted nodes.
	Stage *parser.Stage
	// Agent is the declarative agent directive, or nil.
	Agent *parser.Agent
	// Call is the `node`, `container`, `inside` or `podTemplate` call, or
	// nil for declarative agents.
	Call *parser.Call
	// Body is the block the node's steps are in: the node call's closure,
	// the stage's or pipeline's body.
	Body *parser.Block

	m  *Model
	os *OS
}

// PerBuild reports whether the node is made for this build alone, so that
// its home directory (and ~/.docker in it) is shared with no other build.
func (n *Node) PerBuild() bool { return n.Kind == Container || n.Kind == Pod }

// Describe names the node for messages: "the pipeline's agent", "the agent
// of stage 'Push'", "node('linux')".
func (n *Node) Describe() string {
	switch n.Kind {
	case Nowhere:
		return "no agent"
	case Unplaced:
		return "an agent the file does not name"
	case ScriptedNode:
		if n.Call != nil {
			if ps := n.Call.Positional(); len(ps) > 0 {
				if s, ok := ps[0].Value.(*parser.String); ok {
					if v, ok := s.Literal(); ok {
						return "node('" + v + "')"
					}
				}
			}
		}
		return "the node block"
	}
	if n.Stage != nil {
		return "the agent of stage '" + n.Stage.Name + "'"
	}
	if n.Call != nil {
		return "the " + n.Call.Name() + " block"
	}
	return "the pipeline's agent"
}

var windowsLabel = regexp.MustCompile(`(?i)(^|[^a-z])win(dows)?([^a-z]|\d|$)`)

// SameMachine reports whether steps on nodes a and b run on one machine
// with one home directory: the same node, or nodes both pinned to the
// controller (label built-in or master), of which there is one.
func SameMachine(a, b *Node) bool {
	if a == b {
		return true
	}
	la, ka := a.label()
	lb, kb := b.label()
	controller := func(l string) bool { return l == "built-in" || l == "master" }
	return ka && kb && controller(la) && controller(lb) && !a.PerBuild() && !b.PerBuild()
}

// OS returns the node's operating system family as far as the file tells:
// its label, then the shell steps that run on it.
func (n *Node) OS() OS {
	if n.os != nil {
		return *n.os
	}
	os := n.computeOS()
	n.os = &os
	return os
}

func (n *Node) computeOS() OS {
	if n.Kind == Container || n.Kind == Pod {
		return Unix
	}
	// A label names the OS only when it says windows; a label from a
	// variable tells nothing, and the steps decide.
	if label, _ := n.label(); label != "" && windowsLabel.MatchString(label) {
		return Windows
	}
	sh := n.m.nodeShells()[n]
	unix, win := sh.unix, sh.win
	if n.Body != nil && n.m.mayCallIsUnix() {
		parser.Inspect(n.Body, func(x parser.Node) bool {
			if c, ok := x.(*parser.Call); ok && c.Name() == "isUnix" && c.Receiver() == nil {
				unix, win = true, true
			}
			return true
		})
	}
	switch {
	case unix && win:
		return RuntimeOS
	case win:
		return Windows
	case unix:
		return Unix
	}
	return UnknownOS
}

// shells says which kinds of shell step run on a node.
type shells struct{ unix, win bool }

// nodeShells returns which kinds of shell step run on each node, the steps
// placed once for all the nodes.
func (m *Model) nodeShells() map[*Node]shells {
	if m.shells != nil {
		return m.shells
	}
	m.shells = map[*Node]shells{}
	for _, st := range m.Steps() {
		n := m.NodeOf(st.Path)
		sh := m.shells[n]
		switch st.Shell {
		case "sh":
			sh.unix = true
		case "bat", "powershell":
			sh.win = true
		}
		m.shells[n] = sh
	}
	return m.shells
}

// mayCallIsUnix reports whether the file's text holds the name isUnix:
// without it no node's body calls isUnix and none needs to be searched.
func (m *Model) mayCallIsUnix() bool {
	if m.isUnix == 0 {
		m.isUnix = -1
		if bytes.Contains(m.File.Src, []byte("isUnix")) {
			m.isUnix = 1
		}
	}
	return m.isUnix > 0
}

// label returns the node's label expression as text, and whether it is a
// literal.
func (n *Node) label() (string, bool) {
	var e parser.Expr
	switch {
	case n.Agent != nil:
		switch n.Agent.Kind {
		case "label":
			if ps := n.Agent.Call.Positional(); len(ps) > 0 {
				e = ps[0].Value
			}
			if e == nil && n.Agent.Inner != nil {
				if ps := n.Agent.Inner.Positional(); len(ps) > 0 {
					e = ps[0].Value
				}
			}
		default:
			e = n.Agent.Option("label")
		}
	case n.Call != nil && n.Kind == ScriptedNode:
		if ps := n.Call.Positional(); len(ps) > 0 {
			e = ps[0].Value
		} else if a := n.Call.Arg("label"); a != nil {
			e = a.Value
		}
	}
	if e == nil {
		return "", true
	}
	if s, ok := e.(*parser.String); ok {
		if v, ok := s.Literal(); ok {
			return v, true
		}
		return NormString(s), false
	}
	return "?", false
}

// NodeOf returns the node that runs a step whose ancestors are path,
// outermost first. The same place always yields the same *Node.
func (m *Model) NodeOf(path []parser.Node) *Node {
	for i := len(path) - 1; i >= 0; i-- {
		c, ok := path[i].(*parser.Call)
		if !ok {
			continue
		}
		if n, ok := m.nodes[c]; ok {
			return n // a call's node, once made, is the same for every path
		}
		if st, ok := m.stages[c]; ok {
			if n := m.stageNode(st); n != nil {
				return n
			}
			continue
		}
		if pl, ok := m.pipelines[c]; ok {
			return m.agentNode(c, pl, nil, pl.Agent, pl.Body)
		}
		switch c.Name() {
		case "node":
			if c.Receiver() != nil {
				continue
			}
			kind := ScriptedNode
			if withinCall(path[:i], "podTemplate") {
				kind = Pod
			}
			return m.node(c, &Node{Kind: kind, Call: c, Body: closureBody(c)})
		case "container":
			if c.Receiver() == nil {
				return m.node(c, &Node{Kind: Pod, Call: c, Body: closureBody(c)})
			}
		case "inside", "withDockerContainer":
			if c.Name() == "withDockerContainer" || isDockerImage(c.Receiver()) {
				return m.node(c, &Node{Kind: Container, Call: c, Body: closureBody(c)})
			}
		}
	}
	return m.unplaced
}

// stageNode returns the node of a stage with an agent of its own, or nil.
func (m *Model) stageNode(st *parser.Stage) *Node {
	if st.Agent != nil && st.Agent.Kind != "none" {
		pl := m.pipelineOf(st)
		return m.agentNode(st.Call, pl, st, st.Agent, st.Body)
	}
	if mx := m.matrix[st]; mx != nil && mx.Agent != nil && mx.Agent.Kind != "none" {
		// A matrix agent runs each cell on an agent of its own.
		return m.agentNode(st.Call, m.pipelineOf(st), st, mx.Agent, st.Body)
	}
	if st.Agent != nil && st.Agent.Kind == "none" {
		return m.node(st.Call, &Node{Kind: Nowhere, Pipeline: m.pipelineOf(st), Stage: st})
	}
	return nil
}

func (m *Model) agentNode(key *parser.Call, pl *parser.Pipeline, st *parser.Stage, ag *parser.Agent, body *parser.Block) *Node {
	n := &Node{Kind: Agent, Pipeline: pl, Stage: st, Agent: ag, Body: body}
	switch {
	case ag == nil || ag.Kind == "none":
		n.Kind = Nowhere
	case ag.Kind == "docker" || ag.Kind == "dockerfile":
		n.Kind = Container
	case ag.Kind == "kubernetes":
		n.Kind = Pod
	}
	return m.node(key, n)
}

func (m *Model) node(key *parser.Call, n *Node) *Node {
	if old, ok := m.nodes[key]; ok {
		return old
	}
	n.m = m
	m.nodes[key] = n
	return n
}

func (m *Model) pipelineOf(st *parser.Stage) *parser.Pipeline {
	for _, pl := range m.File.Pipelines {
		if pl.Call.Span.Contains(st.Call.Span) {
			return pl
		}
	}
	return nil
}

func withinCall(path []parser.Node, name string) bool {
	for _, n := range path {
		if c, ok := n.(*parser.Call); ok && c.Name() == name {
			return true
		}
	}
	return false
}

func closureBody(c *parser.Call) *parser.Block {
	if cl := c.Body(); cl != nil {
		return cl.Body
	}
	return nil
}

// isDockerImage reports whether e is `docker.image(…)`, `docker.build(…)` or
// a variable (commonly holding one): the receiver of `.inside { }`.
func isDockerImage(e parser.Expr) bool {
	switch x := e.(type) {
	case *parser.Call:
		if r, ok := x.Receiver().(*parser.Ident); ok && r.Name == "docker" {
			return x.Name() == "image" || x.Name() == "build"
		}
	case *parser.Ident:
		return x.Name != "docker"
	}
	return false
}

func enclosingMethod(path []parser.Node) *parser.MethodDecl {
	for _, n := range path {
		if md, ok := n.(*parser.MethodDecl); ok {
			return md
		}
	}
	return nil
}

// EnclosingMethod returns the outermost method declaration on path, or nil.
func EnclosingMethod(path []parser.Node) *parser.MethodDecl { return enclosingMethod(path) }

// OwnWorkspace reports whether the node gives its steps a workspace of
// their own: a stage's agent or a scripted node block. Jenkins locks a
// workspace per executor, so two of them in one build never share one,
// even on the same machine (the second is `ws@2`).
func (n *Node) OwnWorkspace() bool {
	return n.Kind == ScriptedNode || n.Kind == Agent && n.Stage != nil
}

// SameConfigDir reports whether DOCKER_CONFIG a, as the steps on node an
// see it, and b, on node bn, may be one directory. Unset, both are the
// home's ~/.docker. Set to the same text, they differ only when each was
// evaluated in its own workspace: a value built from WORKSPACE (or
// WORKSPACE_TMP) that an environment or withEnv inside the node's own
// block sets, on two nodes that each have a workspace of their own. A
// custom workspace (`ws`, customWorkspace) changes nothing here: Jenkins
// locks it too, and a second executor gets `dir@2`.
func SameConfigDir(a EnvValue, aset bool, an *Node, b EnvValue, bset bool, bn *Node) bool {
	if aset != bset || a.Value != b.Value {
		return false
	}
	if !aset || !a.Known || !b.Known || an == bn || !strings.Contains(a.Value, "WORKSPACE") {
		return true
	}
	return !(an.OwnWorkspace() && bn.OwnWorkspace() && an.Body != nil && bn.Body != nil &&
		an.Body.Span.Contains(a.Span) && bn.Body.Span.Contains(b.Span))
}

// uniqueMarkers are the parts of a value that make a directory unique to
// one build of one job.
var uniqueMarkers = []string{"BUILD_NUMBER", "BUILD_ID", "BUILD_TAG", "WORKSPACE_TMP", "mktemp", "BUILD_URL"}

// BuildUnique reports whether a DOCKER_CONFIG-like value names a directory
// unique to one build. WORKSPACE counts only without a custom workspace:
// Jenkins gives concurrent builds of a job workspaces of their own
// (`ws@2`), but a customWorkspace or `ws(…)` is shared.
func BuildUnique(v string, customWS bool) bool {
	for _, k := range uniqueMarkers {
		if strings.Contains(v, k) {
			return true
		}
	}
	return !customWS && strings.Contains(v, "WORKSPACE")
}
