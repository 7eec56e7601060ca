package rules_test

import (
	"strings"
	"testing"
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
