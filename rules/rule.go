// Package rules holds jfcheck's checks. Each rule lives in its own file and
// is registered in All. Rules are pure functions of a parsed file and the
// configuration: they report diagnostics and keep no state between files.
package rules

import (
	"fmt"
	"strings"

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
}

// facts are what several rules compute from one file: computed once per
// file, on first use, and shared by the passes of that file.
type facts struct {
	steps  []*ShellStep
	model  *Model
	logins []dockerLogin
	w      *writer
	mkdir  bool
	done   struct{ steps, model, logins, mkdir bool }
	// decl holds the declarative validator's findings once computed.
	decl *[]Diagnostic
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

// ShellSteps returns the file's shell steps (see ShellSteps).
func (p *Pass) ShellSteps() []*ShellStep {
	p.shared()
	if !p.facts.done.steps {
		p.facts.steps, p.facts.done.steps = ShellSteps(p.File), true
	}
	return p.facts.steps
}

// Model returns the file's declarative index (see NewModel).
func (p *Pass) Model() *Model {
	p.shared()
	if !p.facts.done.model {
		p.facts.model, p.facts.done.model = NewModel(p.File), true
	}
	return p.facts.model
}

// dockerLogins returns the file's shell docker logins and logouts.
func (p *Pass) dockerLogins() []dockerLogin {
	p.shared()
	if !p.facts.done.logins {
		p.facts.logins, p.facts.done.logins = viaCallers(p.File, p.Model(), dockerLogins(p.ShellSteps(), p.Model())), true
	}
	return p.facts.logins
}

// Report records a finding of the running rule at span with the rule's
// default severity; options may add fixes or related spans.
//
// The same finding reported twice (a login in a helper method, checked once
// per place that calls the method) is kept once.
func (p *Pass) Report(span parser.Span, msg string, opts ...func(*Diagnostic)) *Diagnostic {
	d := Diagnostic{Rule: p.rule.Name, Severity: p.rule.Severity, Span: span, Message: msg}
	for _, o := range opts {
		o(&d)
	}
	for i := range p.diags {
		if p.diags[i].Span == span && p.diags[i].Message == msg {
			return &p.diags[i]
		}
	}
	p.diags = append(p.diags, d)
	return &p.diags[len(p.diags)-1]
}

// WithFix attaches a fix.
func WithFix(f Fix) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Fixes = append(d.Fixes, f) }
}

// WithRelated attaches a related span.
func WithRelated(span parser.Span, msg string) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Related = append(d.Related, Related{span, msg}) }
}

// WithSeverity overrides the rule's default severity for this finding.
func WithSeverity(s Severity) func(*Diagnostic) {
	return func(d *Diagnostic) { d.Severity = s }
}
