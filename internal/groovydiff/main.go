// Command groovydiff compares what jfcheck's parser accepts with what Groovy
// 2.4 (the version Jenkins compiles pipelines with) accepts, over every
// testdata file and variants made from them (see variants.go). Groovy runs
// Harness.groovy once for all files. Any disagreement that the
// known-differences file does not list, with its reason, fails the run, and
// so does a listed one that no longer occurs.
//
//	go run ./internal/groovydiff [-groovy groovy] [-keep dir] [file ...]
//
// With file arguments it compares those files alone, without variants.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"jfcheck/parser"
)

type verdict struct {
	accept bool
	msg    string
}

type input struct {
	id   string
	src  []byte
	path string // where the file was written for Groovy
}

func main() {
	os.Exit(run())
}

func run() int {
	groovy := flag.String("groovy", "groovy", "the groovy command")
	harness := flag.String("harness", "internal/groovydiff/Harness.groovy", "the Groovy harness")
	root := flag.String("testdata", "testdata", "the directory of test files")
	knownPath := flag.String("known", "internal/groovydiff/known-differences.txt", "the known-differences file")
	keep := flag.String("keep", "", "write the files compared into this directory and keep them")
	verbose := flag.Bool("v", false, "print every verdict")
	flag.Parse()

	known, err := readKnown(*knownPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "groovydiff:", err)
		return 2
	}
	var inputs []input
	skipped := 0
	if flag.NArg() > 0 {
		for _, p := range flag.Args() {
			src, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			inputs = append(inputs, input{id: p, src: src})
		}
	} else {
		files, err := testFiles(*root)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		originals := 0
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			id := filepath.ToSlash(strings.TrimPrefix(f, *root+string(filepath.Separator)))
			vs := Variants(id, src)
			if r, ok := known.lookup(id); ok && strings.HasPrefix(r, notRun) {
				skipped += 1 + len(vs)
				continue
			}
			inputs = append(inputs, input{id: id, src: src})
			originals++
			for _, v := range vs {
				inputs = append(inputs, input{id: v.ID, src: v.Src})
			}
		}
		fmt.Printf("groovydiff: %d testdata files, %d variants (%d files not run, see %s)\n", originals, len(inputs)-originals, skipped, *knownPath)
	}

	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "groovydiff")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var list bytes.Buffer
	index := map[string]int{}
	for i := range inputs {
		p := filepath.Join(dir, fmt.Sprintf("%05d.groovy", i))
		if flag.NArg() > 0 {
			p, _ = filepath.Abs(inputs[i].id)
		} else if err := os.WriteFile(p, inputs[i].src, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		inputs[i].path = p
		index[p] = i
		list.WriteString(p + "\n")
	}
	if *keep != "" {
		var ids bytes.Buffer
		for _, in := range inputs {
			fmt.Fprintf(&ids, "%s\t%s\n", filepath.Base(in.path), in.id)
		}
		if err := os.WriteFile(filepath.Join(dir, "index.txt"), ids.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}

	start := time.Now()
	ours := make([]verdict, len(inputs))
	for i, in := range inputs {
		f, errs := parser.Parse(in.id, in.src)
		if len(errs) == 0 {
			ours[i] = verdict{accept: true}
			continue
		}
		p := f.Position(errs[0].Span.Start)
		ours[i] = verdict{msg: fmt.Sprintf("%d:%d: %s", p.Line, p.Col, errs[0].Msg)}
		if errs[0].Internal {
			ours[i].msg = "INTERNAL " + ours[i].msg
		}
	}
	fmt.Printf("groovydiff: jfcheck parsed %d files in %v\n", len(inputs), time.Since(start).Round(time.Millisecond))

	start = time.Now()
	theirs, err := runGroovy(*groovy, *harness, list.Bytes(), index, len(inputs))
	if err != nil {
		fmt.Fprintln(os.Stderr, "groovydiff:", err)
		return 2
	}
	fmt.Printf("groovydiff: groovy parsed %d files in %v\n", len(inputs), time.Since(start).Round(time.Millisecond))

	bad, listed := 0, 0
	seen := map[string]bool{}
	for i, in := range inputs {
		o, t := ours[i], theirs[i]
		if *verbose {
			fmt.Printf("%s: jfcheck %s, groovy %s\n", in.id, word(o), word(t))
		}
		if o.accept == t.accept {
			continue
		}
		if key, ok := known.match(in.id); ok {
			seen[key] = true
			listed++
			continue
		}
		bad++
		if o.accept {
			fmt.Printf("DIFF %s (%s): jfcheck accepts, groovy rejects: %s\n", in.id, filepath.Base(in.path), t.msg)
		} else {
			fmt.Printf("DIFF %s (%s): jfcheck rejects (%s), groovy accepts\n", in.id, filepath.Base(in.path), o.msg)
		}
	}
	var stale []string
	if flag.NArg() == 0 {
		for id, reason := range known {
			if !seen[id] && !strings.HasPrefix(reason, notRun) {
				stale = append(stale, id)
			}
		}
	}
	sort.Strings(stale)
	for _, id := range stale {
		fmt.Printf("STALE %s: listed in %s but jfcheck and groovy agree (or it is no longer made)\n", id, *knownPath)
	}
	fmt.Printf("groovydiff: %d files compared, %d disagreements listed as known, %d unlisted, %d stale entries\n",
		len(inputs), listed, bad, len(stale))
	if bad > 0 || len(stale) > 0 {
		return 1
	}
	return 0
}

func word(v verdict) string {
	if v.accept {
		return "accepts"
	}
	return "rejects: " + v.msg
}

// testFiles lists the Jenkinsfiles under root: every regular file but the
// expected-output files and the benchmark set, whose files are copies and
// variants of the others or generated pipelines (its own test checks that
// they parse).
func testFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel, _ := filepath.Rel(root, p); rel == filepath.Join("bench", "set") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".err", ".txt", ".txtar", ".json", ".yml", ".yaml", ".md", ".sarif":
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out, err
}

func runGroovy(groovy, harness string, list []byte, index map[string]int, n int) ([]verdict, error) {
	cmd := exec.Command(groovy, harness)
	cmd.Stdin = bytes.NewReader(list)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", groovy, harness, err, stderr.Bytes())
	}
	got := make([]verdict, n)
	done := make([]bool, n)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) < 2 {
			return nil, fmt.Errorf("harness printed %q", sc.Text())
		}
		i, ok := index[f[1]]
		if !ok {
			return nil, fmt.Errorf("harness named an unknown file: %q", sc.Text())
		}
		got[i].accept = f[0] == "accept"
		if len(f) == 3 {
			got[i].msg = f[2]
		}
		done[i] = true
	}
	for p, i := range index {
		if !done[i] {
			return nil, errors.New("harness gave no verdict for " + p)
		}
	}
	return got, nil
}

// notRun starts the reason of a known difference whose file (and its
// variants) is not given to Groovy at all, because Groovy's parser takes
// exponential time on it.
const notRun = "[not run]"

// knownDiffs maps a file or variant ID to the reason jfcheck and Groovy
// disagree on it. An ID "file@*" stands for every variant of file.
type knownDiffs map[string]string

// match returns the entry that lists id.
func (k knownDiffs) match(id string) (string, bool) {
	if _, ok := k[id]; ok {
		return id, true
	}
	if i := strings.Index(id, "@"); i >= 0 {
		if _, ok := k[id[:i]+"@*"]; ok {
			return id[:i] + "@*", true
		}
	}
	return "", false
}

func (k knownDiffs) lookup(id string) (string, bool) {
	r, ok := k[id]
	return r, ok
}

// readKnown reads the known-differences file: one "<id> <reason>" a line;
// blank lines and lines starting with # are comments. Every entry needs a
// reason.
func readKnown(path string) (knownDiffs, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return knownDiffs{}, nil
	}
	if err != nil {
		return nil, err
	}
	known := knownDiffs{}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("%s:%d: %s has no reason", path, n+1, id)
		}
		known[id] = strings.TrimSpace(reason)
	}
	return known, nil
}
