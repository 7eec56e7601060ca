package cli

import (
	"io"
	"io/fs"
	"path/filepath"
	"testing"
)

// BenchmarkCheckSet checks the whole benchmark set, testdata/bench/set, as
// `jfcheck -q --fail-on never testdata/bench/set` does, in-process and with
// the default number of workers; the throughput is of the set's bytes.
// The first iteration pays for ANTLR's prediction caches; run it with
// -benchtime 5x or more.
func BenchmarkCheckSet(b *testing.B) {
	dir := filepath.Join("..", "..", "testdata", "bench", "set")
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		size += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"-q", "--fail-on", "never", dir}, nil, io.Discard, io.Discard); code != ExitClean {
			b.Fatalf("exit %d", code)
		}
	}
}
