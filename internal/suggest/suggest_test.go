package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"abc", "abc", 0},
		{"abc", "abd", 1},
		{"abc", "acb", 1}, // one transposition
		{"ca", "abc", 3},  // optimal string alignment, not full Damerau
		{"kitten", "sitting", 3},
		{"warnng", "warning", 1},
		{"héllo", "hello", 1}, // counted in code points, not bytes
		{"日本語", "日本", 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	ruleNames := []string{"docker-config-scope", "docker-logout-cleanup", "docker-prune-shared-node", "credentials-in-sh"}
	keys := []string{"rules", "docker-config", "credential-variables", "ignore"}
	formats := []string{"text", "json", "sarif", "checkstyle", "github"}
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"docker-logut-cleanup", ruleNames, "docker-logout-cleanup"},
		{"docker-config-scop", ruleNames, "docker-config-scope"},
		{"Docker-Config-Scope", ruleNames, "docker-config-scope"}, // case is ignored
		{"docker-prune", ruleNames, ""},                           // too far
		{"something-else", ruleNames, ""},
		{"ignores", keys, "ignore"},
		{"rule", keys, "rules"},
		{"docker_config", keys, "docker-config"},
		{"credential-variable", keys, "credential-variables"},
		{"jsn", formats, "json"},
		{"txet", formats, "text"}, // transposition
		{"sarf", formats, "sarif"},
		{"xml", formats, ""},
		{"", formats, ""},
		{"x", nil, ""},
		{"json", formats, "json"}, // an exact match is its own suggestion
		// Ties go to the lexically smallest candidate whatever the order.
		{"ab", []string{"cb", "ac"}, "ac"},
		{"ab", []string{"ac", "cb"}, "ac"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tt.name, tt.candidates, got, tt.want)
		}
	}
}
