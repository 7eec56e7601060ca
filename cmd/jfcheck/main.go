// Command jfcheck lints Jenkinsfiles for docker login hazards on shared
// Jenkins nodes. See `jfcheck --help`.
package main

import (
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
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
