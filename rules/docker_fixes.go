package rules

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"jfcheck/execution"
	"jfcheck/parser"
)

// The fixes of docker-config-scope and docker-logout-cleanup. Where they go
// is decided by the execution model: at the level whose agent runs the
// login (the pipeline, a stage with its own agent), around the body of the
// node block or library step that holds it, or in the script that makes its
// own config. They only add: an existing step is never moved or deleted,
// and the only existing text they change is a shared DOCKER_CONFIG value.

// prepStageName names the stage the fix inserts.
const prepStageName = "Prepare Docker config"

// planKind is where the remedy for a login goes.
type planKind int

const (
	// atPipeline: the pipeline's environment, a first prep stage and the
	// pipeline's post { cleanup }: the login runs on the pipeline's agent.
	atPipeline planKind = iota
	// atStage: the stage's own environment, first step and post
	// { cleanup }: the login runs on the stage's own agent, or with the
	// stage's environment.
	atStage
	// wrapBlock: the body of a node block, a withEnv or a library step is
	// wrapped in withEnv and try/finally.
	wrapBlock
	// inScript: the script that makes its own config gets an EXIT trap.
	inScript
)

// plan is the placement of a login's remedy, or why there is none.
type plan struct {
	kind  planKind
	pl    *parser.Pipeline
	st    *parser.Stage
	block *parser.Block // wrapBlock: the block whose statements are wrapped
	// owned: the block is a helper method that logs in, uses the login
	// and logs out itself, so nothing after a call relies on the login.
	owned  bool
	os     execution.OS
	reason string
}

// planFor places the remedy of login l by the execution model: at the level
// whose agent runs it, with the DOCKER_CONFIG it uses.
func planFor(p *Pass, l *execution.Login) plan {
	pl := plan{pl: l.Scope.Pipeline, os: l.Node.OS()}
	switch pl.os {
	case execution.RuntimeOS:
		pl.reason = "the agent's operating system is chosen at run time (sh and bat steps, or isUnix())"
		return pl
	case execution.UnknownOS:
		if l.Step.Shell != "pwsh" {
			break
		}
		pl.reason = "the file does not tell the agent's operating system: its steps are pwsh, which runs on Windows and Unix"
		return pl
	}
	if l.ConfigSet {
		switch l.Config.Where {
		case "script", "option":
			pl.kind = inScript
			return pl
		case "withEnv":
			for i := len(l.Scope.Path) - 1; i >= 0; i-- {
				if c, ok := l.Scope.Path[i].(*parser.Call); ok && c.Name() == "withEnv" && c.Span.Contains(l.Config.Span) {
					if cl := c.Body(); cl != nil {
						pl.kind, pl.block = wrapBlock, cl.Body
						return pl
					}
				}
			}
			pl.reason = "DOCKER_CONFIG is set by a withEnv the fix cannot wrap"
			return pl
		case "environment":
			for i := len(l.Scope.Stages) - 1; i >= 0; i-- {
				if e := l.Scope.Stages[i].Environment; e != nil && e.Call.Span.Contains(l.Config.Span) {
					pl.kind, pl.st = atStage, l.Scope.Stages[i]
					return pl.check()
				}
			}
		}
	}
	for _, x := range l.Scope.Path {
		if _, ok := x.(*parser.ClassDecl); ok {
			// Steps in a library class run through its script object
			// (this.steps.sh): bare withEnv and sh would not resolve there.
			pl.reason = "the login is in a class, whose steps run through its script object: change it by hand"
			return pl
		}
	}
	if ownsLogin(p, l) {
		// Wherever it is called, the helper's own body can hold the
		// remedy: its config is made on the calling node.
		pl.kind, pl.block, pl.owned = wrapBlock, execution.EnclosingMethod(l.Step.Path).Body, true
		return pl.check()
	}
	n := l.Node
	switch {
	case n.Kind == execution.Agent && n.Stage != nil:
		pl.kind, pl.st = atStage, n.Stage
	case n.Kind == execution.Agent && n.Pipeline != nil:
		pl.kind = atPipeline
		// Stages on agents of their own inherit the pipeline's
		// environment: a DOCKER_CONFIG made on the pipeline's agent means
		// nothing there. The stage that logs in can hold it instead.
		if other := p.otherAgentStage(n.Pipeline); other != nil {
			pl.reason = fmt.Sprintf("stage '%s' runs on an agent of its own, which would inherit a DOCKER_CONFIG path made on the pipeline's agent: scope DOCKER_CONFIG in each stage that logs in", other.Name)
			for i := len(l.Scope.Stages) - 1; i >= 0; i-- {
				if st := l.Scope.Stages[i]; st.Steps != nil {
					pl.kind, pl.st, pl.reason = atStage, st, ""
					break
				}
			}
		}
	case n.Kind == execution.ScriptedNode && n.Body != nil:
		pl.kind, pl.block = wrapBlock, n.Body
	case n.Kind == execution.Unplaced && l.Site == nil && l.Method != nil && l.Method.Body != nil && l.Scope.Pipeline == nil:
		pl.kind, pl.block = wrapBlock, l.Method.Body
	case n.Kind == execution.Nowhere:
		pl.reason = "the login runs where the pipeline has no agent"
	default:
		pl.reason = "the file does not tell which node runs the login"
	}
	return pl.check()
}

func (pl plan) check() plan {
	switch {
	case pl.reason != "":
	case pl.kind == atPipeline && (pl.pl == nil || pl.pl.Body == nil || pl.pl.Body.Rbrace < 0):
		pl.reason = "the pipeline block is not closed"
	case pl.kind == atStage && (pl.st.Body == nil || pl.st.Body.Rbrace < 0):
		pl.reason = "the stage block is not closed"
	}
	return pl
}

// notFixedReason says why a finding about login l gets no safe fix, or "".
func notFixedReason(p *Pass, l *execution.Login) string {
	if by := l.Drops("DOCKER_CONFIG"); by != "" {
		if by == "sudo" {
			// The review-level config fix, when it has a place, passes
			// the config through sudo.
			if _, why := dockerConfigFix(p, l); why != "" {
				return why
			}
			return "the login runs through sudo, which drops DOCKER_CONFIG; see --fix=all"
		}
		return fmt.Sprintf("the login runs through %s, which drops DOCKER_CONFIG", by)
	}
	return refusal(p, l, planFor(p, l))
}

// refusal says why the remedy of login l cannot go where plan pln puts it
// without making the pipeline worse, or "".
func refusal(p *Pass, l *execution.Login, pln plan) string {
	if pln.reason != "" {
		return pln.reason
	}
	if l.Prefixed {
		return "a Groovy value stands before docker (${…}docker), which may be sudo and would drop DOCKER_CONFIG"
	}
	if n := placements(p, l); n > 1 {
		for _, o := range p.dockerLogins() {
			if o.Command == l.Command && !samePlan(planFor(p, o), pln) {
				return fmt.Sprintf("the login is in a helper method that runs from %d places on different agents; fix it where each call runs", n)
			}
		}
	}
	if l.ConfigSet && l.Config.Where == "env" {
		return "DOCKER_CONFIG is set by env.DOCKER_CONFIG partway through the build: a cleanup could run before it is set and log out of the shared config"
	}
	switch pln.kind {
	case atStage:
		if o := dockerAfter(p, pln.st.Call.End, nil); o != nil {
			return fmt.Sprintf("docker runs again after stage '%s' (line %d), perhaps relying on this login: scope DOCKER_CONFIG where all of them run", pln.st.Name, p.File.Position(o.Start).Line)
		}
	case wrapBlock:
		if l.Node.Kind == execution.Unplaced {
			// A library step: the login is for the caller unless the step
			// itself uses it.
			if usesLogin(p, l, pln.block) == nil {
				return "nothing after the login in this step pushes or pulls with docker, so the login is likely for its caller's later steps: put the config and the cleanup where the caller runs"
			}
		} else if o := dockerAfter(p, pln.block.Rbrace, nil); o != nil && l.Config.Where != "withEnv" && !pln.owned {
			return fmt.Sprintf("docker runs again after the block (line %d), perhaps relying on this login: scope DOCKER_CONFIG where all of them run", p.File.Position(o.Start).Line)
		}
	}
	return ""
}

// otherAgentStage returns a stage of pl with a shared agent of its own, or
// nil: what runs there (its steps, the helpers and scripts they call) would
// inherit the pipeline's environment.
func otherAgentStage(pl *parser.Pipeline) *parser.Stage {
	for _, st := range pl.AllStages() {
		if ag := st.Agent; ag != nil {
			switch ag.Kind {
			case "none", "docker", "dockerfile", "kubernetes":
			default:
				return st
			}
		}
	}
	return nil
}

// samePlan reports whether two plans put the remedy in the same place.
func samePlan(a, b plan) bool {
	return a.kind == b.kind && a.pl == b.pl && a.st == b.st && a.block == b.block && a.os == b.os && a.reason == b.reason
}

// ownsLogin reports whether login l is in a helper method of the file,
// called from its pipeline or node blocks, that allocates no node of its
// own and logs out itself after the login, on nodes that log in nowhere
// else: what runs after a call cannot rely on the login, which is the
// helper's alone.
func ownsLogin(p *Pass, l *execution.Login) bool {
	if l.Site == nil || l.Logout || l.Plugin {
		return false
	}
	md := execution.EnclosingMethod(l.Step.Path)
	if md == nil || md.Body == nil {
		return false
	}
	if b := l.Node.Body; b != nil && md.Body.Span.Contains(b.Span) {
		return false
	}
	// Another login on a node that calls the helper may be what the
	// helper's other docker commands use: a config of its own would hide
	// it, and that login's own remedy would wrap the call in the same
	// directory, which the helper's cleanup would then remove.
	// What follows depends on l's command alone (its step, its method, its
	// span): it is found once per command, not once per place it runs.
	f := p.shared()
	if owns, ok := f.owns[l.Command]; ok {
		return owns
	}
	if f.owns == nil {
		f.owns = map[*execution.Command]bool{}
	}
	owns := ownsLoginCommand(p, l, md)
	f.owns[l.Command] = owns
	return owns
}

func ownsLoginCommand(p *Pass, l *execution.Login, md *parser.MethodDecl) bool {
	logins := p.dockerLogins()
	nodes := map[*execution.Node]bool{} // the nodes that run l's command
	for _, o := range logins {
		if o.Command == l.Command {
			nodes[o.Node] = true
		}
	}
	for _, q := range logins {
		if !q.Logout && nodes[q.Node] && !md.Body.Span.Contains(q.Span()) {
			return false
		}
	}
	for _, o := range logins {
		if o.Logout && md.Body.Span.Contains(o.Span()) && o.Span().Start > l.Span().End {
			return true
		}
	}
	return false
}

// pushCommands are the docker subcommands that certainly use a login: they
// push or pull.
var pushCommands = map[string]bool{"push": true, "pull": true, "run": true, "create": true, "buildx": true,
	"compose": true, "manifest": true, "image": true, "trust": true, "plugin": true, "scout": true}

// composePulls are the docker-compose (v1) commands that pull images.
var composePulls = map[string]bool{"pull": true, "up": true, "create": true, "run": true, "push": true}

// usesLogin returns the span of a docker command after login l, inside
// block within (its own script included), that pushes or pulls, or a logout
// in the login's own script: the sign that a library step uses the login
// itself rather than for its caller.
func usesLogin(p *Pass, l *execution.Login, within *parser.Block) *parser.Span {
	for _, st := range p.Model().Steps() {
		if !within.Span.Contains(st.Call.Span) || st.Call.End < l.Span().End {
			continue
		}
		for _, c := range st.Commands {
			if st == l.Step && c.Start < l.Command.End {
				continue
			}
			d, ok := execution.ParseDocker(c)
			// A push or pull, or the step's own logout: the login is for
			// the step itself.
			if ok && (pushCommands[d.SubCmd()] || d.SubCmd() == "logout" && st == l.Step) || composeUses(c) {
				s := c.Span()
				return &s
			}
		}
	}
	return nil
}

// composeUses reports whether c is a docker-compose command that pulls or
// pushes images (`docker-compose -f x.yml up -d`).
func composeUses(c *execution.Command) bool {
	if c.Name() != "docker-compose" {
		return false
	}
	ws := c.Words[1:]
	for i := 0; i < len(ws); i++ {
		switch w := ws[i].Norm; {
		case composeValueOpts[w]:
			i++ // its value
		case !strings.HasPrefix(w, "-"):
			return composePulls[w]
		}
	}
	return false
}

// composeValueOpts are docker-compose's global options that take a value.
var composeValueOpts = map[string]bool{"-p": true, "--project-name": true, "-f": true, "--file": true,
	"--env-file": true, "--profile": true, "--project-directory": true, "-H": true, "--host": true,
	"-c": true, "--context": true, "--ansi": true, "--log-level": true}

// registryCommands are the docker subcommands that may need a registry
// login: they push or pull images.
var registryCommands = map[string]bool{"push": true, "pull": true, "run": true, "create": true, "build": true,
	"buildx": true, "compose": true, "manifest": true, "image": true, "trust": true, "plugin": true, "stack": true, "service": true}

// dockerAfter returns the span of a docker command that may need a login
// (a push, pull, build, …) on a shared node, starting at or after offset
// from (inside within when within is not nil) with no login of its own
// before it on its node; nil when there is none.
func dockerAfter(p *Pass, from int, within *parser.Block) *parser.Span {
	ix := p.dockerUses()
	k := sort.Search(len(ix.uses), func(i int) bool { return ix.uses[i].span.Start >= from })
	for _, u := range ix.uses[k:] {
		if within != nil && !within.Span.Contains(u.span) {
			continue
		}
		// A login of its own on its node, after from and before it?
		ls := ix.logins[u.node]
		j := sort.SearchInts(ls, from)
		if j < len(ls) && ls[j] < u.span.Start {
			continue
		}
		s := u.span
		return &s
	}
	return nil
}

// dockerUse is a docker command that may need a login, on a shared node.
type dockerUse struct {
	span parser.Span
	node *execution.Node
}

// useIndex holds the file's docker commands that may need a login, in
// source order, and the offsets of the logins on each node.
type useIndex struct {
	uses   []dockerUse
	logins map[*execution.Node][]int
}

func (p *Pass) dockerUses() *useIndex {
	f := p.shared()
	if f.uses != nil {
		return f.uses
	}
	ix := &useIndex{logins: map[*execution.Node][]int{}}
	m := p.Model()
	for _, st := range m.Steps() {
		n := m.NodeOf(st.Path)
		if n.PerBuild() {
			continue
		}
		for _, c := range st.Commands {
			if d, ok := execution.ParseDocker(c); ok && registryCommands[d.SubCmd()] {
				ix.uses = append(ix.uses, dockerUse{c.Span(), n})
			}
		}
	}
	sort.SliceStable(ix.uses, func(i, j int) bool { return ix.uses[i].span.Start < ix.uses[j].span.Start })
	for _, o := range p.dockerLogins() {
		if !o.Logout {
			ix.logins[o.Node] = append(ix.logins[o.Node], o.Span().Start)
		}
	}
	for _, ls := range ix.logins {
		sort.Ints(ls)
	}
	f.uses = ix
	return ix
}

// dockerConfigValue is the DOCKER_CONFIG the fixes write, as GString text.
func dockerConfigValue(p *Pass) string {
	if p.Config != nil && p.Config.DockerConfig != "" {
		return p.Config.DockerConfig
	}
	return DefaultDockerConfig
}

// prepLines are the steps that create the DOCKER_CONFIG directory on a
// node of the given OS; on Unix they also make the node's CLI plugins and
// buildx builders visible in it when the file uses them (they hold no
// credentials).
func prepLines(p *Pass, os execution.OS) []string {
	if os == execution.Windows {
		return []string{`powershell 'New-Item -ItemType Directory -Force -Path $env:DOCKER_CONFIG | Out-Null'`}
	}
	// The node's CLI plugins (buildx, compose) and buildx builders live in
	// ~/.docker, which a job-scoped config hides; they hold no credentials,
	// and the scripts a pipeline runs may use them, so they are kept.
	keep := []string{"cli-plugins", "buildx"}
	if f := p.shared(); !f.done.trust {
		f.trust, f.done.trust = usesContentTrust(p.Model()), true
	}
	if p.facts.trust {
		keep = append(keep, "trust")
	}
	lines := []string{"sh '''", `    mkdir -p "$DOCKER_CONFIG"`}
	for _, d := range keep {
		if d == "trust" {
			// A later step may create ~/.docker/trust: link it anyway.
			lines = append(lines, `    ln -sfn "$HOME/.docker/trust" "$DOCKER_CONFIG/trust"`)
			continue
		}
		lines = append(lines, `    if [ -d "$HOME/.docker/`+d+`" ]; then ln -sfn "$HOME/.docker/`+d+`" "$DOCKER_CONFIG/`+d+`"; fi`)
	}
	return append(lines, "'''")
}

// usesContentTrust reports whether the file uses Docker content trust,
// whose keys live in ~/.docker/trust on the node.
func usesContentTrust(m *execution.Model) bool {
	for _, st := range m.Steps() {
		if st.Script == nil {
			continue
		}
		if strings.Contains(st.Text, "DOCKER_CONTENT_TRUST") || strings.Contains(st.Text, ".docker/trust") || strings.Contains(st.Text, "docker trust") {
			return true
		}
	}
	for _, pl := range m.File.Pipelines {
		if pl.Environment.Lookup("DOCKER_CONTENT_TRUST") != nil {
			return true
		}
	}
	return false
}

// removeLine is the cleanup step that deletes the DOCKER_CONFIG directory,
// so no token outlives the build even when the logout fails.
// With sudo the files in it belong to root, and so does their removal.
func removeLine(os execution.OS, sudo bool) string {
	if os == execution.Windows {
		return `powershell 'Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $env:DOCKER_CONFIG'`
	}
	if sudo {
		return `sh 'sudo rm -rf "$DOCKER_CONFIG"'`
	}
	return `sh 'rm -rf "$DOCKER_CONFIG"'`
}

// dockerConfigFix returns the fix that gives login l a DOCKER_CONFIG unique
// to the build, placed by the execution model, or why there is none: the
// plan refuses or the file's shape leaves no place for it. It is worked out
// once per login; three rules ask.
func dockerConfigFix(p *Pass, l *execution.Login) (Fix, string) {
	f := p.shared()
	r, ok := f.configFixes[l]
	if !ok {
		r.fix, r.why = configFix(p, l)
		if f.configFixes == nil {
			f.configFixes = map[*execution.Login]fixOutcome{}
		}
		f.configFixes[l] = r
	}
	// Each caller gets edits of its own to extend.
	r.fix.Edits = slices.Clone(r.fix.Edits)
	return r.fix, r.why
}

// configFix is dockerConfigFix without the cache.
func configFix(p *Pass, l *execution.Login) (Fix, string) {
	pln := planFor(p, l)
	if why := refusal(p, l, pln); why != "" {
		return Fix{}, why
	}
	by := l.Drops("DOCKER_CONFIG")
	if by != "" && by != "sudo" {
		return Fix{}, notFixedReason(p, l)
	}
	var fix Fix
	why := "the file does not tell which node runs the login"
	switch pln.kind {
	case atPipeline, atStage:
		fix, why = declarativeConfigFix(p, l, pln)
	case wrapBlock:
		fix, why = wrapFix(p, l, pln, true)
	}
	if why != "" {
		return Fix{}, why
	}
	if by == "sudo" {
		// sudo resets the environment: every sudo docker command of the
		// file names the config itself.
		edits, why := sudoConfigEdits(p)
		if why != "" {
			return Fix{}, why
		}
		fix.Level = Review
		fix.Message += " and pass it to each sudo docker with --config"
		fix.Edits = append(fix.Edits, edits...)
	}
	return fix, ""
}

// sudoConfig is the option that gives a docker command run through sudo
// the job's config. The shell expands it before sudo runs, so it needs
// neither sudo 1.8.21's --preserve-env=NAME nor a sudoers rule that lets
// the environment through.
const sudoConfig = `--config "$DOCKER_CONFIG"`

// cliPlugins are the docker subcommands that common CLI plugins provide.
var cliPlugins = map[string]bool{"buildx": true, "compose": true, "scan": true, "scout": true, "sbom": true}

// sudoConfigEdits insert --config "$DOCKER_CONFIG" after docker in each
// `sudo … docker` command that does not keep the environment, quoted for
// the Groovy string that holds it; or say why one cannot be.
func sudoConfigEdits(p *Pass) ([]Edit, string) {
	f := p.shared()
	if f.sudo == nil {
		edits, why := findSudoConfigEdits(p)
		f.sudo = &sudoEdits{edits, why}
	}
	return f.sudo.edits, f.sudo.why
}

func findSudoConfigEdits(p *Pass) ([]Edit, string) {
	var out []Edit
	seen := map[int]bool{}
	for _, st := range p.ShellSteps() {
		for _, c := range st.Commands {
			d, ok := execution.ParseDocker(c)
			if !ok || d.Drops("DOCKER_CONFIG") != "sudo" || d.Config != nil {
				continue
			}
			if cliPlugins[d.SubCmd()] {
				return nil, "docker runs a CLI plugin (" + d.SubCmd() + ") through sudo: a job-scoped config would hide the plugins in the other user's ~/.docker"
			}
			if st.Script == nil || len(c.Via) > 0 {
				return nil, "a sudo docker command is in a script built from parts or in a nested shell, where the fix cannot quote --config \"$DOCKER_CONFIG\""
			}
			opt := groovyQuoted(sudoConfig, st.Script.Kind)
			if opt == "" {
				return nil, "a sudo docker command is in a kind of Groovy string the fix cannot quote --config \"$DOCKER_CONFIG\" in"
			}
			at := st.FileOffset(d.Words[0].End)
			if !seen[at] {
				seen[at] = true
				out = append(out, Edit{Start: at, End: at, New: " " + opt})
			}
		}
	}
	return out, ""
}

// groovyQuoted returns shell text written for a Groovy string of kind k, so
// that the script receives text itself: $ and " escaped in double quotes;
// "" for kinds it does not write into.
func groovyQuoted(text string, k parser.StringKind) string {
	switch k {
	case parser.SingleQuoted, parser.TripleSingleQuoted:
		if strings.ContainsAny(text, `'\`) {
			return ""
		}
		return text
	case parser.DoubleQuoted:
		return doubleQuotedEscaper.Replace(text)
	case parser.TripleDoubleQuoted:
		return tripleQuotedEscaper.Replace(text)
	}
	return ""
}

// declarativeConfigFix puts DOCKER_CONFIG in the environment of the
// pipeline or stage of the plan, the prep step first, and the removal of
// the directory in its post { cleanup }.
func declarativeConfigFix(p *Pass, l *execution.Login, pln plan) (Fix, string) {
	w := p.writer()
	pl, st := pln.pl, pln.st
	tmpl := dockerConfigValue(p)
	entry := `DOCKER_CONFIG = "` + tmpl + `"`
	fix := Fix{Message: "add a job-scoped DOCKER_CONFIG", Level: Safe}

	var env *parser.Environment
	var body *parser.Block
	var post *parser.Post
	var after []*parser.Section
	if st != nil {
		env, body, post = st.Environment, st.Body, st.Post
		if st.Agent != nil {
			after = append(after, st.Agent.Section)
		}
	} else {
		env, body, post = pl.Environment, pl.Body, pl.Post
		if pl.Agent != nil {
			after = append(after, pl.Agent.Section)
		}
		if pl.Options != nil {
			after = append(after, pl.Options)
		}
	}
	var e *parser.EnvEntry
	if l.ConfigSet && l.Config.Where == "environment" {
		e = envEntryAt(l.Scope, l.Config.Span)
	}
	if e == nil {
		e = env.Lookup("DOCKER_CONFIG")
	}
	switch {
	case e != nil:
		fix.Edits = append(fix.Edits, Edit{Start: e.Value.Pos().Start, End: e.Value.Pos().End, New: `"` + tmpl + `"`})
	case env != nil && env.Block != nil && env.Block.Rbrace >= 0:
		fix.Edits = append(fix.Edits, w.appendToBlock(env.Block, []string{entry}))
	case env != nil:
		return Fix{}, "the environment block is not closed"
	default:
		lines := w.block("environment", []string{entry})
		var last *parser.Section
		for _, s := range after {
			if last == nil || s.Call.End > last.Call.End {
				last = s
			}
		}
		if last != nil {
			fix.Edits = append(fix.Edits, w.insertLinesAfter(last.Call.End, lines))
		} else {
			fix.Edits = append(fix.Edits, w.prependToBlock(body, lines))
		}
	}

	if !p.createsDockerConfig() {
		prep := prepLines(p, pln.os)
		switch {
		case st != nil && st.Steps != nil:
			if st.Steps.Block == nil || st.Steps.Block.Rbrace < 0 {
				return Fix{}, "the stage's steps block is not closed"
			}
			fix.Edits = append(fix.Edits, w.prependToBlock(st.Steps.Block, prep))
		case st != nil && st.Stages == nil:
			return Fix{}, "the stage has no steps or stages block of its own to create the directory in"
		default:
			// A first stage of the pipeline, or of the stage's own
			// sequential stages.
			stages, where := pl.Stages, "the pipeline"
			if st != nil {
				stages, where = st.Stages, "the stage"
			}
			if stages == nil || stages.Block == nil || stages.Block.Rbrace < 0 {
				return Fix{}, where + " has no stages block to add the prep stage to"
			}
			stage := w.block("stage('"+prepStageName+"')", w.block("steps", prep))
			fix.Edits = append(fix.Edits, w.prependToBlock(stages.Block, stage))
		}
	}
	if !removesDockerConfig(p, post) {
		rm, why := cleanupStepFix(p, body, post, removeLine(pln.os, l.ResetBy() == "sudo"), false)
		if why != "" {
			return Fix{}, why
		}
		fix.Edits = append(fix.Edits, rm.Edits...)
	}
	return fix, ""
}

// removesDockerConfig reports whether post { cleanup } already deletes the
// DOCKER_CONFIG directory.
func removesDockerConfig(p *Pass, post *parser.Post) bool {
	c := post.Condition("cleanup")
	return c != nil && c.Block != nil && p.cleanup(c.Block).removesDir
}

// wrapFix wraps the statements of the plan's block (a node body, a withEnv
// body, a library step's body) so that the logouts of its logins and the
// removal of the config run in a finally; withConfig also sets a job-scoped
// DOCKER_CONFIG around them and creates it first. The fix is the same for
// every login of the block, so it is applied once.
func wrapFix(p *Pass, l *execution.Login, pln plan, withConfig bool) (Fix, string) {
	w := p.writer()
	blk := pln.block
	if blk == nil || blk.Rbrace < 0 || w.lineStart(blk.Rbrace) <= blk.Lbrace || len(blk.Stmts) == 0 {
		return Fix{}, "the block is on one line or empty"
	}
	// A config the block already sets stays; a shared one set in Groovy
	// code is not ours to replace.
	if withConfig && l.ConfigSet {
		return Fix{}, "DOCKER_CONFIG is set in Groovy code to a shared value: change it there"
	}
	var logouts []string
	seen := map[string]bool{}
	for _, o := range p.dockerLogins() {
		if o.Logout || o.Plugin || !pathHasNode(o.Scope.Path, blk) || o.Node != l.Node {
			continue
		}
		// A login whose own cleanup is inside the block keeps it: the
		// cleanup runs with the block's new config too.
		if by := p.Model().Lifecycle(o).By; by != nil && (!withConfig || pathHasNode(by.Scope.Path, blk)) {
			continue
		}
		reg, ok := logoutRegistry(p.File, o)
		if !ok {
			// A parameter of the method whose body is wrapped is still in
			// scope in the finally.
			if reg, ok = paramRegistry(p.File, o, l.Method, blk); !ok {
				return Fix{}, "the registry is in a local variable that a cleanup cannot see"
			}
		}
		if reg.Shell && boundInside(p.File, o.Scope, blk, strings.TrimPrefix(strings.Trim(reg.Text, "{}$"), "$")) {
			return Fix{}, "the registry is in a variable that a withCredentials or withEnv inside the block binds, which the finally cannot see"
		}
		if reg.Groovy && assignedIn(blk, interpolationRoot(reg.Text)) {
			// The finally may run before the assignment: the logout would
			// then fail on a missing property and skip the removal.
			return Fix{}, "the registry is in a variable the block assigns, which a finally may reach before it is set"
		}
		step := logoutStep(reg, p.prefersDouble(), pln.os)
		if !seen[step] {
			seen[step] = true
			logouts = append(logouts, step)
		}
	}
	first := blk.Stmts[0].Pos().Start
	if !w.onlySpaceBefore(first) || w.lineStart(first) <= blk.Lbrace || !w.onlySpaceBefore(blk.Rbrace) {
		return Fix{}, "the block's first statement or closing brace shares a line with other code"
	}
	// The wrappers, outermost first. In declarative steps, try/finally
	// needs a script block around it.
	var open, pre []string
	if withConfig && methodBody(l, blk) {
		// A library step or helper may run where its caller has a
		// job-scoped config of the same name, or twice at once on one
		// node: each call makes a directory of its own, so its cleanup
		// removes nothing another call or the caller still uses.
		mk, why := perCallConfig(p, blk, pln.os)
		if why != "" {
			return Fix{}, why
		}
		pre = append(pre, mk)
		open = append(open, `withEnv(["DOCKER_CONFIG=${`+perCallVar+`}"]) {`)
	} else if withConfig {
		open = append(open, `withEnv(["DOCKER_CONFIG=`+groovyEnvValue(dockerConfigValue(p))+`"]) {`)
	}
	if inDeclarativeSteps(l.Scope, blk) {
		open = append(open, "script {")
	}
	open = append(open, "try {")
	depth := len(open)
	head := pre
	var tail []string
	for i, o := range open {
		head = append(head, strings.Repeat(w.unit, i)+o)
	}
	tryInd := strings.Repeat(w.unit, depth-1)
	bodyInd := tryInd + w.unit
	if withConfig && !p.createsDockerConfig() {
		for _, s := range prepLines(p, pln.os) {
			head = append(head, bodyInd+s)
		}
	}
	tail = append(tail, tryInd+"} finally {")
	for _, s := range logouts {
		tail = append(tail, bodyInd+s)
	}
	if withConfig {
		tail = append(tail, bodyInd+removeLine(pln.os, l.ResetBy() == "sudo"))
	}
	for i := depth - 1; i >= 0; i-- {
		tail = append(tail, strings.Repeat(w.unit, i)+"}")
	}
	ind := w.indentOf(first)
	fix := Fix{Message: "run the block with a job-scoped DOCKER_CONFIG and log out in a finally", Level: Safe}
	if !withConfig {
		fix.Message = "log out in a finally around the block"
	}
	at := w.lineStart(first)
	fix.Edits = append(fix.Edits, Edit{Start: at, End: at, New: w.lines(ind, head)})
	// Indent the wrapped lines, except those that continue a multi-line
	// string (their text is the script).
	strs := spanCursor{stringSpans(blk)}
	extra := strings.Repeat(w.unit, depth)
	end := w.lineStart(blk.Rbrace)
	for off := at; off < end; off = w.lineEnd(off) {
		if strs.inside(off) || len(bytes.TrimSpace(w.src[off:w.lineEnd(off)])) == 0 {
			continue
		}
		fix.Edits = append(fix.Edits, Edit{Start: off, End: off, New: extra})
	}
	fix.Edits = append(fix.Edits, Edit{Start: end, End: end, New: w.lines(ind, tail)})
	return fix, ""
}

// perCallVar is the Groovy variable that holds the directory a wrapped
// library step or helper makes for each call.
const perCallVar = "jobDockerConfig"

// methodBody reports whether blk is the body of the method (a library
// step's call or a helper) that holds login l.
func methodBody(l *execution.Login, blk *parser.Block) bool {
	md := execution.EnclosingMethod(l.Step.Path)
	return md != nil && md.Body == blk
}

// perCallConfig returns the statement that makes a new directory for one
// call of a wrapped method, named after the configured DOCKER_CONFIG value
// (`…/docker-${BUILD_NUMBER}-Xa9…`), and stores it in perCallVar; or why
// there is none.
func perCallConfig(p *Pass, blk *parser.Block, os execution.OS) (string, string) {
	if os == execution.Windows {
		return "", "a library step or helper needs a directory of its own for each call, which the fix makes with mktemp, on Unix agents only"
	}
	tmpl := dockerConfigValue(p)
	if strings.ContainsAny(tmpl, `'\`) {
		return "", "the DOCKER_CONFIG value holds a quote or backslash, which the per-call directory's sh step cannot carry"
	}
	if bytes.Contains(p.File.Src[blk.Lbrace:blk.Rbrace], []byte(perCallVar)) {
		return "", "the method already uses the name " + perCallVar
	}
	return `def ` + perCallVar + ` = sh(returnStdout: true, script: 'p="` + tmpl + `"; mkdir -p "${p%/*}" && mktemp -d "$p-XXXXXXXX"').trim()`, ""
}

// trapFix adds an EXIT trap that logs out and removes the config to the
// script that makes its own DOCKER_CONFIG, right after the line that sets
// it. Only multi-line scripts in triple-quoted strings get one, and never
// one that has a trap already (a second trap would replace it).
func trapFix(p *Pass, l *execution.Login) (Fix, string) {
	st := l.Step
	if st.Script == nil || st.Shell != "sh" || (st.Script.Kind != parser.TripleSingleQuoted && st.Script.Kind != parser.TripleDoubleQuoted) {
		return Fix{}, "the script that sets DOCKER_CONFIG is not a multi-line sh script, where an EXIT trap could go"
	}
	for _, c := range st.Commands {
		if c.Name() == "trap" {
			return Fix{}, "the script already has a trap, which an EXIT trap would replace"
		}
	}
	if l.Config.Where != "script" || l.Config.Span.Start < st.Script.Content.Start || l.Config.Span.End > st.Script.Content.End {
		return Fix{}, "DOCKER_CONFIG is not set by the script itself"
	}
	w := p.writer()
	// The trap goes on a line of its own after the assignment's line,
	// inside the script.
	if end := w.lineEnd(l.Config.Span.End); end > st.Script.Content.End || strings.HasSuffix(strings.TrimRight(string(p.File.Src[l.Config.Span.End:end]), "\r\n"), "\\") {
		return Fix{}, "the line that sets DOCKER_CONFIG continues on the next line"
	}
	_, regWord := execution.DockerRegistry(l.Rest())
	reg := ""
	if regWord != nil {
		span := st.Span(regWord.Start, regWord.End)
		reg = " " + string(p.File.Src[span.Start:span.End])
		if strings.ContainsAny(reg, "'\n") {
			return Fix{}, "the registry is written with quotes a trap cannot hold"
		}
	}
	dollar := "$"
	if st.Script.Kind == parser.TripleDoubleQuoted {
		dollar = `\$`
	}
	name := "DOCKER_CONFIG"
	if l.DockerCmd.Config != nil {
		v := strings.TrimPrefix(l.DockerCmd.Config.Norm, "$")
		if !isShellName(v) {
			return Fix{}, "the --config value is not a plain variable"
		}
		name = v
	}
	trap := "trap 'docker --config \"" + dollar + name + "\" logout" + reg + "; rm -rf \"" + dollar + name + "\"' EXIT"
	if l.DockerCmd.Config == nil {
		trap = "trap 'docker logout" + reg + "; rm -rf \"" + dollar + name + "\"' EXIT"
	}
	return Fix{Message: "log out and remove the script's config in an EXIT trap", Level: Safe,
		Edits: []Edit{w.insertLinesAfter(l.Config.Span.End, []string{trap})}}, ""
}

// paramRegistry returns the registry of login o when its text interpolates
// a parameter of method md whose body is blk, or ok false.
func paramRegistry(f *parser.File, o *execution.Login, md *parser.MethodDecl, blk *parser.Block) (Registry, bool) {
	if md == nil || md.Body != blk {
		return Registry{}, false
	}
	_, w := execution.DockerRegistry(o.Rest())
	if w == nil || !strings.Contains(w.Text, "__G") {
		return Registry{}, false
	}
	span := o.Step.Span(w.Start, w.End)
	text := strings.Trim(string(f.Src[span.Start:span.End]), `"'`)
	if strings.ContainsAny(text, "\"'` \t\r\n") {
		return Registry{}, false
	}
	root := interpolationRoot(text)
	for _, prm := range md.Params {
		if prm.Name == root {
			return Registry{Text: text, Groovy: true}, true
		}
	}
	return Registry{}, false
}

// boundInside reports whether a withCredentials, withEnv or similar step
// on the scope's path inside blk names the variable name in its arguments
// (`variable: 'REG'`, `"REG=…"`): a finally around blk runs without it.
func boundInside(f *parser.File, sc *execution.Scope, blk *parser.Block, name string) bool {
	if name == "" {
		return false
	}
	for _, n := range sc.Path {
		c, ok := n.(*parser.Call)
		if !ok || !blk.Span.Contains(c.Span) || c.Body() == nil {
			continue
		}
		for _, a := range c.Args {
			if a.Value == nil {
				continue
			}
			t := string(f.Src[a.Value.Pos().Start:a.Value.Pos().End])
			if strings.Contains(t, "'"+name+"'") || strings.Contains(t, `"`+name+`"`) || strings.Contains(t, name+"=") {
				return true
			}
		}
	}
	return false
}

// assignedIn reports whether blk assigns the variable name (`name = …`,
// without a declaration).
func assignedIn(blk *parser.Block, name string) bool {
	found := false
	if name == "" {
		return false
	}
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

// inDeclarativeSteps reports whether blk, on the scope's path, is a block of
// declarative steps (a withEnv body in steps { }) rather than Groovy code
// (a script block, a node body, a method).
func inDeclarativeSteps(sc *execution.Scope, blk *parser.Block) bool {
	if sc.Pipeline == nil {
		return false
	}
	inPipeline := false
	for _, n := range sc.Path {
		if n == parser.Node(sc.Pipeline.Call) {
			inPipeline = true
		}
		if c, ok := n.(*parser.Call); ok && inPipeline && c.Name() == "script" {
			return false
		}
		if _, ok := n.(*parser.MethodDecl); ok && inPipeline {
			return false // a helper method's body, reached from a step
		}
		if n == parser.Node(blk) {
			return inPipeline
		}
	}
	return false
}

// groovyEnvValue turns the GString text of the DOCKER_CONFIG template into
// the text of a withEnv entry, where Jenkins' variables are read through env.
func groovyEnvValue(tmpl string) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if strings.HasPrefix(tmpl[i:], "${") {
			if j := strings.IndexByte(tmpl[i:], '}'); j > 0 {
				name := tmpl[i+2 : i+j]
				if isShellName(name) {
					b.WriteString("${env." + name + "}")
					i += j
					continue
				}
			}
		}
		b.WriteByte(tmpl[i])
	}
	return b.String()
}

func pathHasNode(path []parser.Node, n parser.Node) bool {
	for _, x := range path {
		if x == n {
			return true
		}
	}
	return false
}

// stringSpans returns the spans of the outermost strings inside blk.
func stringSpans(blk *parser.Block) []parser.Span {
	var out []parser.Span
	parser.Inspect(blk, func(n parser.Node) bool {
		if s, ok := n.(*parser.String); ok {
			out = append(out, s.Span)
			return false
		}
		return true
	})
	return out
}

// spanCursor tells whether offsets, asked in increasing order, lie strictly
// inside one of disjoint spans in source order (those of stringSpans): a
// block's lines are asked about in one pass over its strings.
type spanCursor struct{ spans []parser.Span }

func (c *spanCursor) inside(off int) bool {
	for len(c.spans) > 0 && c.spans[0].End <= off {
		c.spans = c.spans[1:]
	}
	return len(c.spans) > 0 && c.spans[0].Start < off
}

// createsDockerConfig reports whether some shell step already creates the
// DOCKER_CONFIG directory (`mkdir -p "$DOCKER_CONFIG"`, in any quoting).
func createsDockerConfig(f *parser.File) bool {
	found := false
	f.Inspect(func(n parser.Node) bool {
		s, ok := n.(*parser.String)
		if !ok || found {
			return !found
		}
		var text strings.Builder
		for _, p := range s.Parts {
			text.WriteString(p.Raw)
		}
		t := text.String()
		if i := strings.Index(t, "mkdir"); i >= 0 && strings.Contains(t[i:], "DOCKER_CONFIG") {
			found = true
		}
		return true
	})
	return found
}

// Registry is how a login names its registry, for writing the logout.
type Registry struct {
	// Text is the registry as written in the login: `registry.example.com`,
	// `${DOCKER_REPO}`, `$REGISTRY`; "" for Docker Hub.
	Text string
	// Groovy marks text that Groovy interpolates (`${X}` in a GString);
	// Shell marks a shell variable (`$X` in a single-quoted script).
	Groovy, Shell bool
	// Sudo marks a login run through sudo: its config belongs to root, so
	// the logout runs through sudo too, keeping DOCKER_CONFIG.
	Sudo bool
}

// logoutStep renders the step that logs out of r: a Groovy variable stays
// a Groovy variable, a literal stays a literal, a shell variable is quoted
// so the shell expands it. Where the quotes are a free choice (a literal
// registry), double reports whether the file's own sh steps use double
// quotes. On Windows the step is bat.
func logoutStep(r Registry, double bool, os execution.OS) string {
	q := `'`
	if double {
		q = `"`
	}
	step, docker := "sh ", "docker logout"
	if os == execution.Windows {
		step = "bat "
		if r.Shell {
			return step + `'` + docker + ` "%` + strings.TrimPrefix(r.Text, "$") + `%"'`
		}
	}
	var arg string
	switch {
	case r.Text == "":
	case r.Groovy:
		q, arg = `"`, " "+r.Text
	case r.Shell:
		q, arg = `'`, ` "`+r.Text+`"`
	default:
		arg = " " + r.Text
	}
	if r.Sudo {
		// The config through sudo, as the fix gives it to the login.
		kind := parser.SingleQuoted
		if q == `"` {
			kind = parser.DoubleQuoted
		}
		docker = "sudo docker " + groovyQuoted(sudoConfig, kind) + " logout"
	}
	return step + q + docker + arg + q
}

// cleanupStepFix returns the fix that adds step to `post { cleanup }` of
// the block body (a pipeline's or a stage's), whose post section is post
// (nil when there is none). With beforeRemovers the step goes before the
// first cleanup step that deletes the config or the workspace.
func cleanupStepFix(p *Pass, body *parser.Block, post *parser.Post, step string, beforeRemovers bool) (Fix, string) {
	w := p.writer()
	if body == nil || body.Rbrace < 0 {
		return Fix{}, "the block is not closed"
	}
	var fix Fix
	switch {
	case post == nil:
		fix.Edits = append(fix.Edits, w.appendToBlock(body, w.block("post", w.block("cleanup", []string{step}))))
	case post.Block == nil || post.Block.Rbrace < 0:
		return Fix{}, "the post block is not closed"
	case post.Condition("cleanup") == nil:
		fix.Edits = append(fix.Edits, w.appendToBlock(post.Block, w.block("cleanup", []string{step})))
	default:
		c := post.Condition("cleanup")
		if c.Block == nil || c.Block.Rbrace < 0 {
			return Fix{}, "the cleanup block is not closed"
		}
		// Early in the block, so that a failing cleanup step before it (a
		// docker rmi of an image in use) cannot skip it: a logout before
		// the first step that removes the config or the workspace and
		// first unless a cleanup step may need the login, the removal of
		// the config after the block's last logout.
		ci := p.cleanup(c.Block)
		at, after, last := ci.firstRemover, false, ci.lastLogout
		if !ci.needsLogin && len(c.Block.Stmts) > 0 && w.onlySpaceBefore(c.Block.Stmts[0].Pos().Start) {
			at = c.Block.Stmts[0]
		}
		if !beforeRemovers && last != nil {
			at, after = last, true
			if end := last.Pos().End; len(strings.TrimSpace(string(w.src[end:w.lineEnd(end)]))) > 0 {
				// Code after the logout on its line: at the block's end.
				at, after = nil, false
			}
		}
		if after {
			fix.Edits = append(fix.Edits, w.insertLinesAfter(at.Pos().End, []string{step}))
		} else if at != nil {
			fix.Edits = append(fix.Edits, w.insertLinesBefore(at.Pos().Start, []string{step}))
		} else {
			fix.Edits = append(fix.Edits, w.appendToBlock(c.Block, []string{step}))
		}
	}
	return fix, ""
}

// removesConfig reports whether a cleanup statement deletes the workspace or
// the DOCKER_CONFIG directory: a logout must run before it.
func removesConfig(s parser.Stmt) bool {
	call := parser.StmtCall(s)
	if call == nil || call.Receiver() != nil {
		return false
	}
	switch call.Name() {
	case "cleanWs", "deleteDir":
		return true
	}
	return removesDockerConfigStep(call)
}

// removesDockerConfigStep reports whether a shell step deletes the
// DOCKER_CONFIG directory (rm -rf "$DOCKER_CONFIG", Remove-Item).
func removesDockerConfigStep(call *parser.Call) bool {
	for _, str := range textStrings(call) {
		t := str.Raw(nil)
		if strings.Contains(t, "DOCKER_CONFIG") && (strings.Contains(t, "rm ") || strings.Contains(t, "Remove-Item")) {
			return true
		}
	}
	return false
}

// cleanupLogoutFix returns the fix that logs out of r in `post { cleanup }`
// of the block body (a pipeline's or a stage's), before any step there that
// deletes the config.
func cleanupLogoutFix(p *Pass, body *parser.Block, post *parser.Post, r Registry, os execution.OS) (Fix, string) {
	fix, why := cleanupStepFix(p, body, post, logoutStep(r, p.prefersDouble(), os), true)
	fix.Message, fix.Level = "log out of "+describeRegistry(r)+" in post { cleanup { } }", Safe
	return fix, why
}

func describeRegistry(r Registry) string {
	if r.Text == "" {
		return "Docker Hub"
	}
	return r.Text
}

// prefersDoubleQuotes reports whether most of the sh steps among steps are
// written with double-quoted strings.
func prefersDoubleQuotes(steps []*ShellStep) bool {
	single, double := 0, 0
	for _, st := range steps {
		if st.Script == nil {
			continue
		}
		switch st.Script.Kind {
		case parser.SingleQuoted, parser.TripleSingleQuoted:
			single++
		case parser.DoubleQuoted, parser.TripleDoubleQuoted:
			double++
		}
	}
	return double > single
}

// placements counts the places a login's command is judged at: more than
// one for a helper method called from several places.
func placements(p *Pass, l *execution.Login) int {
	f := p.shared()
	if f.placements == nil {
		f.placements = map[*execution.Command]int{}
		for _, o := range p.dockerLogins() {
			f.placements[o.Command]++
		}
	}
	return f.placements[l.Command]
}

// The escapes that put text into a "..." and a """...""" Groovy string.
var (
	doubleQuotedEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`)
	tripleQuotedEscaper = strings.NewReplacer(`\`, `\\`, `$`, `\$`)
)
