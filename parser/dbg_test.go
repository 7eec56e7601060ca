package parser

import (
	"os"
	"testing"
	"time"
)

func TestDbgTime(t *testing.T) {
	for _, f := range []string{"/tmp/r_plus", "/tmp/r_plus2", "/tmp/r_gstr3", "/tmp/r_gstr2", "/tmp/r_cast"} {
		src, _ := os.ReadFile(f)
		s := time.Now()
		_, errs := Parse("x", src)
		t.Logf("%s %v %d", f, time.Since(s), len(errs))
	}
}
