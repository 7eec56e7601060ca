package rules

import (
	"fmt"
	"sort"

	"jfcheck/parser"
)

// Options select and adjust the rules for one run.
type Options struct {
	Config *Config
	// Disabled rules do not run.
	Disabled map[string]bool
	// Severity overrides rules' default severities.
	Severity map[string]Severity
	// NoIgnores reports findings that suppression comments would hide.
	NoIgnores bool
}

// Lint runs the rules on a parsed file and returns its findings sorted by
// position. Syntax errors become findings of syntax-error; the other rules
// run only on files that parse.
func Lint(f *parser.File, syntax []parser.Error, opts Options) []Diagnostic {
	cfg := opts.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	var diags []Diagnostic
	if len(syntax) > 0 {
		for _, e := range syntax {
			diags = append(diags, Diagnostic{Rule: SyntaxError.Name, Severity: Error, Span: e.Span, Message: e.Msg})
		}
		return finish(diags, opts)
	}
	shared := &facts{}
	var found [][]Diagnostic
	n := 0
	for _, r := range All() {
		if opts.Disabled[r.Name] {
			continue
		}
		p := &Pass{File: f, Config: cfg, rule: r, facts: shared}
		r.Check(p)
		found = append(found, p.diags)
		n += len(p.diags)
	}
	diags = make([]Diagnostic, 0, n)
	for _, ds := range found {
		diags = append(diags, ds...)
	}
	if !opts.NoIgnores {
		diags = applySuppressions(f, diags, opts)
	}
	return finish(diags, opts)
}

func finish(diags []Diagnostic, opts Options) []Diagnostic {
	out := diags[:0]
	for _, d := range diags {
		if opts.Disabled[d.Rule] {
			continue
		}
		if s, ok := opts.Severity[d.Rule]; ok {
			d.Severity = s
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func applySuppressions(f *parser.File, diags []Diagnostic, opts Options) []Diagnostic {
	sups := parseSuppressions(f)
	if len(sups) == 0 {
		return diags
	}
	var kept []Diagnostic
	for _, d := range diags {
		line := f.Position(d.Span.Start).Line
		hidden := false
		for _, s := range sups {
			if !s.file && line != s.line && line != s.line+1 {
				continue
			}
			for i, name := range s.rules {
				if name == d.Rule && s.reason != "" {
					s.used[i] = true
					hidden = true
				}
			}
		}
		if !hidden {
			kept = append(kept, d)
		}
	}
	report := func(r *Rule, span parser.Span, msg string) {
		if !opts.Disabled[r.Name] {
			kept = append(kept, Diagnostic{Rule: r.Name, Severity: r.Severity, Span: span, Message: msg})
		}
	}
	for _, s := range sups {
		if len(s.rules) == 0 {
			report(InvalidSuppression, s.span, "suppression names no rule: write `jfcheck:ignore RULE -- reason`")
			continue
		}
		if s.reason == "" {
			report(InvalidSuppression, s.span, "suppression gives no reason: add `-- why this is safe` after the rule names")
			continue
		}
		for i, name := range s.rules {
			switch {
			case Lookup(name) == nil:
				report(InvalidSuppression, s.ruleSpan[i], fmt.Sprintf("suppression names unknown rule %q", name))
			case !s.used[i] && !opts.Disabled[name]:
				report(UnusedSuppression, s.ruleSpan[i], fmt.Sprintf("nothing to suppress: no %s finding here; remove the comment", name))
			}
		}
	}
	return kept
}
