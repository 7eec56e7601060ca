// Command jfcheck lints Jenkinsfiles for docker login hazards on shared
// Jenkins nodes. See `jfcheck --help`.
package main

import (
	"errors"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"jfcheck/internal/cli"
)

func main() {
	// A run is short and its heap small: collect garbage less often than
	// Go's default (GOGC=100), which costs a parse about a third of its
	// time. GOGC in the environment still wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		governMemory()
	}
	var stdout io.Writer = os.Stdout
	if stdoutClosed() {
		stdout = closedWriter{}
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, stdout, os.Stderr))
}

// closedWriter stands for a standard output that was closed when jfcheck
// started: every write fails, so that findings are not lost silently.
type closedWriter struct{}

func (closedWriter) Write([]byte) (int, error) {
	return 0, errors.New("standard output is closed")
}

// softLimit is the memory that a run may use before the collector runs
// more often than GOGC says.
const softLimit = 64 << 20

// governMemory keeps a run's memory near softLimit: GOGC=400 alone lets
// the heap grow to five times what is live, and what is live includes
// ANTLR's prediction caches, which grow with the variety of the files
// read. After each collection the limit is set to twice the live heap,
// and never below softLimit, so that the collector does not run
// without pause when the live heap itself passes softLimit. A lower
// factor costs too much: each collection marks the whole of those caches
// (over the first 1,000 of 6,500 public files, 1.5 times the live heap
// took 2.3 times the CPU of no limit, 2 times 1.7, 3 times 1.3, for a
// peak of 35%, 49% and 70% of that without the limit; over all 6,500, 3
// times held the peak at 90% of it).
func governMemory() {
	debug.SetMemoryLimit(softLimit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var after func(*gcTick)
	after = func(*gcTick) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live := int64(sample[0].Value.Uint64())
			debug.SetMemoryLimit(max(softLimit, 2*live+16<<20))
		}
		runtime.SetFinalizer(&gcTick{}, after)
	}
	runtime.SetFinalizer(&gcTick{}, after)
}

// gcTick is garbage whose finalizer runs after a collection. It is larger
// than the tiny allocator's blocks, whose finalizers may never run.
type gcTick struct {
	_ *int
	_ [2]int
}
