package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jfcheck/parser"
)

// TestArticlePipeline checks that the pipeline of the source article, which
// scopes DOCKER_CONFIG to the build and logs out in cleanup, is clean for
// the login-scope rules whatever other rules say about it.
func TestArticlePipeline(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "article.Jenkinsfile"))
	if err != nil {
		t.Fatal(err)
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

// TestArticleVariants removes one part of the article's remedy at a time:
// each variant must yield exactly the one expected finding of these rules.
func TestArticleVariants(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "article.Jenkinsfile"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remove, want string
		line               int
	}{
		{"no DOCKER_CONFIG", "        DOCKER_CONFIG = \"${WORKSPACE}/${BUILD_NUMBER}/.docker\" // Unique location for this job\n", DockerConfigScope.Name, 24},
		{"no logout", "                    docker logout ${DOCKER_REPO}\n", DockerLogoutCleanup.Name, 25},
	}
	for _, c := range cases {
		if !strings.Contains(string(src), c.remove) {
			t.Fatalf("%s: the article has no %q", c.name, c.remove)
		}
		variant := strings.Replace(string(src), c.remove, "", 1)
		f, errs := parser.Parse("article.Jenkinsfile", []byte(variant))
		if len(errs) > 0 {
			t.Fatal(errs[0].Msg)
		}
		var got []string
		for _, d := range Lint(f, nil, Options{}) {
			if d.Rule == DockerConfigScope.Name || d.Rule == DockerLogoutCleanup.Name || d.Rule == DockerLogoutInParallel.Name {
				got = append(got, d.Rule)
				if line := f.Position(d.Span.Start).Line; line != c.line {
					t.Errorf("%s: %s at line %d, want %d", c.name, d.Rule, line, c.line)
				}
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: got %v, want exactly [%s]", c.name, got, c.want)
		}
	}
}
