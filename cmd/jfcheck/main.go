// Command jfcheck lints Jenkinsfiles for docker login hazards on shared
// Jenkins nodes. See `jfcheck --help`.
package main

import (
	"errors"
	"io"
	"os"
	"runtime/debug"

	"jfcheck/internal/cli"
)

func main() {
	// A run is short and its heap small: collect garbage less often than
	// Go's default (GOGC=100), which costs a parse about a third of its
	// time. GOGC in the environment still wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
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
