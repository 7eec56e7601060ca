package rules

import (
	"testing"

	"jfcheck/parser"
)

// The escape fix is offered only where the shell expands the escaped
// reference: not inside shell single quotes or a quoted here-document.
func TestSecretFixRespectsShellQuoting(t *testing.T) {
	cases := []struct {
		script string
		fix    bool
	}{
		{`sh "echo ${TOKEN}"`, true},
		{`sh "curl -u \"ci:${TOKEN}\" x"`, true},
		{`sh "sshpass -p '${TOKEN}' ssh h"`, false},
		{`sh "echo 'a' ${TOKEN} 'b'"`, true},
		{`sh "echo \\'${TOKEN}"`, true},
		{"sh \"\"\"\ncat <<'EOF'\n${TOKEN}\nEOF\n\"\"\"", false},
		{"sh \"\"\"\ncat <<-\"EOF\"\n\t${TOKEN}\n\tEOF\necho ${TOKEN}\n\"\"\"", false},
		{"sh \"\"\"\ncat <<EOF\n${TOKEN}\nEOF\n\"\"\"", true},
		{`powershell "Write-Output '${TOKEN}'"`, false},
		{`bat "echo '${TOKEN}'"`, true},
		{`sh "echo \"\$(printf '%s' '${TOKEN}')\""`, false},
		{`sh "echo \"\$(printf '%s' ${TOKEN})\""`, true},
		{`sh "x=\"\$(echo \"\$(cat '${TOKEN}')\")\""`, false},
		{"sh \"echo \\\"`echo '${TOKEN}'`\\\"\"", false},
		{`sh "sg docker -c 'docker login -p ${TOKEN}'"`, false},
		{`sh "ssh host 'deploy --token ${TOKEN}'"`, false},
		{`sh "ssh host \"deploy --token '${TOKEN}'\""`, true},
		{`sh "echo \"\$( (cd x; echo ok) )\" ${TOKEN}"`, true},
	}
	for _, c := range cases {
		src := "withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) {\n" + c.script + "\n}\n"
		f, errs := parser.Parse("t", []byte(src))
		if len(errs) > 0 {
			t.Fatalf("%s: %s", c.script, errs[0].Msg)
		}
		var fixes []bool
		for _, d := range Lint(f, nil, Options{}) {
			if d.Rule == GroovySecretInterpolation.Name {
				fixes = append(fixes, len(d.Fixes) > 0)
			}
		}
		if len(fixes) == 0 || fixes[0] != c.fix {
			t.Errorf("%q: fixes %v, want first %v", c.script, fixes, c.fix)
		}
	}
}
