package parser

import (
	"os"
	"testing"
	"time"
)

func TestDebugTimes(t *testing.T) {
	if os.Getenv("JF_TIMES") == "" {
		t.Skip()
	}
	for _, path := range testFiles(t, "parse") {
		src, _ := os.ReadFile(path)
		t0 := time.Now()
		Parse(path, src)
		if d := time.Since(t0); d > 20*time.Millisecond {
			t.Logf("%v %s", d, path)
		}
	}
}
