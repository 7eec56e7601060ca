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
	// GOGC or GOMEMLIMIT in the environment turn the governor off.
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	if !gogc && !limit {
		governHeap()
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

// heapGoal is the heap that a run may grow to before a collection, as long
// as what is live stays small.
const heapGoal = 64 << 20

// bigLive is the live heap past which a run is parsing or checking one
// big file rather than many small ones.
const bigLive = 32 << 20

// governHeap sets the collector's target after each collection: a heap of
// heapGoal, or of twice the live heap and 16 MiB more once that is larger,
// and of three times the live heap once that passes bigLive. What is live
// then is mostly one file's parse tree and model, all of it still in use,
// which every collection marks whole: a 10,000-stage file (2.4 MB) took
// 0.86 s at twice and 0.78 s at three times, for 235 and 240 MB; the
// benchmark set never comes near bigLive, and three times everywhere would
// take its peak to 100 MiB.
//
// Go's default (GOGC=100: twice the live heap) would collect every few
// megabytes while the heap is small, at a third of a parse's time; a fixed
// GOGC=400 lets the heap grow to five times what is live, and what is live
// includes ANTLR's prediction caches, which grow with the variety of the
// files read. A lower factor than twice costs too much: each collection
// marks the whole of those caches (over the first 1,000 of 6,500 public
// files, 1.5 times the live heap took 2.3 times the CPU of no bound, 2
// times 1.7, 3 times 1.3, for a peak of 35%, 49% and 70% of that without
// the bound). The target is set through GOGC, not as a memory limit: a
// heap above a memory limit makes the runtime hand memory back to the
// system on the allocation path, which a file of 10,000 stages paid for
// with a third of its time in madvise and page faults.
func governHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func(live int64) {
		live = max(live, 1<<20)
		goal := max(heapGoal, 2*live+16<<20)
		if live > bigLive {
			goal = 3*live + 16<<20
		}
		// Go never lets the heap goal fall below 4 MiB times GOGC/100.
		debug.SetGCPercent(int(min((goal-live)*100/live, heapGoal/(4<<20)*100)))
	}
	set(0)
	var after func(*gcTick)
	after = func(*gcTick) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			set(int64(sample[0].Value.Uint64()))
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
