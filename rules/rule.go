// Package rules holds jfcheck's checks. Each rule lives in its own file and
// is registered in All. Rules are pure functions of a parsed file and the
// configuration: they report diagnostics and keep no state between files.
package rules

import (
	"fmt"
	"strings"

	"jfcheck/execution"
	"jfcheck/parser"
)

// Severity is how serious a finding is.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	}
	return "error"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Edit replaces the bytes [Start, End) with New; Start == End inserts.
type Edit struct {
	Start, End int
	New        string
}

// FixLevel says when a fix is applied.
type FixLevel int

const (
	// Safe fixes are applied by --fix.
	Safe FixLevel = iota
	// Review fixes change behaviour a person should check; they are applied
	// only with --fix=all.
	Review
)

func (l FixLevel) String() string {
	if l == Review {
		return "review"
	}
	return "safe"
}

// Fix is a verb phrase ("add a job-scoped DOCKER_CONFIG") and the edits
// that carry it out. Edits of one fix are applied together or not at all.
type Fix struct {
	Message string
	Level   FixLevel
	Edits   []Edit
}

// Related points at another place that explains a finding.
type Related struct {
	Span    parser.Span
	Message string
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Span     parser.Span
	Message  string
	Related  []Related
	Fixes    []Fix
	// NotFixed says why the finding has no fix at the level asked for,
	// when a fix was looked for and refused.
	NotFixed string
}

// Rule describes one check.
type Rule struct {
	// ID is a short stable code such as "JF101".
	ID string
	// Name is the kebab-case name used in output, configuration and
	// suppression comments.
	Name string
	// Title is one line, lower case, no final period.
	Title string
	// Severity is the default severity.
	Severity Severity
	// Fixable tells whether the rule offers fixes.
	Fixable bool
	// Check reports the rule's findings in a file.
	Check func(p *Pass)
}

// Pass is what a rule sees of one file.
type Pass struct {
	File   *parser.File
	Config *Config
	rule   *Rule
	diags  []Diagnostic
	facts  *facts
	seen   map[reportKey]int // index in diags of each finding reported
}

// reportKey identifies a finding for Report's deduplication.
type reportKey struct {
	span parser.Span
	msg  string
}

// facts are what several rules compute from one file: computed once per
// file, on first use, and shared by the passes of that file.
type facts struct {
	model    *execution.Model
	w        *writer
	mkdir    bool
	trust    bool // usesContentTrust
	double   bool // prefersDoubleQuotes
	removers [][]parser.Node
	cleanups map[*parser.Block]cleanupInfo
	// uses indexes the docker commands for the fixes.
	uses       *useIndex
	placements map[*execution.Command]int
	done       struct{ mkdir, trust, double, removers bool }
	// decl holds the declarative validator's findings once computed.
	decl *[]Diagnostic
	// agentStages caches otherAgentStage per pipeline.
	agentStages map[*parser.Pipeline]*parser.Stage
	// under indexes the shell steps by the nodes on their paths.
	under map[parser.Node][]*ShellStep
	// owns caches ownsLogin's finding for each login command.
	owns map[*execution.Command]bool
	// sudo caches sudoConfigEdits, the same for every login of the file.
	sudo *sudoEdits
	// configFixes caches dockerConfigFix for each login, which three
	// rules ask about.
	configFixes map[*execution.Login]fixOutcome
}

// fixOutcome is a fix, or why there is none.
type fixOutcome struct {
	fix Fix
	why string
}

// sudoEdits is what sudoConfigEdits found.
type sudoEdits struct {
	edits []Edit
	why   string
}

// cleanupInfo is what the fixes need to know of a cleanup block.
type cleanupInfo struct {
	firstRemover parser.Stmt // the first step deleting the config or workspace
	removesDir   bool        // a step deletes the DOCKER_CONFIG directory
	lastLogout   parser.Stmt // the last statement running a docker logout
	needsLogin   bool        // a step runs docker that may need the login
}

// prefersDouble reports whether the file's sh steps mostly use double
// quotes (see prefersDoubleQuotes).
func (p *Pass) prefersDouble() bool {
	if f := p.shared(); !f.done.double {
		f.double, f.done.double = prefersDoubleQuotes(p.ShellSteps()), true
	}
	return p.facts.double
}

// configRemovers returns the paths of the file's steps that delete a
// workspace or the DOCKER_CONFIG directory.
func (p *Pass) configRemovers() [][]parser.Node {
	if f := p.shared(); !f.done.removers {
		f.removers, f.done.removers = configRemovers(p.Model()), true
	}
	return p.facts.removers
}

// cleanup returns what the fixes need to know of the cleanup block blk.
func (p *Pass) cleanup(blk *parser.Block) cleanupInfo {
	f := p.shared()
	if f.cleanups == nil {
		f.cleanups = map[*parser.Block]cleanupInfo{}
	}
	if ci, ok := f.cleanups[blk]; ok {
		return ci
	}
	var ci cleanupInfo
	logouts := map[*parser.Call]bool{}
	for _, st := range p.stepsUnder(blk) {
		for _, c := range st.Commands {
			d, ok := execution.ParseDocker(c)
			switch {
			case !ok:
			case d.SubCmd() == "logout":
				logouts[st.Call] = true
			case registryCommands[d.SubCmd()] || d.SubCmd() == "login":
				ci.needsLogin = true
			}
		}
	}
	for _, s := range blk.Stmts {
		if call := parser.StmtCall(s); call != nil && logouts[call] {
			ci.lastLogout = s
		}
		if ci.firstRemover == nil && removesConfig(s) {
			ci.firstRemover = s
		}
		if call := parser.StmtCall(s); call != nil && call.Receiver() == nil && removesDockerConfigStep(call) {
			ci.removesDir = true
		}
	}
	f.cleanups[blk] = ci
	return ci
}

// otherAgentStage returns otherAgentStage(pl), computed once per pipeline
// of the file rather than once per login.
func (p *Pass) otherAgentStage(pl *parser.Pipeline) *parser.Stage {
	f := p.shared()
	if st, ok := f.agentStages[pl]; ok {
		return st
	}
	if f.agentStages == nil {
		f.agentStages = map[*parser.Pipeline]*parser.Stage{}
	}
	st := otherAgentStage(pl)
	f.agentStages[pl] = st
	return st
}

// stepsUnder returns the shell steps with n on their path, in source
// order.
func (p *Pass) stepsUnder(n parser.Node) []*ShellStep {
	f := p.shared()
	if f.under == nil {
		f.under = map[parser.Node][]*ShellStep{}
		for _, st := range p.ShellSteps() {
			for _, a := range st.Path {
				if l := f.under[a]; len(l) == 0 || l[len(l)-1] != st {
					f.under[a] = append(l, st)
				}
			}
		}
	}
	return f.under[n]
}

func (p *Pass) shared() *facts {
	if p.facts == nil {
		p.facts = &facts{}
	}
	return p.facts
}

// writer returns the edit writer for the file (see newWriter).
func (p *Pass) writer() *writer {
	if f := p.shared(); f.w == nil {
		f.w = newWriter(p.File)
	}
	return p.facts.w
}

// createsDockerConfig reports whether a shell step of the file already
// creates the DOCKER_CONFIG directory.
func (p *Pass) createsDockerConfig() bool {
	if f := p.shared(); !f.done.mkdir {
		f.mkdir, f.done.mkdir = createsDockerConfig(p.File), true
	}
	return p.facts.mkdir
}

// Model returns the file's execution model: where each step runs, with
// which environment, through what (package execution).
func (p *Pass) Model() *execution.Model {
	if f := p.shared(); f.model == nil {
		var opts execution.Options
		if p.Config != nil {
			opts.ShellMethods = p.Config.ShellMethods
		}
		f.model = execution.New(p.File, opts)
	}
	return p.facts.model
}

// ShellSteps returns the file's shell steps (see execution.ShellSteps).
func (p *Pass) ShellSteps() []*ShellStep { return p.Model().Steps() }

// dockerLogins returns the file's shell docker logins and logouts, placed.
func (p *Pass) dockerLogins() []*execution.Login { return p.Model().Logins() }

// Report records a finding of the running rule at span with the rule's
// default severity; options may add fixes or related spans.
//
// The same finding reported twice (a login in a helper method, checked once
// per place that calls the method) is kept once.
func (p *Pass) Report(span parser.Span, msg string, opts ...func(*Diagnostic)) *Diagnostic {
	k := reportKey{span, msg}
	if i, ok := p.seen[k]; ok && i < len(p.diags) && p.diags[i].Span == span && p.diags[i].Message == msg {
		return &p.diags[i]
	}
	if p.seen == nil {
		p.seen = map[reportKey]int{}
	}
	p.seen[k] = len(p.diags)
	p.diags = append(p.diags, Diagnostic{Rule: p.rule.Name, Severity: p.rule.Severity, Span: span, Message: msg})
	d := &p.diags[len(p.diags)-1]
	for _, o := range opts {
		o(d)
	}
	return d
}

// WithFix attaches a fix.
func WithFix(f Fix) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Fixes = append(d.Fixes, f) }
}

// WithRelated attaches a related span.
func WithRelated(span parser.Span, msg string) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Related = append(d.Related, Related{span, msg}) }
}

// WithNotFixed records why a finding has no fix.
func WithNotFixed(reason string) func(*Diagnostic) {
	return func(d *Diagnostic) { d.NotFixed = reason }
}

// WithSeverity overrides the rule's default severity for this finding.
func WithSeverity(s Severity) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Severity = s }
}
