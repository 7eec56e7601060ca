package benchset

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"jfcheck/parser"
)

const setDir = "../../testdata/bench/set"

// committed reads the benchmark set as committed.
func committed(t *testing.T) map[string][]byte {
	t.Helper()
	set := map[string][]byte{}
	err := filepath.WalkDir(setDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(setDir, p)
		set[filepath.ToSlash(rel)] = src
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Every file of the set parses without a syntax error, or the benchmarks
// would measure error recovery.
func TestSetParses(t *testing.T) {
	set := committed(t)
	if len(set) < 1000 {
		t.Fatalf("the set has %d files, want at least 1,000", len(set))
	}
	for name, src := range set {
		if _, errs := parser.Parse(name, src); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs[0])
		}
	}
}

// The committed set is what the generator writes: run `go generate
// ./internal/benchset` after changing it or the test files it copies.
func TestSetUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the whole set")
	}
	want, err := Generate("../..", Parses)
	if err != nil {
		t.Fatal(err)
	}
	got := committed(t)
	for name, src := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing; run go generate ./internal/benchset", name)
		} else if !bytes.Equal(g, src) {
			t.Errorf("%s: differs from what the generator writes; run go generate ./internal/benchset", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not written by the generator; run go generate ./internal/benchset", name)
		}
	}
}

// The drawn sizes follow the survey's quantiles: the median of many draws
// lies near 1.7 KB and none passes the largest.
func TestTargetSize(t *testing.T) {
	r := rand.New(rand.NewPCG(Seed, Seed))
	var below int
	const n = 10000
	for i := 0; i < n; i++ {
		s := targetSize(r)
		if s < 120 || s > 120000 {
			t.Fatalf("size %d out of range", s)
		}
		if s < 1724 {
			below++
		}
	}
	if below < n*45/100 || below > n*55/100 {
		t.Errorf("%d of %d draws below the median size, want about half", below, n)
	}
}
