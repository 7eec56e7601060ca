// Package baseline records known findings so that later runs report only
// new ones: a migration starts from a baseline and works it down.
//
// A finding is known by its file, rule, message and the trimmed text of its
// source line, not by its line number, so that edits elsewhere in the file do
// not bring it back. Identical findings are counted.
package baseline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"jfcheck/internal/output"
	"jfcheck/rules"
)

// Version is the version of the file format.
const Version = 1

// Entry is one known finding.
type Entry struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Line    string `json:"line"`
	Count   int    `json:"count"`
}

type file struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Baseline is a loaded baseline.
type Baseline struct {
	known map[Entry]int // Count zero in keys
}

func key(fr *output.FileResult, d rules.Diagnostic) Entry {
	line := ""
	if fr.File != nil {
		line = strings.TrimSpace(fr.File.Lines.LineText(fr.File.Position(d.Span.Start).Line))
	}
	return Entry{Path: filepath.ToSlash(fr.Path), Rule: d.Rule, Message: d.Message, Line: line}
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: not a jfcheck baseline: %v", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d", path, f.Version, Version)
	}
	b := &Baseline{known: map[Entry]int{}}
	for _, e := range f.Findings {
		n := e.Count
		e.Count = 0
		if n < 1 {
			n = 1
		}
		b.known[e] += n
	}
	return b, nil
}

// Filter removes the known findings from each file's diagnostics and
// returns how many it removed.
func (b *Baseline) Filter(files []output.FileResult) int {
	f := b.NewFilter()
	removed := 0
	for i := range files {
		removed += f.File(&files[i])
	}
	return removed
}

// A Filter removes known findings one file at a time, in order; each
// recorded finding removes at most Count findings across the files.
type Filter struct {
	left map[Entry]int
}

// NewFilter starts filtering files against b.
func (b *Baseline) NewFilter() *Filter {
	left := map[Entry]int{}
	for k, v := range b.known {
		left[k] = v
	}
	return &Filter{left: left}
}

// File removes fr's known findings and returns how many it removed.
func (f *Filter) File(fr *output.FileResult) int {
	removed := 0
	kept := fr.Diagnostics[:0]
	for _, d := range fr.Diagnostics {
		k := key(fr, d)
		if f.left[k] > 0 {
			f.left[k]--
			removed++
			continue
		}
		kept = append(kept, d)
	}
	fr.Diagnostics = kept
	return removed
}

// Write records every finding of files in a baseline file at path.
func Write(path string, files []output.FileResult) error {
	var r Recorder
	for i := range files {
		r.File(&files[i])
	}
	return r.Write(path)
}

// A Recorder collects the findings of files one at a time for a baseline.
type Recorder struct {
	counts map[Entry]int
	n      int
}

// File records fr's findings.
func (r *Recorder) File(fr *output.FileResult) {
	if r.counts == nil {
		r.counts = map[Entry]int{}
	}
	for _, d := range fr.Diagnostics {
		r.counts[key(fr, d)]++
		r.n++
	}
}

// Len returns how many findings were recorded.
func (r *Recorder) Len() int { return r.n }

// Write writes the baseline file at path.
func (r *Recorder) Write(path string) error {
	counts := r.counts
	f := file{Version: Version, Findings: []Entry{}}
	for e, n := range counts {
		e.Count = n
		f.Findings = append(f.Findings, e)
	}
	sort.Slice(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
