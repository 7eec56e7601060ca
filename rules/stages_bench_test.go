package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"jfcheck/parser"
	"jfcheck/rules"
)

// stagesPipeline generates a declarative pipeline of n stages, each logging
// in to its own registry with a password bound by withCredentials.
func stagesPipeline(n int) []byte {
	var b strings.Builder
	b.WriteString("pipeline {\n  agent any\n  stages {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `    stage('s%d') {
      steps {
        withCredentials([usernamePassword(credentialsId: 'reg%d', usernameVariable: 'U', passwordVariable: 'P')]) {
          sh "docker login -u $U -p $P registry%d.example.com"
        }
      }
    }
`, i, i, i)
	}
	b.WriteString("  }\n}\n")
	return []byte(b.String())
}

// BenchmarkLintStages runs every rule on generated pipelines of growing
// size; the time per stage should stay flat as the stage count grows.
func BenchmarkLintStages(b *testing.B) {
	benchStages(b, rules.Options{})
}

// BenchmarkLintStagesCredentialRules runs the rules that do not follow
// DOCKER_CONFIG through the pipeline's scopes on the same pipelines.
func BenchmarkLintStagesCredentialRules(b *testing.B) {
	benchStages(b, rules.Options{Disabled: map[string]bool{
		"docker-config-scope": true, "docker-logout-cleanup": true, "docker-logout-in-parallel": true,
	}})
}

func benchStages(b *testing.B, opts rules.Options) {
	for _, n := range []int{2500, 10000, 40000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := stagesPipeline(n)
			f, errs := parser.Parse("stages.Jenkinsfile", src)
			if len(errs) > 0 {
				b.Fatal(errs[0].Msg)
			}
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rules.Lint(f, nil, opts)
			}
		})
	}
}

// BenchmarkGroovySecretInterpolationStages runs groovy-secret-interpolation
// alone on the generated pipelines.
func BenchmarkGroovySecretInterpolationStages(b *testing.B) {
	var off = map[string]bool{}
	for _, r := range rules.All() {
		if r.Name != "groovy-secret-interpolation" {
			off[r.Name] = true
		}
	}
	benchStages(b, rules.Options{Disabled: off})
}
