package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"jfcheck/internal/output"
	"jfcheck/parser"
	"jfcheck/rules"
)

func result(t *testing.T, src string) output.FileResult {
	t.Helper()
	f, errs := parser.Parse("Jenkinsfile", []byte(src))
	return output.FileResult{Path: "ci/Jenkinsfile", File: f, Diagnostics: rules.Lint(f, errs, rules.Options{})}
}

func TestRoundTrip(t *testing.T) {
	before := "node {\n    sh 'docker system prune -a -f'\n    sh 'docker system prune -a -f'\n}\n"
	// The same findings two lines further down, and one new one.
	after := "// moved\n\nnode {\n    sh 'docker system prune -a -f'\n    sh 'docker system prune -a -f'\n    sh 'docker image prune -a -f'\n}\n"
	path := filepath.Join(t.TempDir(), "base.json")
	old := []output.FileResult{result(t, before)}
	if n := len(old[0].Diagnostics); n != 2 {
		t.Fatalf("want 2 findings to record, got %d", n)
	}
	if err := Write(path, old); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []output.FileResult{result(t, after)}
	if removed := b.Filter(now); removed != 2 {
		t.Fatalf("removed %d known findings, want 2", removed)
	}
	if len(now[0].Diagnostics) != 1 || now[0].File.Position(now[0].Diagnostics[0].Span.Start).Line != 6 {
		t.Fatalf("want only the new finding on line 6, got %+v", now[0].Diagnostics)
	}
	// A third identical finding is new: counts matter.
	three := []output.FileResult{result(t, before[:len(before)-2]+"\n    sh 'docker system prune -a -f'\n}\n")}
	if b.Filter(three); len(three[0].Diagnostics) != 1 {
		t.Fatalf("want the third identical finding reported, got %d", len(three[0].Diagnostics))
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing baseline must be an error")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"version": 7, "findings": []}`), 0o644)
	if _, err := Load(bad); err == nil {
		t.Error("an unknown version must be an error")
	}
}
