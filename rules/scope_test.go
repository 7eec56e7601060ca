package rules

import (
	"testing"

	"jfcheck/parser"
)

func TestBuildUnique(t *testing.T) {
	for v, want := range map[string]bool{
		"$WORKSPACE/$BUILD_NUMBER/.docker": true,
		"$WORKSPACE/.docker":               true,
		"$(mktemp -d)":                     true,
		"$WORKSPACE_TMP/d":                 true,
		"/tmp/docker":                      false,
		"$HOME/.docker":                    false,
		"$JOB_NAME":                        false,
	} {
		if got := BuildUnique(v, false); got != want {
			t.Errorf("BuildUnique(%q) = %v", v, got)
		}
	}
	if BuildUnique("$WORKSPACE/.docker", true) {
		t.Error("WORKSPACE under a custom workspace counts as unique")
	}
}

func TestScopeEnv(t *testing.T) {
	src := `pipeline {
    agent any
    environment { A = "p" }
    stages {
        stage('s') {
            environment { A = "${env.WORKSPACE}/s" }
            steps {
                withEnv(["B=${BUILD_TAG}"]) {
                    sh 'x'
                }
            }
        }
        stage('t') {
            agent { node { label 'l'; customWorkspace '/w' } }
            steps { sh 'y' }
        }
    }
}
`
	f, errs := parser.Parse("t", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	m := NewModel(f)
	steps := ShellSteps(f)
	sx, sy := m.ScopeOf(steps[0].Path), m.ScopeOf(steps[1].Path)
	if v, ok := sx.Env("A"); !ok || v.Value != "$WORKSPACE/s" {
		t.Errorf("A in s = %q, %v", v.Value, ok)
	}
	if v, ok := sx.Env("B"); !ok || v.Value != "$BUILD_TAG" || v.Where != "withEnv" {
		t.Errorf("B in s = %+v, %v", v, ok)
	}
	if v, ok := sy.Env("A"); !ok || v.Value != "p" {
		t.Errorf("A in t = %q, %v", v.Value, ok)
	}
	if _, ok := sy.Env("B"); ok {
		t.Error("B leaks out of withEnv")
	}
	if sx.CustomWorkspace() || !sy.CustomWorkspace() {
		t.Error("custom workspace")
	}
	if len(sx.Stages) != 1 || sx.Pipeline == nil || len(sx.Levels()) != 2 {
		t.Errorf("scope of s: %d stages, %d levels", len(sx.Stages), len(sx.Levels()))
	}
}
