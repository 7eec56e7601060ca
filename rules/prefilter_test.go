package rules

import (
	"os"
	"path/filepath"
	"testing"

	"jfcheck/parser"
)

// TestCommentedSecretPrefilter checks that mayHaveCommentedSecret lets
// through every text commentedSecret matches: the comments of the test
// files and texts chosen to sit at its edges.
func TestCommentedSecretPrefilter(t *testing.T) {
	texts := []string{
		"docker login -u me -p Xk9#mQ2vLp reg.example.com",
		"DOCKER   login x --password=Xk9#mQ2vLp",
		"REGISTRY_PASSWORD = 'Xk9#mQ2vLp'",
		"api_Token: \"Xk9#mQ2vLp\"",
		"my_pAsSwD='abc'",
		"FOO_PSW = 'Xk9#mQ2vLp'",
		"SeCrEt='x'",
		"pasſword = 'Xk9#mQ2vLp'",   // ſ folds to s
		"to\u212aen = 'Xk9#mQ2vLp'", // so does the Kelvin sign to k
		"é PASSWORD = 'Xk9#mQ2vLp' ü",
		"née, naïve: nothing",
		"nothing to see here",
		"pas sword = 'x'",
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.Jenkinsfile"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*.Jenkinsfile"))
	for _, name := range append(files, more...) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := parser.Parse(name, src)
		for _, c := range f.Comments {
			texts = append(texts, c.Text)
		}
	}
	matched, filtered := 0, 0
	for _, s := range texts {
		m := commentedSecret.MatchString(s)
		if m {
			matched++
		}
		if !mayHaveCommentedSecret(s) {
			filtered++
			if m {
				t.Errorf("prefilter drops %q, which commentedSecret matches", s)
			}
		}
	}
	if matched == 0 || filtered == 0 {
		t.Fatalf("the texts do not test the prefilter: %d matched, %d filtered out", matched, filtered)
	}
	if !containsFoldASCII("a PaSs b", "pass") || containsFoldASCII("pas", "pass") {
		t.Fatal("containsFoldASCII")
	}
}
