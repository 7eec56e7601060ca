package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestRegistry(t *testing.T) {
	names, ids := map[string]bool{}, map[string]bool{}
	for _, r := range rules.All() {
		if names[r.Name] || ids[r.ID] {
			t.Errorf("rule %s (%s) is registered twice", r.Name, r.ID)
		}
		names[r.Name], ids[r.ID] = true, true
		if !kebab.MatchString(r.Name) {
			t.Errorf("rule name %q is not kebab-case", r.Name)
		}
		if r.Title == "" || strings.ToLower(r.Title[:1]) != r.Title[:1] || strings.HasSuffix(r.Title, ".") {
			t.Errorf("rule %s: title %q must be lower case with no final period", r.Name, r.Title)
		}
		if r.Check == nil {
			t.Errorf("rule %s has no Check", r.Name)
		}
		if _, err := os.Stat(filepath.Join("..", "docs", "rules", r.Name+".md")); err != nil {
			t.Errorf("rule %s has no page: %v", r.Name, err)
		}
		cases, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", r.Name, "*.Jenkinsfile"))
		if len(cases) == 0 {
			t.Errorf("rule %s has no testdata in testdata/rules/%s", r.Name, r.Name)
		}
		if rules.Lookup(r.Name) != r {
			t.Errorf("Lookup(%q) does not find the rule", r.Name)
		}
	}
}

var wantRE = regexp.MustCompile(`want((?:\s+"[a-z0-9-]+")+)`)
var quotedRE = regexp.MustCompile(`"([a-z0-9-]+)"`)

// wants returns the expected findings of a file as "line:rule" keys, read
// from `// want "rule"` comments on the lines where they are expected.
func wants(f *parser.File) []string {
	var out []string
	for _, c := range f.Comments {
		m := wantRE.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		line := f.Position(c.Start).Line
		for _, q := range quotedRE.FindAllStringSubmatch(m[1], -1) {
			out = append(out, fmt.Sprintf("%d:%s", line, q[1]))
		}
	}
	sort.Strings(out)
	return out
}

func lintFile(t *testing.T, path string) (*parser.File, []rules.Diagnostic) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, errs := parser.Parse(path, src)
	return f, rules.Lint(f, errs, rules.Options{})
}

// TestRuleCases runs every rule's testdata: each finding must be wanted by a
// `// want "rule"` comment on its line, and each want must be found.
func TestRuleCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.Jenkinsfile"))
	if len(files) == 0 {
		t.Fatal("no rule testdata")
	}
	for _, path := range files {
		f, diags := lintFile(t, path)
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%d:%s", f.Position(d.Span.Start).Line, d.Rule))
		}
		sort.Strings(got)
		want := wants(f)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			var detail strings.Builder
			for _, d := range diags {
				p := f.Position(d.Span.Start)
				fmt.Fprintf(&detail, "  %d:%d: %s [%s]\n", p.Line, p.Col, d.Message, d.Rule)
			}
			t.Errorf("%s:\n got  %v\n want %v\nfindings:\n%s", path, got, want, detail.String())
		}
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.End > len(f.Src) || d.Span.Start > d.Span.End {
				t.Errorf("%s: finding %q has a bad span %v", path, d.Message, d.Span)
			}
		}
	}
}

// examples returns the ```groovy blocks of a page with the heading of the
// section each stands in.
func examples(page string) [][2]string {
	var out [][2]string
	heading, in := "", false
	var code strings.Builder
	for _, line := range strings.Split(page, "\n") {
		switch {
		case in && strings.HasPrefix(line, "```"):
			out = append(out, [2]string{heading, code.String()})
			in = false
		case in:
			code.WriteString(line + "\n")
		case strings.HasPrefix(line, "```groovy"):
			in = true
			code.Reset()
		case strings.HasPrefix(line, "#"):
			heading = strings.TrimLeft(line, "# ")
		}
	}
	return out
}

// TestDocExamples lints the examples on each rule's page: the code under a
// heading that says "bad" must report the rule, the code under "fixed" must
// not report it.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r == rules.SyntaxError {
			continue
		}
		page, err := os.ReadFile(filepath.Join("..", "docs", "rules", r.Name+".md"))
		if err != nil {
			continue // TestRegistry reports it
		}
		seenBad := false
		for _, m := range examples(string(page)) {
			heading := strings.ToLower(m[0])
			bad := strings.Contains(heading, "bad")
			fixed := strings.Contains(heading, "fixed")
			if !bad && !fixed {
				continue
			}
			f, errs := parser.Parse(r.Name+".md", []byte(m[1]))
			if len(errs) > 0 {
				t.Errorf("%s.md: example under %q does not parse: %s", r.Name, m[0], errs[0].Msg)
				continue
			}
			found := false
			for _, d := range rules.Lint(f, nil, rules.Options{}) {
				if d.Rule == r.Name {
					found = true
				}
			}
			if bad && !found {
				t.Errorf("%s.md: the example under %q does not report %s", r.Name, m[0], r.Name)
			}
			if fixed && found {
				t.Errorf("%s.md: the example under %q still reports %s", r.Name, m[0], r.Name)
			}
			seenBad = seenBad || bad
		}
		if !seenBad {
			t.Errorf("%s.md has no bad example", r.Name)
		}
	}
}
