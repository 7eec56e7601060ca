package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the jfcheck command in the
// scripts, so they exercise Main itself.
//
//	exec jfcheck ARGS...          runs jfcheck
//	exec status N jfcheck ARGS... runs jfcheck and fails unless it exits with N
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jfcheck": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		"status": func() {
			if len(os.Args) < 3 || os.Args[2] != "jfcheck" {
				fmt.Fprintln(os.Stderr, "usage: status N jfcheck ARGS...")
				os.Exit(100)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(100)
			}
			if got := Main(os.Args[3:], os.Stdin, os.Stdout, os.Stderr); got != want {
				fmt.Fprintf(os.Stderr, "jfcheck exited with %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: every flag,
// every format, every exit code, standard input, bad paths and bad
// configuration, against exact expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("JFCHECK_UPDATE_SCRIPTS") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}

// A bug that panics inside Main is an internal failure: exit status 3 and a
// message, not a crash. A nil standard output makes the first write panic.
func TestInternalFailure(t *testing.T) {
	var stderr strings.Builder
	if code := Main([]string{"--version"}, nil, nil, &stderr); code != ExitInternal {
		t.Fatalf("exit %d, want %d", code, ExitInternal)
	}
	if !strings.HasPrefix(stderr.String(), "jfcheck: internal error: ") {
		t.Fatalf("stderr %q", stderr.String())
	}
}

// Results come out in input order whatever the number of workers and
// however long each file takes: the report over many files is the same
// with one worker and with eight, in every format.
func TestOrderIndependentOfJobs(t *testing.T) {
	dir := "../../testdata/bench/set/copy"
	for _, format := range []string{"text", "json", "sarif"} {
		var want string
		for _, j := range []string{"1", "8"} {
			var stdout, stderr strings.Builder
			code := Main([]string{"-j", j, "--format", format, "--fail-on", "never", "--oneline", dir}, nil, &stdout, &stderr)
			if code != ExitClean {
				t.Fatalf("-j %s --format %s: exit %d: %s", j, format, code, stderr.String())
			}
			if stdout.Len() == 0 {
				t.Fatalf("-j %s --format %s: no output", j, format)
			}
			if j == "1" {
				want = stdout.String()
			} else if stdout.String() != want {
				t.Errorf("--format %s: -j 8 gives another report than -j 1", format)
			}
		}
	}
}
