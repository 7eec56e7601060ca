package fix

import (
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

func parseOK(t *testing.T, src string) *parser.File {
	t.Helper()
	f, errs := parser.Parse("Jenkinsfile", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	return f
}

// A result Jenkins would refuse is not written; problems the input already
// had do not count against a fix.
func TestDeclarativeBaseline(t *testing.T) {
	const before = `pipeline {
    agent any
    stages {
        stage('a') { steps { } }
    }
}
`
	b := validDeclarative(parseOK(t, before), rules.Options{})
	if msg := b.refuses(parseOK(t, before)); msg != "" {
		t.Errorf("the input's own problem counted against the fix: %s", msg)
	}
	after := strings.Replace(before, "agent any\n", "agent any\n    environment { }\n", 1)
	msg := b.refuses(parseOK(t, after))
	if msg != "3:5: No variables specified for environment [declarative-empty-section]" {
		t.Errorf("refuses = %q", msg)
	}
}
