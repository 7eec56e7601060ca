package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jfcheck/internal/stagegen"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata")

func testFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".err") && !strings.HasSuffix(f, ".golden") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no test files in testdata/%s", dir)
	}
	return out
}

func formatErrors(f *File, errs []Error) string {
	var b strings.Builder
	for _, e := range errs {
		p := f.Position(e.Span.Start)
		fmt.Fprintf(&b, "%d:%d: %s\n", p.Line, p.Col, e.Msg)
	}
	return b.String()
}

// Every file in testdata/parse is a valid Jenkinsfile and must parse
// without error.
func TestParseValid(t *testing.T) {
	for _, path := range testFiles(t, "parse") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(path, src)
		if len(errs) > 0 {
			t.Errorf("%s:\n%s", path, formatErrors(f, errs))
		}
		checkPositions(t, path, f)
	}
}

// Every file in testdata/parse-errors is malformed; its .err file holds the
// exact messages expected.
func TestParseErrors(t *testing.T) {
	for _, path := range testFiles(t, "parse-errors") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(path, src)
		got := formatErrors(f, errs)
		if len(errs) == 0 {
			t.Errorf("%s: no error reported", path)
		}
		checkPositions(t, path, f)
		golden := path + ".err"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./parser -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", path, got, want)
		}
	}
}

// checkPositions verifies the spans of every node: inside the file, start
// before end, children inside their parents, and braces where blocks say.
func checkPositions(t *testing.T, path string, f *File) {
	t.Helper()
	n := len(f.Src)
	var check func(node Node, parent Span)
	check = func(node Node, parent Span) {
		s := node.Pos()
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Errorf("%s: %T has span %v outside the file of %d bytes", path, node, s, n)
			return
		}
		if _, bad := node.(*BadExpr); !bad && s.Len() > 0 && !parent.Contains(s) {
			t.Errorf("%s: %T %v (%q) lies outside its parent %v", path, node, s, f.Src[s.Start:s.End], parent)
		}
		if b, ok := node.(*Block); ok {
			if b.Lbrace >= 0 && f.Src[b.Lbrace] != '{' {
				t.Errorf("%s: block Lbrace %d is %q, not '{'", path, b.Lbrace, f.Src[b.Lbrace])
			}
			if b.Rbrace >= 0 && f.Src[b.Rbrace] != '}' {
				t.Errorf("%s: block Rbrace %d is %q, not '}'", path, b.Rbrace, f.Src[b.Rbrace])
			}
		}
		if id, ok := node.(*Ident); ok && id.Name != "this" && id.Name != "super" && string(f.Src[s.Start:s.End]) != id.Name {
			t.Errorf("%s: identifier %q has span text %q", path, id.Name, f.Src[s.Start:s.End])
		}
		if str, ok := node.(*String); ok && s.Len() > 0 {
			if !strings.HasPrefix(string(f.Src[s.Start:]), str.Kind.Quote()) {
				t.Errorf("%s: %v string at %v does not start with %s", path, str.Kind, s, str.Kind.Quote())
			}
			if !s.Contains(str.Content) {
				t.Errorf("%s: string content %v outside %v", path, str.Content, s)
			}
		}
		if s.Len() == 0 {
			s = parent
		}
		for _, c := range Children(node) {
			check(c, s)
		}
	}
	for _, st := range f.Body {
		check(st, Span{0, n})
	}
	for i, c := range f.Comments {
		if i > 0 && f.Comments[i-1].Start >= c.Start {
			t.Errorf("%s: comments out of order", path)
		}
		if string(f.Src[c.Start:c.End]) != c.Text {
			t.Errorf("%s: comment text does not match its span", path)
		}
	}
}

// The large benchmark file must parse cleanly too, or the benchmark would
// measure error recovery.
func TestParseBenchFile(t *testing.T) {
	path := filepath.Join("..", "testdata", "bench", "large.Jenkinsfile")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f, errs := Parse(path, src); len(errs) > 0 {
		t.Fatalf("%s:\n%s", path, formatErrors(f, errs))
	}
}

// BenchmarkParse parses a realistic 2,000-line Jenkinsfile after a warm-up
// parse, as a long-running process would; see docs/performance.md for the
// cold cost that a single run pays.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "large.Jenkinsfile"))
	if err != nil {
		b.Fatal(err)
	}
	Parse("warm-up", src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse("large.Jenkinsfile", src)
	}
}

// FuzzParse checks that Parse never panics and that every span it returns
// lies inside the input, for any input.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"parse", "parse-errors"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.Jenkinsfile"))
		for _, path := range files {
			if src, err := os.ReadFile(path); err == nil && len(src) < 8<<10 {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("\"${\"${\"${x}\"}\"}\""))
	f.Add([]byte("a / b / c =~ /x/ ? $/y/$ : '''z'''"))
	// Deep expressions, at and past the depth limit.
	f.Add([]byte("x = " + strings.Repeat("!", MaxDepth+5) + "y"))
	f.Add([]byte("x = " + strings.Repeat("-", 2*MaxDepth+5) + "y"))
	f.Add([]byte(strings.Repeat("a = ", MaxDepth-5) + "1"))
	f.Add([]byte("x = " + strings.Repeat("(String) ", MaxDepth+1) + "y"))
	f.Add([]byte("x = " + strings.Repeat("a ? b : ", MaxDepth) + "c"))
	f.Add([]byte("x = " + strings.Repeat("~-", MaxDepth/2-3) + "1"))
	f.Fuzz(func(t *testing.T, src []byte) {
		catchPanics = false
		defer func() { catchPanics = true }()
		start := time.Now()
		file, errs := Parse("fuzz", src)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("parsing %d bytes took %v", len(src), d)
		}
		for _, e := range errs {
			if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
				t.Fatalf("error %q has span %v outside %d bytes", e.Msg, e.Span, len(src))
			}
		}
		if len(errs) == 0 {
			checkPositions(t, "fuzz", file)
		}
	})
}

// BenchmarkParseCold parses a 200-line Jenkinsfile with empty prediction
// caches each time: what the first parse of a process (a pre-commit hook's
// only one) costs, without the process start.
func BenchmarkParseCold(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "medium.Jenkinsfile"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		(&parse{name: "medium.Jenkinsfile", src: src, lines: NewLines(src), fresh: true}).run()
	}
}

// BenchmarkParseStages parses generated pipelines of growing size: the
// time per byte should stay flat as the stage count grows.
func BenchmarkParseStages(b *testing.B) {
	Parse("warm-up", stagegen.Pipeline(10))
	for _, n := range []int{2500, 10000, 40000} {
		src := stagegen.Pipeline(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, errs := Parse("stages.Jenkinsfile", src); len(errs) > 0 {
					b.Fatal(errs[0].Msg)
				}
			}
		})
	}
}

// The shared prediction cache is replaced once it has served its budget of
// input, and parsing goes on with the new one.
func TestPredictionCacheBudget(t *testing.T) {
	old := maxCacheInput
	defer func() { maxCacheInput = old }()
	maxCacheInput = 1
	src := []byte("pipeline { agent any\n stages { stage('a') { steps { sh 'make' } } } }\n")
	if _, errs := Parse("a", src); len(errs) > 0 {
		t.Fatal(errs)
	}
	predictions.mu.Lock()
	first := predictions.dfa
	predictions.mu.Unlock()
	if _, errs := Parse("a", src); len(errs) > 0 {
		t.Fatal(errs)
	}
	predictions.mu.Lock()
	second := predictions.dfa
	predictions.mu.Unlock()
	if len(first) == 0 || len(second) == 0 || first[0] == second[0] {
		t.Fatal("the cache was kept past its budget")
	}
}
