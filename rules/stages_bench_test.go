package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"jfcheck/internal/stagegen"
	"jfcheck/parser"
	"jfcheck/rules"
)

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
			src := stagegen.Pipeline(n)
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

// stageShapes are stages that exercise the rules that relate one step to
// others: stages on agents of their own whose logouts run in post blocks,
// and parallel branches of which one logs in and the other logs out.
var stageShapes = []struct{ name, stage string }{
	{"agents", `    stage('s%[1]d') {
      agent { label 'linux%[1]d' }
      environment { DOCKER_CONFIG = "${WORKSPACE}/.docker%[1]d" }
      steps {
        sh 'docker login -u u -p $PW reg%[1]d.example.com'
        sh "echo ${env.BRANCH_NAME} && docker push reg%[1]d.example.com/app"
      }
      post { always { sh 'docker logout reg%[1]d.example.com' } }
    }
`},
	{"parallel", `    stage('p%[1]d') {
      parallel {
        stage('a%[1]d') { steps { sh "docker login -u $U --password-stdin r%[1]d.example.com < pw" } }
        stage('b%[1]d') { steps { sh 'docker logout r%[1]d.example.com' } }
      }
    }
`},
}

// BenchmarkLintShapes runs every rule on pipelines of stageShapes; the
// time per stage should stay flat as the stage count grows.
func BenchmarkLintShapes(b *testing.B) {
	for _, sh := range stageShapes {
		for _, n := range []int{500, 2000} {
			b.Run(fmt.Sprintf("%s/%d", sh.name, n), func(b *testing.B) {
				var sb strings.Builder
				sb.WriteString("pipeline {\n  agent any\n  stages {\n")
				for i := 0; i < n; i++ {
					fmt.Fprintf(&sb, sh.stage, i)
				}
				sb.WriteString("  }\n}\n")
				src := []byte(sb.String())
				f, errs := parser.Parse("shapes.Jenkinsfile", src)
				if len(errs) > 0 {
					b.Fatal(errs[0].Msg)
				}
				b.SetBytes(int64(len(src)))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					rules.Lint(f, nil, rules.Options{})
				}
			})
		}
	}
}
