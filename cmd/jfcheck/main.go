// Command jfcheck lints Jenkinsfiles for docker login hazards on shared
// Jenkins nodes. See `jfcheck --help`.
package main

import (
	"os"

	"jfcheck/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
