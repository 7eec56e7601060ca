package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jfcheck/parser"
)

func lintRuleCase(t *testing.T, rule, name string) []Diagnostic {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "rules", rule, name+".Jenkinsfile"))
	if err != nil {
		t.Fatal(err)
	}
	f, errs := parser.Parse(name, src)
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	var out []Diagnostic
	for _, d := range Lint(f, nil, Options{}) {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

// TestDockerLogoutCleanupMessages checks that each kind of missing logout
// gets its own message, severity and related span.
func TestDockerLogoutCleanupMessages(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		sev       Severity
		related   bool
	}{
		{"no_logout", "has no docker logout", Error, false},
		{"logout_in_stage", "is a regular step", Error, true},
		{"logout_in_success", "post { success { } }", Error, true},
		{"different_registry", "logs out of other.example.com, not registry.example.com", Error, true},
		{"cleanws_warning", "has no docker logout", Warning, false},
		{"scripted_no_logout", "in a finally inside the withEnv that sets DOCKER_CONFIG", Error, false},
		{"stage_agent_other_node", "runs on the pipeline's agent, not on the agent of stage 'Push arm64' where the login ran: log out in the post { cleanup { } } of stage 'Push arm64', which runs on its agent", Error, true},
		{"always_counts", "in post { always } runs before post { success }, which still uses the registry", Warning, true},
		{"library_step", "in a finally around the body of call, with a job-scoped DOCKER_CONFIG", Error, false},
		{"withenv_cleanup_other_config", "runs with another DOCKER_CONFIG than the login", Error, true},
		{"trap_exit", "in an EXIT trap of the same script (trap 'docker logout quay.io' EXIT)", Error, false},
		{"docker_hub", "logs out of Docker Hub, not quay.io", Error, true},
	} {
		ds := lintRuleCase(t, "docker-logout-cleanup", tc.name)
		if len(ds) != 1 {
			t.Errorf("%s: %d findings, want 1", tc.name, len(ds))
			continue
		}
		d := ds[0]
		if !strings.Contains(d.Message, tc.msg) || d.Severity != tc.sev || (len(d.Related) > 0) != tc.related {
			t.Errorf("%s: got %q (%s, %d related), want %q (%s, related %v)", tc.name, d.Message, d.Severity, len(d.Related), tc.msg, tc.sev, tc.related)
		}
	}
}

func TestDockerConfigScopeMessages(t *testing.T) {
	ds := lintRuleCase(t, "docker-config-scope", "no_config")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "~/.docker/config.json, which every build on the node shares") {
		t.Errorf("no_config: %v", ds)
	}
	ds = lintRuleCase(t, "docker-config-scope", "shared_value")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, `"/var/lib/jenkins/.docker"`) || len(ds[0].Related) != 1 {
		t.Errorf("shared_value: %v", ds)
	}
	ds = lintRuleCase(t, "docker-config-scope", "custom_workspace")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "customWorkspace") {
		t.Errorf("custom_workspace: %v", ds)
	}
}

// TestShellMethods checks that the configured shell-methods run their
// string argument as a script on the node.
func TestShellMethods(t *testing.T) {
	src := []byte(`pipeline {
    agent any
    stages {
        stage('push') {
            steps {
                runSafe(this, 'docker login -u "$U" --password-stdin registry.example.com < pw')
            }
        }
    }
}
`)
	f, errs := parser.Parse("Jenkinsfile", src)
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	count := func(cfg *Config) int {
		n := 0
		for _, d := range Lint(f, nil, Options{Config: cfg}) {
			if d.Rule == DockerConfigScope.Name {
				n++
			}
		}
		return n
	}
	if n := count(DefaultConfig()); n != 0 {
		t.Errorf("without shell-methods: %d findings, want 0", n)
	}
	cfg := DefaultConfig()
	cfg.ShellMethods = []string{"runSafe"}
	if n := count(cfg); n != 1 {
		t.Errorf("with shell-methods: %d findings, want 1", n)
	}
}
