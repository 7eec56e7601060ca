// Command stages writes stagegen's pipeline of N stages to standard output:
//
//	go run ./internal/stagegen/stages 10000 > /tmp/big10000.Jenkinsfile
package main

import (
	"fmt"
	"os"
	"strconv"

	"jfcheck/internal/stagegen"
)

func main() {
	n, err := 0, error(nil)
	if len(os.Args) == 2 {
		n, err = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) != 2 || err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "usage: stages N")
		os.Exit(2)
	}
	os.Stdout.Write(stagegen.Pipeline(n))
}
