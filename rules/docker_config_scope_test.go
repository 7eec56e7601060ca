package rules

import (
	"os"
	"path/filepath"
	"testing"

	"jfcheck/parser"
)

// TestArticlePipeline checks that the pipeline of the source article, which
// scopes DOCKER_CONFIG to the build and logs out in cleanup, is clean for
// the login-scope rules whatever other rules say about it.
func TestArticlePipeline(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "article.Jenkinsfile"))
	if err != nil {
		t.Skip(err)
	}
	f, errs := parser.Parse("article.Jenkinsfile", src)
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	for _, d := range Lint(f, nil, Options{}) {
		if d.Rule == DockerConfigScope.Name || d.Rule == DockerLogoutCleanup.Name || d.Rule == DockerLogoutInParallel.Name {
			t.Errorf("%d: %s [%s]", f.Position(d.Span.Start).Line, d.Message, d.Rule)
		}
	}
}
