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
		{"scripted_no_logout", "finally of a try around the login, inside the same node block", Error, false},
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
