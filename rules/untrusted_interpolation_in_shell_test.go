package rules_test

import (
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

func TestUntrustedInterpolationSources(t *testing.T) {
	cases := []struct {
		step string
		want string // the reported text, "" for none
	}{
		{`sh "echo ${params.NAME}"`, "${params.NAME}"},
		{`sh "echo $params.NAME"`, "$params.NAME"},
		{`sh "echo ${params['NAME']}"`, "${params['NAME']}"},
		{`sh "echo ${env['BRANCH_NAME']}"`, "${env['BRANCH_NAME']}"},
		{`sh "echo ${BRANCH_NAME}"`, "${BRANCH_NAME}"},
		{`sh "echo $CHANGE_AUTHOR_DISPLAY_NAME"`, "$CHANGE_AUTHOR_DISPLAY_NAME"},
		{`sh "echo ${env.TAG_NAME}"`, "${env.TAG_NAME}"},
		{`sh "echo ${env.BUILD_NUMBER}"`, ""},
		{`sh "echo \${BRANCH_NAME}"`, ""},
		{`sh 'echo ${BRANCH_NAME}'`, ""},
		{`echo "${BRANCH_NAME}"`, ""},
		{`foo.sh "${BRANCH_NAME}"`, ""},
	}
	for _, c := range cases {
		src := "node {\n    " + c.step + "\n}\n"
		got := findings(t, src, "untrusted-interpolation-in-shell")
		want := []string{}
		if c.want != "" {
			want = append(want, c.want)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: got %q, want %q", c.step, got, want)
		}
	}
}

// TestUntrustedInterpolationWhoControls checks that findings say who
// chooses the value and rank outsiders above users who start the build.
func TestUntrustedInterpolationWhoControls(t *testing.T) {
	cases := []struct {
		script   string
		severity rules.Severity
		says     string
	}{
		{`sh "echo ${CHANGE_TITLE}"`, rules.Warning, "open a pull request"},
		{`sh "git checkout ${env.BRANCH_NAME}"`, rules.Warning, "push a branch"},
		{`sh "deploy ${params.VERSION}"`, rules.Info, "whoever starts the build"},
	}
	for _, c := range cases {
		f, errs := parser.Parse("Jenkinsfile", []byte("node {\n"+c.script+"\n}\n"))
		if len(errs) > 0 {
			t.Fatalf("%s: %s", c.script, errs[0].Msg)
		}
		var got []rules.Diagnostic
		for _, d := range rules.Lint(f, nil, rules.Options{}) {
			if d.Rule == "untrusted-interpolation-in-shell" {
				got = append(got, d)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s: %d findings, want 1", c.script, len(got))
			continue
		}
		if got[0].Severity != c.severity || !strings.Contains(got[0].Message, c.says) {
			t.Errorf("%s: %s %q, want %s and %q", c.script, got[0].Severity, got[0].Message, c.severity, c.says)
		}
	}
}
