package rules_test

import (
	"sort"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// applyFixes applies the first fix of every finding of rule to src by hand.
func applyFixes(t *testing.T, src, rule string) (string, int) {
	t.Helper()
	f, errs := parser.Parse("Jenkinsfile", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("parse: %s", errs[0].Msg)
	}
	var edits []rules.Edit
	for _, d := range rules.Lint(f, nil, rules.Options{}) {
		if d.Rule != rule || len(d.Fixes) == 0 {
			continue
		}
		if d.Fixes[0].Level != rules.Safe {
			t.Errorf("fix %q is not safe", d.Fixes[0].Message)
		}
		edits = append(edits, d.Fixes[0].Edits...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
	out := src
	for _, e := range edits {
		out = out[:e.Start] + e.New + out[e.End:]
	}
	return out, len(edits)
}

func TestGroovySecretInterpolationFixArticle(t *testing.T) {
	src := `pipeline {
    agent any
    stages {
        stage('Push') {
            steps {
                withCredentials([usernamePassword(credentialsId: 'nexus', usernameVariable: 'REPO_USER', passwordVariable: 'REPO_PASSWORD')]) {
                    sh """
                        docker login -u admin -p "${REPO_PASSWORD}" registry.example.com
                        docker push registry.example.com/app:latest
                    """
                }
            }
        }
    }
}
`
	got, n := applyFixes(t, src, "groovy-secret-interpolation")
	if n != 1 {
		t.Fatalf("got %d edits, want 1", n)
	}
	want := strings.Replace(src, `-p "${REPO_PASSWORD}"`, `-p "\${REPO_PASSWORD}"`, 1)
	if got != want {
		t.Errorf("fixed text:\n%s\nwant:\n%s", got, want)
	}
	// The fixed text parses and no longer reports the rule.
	again, n := applyFixes(t, got, "groovy-secret-interpolation")
	if n != 0 || again != got {
		t.Errorf("fixing the fixed text changed it again (%d edits)", n)
	}
}

// TestGroovySecretInterpolationFixSourceArticle fixes the pipeline of the
// article the project started from: both the username and the password
// variables are bound by withCredentials, so both are escaped and the rest
// of the file (DOCKER_REPO, DOCKER_CONFIG, the cleanup) is untouched.
func TestGroovySecretInterpolationFixSourceArticle(t *testing.T) {
	src := `pipeline {
    agent any
    environment {
        DOCKER_REPO = "docker-repo.mydomain.com"
        DOCKER_CONFIG = "${WORKSPACE}/${BUILD_NUMBER}/.docker"
    }
    stages {
        stage('pull latest base images') {
            steps {
                withCredentials([usernamePassword(credentialsId: 'jenkins-docker-repo', usernameVariable: 'REPO_USER', passwordVariable: 'REPO_PASSWORD')]) {
                    sh(
                        script: """
                            docker login -u "${REPO_USER}" -p "${REPO_PASSWORD}" ${DOCKER_REPO}
                            docker pull ${DOCKER_REPO}/my_project/build-base:stable
                        """
                    )
                }
            }
        }
    }
    post {
        cleanup {
            sh(
                script: """
                    docker logout ${DOCKER_REPO}
                """
            )
        }
    }
}
`
	got, n := applyFixes(t, src, "groovy-secret-interpolation")
	if n != 2 {
		t.Fatalf("got %d edits, want 2", n)
	}
	want := strings.Replace(src, `docker login -u "${REPO_USER}" -p "${REPO_PASSWORD}" ${DOCKER_REPO}`,
		`docker login -u "\${REPO_USER}" -p "\${REPO_PASSWORD}" ${DOCKER_REPO}`, 1)
	if got != want {
		t.Errorf("fixed text:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(got, `-p "\${REPO_PASSWORD}"`) {
		t.Errorf("fixed text lacks -p \"\\${REPO_PASSWORD}\"")
	}
}

func TestGroovySecretInterpolationFixes(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{
			"bare dollar in sh",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh "curl -H \"X: $TOKEN\" x" } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh "curl -H \"X: \$TOKEN\" x" } }`,
		},
		{
			"echo has no fix",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { echo "t=${TOKEN}" } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { echo "t=${TOKEN}" } }`,
		},
		{
			"env form in sh",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh(script: "x ${env.TOKEN}") } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh(script: "x \${TOKEN}") } }`,
		},
		{
			"bat reads %NAME%",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { bat "x ${TOKEN}" } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { bat "x %TOKEN%" } }`,
		},
		{
			"powershell reads env:",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { pwsh "x $TOKEN" } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { pwsh "x \${env:TOKEN}" } }`,
		},
		{
			"method call on the secret has no fix",
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh "x ${TOKEN.trim()}" } }`,
			`node { withCredentials([string(credentialsId: 't', variable: 'TOKEN')]) { sh "x ${TOKEN.trim()}" } }`,
		},
	}
	for _, c := range cases {
		got, _ := applyFixes(t, c.src, "groovy-secret-interpolation")
		if got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, got, c.want)
		}
	}
}

func TestGroovySecretInterpolationConfigured(t *testing.T) {
	src := "node { sh \"deploy --key ${DEPLOY_KEY}\" }\n"
	f, _ := parser.Parse("Jenkinsfile", []byte(src))
	count := func(cfg *rules.Config) int {
		n := 0
		for _, d := range rules.Lint(f, nil, rules.Options{Config: cfg}) {
			if d.Rule == "groovy-secret-interpolation" {
				n++
			}
		}
		return n
	}
	if n := count(nil); n != 0 {
		t.Errorf("default config: %d findings, want 0", n)
	}
	cfg := rules.DefaultConfig()
	cfg.CredentialVariables = []string{"DEPLOY_KEY"}
	if n := count(cfg); n != 1 {
		t.Errorf("with DEPLOY_KEY configured: %d findings, want 1", n)
	}
}

// TestGroovySecretInterpolationKinds checks what a finding says and how
// severe it is for each kind of credential value and each step.
func TestGroovySecretInterpolationKinds(t *testing.T) {
	cases := []struct {
		step     string
		severity rules.Severity
		says     string
	}{
		{`sh "curl -u ${U}:${P} x"`, rules.Error, "the credential values U and P"},
		{`sh "echo ${U}"`, rules.Warning, "the credential user name U"},
		{`echo "p=${P}"`, rules.Warning, "into the build log"},
		{`error "bad ${P}"`, rules.Warning, "failure message"},
		{`writeFile file: 'x', text: "${P}"`, rules.Error, "a file in the workspace"},
		{`sh "deploy ${P}"`, rules.Error, "script file and shown in the process list"},
	}
	for _, c := range cases {
		src := "node { withCredentials([usernamePassword(credentialsId: 'c', usernameVariable: 'U', passwordVariable: 'P')]) {\n" + c.step + "\n} }\n"
		f, errs := parser.Parse("Jenkinsfile", []byte(src))
		if len(errs) > 0 {
			t.Fatalf("%s: %s", c.step, errs[0].Msg)
		}
		var got []rules.Diagnostic
		for _, d := range rules.Lint(f, nil, rules.Options{}) {
			if d.Rule == "groovy-secret-interpolation" {
				got = append(got, d)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s: %d findings, want 1", c.step, len(got))
			continue
		}
		if got[0].Severity != c.severity || !strings.Contains(got[0].Message, c.says) {
			t.Errorf("%s: %s %q, want %s and %q", c.step, got[0].Severity, got[0].Message, c.severity, c.says)
		}
	}
}
