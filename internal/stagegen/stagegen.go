// Package stagegen writes the generated pipelines that the benchmarks of
// the parser and the rules measure growth with, and that
// docs/performance.md times the command on.
package stagegen

import (
	"fmt"
	"strings"
)

// Pipeline returns a declarative pipeline of n stages, each logging in to
// its own registry with a password bound by withCredentials.
func Pipeline(n int) []byte {
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
