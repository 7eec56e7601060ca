package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// BenchmarkLint runs every rule on the parsed 2,000-line benchmark file.
func BenchmarkLint(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "large.Jenkinsfile"))
	if err != nil {
		b.Fatal(err)
	}
	f, errs := parser.Parse("large.Jenkinsfile", src)
	if len(errs) > 0 {
		b.Fatal(errs[0].Msg)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rules.Lint(f, nil, rules.Options{})
	}
}
