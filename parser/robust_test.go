package parser

import (
	"strings"
	"testing"
	"time"
)

// Inputs built to exhaust the parser: each must end with the depth error
// (or parse), quickly and without overflowing the stack.
func TestHostileInputs(t *testing.T) {
	const mb = 1 << 20
	deep := "expression nested deeper than 500 levels: jfcheck does not read this file further"
	nest := "nesting deeper than 500 levels: jfcheck does not read this file further"
	cases := []struct {
		name, src, want string
	}{
		{"1 MB of !", "x = " + strings.Repeat("!", mb) + "y\n", deep},
		{"1 MB of -", "x = " + strings.Repeat("-", mb) + "y\n", deep},
		{"1 MB of - and spaces", "x = " + strings.Repeat("- ", mb/2) + "y\n", deep},
		{"1 MB of ~", "x = " + strings.Repeat("~", mb) + "y\n", deep},
		{"1 MB of a = a = ...", strings.Repeat("a = ", mb/4) + "1\n", deep},
		{"1 MB of ternaries", "x = " + strings.Repeat("a ? b : ", mb/8) + "c\n", deep},
		{"10,000 chained casts", "x = " + strings.Repeat("(String) ", 10000) + "y\n", deep},
		{"100,000 nested GStrings", "x = " + strings.Repeat(`"${`, 100000) + "1" + strings.Repeat(`}"`, 100000) + "\n", nest},
		{"1 MB of parentheses", "x = " + strings.Repeat("(", mb/2) + "1" + strings.Repeat(")", mb/2) + "\n", nest},
		{"10,000 chained as", "x = y" + strings.Repeat(" as String", 10000) + "\n", ""},
		{"100,000 GStrings in a row", "x = " + strings.Repeat(`"${x}" + `, 100000) + "1\n", ""},
	}
	for _, c := range cases {
		start := time.Now()
		_, errs := Parse(c.name, []byte(c.src))
		d := time.Since(start)
		t.Logf("%s: %d bytes in %v", c.name, len(c.src), d.Round(time.Millisecond))
		switch {
		case c.want == "" && len(errs) > 0:
			t.Errorf("%s: %v", c.name, errs[0].Msg)
		case c.want != "" && (len(errs) != 1 || errs[0].Msg != c.want):
			t.Errorf("%s: got %v, want one error %q", c.name, errs, c.want)
		}
	}
}
