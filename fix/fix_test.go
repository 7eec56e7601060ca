package fix

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/fix")

func level(path string) rules.FixLevel {
	if strings.Contains(filepath.Base(path), ".all.") {
		return rules.Review
	}
	return rules.Safe
}

// TestGolden fixes each testdata/fix case and compares the result with its
// .golden file byte for byte; fixing the golden must change nothing.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "fix", "*.Jenkinsfile"))
	if len(cases) < 30 {
		t.Fatalf("want at least 30 fix cases, have %d", len(cases))
	}
	for _, path := range cases {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res := File(path, src, rules.Options{}, level(path))
			if res.Problem != nil {
				t.Fatalf("fix failed: %v", res.Problem)
			}
			refused := strings.Contains(filepath.Base(path), ".refused.")
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, res.Src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./fix -update)", err)
			}
			if !bytes.Equal(res.Src, want) {
				t.Errorf("fixed text differs from %s:\n--- got\n%s\n--- want\n%s", golden, res.Src, want)
			}
			// Nothing the fixer could fix at this level is left.
			for _, d := range res.Remaining {
				for _, fx := range d.Fixes {
					if fx.Level <= level(path) {
						p := parser.NewLines(res.Src).Position(d.Span.Start)
						t.Errorf("still has a fixable %s at %d:%d: %s", d.Rule, p.Line, p.Col, d.Message)
					}
				}
				p := parser.NewLines(res.Src).Position(d.Span.Start)
				if (d.Rule == "docker-config-scope" || d.Rule == "docker-logout-cleanup") && d.Severity == rules.Error && !refused {
					t.Errorf("still reports %s at %d:%d: %s", d.Rule, p.Line, p.Col, d.Message)
				}
				if strings.HasPrefix(d.Rule, "declarative-") || d.Rule == "syntax-error" {
					t.Errorf("the fixed pipeline fails validation at %d:%d: %s", p.Line, p.Col, d.Message)
				}
				if d.NotFixed == "" {
					t.Errorf("%s at %d:%d is left without a reason", d.Rule, p.Line, p.Col)
				}
			}
			// A refused case names the reason in its first line, and every
			// docker finding left gives it.
			if refused {
				first, _, _ := strings.Cut(string(src), "\n")
				reason := strings.TrimPrefix(first, "// refused: ")
				n := 0
				for _, d := range res.Remaining {
					if d.Rule == "docker-config-scope" || d.Rule == "docker-logout-cleanup" {
						n++
						if !strings.Contains(d.NotFixed, reason) {
							t.Errorf("%s not fixed because %q, want %q", d.Rule, d.NotFixed, reason)
						}
					}
				}
				if n == 0 {
					t.Errorf("a refused case with no docker finding left")
				}
			}
			again := File(golden, want, rules.Options{}, level(path))
			if again.Problem != nil || !bytes.Equal(again.Src, want) {
				t.Errorf("fixing the golden changes it (not idempotent): problem %v\n%s", again.Problem, again.Src)
			}
		})
	}
}

func TestApplyRejectsOverlap(t *testing.T) {
	_, err := Apply([]byte("abcdef"), []rules.Edit{{Start: 1, End: 4, New: "x"}, {Start: 3, End: 5, New: "y"}})
	if !errors.Is(err, ErrOverlap) {
		t.Fatalf("want ErrOverlap, got %v", err)
	}
	got, err := Apply([]byte("abcdef"), []rules.Edit{{Start: 6, End: 6, New: "!"}, {Start: 0, End: 1, New: "A"}, {Start: 3, End: 3, New: "-"}})
	if err != nil || string(got) != "Abc-def!" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestRefusesBrokenInput(t *testing.T) {
	src := []byte("pipeline {\n    agent any\n")
	res := File("Jenkinsfile", src, rules.Options{}, rules.Safe)
	if res.Problem == nil || !bytes.Equal(res.Src, src) {
		t.Fatalf("a file that does not parse must be left alone, got problem %v", res.Problem)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Jenkinsfile")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "new" || info.Mode().Perm() != 0o640 {
		t.Fatalf("got %q with mode %v", got, info.Mode().Perm())
	}
	if err := WriteFile(path, []byte("stale"), []byte("x")); !errors.Is(err, ErrChanged) {
		t.Fatalf("a file changed on disk must not be written: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new"), []byte("x")); err == nil {
		t.Fatal("a symbolic link must not be written")
	}
	ro := filepath.Join(dir, "ro")
	if err := os.WriteFile(ro, []byte("a"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(ro, []byte("a"), []byte("b")); err == nil {
		t.Fatal("a read-only file must not be written")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".jfcheck-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// FuzzFix checks that, for any input that parses, the fixed text parses and
// fixes to itself.
func FuzzFix(f *testing.F) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "fix", "*.Jenkinsfile"))
	for _, path := range cases {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, errs := parser.Parse("fuzz", src); len(errs) > 0 {
			return
		}
		res := File("fuzz", src, rules.Options{}, rules.Review)
		if res.Problem != nil {
			return // refused, nothing written: allowed
		}
		if _, errs := parser.Parse("fuzz", res.Src); len(errs) > 0 {
			t.Fatalf("fixed text does not parse: %s", errs[0].Msg)
		}
		again := File("fuzz", res.Src, rules.Options{}, rules.Review)
		if again.Problem != nil || !bytes.Equal(again.Src, res.Src) {
			t.Fatalf("fix is not idempotent: %v\n%s\n---\n%s", again.Problem, res.Src, again.Src)
		}
	})
}
