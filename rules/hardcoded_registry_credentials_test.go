package rules_test

import (
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// findings returns the source text at each finding of rule in src.
func findings(t *testing.T, src, rule string) []string {
	t.Helper()
	f, errs := parser.Parse("Jenkinsfile", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("%s: parse: %s", src, errs[0].Msg)
	}
	var out []string
	for _, d := range rules.Lint(f, nil, rules.Options{}) {
		if d.Rule == rule {
			out = append(out, src[d.Span.Start:d.Span.End])
		}
	}
	return out
}

func TestHardcodedDockerLoginForms(t *testing.T) {
	cases := []struct {
		script string
		want   string // the reported text, "" for none
	}{
		{`docker login -u ci -p hunter2 reg.example.com`, "hunter2"},
		{`docker login -u ci --password hunter2 reg.example.com`, "hunter2"},
		{`docker login -u ci --password=hunter2 reg.example.com`, "hunter2"},
		{`docker login -u ci --password='hunter2' reg.example.com`, "'hunter2'"},
		{`docker login -u ci -phunter2 reg.example.com`, "hunter2"},
		{`docker login -u ci -p \"hunter2\" reg.example.com`, `\"hunter2\"`},
		{`docker login -u ci -p $PASS reg.example.com`, ""},
		{`docker login -u ci -p \"$PASS\" reg.example.com`, ""},
		{`docker login -u ci -p \"\${PASS}\" reg.example.com`, ""},
		{`echo \"$PASS\" | docker login -u ci --password-stdin reg.example.com`, ""},
		{`docker login reg.example.com; ./run -p hunter2`, ""},
		{`docker pull -p hunter2`, ""},
	}
	for _, c := range cases {
		src := "node {\n    sh \"" + c.script + "\"\n}\n"
		got := findings(t, src, "hardcoded-registry-credentials")
		want := []string{}
		if c.want != "" {
			want = append(want, c.want)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: got %q, want %q", c.script, got, want)
		}
	}
}

func TestHardcodedMessagesDoNotRepeatSecret(t *testing.T) {
	src := `pipeline {
    agent any
    environment {
        API_TOKEN = 'zq81secret'
    }
    stages {
        stage('x') {
            steps {
                sh 'docker login -u ci -p zq81secret r.example.com'
                git url: 'https://ci:zq81secret@git.example.com/a.git'
            }
        }
    }
}
`
	f, _ := parser.Parse("Jenkinsfile", []byte(src))
	n := 0
	for _, d := range rules.Lint(f, nil, rules.Options{}) {
		if d.Rule != "hardcoded-registry-credentials" {
			continue
		}
		n++
		if strings.Contains(d.Message, "zq81secret") {
			t.Errorf("message repeats the secret: %s", d.Message)
		}
	}
	if n != 3 {
		t.Errorf("got %d findings, want 3", n)
	}
}
