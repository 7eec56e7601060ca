package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Variants are the same on every run, differ from their file and carry
// unique IDs, so that the known-differences file can name them.
func TestVariantsStable(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "parse", "32-expressions-operators.Jenkinsfile"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := Variants("parse/32", src), Variants("parse/32", src)
	if len(a) < 30 {
		t.Fatalf("only %d variants", len(a))
	}
	ids := map[string]bool{}
	for i := range a {
		if a[i].ID != b[i].ID || !bytes.Equal(a[i].Src, b[i].Src) {
			t.Fatalf("variant %d differs between runs: %s, %s", i, a[i].ID, b[i].ID)
		}
		if bytes.Equal(a[i].Src, src) {
			t.Errorf("%s is the file itself", a[i].ID)
		}
		if ids[a[i].ID] {
			t.Errorf("duplicate variant ID %s", a[i].ID)
		}
		ids[a[i].ID] = true
	}
	for _, kind := range []string{"@crlf", "@nl-before-op-", "@cast-", "@gstring-", "@comment-", "@blank-"} {
		found := false
		for id := range ids {
			found = found || strings.Contains(id, kind)
		}
		if !found {
			t.Errorf("no %s variant", kind)
		}
	}
}

func TestKnownDifferences(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "known.txt")
	os.WriteFile(p, []byte("# comment\n\na/b.Jenkinsfile@* too deep\nc.Jenkinsfile\n"), 0o644)
	if _, err := readKnown(p); err == nil || !strings.Contains(err.Error(), "has no reason") {
		t.Errorf("an entry without reason: %v", err)
	}
	os.WriteFile(p, []byte("a/b.Jenkinsfile@* too deep\nc.Jenkinsfile [not run] slow\n"), 0o644)
	k, err := readKnown(p)
	if err != nil {
		t.Fatal(err)
	}
	if key, ok := k.match("a/b.Jenkinsfile@cast-1"); !ok || key != "a/b.Jenkinsfile@*" {
		t.Errorf("variant not matched: %q %v", key, ok)
	}
	if _, ok := k.match("a/b.Jenkinsfile"); ok {
		t.Error("@* matched the file itself")
	}
	if r, _ := k.lookup("c.Jenkinsfile"); !strings.HasPrefix(r, notRun) {
		t.Errorf("reason %q", r)
	}
	// The project's own file parses.
	if _, err := readKnown("known-differences.txt"); err != nil {
		t.Error(err)
	}
}
