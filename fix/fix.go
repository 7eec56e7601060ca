// Package fix applies the fixes that rules offer. It edits the original
// bytes at exact spans, never reprints the file, and proves each result
// before handing it back: the fixed text must parse, and the findings whose
// fixes were applied must be gone.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"jfcheck/parser"
	"jfcheck/rules"
)

// ErrOverlap reports fixes whose edits overlap: a bug in a rule.
var ErrOverlap = errors.New("overlapping edits")

// Apply applies edits to src: sorted stably by position, insertions at the
// same offset kept in the given order. Overlapping edits are an error.
func Apply(src []byte, edits []rules.Edit) ([]byte, error) {
	sorted := append([]rules.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var out bytes.Buffer
	out.Grow(len(src) + 256)
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("%w: edit [%d,%d) after offset %d", ErrOverlap, e.Start, e.End, last)
		}
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// Result is what fixing one file gave.
type Result struct {
	// Src is the fixed text; equal to the input when nothing was fixed.
	Src []byte
	// Fixed are the findings whose fixes were applied.
	Fixed []rules.Diagnostic
	// Remaining are the findings of the fixed text.
	Remaining []rules.Diagnostic
	// Problem, when set, tells why the file needs manual attention; Src is
	// then the input, unchanged.
	Problem error
	// Internal is set when the parser failed on the file (a bug in jfcheck).
	Internal *parser.Error
}

// Changed reports whether fixing changed the text.
func (r *Result) Changed(orig []byte) bool { return !bytes.Equal(r.Src, orig) }

// maxRounds bounds the lint-and-fix rounds: a fix may make room for another
// (two rules inserting at one place apply in turn), and review fixes come
// in rounds after the safe ones.
const maxRounds = 6

// File fixes the text of one file with the fixes at or below level (Safe
// fixes only, or Review too). A round of fixes is kept only when its result
// parses, has none of what it fixed, has no Declarative problem the file
// did not have (whatever rules are enabled), and, for fixes that need
// review, still has every finding of the other rules; otherwise nothing is
// written and Problem says why.
func File(name string, src []byte, opts rules.Options, level rules.FixLevel) *Result {
	res := &Result{Src: src}
	f, errs := parser.Parse(name, src)
	diags := rules.Lint(f, errs, opts)
	res.Internal = parser.Internal(errs)
	first := diags
	fail := func(err error) *Result {
		res.Problem = err
		res.Src, res.Fixed, res.Remaining = src, nil, first
		explainRemaining(res, level)
		return res
	}
	if len(errs) > 0 {
		return fail(fmt.Errorf("the file does not parse (%s); nothing fixed", errs[0].Msg))
	}
	cur := src
	jenkins := validDeclarative(f, opts)
	for round := 0; round < maxRounds; round++ {
		// Safe fixes first, in rounds of their own: a review round then
		// answers for its own effect on the other rules' findings.
		chosen, fixed, review := choose(diags, rules.Safe)
		if len(chosen) == 0 && level > rules.Safe {
			chosen, fixed, review = choose(diags, level)
		}
		if len(chosen) == 0 {
			break
		}
		next, err := Apply(cur, chosen)
		if err != nil {
			return fail(fmt.Errorf("internal: %v", err))
		}
		nf, nerrs := parser.Parse(name, next)
		if len(nerrs) > 0 {
			p := nf.Position(nerrs[0].Span.Start)
			return fail(fmt.Errorf("the fixed text would not parse (%d:%d: %s); nothing written", p.Line, p.Col, nerrs[0].Msg))
		}
		if msg := jenkins.refuses(nf); msg != "" {
			return fail(fmt.Errorf("the fixed text would not run on Jenkins (%s); nothing written", msg))
		}
		ndiags := rules.Lint(nf, nil, opts)
		if still := stillThere(fixed, diags, ndiags); still != "" {
			return fail(fmt.Errorf("a fix did not remove what it claimed to (%s); nothing written", still))
		}
		if review {
			if lost := lostFindings(fixed, diags, ndiags); lost != "" {
				return fail(fmt.Errorf("a fix that needs review would hide a %s finding; nothing written", lost))
			}
		}
		res.Fixed = append(res.Fixed, fixed...)
		cur, diags = next, ndiags
	}
	res.Src, res.Remaining = cur, diags
	explainRemaining(res, level)
	return res
}

// lostFindings names a rule none of whose findings was fixed but that has
// fewer findings after the fixes than before, or "".
func lostFindings(fixed, before, after []rules.Diagnostic) string {
	fixedRules := map[string]bool{}
	for _, d := range fixed {
		fixedRules[d.Rule] = true
	}
	count := map[string]int{}
	for _, d := range before {
		if !fixedRules[d.Rule] {
			count[d.Rule]++
		}
	}
	for _, d := range after {
		count[d.Rule]--
	}
	for _, d := range before {
		if !fixedRules[d.Rule] && count[d.Rule] > 0 {
			return d.Rule
		}
	}
	return ""
}

// explainRemaining gives every finding left after fixing a one-line reason
// why it was not fixed, unless its rule already gave one.
func explainRemaining(res *Result, level rules.FixLevel) {
	for i := range res.Remaining {
		d := &res.Remaining[i]
		if d.NotFixed != "" {
			continue
		}
		switch {
		case res.Problem != nil:
			d.NotFixed = "nothing in this file was written: " + res.Problem.Error()
		case len(d.Fixes) == 0:
			if r := rules.Lookup(d.Rule); r != nil && r.Fixable {
				d.NotFixed = "no fix fits this place; change it by hand"
			} else {
				d.NotFixed = "this rule has no fix; change it by hand"
			}
		case d.Fixes[0].Level > level:
			d.NotFixed = "its fix changes behaviour and needs review; see --fix=all"
		default:
			d.NotFixed = "its fix overlaps another one; run --fix again"
		}
	}
}

// choose picks the fixes to apply from diags: the first fix at or below
// level of each finding, identical fixes once, and none that overlaps a fix
// already chosen (it waits for the next round).
func choose(diags []rules.Diagnostic, level rules.FixLevel) ([]rules.Edit, []rules.Diagnostic, bool) {
	var edits []rules.Edit
	var fixed []rules.Diagnostic
	review := false
	var taken [][2]int
	seen := map[string]bool{}
	for _, d := range diags {
		for _, fx := range d.Fixes {
			if fx.Level > level {
				continue
			}
			key := fmt.Sprint(fx.Edits)
			if seen[key] {
				fixed = append(fixed, d)
				break
			}
			if overlaps(taken, fx.Edits) {
				break
			}
			seen[key] = true
			review = review || fx.Level == rules.Review
			for _, e := range fx.Edits {
				taken = append(taken, [2]int{e.Start, e.End})
			}
			edits = append(edits, fx.Edits...)
			fixed = append(fixed, d)
			break
		}
	}
	return edits, fixed, review
}

func overlaps(taken [][2]int, edits []rules.Edit) bool {
	for _, e := range edits {
		for _, t := range taken {
			// Two insertions at one offset would be ambiguous in order;
			// treat them as overlapping too.
			if e.Start < t[1] && t[0] < e.End || e.Start == t[0] {
				return true
			}
		}
	}
	return false
}

// stillThere names a fixed finding that is still reported after the fix: it
// compares, per rule and message, how many findings there were and are.
func stillThere(fixed, before, after []rules.Diagnostic) string {
	count := func(ds []rules.Diagnostic) map[string]int {
		m := map[string]int{}
		for _, d := range ds {
			m[d.Rule+"\x00"+d.Message]++
		}
		return m
	}
	b, a, f := count(before), count(after), count(fixed)
	for k, n := range f {
		if a[k] > b[k]-n {
			rule, _, _ := bytes.Cut([]byte(k), []byte{0})
			return string(rule)
		}
	}
	return ""
}
