package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jfcheck/rules"
)

var testRules = []string{"docker-config-scope", "docker-logout-cleanup", "docker-prune-shared-node"}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Config // Path, Dir and the unexported fields are not compared
	}{
		{"empty", "", Config{Rules: map[string]RuleSetting{}}},
		{"only comments", "# nothing here\n\n", Config{Rules: map[string]RuleSetting{}}},
		{"null document", "~\n", Config{Rules: map[string]RuleSetting{}}},
		{"null values", "rules:\ndocker-config:\ncredential-variables:\nignore:\n", Config{Rules: map[string]RuleSetting{}}},
		{
			name: "full",
			src: `# settings
rules:
  docker-logout-cleanup: warning
  docker-prune-shared-node: off
  docker-config-scope: INFO
docker-config: "${WORKSPACE_TMP}/docker-${BUILD_TAG}"
credential-variables: [DEPLOY_TOKEN, _X1]
ignore: ["legacy/**", "vendor/**"]
`,
			want: Config{
				Rules: map[string]RuleSetting{
					"docker-logout-cleanup":    {Severity: rules.Warning},
					"docker-prune-shared-node": {Off: true},
					"docker-config-scope":      {Severity: rules.Info},
				},
				DockerConfig:        "${WORKSPACE_TMP}/docker-${BUILD_TAG}",
				CredentialVariables: []string{"DEPLOY_TOKEN", "_X1"},
				Ignore:              []string{"legacy/**", "vendor/**"},
			},
		},
		{
			name: "block lists and anchors",
			src: `ignore:
  - &v vendor/**
credential-variables:
  - TOKEN
rules:
  docker-config-scope: &sev error
  docker-logout-cleanup: *sev
`,
			want: Config{
				Rules: map[string]RuleSetting{
					"docker-config-scope":   {Severity: rules.Error},
					"docker-logout-cleanup": {Severity: rules.Error},
				},
				CredentialVariables: []string{"TOKEN"},
				Ignore:              []string{"vendor/**"},
			},
		},
		{
			name: "docker-config with escapes and nested braces",
			src:  `docker-config: '${env.WORKSPACE}/\"x\"/${[a:1].a}'`,
			want: Config{Rules: map[string]RuleSetting{}, DockerConfig: `${env.WORKSPACE}/\"x\"/${[a:1].a}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("ci/.jfcheck.yml", []byte(tt.src), testRules)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := Config{Rules: c.Rules, DockerConfig: c.DockerConfig, CredentialVariables: c.CredentialVariables, Ignore: c.Ignore}
			if !reflect.DeepEqual(&got, &tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
			if c.Path != "ci/.jfcheck.yml" {
				t.Errorf("Path = %q", c.Path)
			}
			if wd, _ := os.Getwd(); c.Dir != filepath.Join(wd, "ci") {
				t.Errorf("Dir = %q, want %q", c.Dir, filepath.Join(wd, "ci"))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown key with hint", "ignores: []\n", []string{`c.yml:1:1: unknown key "ignores" (did you mean "ignore"?)`}},
		{"unknown key without hint", "colour: true\n", []string{`c.yml:1:1: unknown key "colour" (known keys: rules, docker-config, credential-variables, shell-methods, ignore, declarative)`}},
		{"unknown rule with hint", "rules:\n  docker-logut-cleanup: warning\n", []string{`c.yml:2:3: rules: unknown rule "docker-logut-cleanup" (did you mean "docker-logout-cleanup"?)`}},
		{"unknown rule without hint", "rules:\n  shellcheck: warning\n", []string{`c.yml:2:3: rules: unknown rule "shellcheck"`}},
		{"bad severity with hint", "rules:\n  docker-config-scope: eror\n", []string{`c.yml:2:24: rules: docker-config-scope: unknown severity "eror" (want off, error, warning or info; did you mean "error"?)`}},
		{"bad severity", "rules:\n  docker-config-scope: fatal\n", []string{`c.yml:2:24: rules: docker-config-scope: unknown severity "fatal" (want off, error, warning or info)`}},
		{"boolean severity", "rules:\n  docker-config-scope: false\n", []string{`c.yml:2:24: rules: docker-config-scope: want off, error, warning or info, got a boolean`}},
		{"rules not a mapping", "rules: [a]\n", []string{`c.yml:1:8: rules: want a mapping, got a list`}},
		{"top level not a mapping", "- a\n", []string{`c.yml:1:1: the configuration must be a mapping of keys (rules, docker-config, credential-variables, shell-methods, ignore, declarative), got a list`}},
		{"docker-config not a string", "docker-config: 3\n", []string{`c.yml:1:16: docker-config: want a string, got a number`}},
		{"docker-config mapping", "docker-config: {a: b}\n", []string{`c.yml:1:16: docker-config: want a string, got a mapping`}},
		{"docker-config quote", `docker-config: 'a"b'` + "\n", []string{`c.yml:1:16: docker-config: the value has an unescaped '"'; write \" for a quote`}},
		{"docker-config newline", `docker-config: "a\nb"` + "\n", []string{`c.yml:1:16: docker-config: the value must be on one line`}},
		{"docker-config unclosed", `docker-config: "${WORKSPACE/x"` + "\n", []string{`c.yml:1:16: docker-config: a "${" is never closed`}},
		{"docker-config backslash", `docker-config: 'x\'` + "\n", []string{`c.yml:1:16: docker-config: the value ends with a lone '\'`}},
		{"docker-config empty", `docker-config: ""` + "\n", []string{`c.yml:1:16: docker-config: empty value (leave the key out for the default)`}},
		{"ignore a string", "ignore: vendor/**\n", []string{`c.yml:1:9: ignore: want a list of strings, got a string`}},
		{"ignore item not a string", "ignore: [a, 1, {b: c}]\n", []string{`c.yml:1:13: ignore: want a string, got a number`, `c.yml:1:16: ignore: want a string, got a mapping`}},
		{"ignore bad pattern", "ignore: ['[abc']\n", []string{`c.yml:1:10: ignore: bad pattern "[abc": unclosed '['`}},
		{"ignore empty pattern", "ignore: ['']\n", []string{`c.yml:1:10: ignore: empty pattern`}},
		{"credential not a name", "credential-variables: [DEPLOY-TOKEN]\n", []string{`c.yml:1:24: credential-variables: "DEPLOY-TOKEN" is not a variable name`}},
		{"credential number", "credential-variables: [1]\n", []string{`c.yml:1:24: credential-variables: want a string, got a number`}},
		{"repeated key", "ignore: []\nignore: [a]\n", []string{`c.yml:2:1: configuration: "ignore" is set twice (first at 1:1)`}},
		{"repeated rule", "rules:\n  docker-config-scope: off\n  docker-config-scope: error\n", []string{`c.yml:3:3: rules: "docker-config-scope" is set twice (first at 2:3)`}},
		{"non-string key", "1: a\n", []string{`c.yml:1:1: configuration: keys must be strings, got a number`}},
		{
			"several errors in file order",
			"rules:\n  nope: error\n  docker-config-scope: loud\nextra: 1\n",
			[]string{
				`c.yml:2:3: rules: unknown rule "nope"`,
				`c.yml:3:24: rules: docker-config-scope: unknown severity "loud" (want off, error, warning or info)`,
				`c.yml:4:1: unknown key "extra" (known keys: rules, docker-config, credential-variables, shell-methods, ignore, declarative)`,
			},
		},
		{"syntax error", "rules:\n  a: b\n c: d\n", []string{`c.yml:2: invalid YAML: did not find expected key`}},
		{"tab indentation", "rules:\n\ta: b\n", []string{`c.yml:2: invalid YAML: found character that cannot start any token`}},
		{"two documents", "ignore: []\n---\nignore: []\n", []string{`c.yml:2:1: only one YAML document is allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yml", []byte(tt.src), testRules)
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", c)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an ErrorList: %v", err, err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestParseAnyRuleWithoutNames(t *testing.T) {
	c, err := Parse("c.yml", []byte("rules:\n  anything: warning\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Rules["anything"]; got != (RuleSetting{Severity: rules.Warning}) {
		t.Errorf("Rules[anything] = %+v", got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".jfcheck.yml")
	if err := os.WriteFile(p, []byte("ignore: [x/**]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p, testRules)
	if err != nil {
		t.Fatal(err)
	}
	if c.Dir != dir || c.Path != p || !reflect.DeepEqual(c.Ignore, []string{"x/**"}) {
		t.Errorf("Load = %+v", c)
	}
	if _, err := Load(filepath.Join(dir, "missing.yml"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) error = %v, want ErrNotExist", err)
	}
	if err := os.WriteFile(p, []byte("nope: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p, testRules); err == nil || !strings.HasPrefix(err.Error(), p+":1:1: unknown key") {
		t.Errorf("Load(bad) error = %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	top := mk("repo/.jfcheck.yml")
	sub := mk("repo/svc/.jfcheck.yaml")
	mk("repo/svc/deep/er/Jenkinsfile")
	mk("both/.jfcheck.yml")
	mk("both/.jfcheck.yaml")
	if err := os.MkdirAll(filepath.Join(root, "dirname/.jfcheck.yml"), 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		start, want string
		wantErr     bool
	}{
		{"repo", top, false},
		{"repo/svc", sub, false},
		{"repo/svc/deep/er", sub, false},
		{"repo/svc/deep/er/Jenkinsfile", sub, false}, // a file: start in its directory
		{"repo/other", top, false},                   // need not exist: walks up
		{"both", "", true},
		{"dirname", "", false}, // a directory with the name does not count
	}
	for _, tt := range tests {
		got, err := Find(filepath.Join(root, tt.start))
		if (err != nil) != tt.wantErr {
			t.Errorf("Find(%s) error = %v", tt.start, err)
			continue
		}
		// Above the temporary directory a stray file could exist; only
		// compare results inside it.
		if tt.want == "" && strings.HasPrefix(got, root) || tt.want != "" && got != tt.want {
			t.Errorf("Find(%s) = %q, want %q", tt.start, got, tt.want)
		}
	}

	// Relative start directories work from the working directory.
	t.Chdir(filepath.Join(root, "repo/svc/deep"))
	if got, err := Find("."); err != nil || got != sub {
		t.Errorf(`Find(".") = %q, %v; want %q`, got, err, sub)
	}
}

func TestIgnored(t *testing.T) {
	root := t.TempDir()
	c, err := Parse(filepath.Join(root, ".jfcheck.yml"),
		[]byte(`ignore: ["legacy/**", "./vendor/", "**/*.test.groovy", "one/Jenkinsfile", "gen"]`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want bool
	}{
		{"legacy", true},
		{"legacy/Jenkinsfile", true},
		{"legacy/a/b/Jenkinsfile", true},
		{"legacyx/Jenkinsfile", false},
		{"vendor/x/Jenkinsfile", true},
		{"src/vendor/x/Jenkinsfile", false}, // patterns are anchored at Dir
		{"a/b/c.test.groovy", true},
		{"c.test.groovy", true},
		{"c.groovy", false},
		{"one/Jenkinsfile", true},
		{"one/Jenkinsfile.deploy", false},
		{"gen/x/Jenkinsfile", true}, // a directory pattern covers its contents
		{"Jenkinsfile", false},
		{".", false},
		{"../legacy/Jenkinsfile", false}, // outside Dir
	}
	for _, tt := range tests {
		if got := c.Ignored(filepath.Join(root, tt.path)); got != tt.want {
			t.Errorf("Ignored(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}

	// Relative paths are relative to the working directory.
	t.Chdir(root)
	if !c.Ignored("legacy/Jenkinsfile") || c.Ignored("Jenkinsfile") {
		t.Error("relative paths not resolved against the working directory")
	}

	byHand := &Config{Dir: root, Ignore: []string{"legacy/**"}}
	if !byHand.Ignored(filepath.Join(root, "legacy", "x")) || byHand.Ignored(filepath.Join(root, "x")) {
		t.Error("a Config built by hand does not match its Ignore patterns")
	}

	var nilConfig *Config
	if nilConfig.Ignored("legacy/Jenkinsfile") {
		t.Error("a nil Config ignored a path")
	}
}

func TestRulesConfig(t *testing.T) {
	var nilConfig *Config
	if got := nilConfig.RulesConfig(); !reflect.DeepEqual(got, rules.DefaultConfig()) {
		t.Errorf("nil RulesConfig = %+v", got)
	}
	c := &Config{}
	if got := c.RulesConfig(); got.DockerConfig != rules.DefaultDockerConfig {
		t.Errorf("default DockerConfig = %q", got.DockerConfig)
	}
	c = &Config{DockerConfig: "${WORKSPACE_TMP}/d", CredentialVariables: []string{"T"}}
	got := c.RulesConfig()
	if got.DockerConfig != "${WORKSPACE_TMP}/d" || !reflect.DeepEqual(got.CredentialVariables, []string{"T"}) {
		t.Errorf("RulesConfig = %+v", got)
	}
	got.CredentialVariables[0] = "changed"
	if c.CredentialVariables[0] != "T" {
		t.Error("RulesConfig shares the CredentialVariables slice")
	}
}

func TestDefault(t *testing.T) {
	rs := []*rules.Rule{
		{Name: "docker-config-scope", Title: "docker login without a job-scoped DOCKER_CONFIG", Severity: rules.Error},
		{Name: "docker-logout-cleanup", Title: "docker login without a logout in post cleanup", Severity: rules.Warning},
	}
	for _, tc := range []struct {
		name string
		rs   []*rules.Rule
		want []string
	}{
		{"with rules", rs, []string{
			"  # docker-config-scope: error      # docker login without a job-scoped DOCKER_CONFIG\n",
			"  # docker-logout-cleanup: warning  # docker login without a logout in post cleanup\n",
		}},
		{"without rules", nil, []string{"  # docker-logout-cleanup: warning\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := Default(tc.rs)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("Default lacks %q:\n%s", w, text)
				}
			}
			for _, key := range Keys {
				if !strings.Contains(text, "\n"+key+":") {
					t.Errorf("Default lacks key %s", key)
				}
				if !strings.Contains(text, "# "+key+": ") {
					t.Errorf("Default does not explain key %s", key)
				}
			}
			c, err := Parse(".jfcheck.yml", []byte(text), testRules)
			if err != nil {
				t.Fatalf("Default does not load: %v\n%s", err, text)
			}
			if len(c.Rules) != 0 || c.DockerConfig != rules.DefaultDockerConfig || len(c.CredentialVariables) != 0 || len(c.Ignore) != 0 {
				t.Errorf("Default loads as %+v, want the defaults", c)
			}
		})
	}
}

func TestCheckGString(t *testing.T) {
	tests := []struct {
		s       string
		wantErr bool
	}{
		{"plain", false},
		{"${WORKSPACE}/x", false},
		{"$WORKSPACE/x", false},
		{`a\"b`, false},
		{`a\\b`, false},
		{"${[a:1].a}", false},
		{"{x}", false}, // braces outside ${} are plain text
		{`a"b`, true},
		{"${a", true},
		{"${a}${b", true},
		{`a\`, true},
		{"a\nb", true},
		{"  ", true},
	}
	for _, tt := range tests {
		if err := checkGString(tt.s); (err != nil) != tt.wantErr {
			t.Errorf("checkGString(%q) = %v, want error %v", tt.s, err, tt.wantErr)
		}
	}
}
