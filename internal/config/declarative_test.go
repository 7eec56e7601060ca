package config

import (
	"strings"
	"testing"

	"jfcheck/rules"
)

func TestDeclarativeKey(t *testing.T) {
	c, err := Parse("c.yml", []byte(`declarative:
  strict: true
  steps: [deployApp, "$helper"]
  agents: [ecs]
  post-conditions: [notified]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	cat := c.RulesConfig().Declarative
	if cat == nil || !cat.Strict || cat.Steps["deployApp"] == nil || cat.Steps["$helper"] == nil ||
		cat.Agents["ecs"] == nil || len(cat.PostConditions) != 1 || cat.PostConditions[0] != "notified" {
		t.Fatalf("catalogue %+v", cat)
	}
	if (&Config{}).RulesConfig().Declarative != nil {
		t.Error("no declarative key must add nothing")
	}
}

func TestDeclarativeKeyErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"declarative: [a]\n", "c.yml:1:14: declarative: want a mapping"},
		{"declarative:\n  strict: maybe\n", `c.yml:2:11: declarative: strict: want true or false, got a string`},
		{"declarative:\n  step: [x]\n", `c.yml:2:3: declarative: unknown key "step" (did you mean "steps"?)`},
		{"declarative:\n  steps: [\"a b\"]\n", `c.yml:2:11: declarative: steps: "a b" is not a name Groovy can call`},
		{"declarative:\n  tools: maven\n", "c.yml:2:10: declarative: tools: want a list of strings"},
	}
	for _, tt := range tests {
		_, err := Parse("c.yml", []byte(tt.src), nil)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want prefix %q", tt.src, err, tt.want)
		}
	}
}

func TestRuleGlobs(t *testing.T) {
	names := []string{}
	for _, r := range rules.All() {
		names = append(names, r.Name)
	}
	c, err := Parse("c.yml", []byte("rules:\n  declarative-*: off\n  declarative-agent: warning\n"), names)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Rules["declarative-empty-section"].Off || c.Rules["declarative-agent"].Severity != rules.Warning || c.Rules["declarative-agent"].Off {
		t.Fatalf("rules %+v", c.Rules)
	}
	if _, ok := c.Rules["docker-config-scope"]; ok {
		t.Error("the glob selected a rule outside the family")
	}
	if _, err := Parse("c.yml", []byte("rules:\n  nope-*: off\n"), names); err == nil || !strings.Contains(err.Error(), `no rule matches "nope-*"`) {
		t.Errorf("error %v", err)
	}
}
