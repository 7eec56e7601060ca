package rules_test

import (
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// A literal password gets no --password-stdin rewrite: the rewrite would
// keep the password in the file while hiding it from
// hardcoded-registry-credentials.
func TestPasswordStdinFixSkipsLiterals(t *testing.T) {
	cases := []struct {
		script string
		fix    bool
	}{
		{`sh 'docker login -u ci -p "$PASS" registry.example.com'`, true},
		{`sh 'docker login -u ci -p Xk9mQ2vLp registry.example.com'`, false},
		{`sh 'docker login -u ci --password=Xk9mQ2vLp registry.example.com'`, false},
		{`sh 'docker login -u ci -pXk9mQ2vLp registry.example.com'`, false},
	}
	for _, c := range cases {
		f, errs := parser.Parse("Jenkinsfile", []byte("node {\n"+c.script+"\n}\n"))
		if len(errs) > 0 {
			t.Fatalf("%s: %s", c.script, errs[0].Msg)
		}
		found := false
		for _, d := range rules.Lint(f, nil, rules.Options{}) {
			if d.Rule != "docker-login-password-arg" {
				continue
			}
			found = true
			if got := len(d.Fixes) > 0; got != c.fix {
				t.Errorf("%s: fix offered %v, want %v", c.script, got, c.fix)
			}
		}
		if !found {
			t.Errorf("%s: no docker-login-password-arg finding", c.script)
		}
	}
}
