package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// ValidateDeclarative is what the fixer calls: it sees the same findings as
// the rules, sorted, and nothing for a file without a pipeline.
func TestValidateDeclarative(t *testing.T) {
	f, _ := parser.Parse("Jenkinsfile", []byte("pipeline {\n    stages { }\n}\nnode { sh 'make' }\n"))
	ds := rules.ValidateDeclarative(f)
	if len(ds) != 2 {
		t.Fatalf("got %v", ds)
	}
	for i, want := range []string{"declarative-missing-section", "declarative-empty-section"} {
		if ds[i].Rule != want || ds[i].Severity != rules.Error {
			t.Errorf("finding %d: %+v, want rule %s", i, ds[i], want)
		}
	}
	scripted, _ := parser.Parse("Jenkinsfile", []byte("node { stage('x') { def a = 1 } }\n"))
	if ds := rules.ValidateDeclarative(scripted); len(ds) != 0 {
		t.Errorf("a scripted pipeline got %v", ds)
	}
	if ds := rules.ValidateDeclarative(nil); ds != nil {
		t.Errorf("nil file got %v", ds)
	}
}

// Strict mode reports names the catalogue lacks; names an installation adds
// are accepted.
func TestDeclarativeStrict(t *testing.T) {
	src := []byte("pipeline {\n    agent { ecs { image 'x' } }\n    stages { stage('a') { steps { echo 'x' } } }\n}\n")
	f, _ := parser.Parse("Jenkinsfile", src)
	if ds := rules.ValidateDeclarative(f); len(ds) != 0 {
		t.Fatalf("default catalogue reported an unknown name: %v", ds)
	}
	cat := rules.NewCatalogue()
	cat.Strict = true
	ds := rules.ValidateDeclarativeWith(f, cat)
	if len(ds) != 1 || ds[0].Rule != "declarative-catalogue" || f.Position(ds[0].Span.Start) != (parser.Pos{Line: 2, Col: 13}) {
		t.Fatalf("strict: %v", ds)
	}
	if err := cat.Add("agents", "ecs"); err != nil {
		t.Fatal(err)
	}
	if ds := rules.ValidateDeclarativeWith(f, cat); len(ds) != 0 {
		t.Fatalf("an added name is still reported: %v", ds)
	}
	if err := cat.Add("nonsense", "x"); err == nil {
		t.Error("Add accepted an unknown kind")
	}
}

func TestMatch(t *testing.T) {
	if n := len(rules.Match("declarative-*")); n != 16 {
		t.Errorf("declarative-* matches %d rules", n)
	}
	if rs := rules.Match("docker-config-scope"); len(rs) != 1 || rs[0] != rules.DockerConfigScope {
		t.Errorf("exact name: %v", rs)
	}
	if rs := rules.Match("nothing-*"); len(rs) != 0 {
		t.Errorf("nothing-*: %v", rs)
	}
	if rs := rules.Match("[bad"); len(rs) != 0 {
		t.Errorf("bad glob: %v", rs)
	}
}

// FuzzValidateDeclarative: whatever the parser makes of the input, even with
// syntax errors, the validator neither panics nor reports outside the file.
func FuzzValidateDeclarative(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "declarative-*", "*.Jenkinsfile"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pf, _ := parser.Parse("Jenkinsfile", src)
		cat := rules.NewCatalogue()
		cat.Strict = true
		for _, ds := range [][]rules.Diagnostic{rules.ValidateDeclarative(pf), rules.ValidateDeclarativeWith(pf, cat)} {
			for _, d := range ds {
				if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End {
					t.Fatalf("bad span %v for %q", d.Span, d.Message)
				}
			}
		}
	})
}
