// Command gen writes jfcheck's benchmark set (package benchset) into the
// directory it is given, replacing what is there.
//
//	go run ./internal/benchset/gen testdata/bench/set
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"jfcheck/internal/benchset"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	set, err := benchset.Generate(root, benchset.Parses)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	total := 0
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, set[n], 0o644); err != nil {
			return err
		}
		total += len(set[n])
	}
	fmt.Printf("wrote %d files, %d bytes, to %s\n", len(names), total, dir)
	return nil
}

// repoRoot is the directory of go.mod above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = up
	}
}
