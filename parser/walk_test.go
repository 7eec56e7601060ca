package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestFileWalks checks that the walks of a whole file through its node
// order visit what the recursive walks visit, in the same order, with the
// same paths, and skip the same subtrees, over the test pipelines.
func TestFileWalks(t *testing.T) {
	var files []string
	for _, dir := range []string{"parse", "fix", "examples", "parse-errors"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.Jenkinsfile"))
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d test files", len(files))
	}
	// skip prunes at closures and GStrings, so that both walks must skip
	// subtrees alike.
	skip := func(n Node) bool {
		switch n.(type) {
		case *Closure, *String:
			return true
		}
		return false
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := Parse(path, src)
		for _, prune := range []bool{false, true} {
			var want, got []string
			InspectStmts(f.Body, func(n Node) bool {
				want = append(want, fmt.Sprintf("%T%v", n, n.Pos()))
				return !prune || !skip(n)
			})
			f.Inspect(func(n Node) bool {
				got = append(got, fmt.Sprintf("%T%v", n, n.Pos()))
				return !prune || !skip(n)
			})
			compareWalks(t, path+" Inspect", want, got)
			want, got = nil, nil
			WalkPath(f.Body, func(n Node, p []Node) bool {
				want = append(want, fmt.Sprintf("%T%v under %d, parent %p", n, n.Pos(), len(p), lastNode(p)))
				return !prune || !skip(n)
			})
			f.WalkPath(func(n Node, p []Node) bool {
				got = append(got, fmt.Sprintf("%T%v under %d, parent %p", n, n.Pos(), len(p), lastNode(p)))
				return !prune || !skip(n)
			})
			compareWalks(t, path+" WalkPath", want, got)
		}
	}
}

func lastNode(p []Node) Node {
	if len(p) == 0 {
		return nil
	}
	return p[len(p)-1]
}

func compareWalks(t *testing.T, what string, want, got []string) {
	t.Helper()
	if len(want) == 0 {
		return
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d nodes, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: node %d is %s, want %s", what, i, got[i], want[i])
			return
		}
	}
}
