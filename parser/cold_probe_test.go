package parser

import (
	"os"
	"testing"
	"time"

	"runtime"
	"runtime/pprof"

	"jfcheck/parser/internal/gen"
)

func TestColdInitSplit(t *testing.T) {
	if os.Getenv("JF_COLD") == "" {
		t.Skip()
	}
	t0 := time.Now()
	gen.GroovyLexerInit()
	t1 := time.Now()
	gen.GroovyParserInit()
	t2 := time.Now()
	Parse("x", []byte("x = 1\n"))
	t3 := time.Now()
	t.Logf("lexer init %v, parser init %v, tiny parse %v", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2))
}

func TestColdProfile(t *testing.T) {
	path := os.Getenv("JF_COLD_FILE")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	runtime.SetCPUProfileRate(4000)
	out, _ := os.Create("/tmp/cold.prof")
	pprof.StartCPUProfile(out)
	Parse(path, src)
	pprof.StopCPUProfile()
	out.Close()
}
