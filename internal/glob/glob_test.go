package glob

import (
	"errors"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		// Literals and whole-path matching.
		{"Jenkinsfile", "Jenkinsfile", true},
		{"Jenkinsfile", "ci/Jenkinsfile", false},
		{"ci/Jenkinsfile", "ci/Jenkinsfile", true},
		{"", "", true},
		{"", "a", false},

		// * and ? stay within one element.
		{"*.groovy", "build.groovy", true},
		{"*.groovy", "src/build.groovy", false},
		{"*", "", true},
		{"*", "a/b", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"a*b", "abab", true},
		{"*x", "xxxx", true},
		{"Jenkinsfile.*", "Jenkinsfile.deploy", true},
		{"Jenkinsfile.*", "Jenkinsfile", false},
		{"?", "é", true}, // one code point, two bytes
		{"??", "é", false},
		{"a?c", "a/c", false},

		// ** spans elements.
		{"**", "", true},
		{"**", "a/b/c", true},
		{"**/Jenkinsfile", "Jenkinsfile", true},
		{"**/Jenkinsfile", "a/b/Jenkinsfile", true},
		{"legacy/**", "legacy", true},
		{"legacy/**", "legacy/a/b", true},
		{"legacy/**", "legacyx/a", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"a/**/**/b", "a/b", true},
		{"**/*.groovy", "vars/deploy.groovy", true},
		{"a**b", "axxb", true}, // not a whole element: same as *
		{"a**b", "ax/xb", false},

		// Character classes.
		{"[abc].txt", "b.txt", true},
		{"[abc].txt", "d.txt", false},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "bx", false},
		{"[!a-c]x", "dx", true},
		{"[^a-c]x", "dx", true},
		{"[]]", "]", true},
		{"[!]]", "a", true},
		{"[a-]", "-", true},
		{"[[:digit:]]*", "7up", true},
		{"[[:digit:]]*", "up", false},
		{"[[:upper:][:digit:]]", "Q", true},
		{"[é]", "é", true},

		// Escapes.
		{`\*`, "*", true},
		{`\*`, "a", false},
		{`a\?`, "a?", true},
		{`[\]]`, "]", true},
		{`\#x`, "#x", true},
	}
	for _, tt := range tests {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		if got := p.Match(tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("package Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, pattern := range []string{"[/]" /* a slash ends the element */, "[abc", "[", "[!", "a\\", "[z-a]", "[[:nope:]]", "[[:alpha:"} {
		if _, err := Compile(pattern); !errors.Is(err, ErrBadPattern) {
			t.Errorf("Compile(%q) = %v, want ErrBadPattern", pattern, err)
		}
		if Match(pattern, "a") {
			t.Errorf("invalid pattern %q matched", pattern)
		}
	}
}

func TestErrorText(t *testing.T) {
	_, err := Compile("a/[b")
	var e *Error
	if !errors.As(err, &e) || e.Reason != "unclosed '['" || err.Error() != `syntax error in pattern "a/[b": unclosed '['` {
		t.Errorf("Compile error = %#v (%v)", err, err)
	}
}

func TestMustCompilePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustCompile did not panic on a bad pattern")
		}
	}()
	MustCompile("[")
}

func TestString(t *testing.T) {
	if got := MustCompile("a/**/b").String(); got != "a/**/b" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("a/**/b*[x-z]", "a/q/bx")
	f.Add("*a*a*a*a*", "aaaaaaaaaaaaaaaaaaaa")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		p, err := Compile(pattern)
		if err != nil {
			return
		}
		p.Match(name) // must not panic or hang
	})
}
