package execution

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jfcheck/parser"
)

func TestShellStepsForms(t *testing.T) {
	src := `def call() {
    sh 'docker login a'
    sh("docker login b")
    sh(script: """docker login ${REPO}""", returnStdout: true)
    sh label: 'l', script: 'docker login d'
    node { script { bat 'docker login e' } }
    steps.pwsh 'docker login f'
    foo.sh 'docker login g'
}
`
	f, errs := parser.Parse("t", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	steps := ShellSteps(f)
	var got []string
	for _, s := range steps {
		for _, c := range s.Commands {
			got = append(got, strings.Join(c.Args(), " "))
		}
	}
	want := "docker login a|docker login b|docker login $REPO|docker login d|docker login e|docker login f"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

func TestShellOffsets(t *testing.T) {
	src := "sh \"echo \\$HOME ${REPO} && X=1 docker login ${env.R}\"\n"
	f, errs := parser.Parse("t", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	st := ShellSteps(f)[0]
	if len(st.Commands) != 2 {
		t.Fatalf("commands: %d in %q", len(st.Commands), st.Text)
	}
	c := st.Commands[1]
	if c.Assigns[0].Name != "X" || c.Args()[2] != "$R" {
		t.Errorf("bad command %v %v", c.Assigns, c.Args())
	}
	sp := c.WordSpan(0, 1)
	if got := src[sp.Start:sp.End]; got != "docker login" {
		t.Errorf("span text %q", got)
	}
	sp = c.WordSpan(2, 2)
	if got := src[sp.Start:sp.End]; got != "${env.R}" {
		t.Errorf("span text %q", got)
	}
	if w := st.Commands[0].Words[1]; w.Norm != "$HOME" {
		t.Errorf("shell var: %q", w.Norm)
	}
}

func TestShellHeredocAndFallback(t *testing.T) {
	src := "sh '''ssh host <<EOF\ndocker logout x\nEOF\n'''\nsh 'docker login y ((('\n"
	f, _ := parser.Parse("t", []byte(src))
	var got []string
	for _, s := range ShellSteps(f) {
		for _, c := range s.Commands {
			got = append(got, strings.Join(c.Args(), " "))
		}
	}
	if !strings.Contains(strings.Join(got, "|"), "docker logout x") || !strings.Contains(strings.Join(got, "|"), "docker login y") {
		t.Errorf("got %q", got)
	}
	for _, s := range ShellSteps(f) {
		for _, c := range s.Commands {
			if c.Name() == "docker" && c.Words[1].Norm == "logout" && !c.Remote {
				t.Errorf("a command sent to ssh is not marked remote")
			}
		}
	}
}

// TestNestedShells checks that shell code run by another program is read
// as commands with positions in the file, and that text a script only
// writes or prints is not.
func TestNestedShells(t *testing.T) {
	src := "sh '''\n" +
		"sg docker -c 'docker login -u u --password-stdin a.example.com < pw'\n" +
		"bash -ec \"docker login b.example.com\"\n" +
		"sudo -u jenkins sh -c 'docker login c.example.com'\n" +
		"su - deploy -c 'docker login d.example.com'\n" +
		"trap 'docker logout e.example.com' EXIT\n" +
		"cat > notes.txt <<EOF\ndocker login f.example.com\nEOF\n" +
		"echo docker login g.example.com\n" +
		"bash <<'EOF'\ndocker login h.example.com\nEOF\n" +
		"'''\n"
	f, errs := parser.Parse("t", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs[0].Msg)
	}
	got := map[string]*Command{}
	for _, s := range ShellSteps(f) {
		for _, c := range s.Commands {
			if c.Name() != "docker" {
				continue
			}
			reg := c.Words[len(c.Words)-1].Norm
			got[reg] = c
			sp := c.WordSpan(0, 1)
			if text := src[sp.Start:sp.End]; !strings.HasPrefix(text, "docker log") {
				t.Errorf("%s: span text %q", reg, text)
			}
		}
	}
	for _, reg := range []string{"a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com", "h.example.com"} {
		if got[reg] == nil {
			t.Errorf("%s: nested command not read (got %v)", reg, got)
		}
	}
	for _, reg := range []string{"f.example.com", "g.example.com"} {
		if got[reg] != nil {
			t.Errorf("%s: text the script writes or prints read as a command", reg)
		}
	}
	if c := got["c.example.com"]; c == nil || c.Keeps("DOCKER_CONFIG") || c.ResetBy() != "sudo" {
		t.Errorf("sudo sh -c: environment not reset")
	}
	if c := got["d.example.com"]; c == nil || c.Keeps("DOCKER_CONFIG") {
		t.Errorf("su - -c: environment not reset")
	}
	if c := got["a.example.com"]; c == nil || !c.Keeps("DOCKER_CONFIG") {
		t.Errorf("sg -c: environment lost")
	}
	if c := got["e.example.com"]; c == nil || !c.Trap {
		t.Errorf("trap handler not marked")
	}
}

// TestShellSpansInTestdata checks, over every test Jenkinsfile, that each
// command word maps to a span inside its script and that plain words of
// single-quoted scripts map back to their own text.
func TestShellSpansInTestdata(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*.Jenkinsfile"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.Jenkinsfile"))
	for _, path := range append(files, more...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := parser.Parse(path, src)
		if len(errs) > 0 {
			continue
		}
		for _, st := range ShellSteps(f) {
			for _, c := range st.Commands {
				for i, w := range c.Words {
					sp := c.WordSpan(i, i)
					if st.Script == nil || !st.Script.Content.Contains(sp) {
						t.Errorf("%s: word %q span %v outside the script", path, w.Text, sp)
						continue
					}
					if st.Script.Kind == parser.SingleQuoted && w.Lit && !strings.ContainsAny(string(src[sp.Start:sp.End]), `"'\`) && string(src[sp.Start:sp.End]) != w.Text {
						t.Errorf("%s: word %q maps to %q", path, w.Text, src[sp.Start:sp.End])
					}
				}
			}
		}
	}
}
