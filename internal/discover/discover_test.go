package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// makeTree creates files under root. A name ending in "/" is a directory;
// content "->target" makes a symbolic link to target.
func makeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Skipf("no symbolic links: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// collect walks roots relative to dir and returns what was yielded, with
// "!" after explicit paths, in slash form.
func collect(t *testing.T, dir string, roots []string, opts Options) ([]string, error) {
	t.Helper()
	t.Chdir(dir)
	var got []string
	err := Walk(roots, opts, func(p string, explicit bool) error {
		s := filepath.ToSlash(p)
		if explicit {
			s += "!"
		}
		got = append(got, s)
		return nil
	})
	return got, err
}

func TestIsJenkinsfileName(t *testing.T) {
	tests := map[string]bool{
		"Jenkinsfile":             true,
		"JenkinsFile":             true,
		"jenkinsfile":             true,
		"JENKINSFILE":             true,
		"Jenkinsfile.deploy":      true,
		"Jenkinsfile.groovy":      true,
		"Jenkinsfile-Release":     true,
		"Jenkinsfile4-mvn":        true,
		"Jenkinsfile_nightly":     true,
		"Branch_Jenkinsfile":      true,
		"release.Jenkinsfile":     true,
		"release.jenkinsfile":     true,
		"JenkinsfileX":            true,
		"my.Jenkinsfile.bak":      true,
		"Jenkinsfile.Jenkinsfile": true,
		"Jenkinsfile.k8s.prod":    true,
		"Jenkinsfile.md":          false,
		"Jenkinsfile.MD":          false,
		"jenkinsfile-guide.md":    false,
		"Jenkinsfile.lock":        false,
		"Jenkinsfile.yaml":        false,
		"Jenkinsfile.j2":          false,
		"Jenkinsfile.orig":        false,
		"Jenkinsfile.gradle":      false,
		"JenkinsfileRunner.java":  false,
		"jenkins.groovy":          false,
		"build.groovy":            false,
		"README.md":               false,
		"Jenkins":                 false,
	}
	for name, want := range tests {
		if got := IsJenkinsfileName(name); got != want {
			t.Errorf("IsJenkinsfileName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestIsPipeline(t *testing.T) {
	tests := []struct {
		path, src string
		want      bool
	}{
		// Names that say Jenkinsfile: pipelines unless they hold a class.
		{"Jenkinsfile", "pipeline { agent any }", true},
		{"Jenkinsfile", "", true},
		{"ci/Jenkinsfile-Release", "@Library('lib') _\nbuildPlugin()\n", true},
		{"JenkinsFile", "node { sh 'make' }", true},
		{"Jenkinsfile.groovy", "#!groovy\nnode { }", true},
		{"Jenkinsfile", "#!/usr/bin/env groovy\npipeline { agent any }\n", true},
		{"packaging/jenkinsfile-runner-launcher", "#!/bin/sh\nexec java -jar runner.jar \"$@\"\n", false},
		{"ci/run.jenkins", "#!/usr/bin/env bash\nset -e\nmake\n", false},
		{"Jenkinsfile", "#!/bin/bash\nnode { sh 'make' }\n", true},
		{"Jenkinsfile.md", "# Jenkinsfile\n```groovy\npipeline {}\n```", false},
		{"Jenkinsfile.lock", "{\"plugins\": []}", false},
		{"test/JenkinsfileTest.groovy", "import org.junit.Test\nclass JenkinsfileTest extends BasePipelineTest {\n  @Test void run() { runScript('Jenkinsfile') }\n}\n", false},
		{"src/test/groovy/JenkinsfileSpec.groovy", "package ci\nimport spock.lang.Specification\nclass JenkinsfileSpec extends Specification {\n  def 'runs'() { expect: node('x') }\n}\n", false},
		{"Jenkinsfile", "class Config implements Serializable { String tag }\nnode { echo new Config().tag }\n", true},
		// Pipeline code inside a block is still a script's, not a class's.
		{"Jenkinsfile", "import groovy.json.JsonOutput\nclass Registry implements Serializable {\n  String url\n}\ndef regs = [new Registry()]\ntimestamps {\n  node { sh 'make' }\n}\n", true},
		{"Jenkinsfile", "class Registry implements Serializable {\n  String url\n}\ntry {\n  node { sh 'make' }\n} finally {\n  echo 'done'\n}\n", true},
		{"ci/release.groovy", "class R implements Serializable { }\nansiColor('xterm') {\n  node { sh 'make' }\n}\n", true},
		{"Jenkinsfile", "import org.acme.Base\n@CompileStatic\nclass Helper extends Base\n    implements Serializable {\n  def f() { node { } }\n}\n", false},
		{"Jenkinsfile", "class Helper extends\n    Base {\n  def f() { node { } }\n}\n", false},
		{"test/JenkinsfileSpec.groovy", "class JenkinsfileSpec\n    extends Specification\n{\n  def 'runs'() { expect: node('x') }\n}\n", false},

		// Groovy and Jenkins scripts: decided by content.
		{"jenkins/build.groovy", "node('docker') {\n  stage('Build') { sh 'make' }\n}\n", true},
		{"jenkins/release.groovy", "timestamps {\n    node {\n        checkout scm\n    }\n}\n", true},
		{"ci/deploy.groovy", "pipeline {\n  agent any\n  stages { stage('x') { steps { sh 'x' } } }\n}\n", true},
		{"ci/k8s.groovy", "podTemplate(yaml: y) {\n  node(POD_LABEL) { }\n}\n", true},
		{"ci/matrix.groovy", "def branches = [:]\nparallel(branches)\n", true},
		{"ci/build.jenkins", "stage('x') {\n  sh 'make'\n}\n", true},
		{"pipelines/lib.groovy", "def call(Map config = [:]) {\n  sh \"docker build .\"\n}\n", true},
		{"vars/log.groovy", "def info(String msg) {\n  echo \"INFO: ${msg}\"\n}\n", true},
		{"vars/buildPlugin.groovy", "#!/usr/bin/env groovy\n\n/**\n * Builds a plugin.\n */\nvoid call(Map params = [:]) {\n  node { }\n}\n", true},
		{"vars/acme.groovy", "class acme implements Serializable {\n  def caution(m) { echo m }\n}\n", true},
		{"src/test/resources/pipeline/runInPod.groovy", "package org.example.pipeline\n\npodTemplate {\n  node(POD_LABEL) { }\n}\n", true},
		{"release.groovy", "import io.fabric8.Commands\n\ndef tag() {\n  println 'x'\n}\n\nreturn this\n", true},
		{"ci/helpers.groovy", "def publish(String tag) {\n  sh \"docker push app:${tag}\"\n}\n", true},
		{"ci/lib.groovy", "@Library('shared') _\nbuildApp()\n", true},
		{"job/parameters.jenkins", "properties([parameters([])])\n", true},
		{"lib/utils.jenkins", "@NonCPS\nprivate static String clean(String s) { s }\n", true},
		{"test/Spec.jenkins", "class Spec extends Specification {\n  def 'x'() { sh 'y' }\n}\n", false},
		{"examples/jobs.groovy", "def branches = [:]\nbranches['a'] = { build job: 'x' }\nparallel branches\n", true},
		{"examples/cause.groovy", "def causes = currentBuild.getBuildCauses()\n", true},
		{"examples/tokens.groovy", "tokens = \"${env.JOB_NAME}\".tokenize('/')\n", true},
		{"src/com/acme/Utils.groovy", "package com.acme\n\ndef stash(Map p) {\n  echo \"stash ${p.name}\"\n}\n", false},
		{"src/co/acme/matrix/Results.groovy", "package co.acme.matrix\n\ndef process(r) {\n  echo r\n}\n\nreturn this\n", false},
		{"src/co/acme/Step.groovy", "package co.acme\n\ndef call() {\n  pipeline { agent any }\n}\n", false},
		{"src/co/acme/Pipeline.groovy", "package co.acme\n\nnode {\n  sh 'make'\n}\n", true},
		{"src/Git Clone/gitClone.groovy", "def call(String name = 'User') {\n  git 'https://example.com/app.git'\n}\n", true},
		{"test/vars/DockerSpec.groovy", "import com.homeaway.devtools.jenkins.testing.JenkinsPipelineSpecification\n\nclass DockerSpec extends JenkinsPipelineSpecification {\n  def 'logs in'() { expect: true }\n}\n", false},
		{"test/vars/LocalShellSpec .groovy", "class LocalShellSpec extends JenkinsPipelineSpecification {\n}\n", false},
		{"vars/commonPipelineEnvironment.groovy", "import com.sap.piper.ConfigurationLoader\n\nclass commonPipelineEnvironment implements Serializable {\n  def x\n}\n", true},
		{".github/Dockerfile.jenkins", "FROM jenkins/jenkins:lts\nRUN jenkins-plugin-cli --plugins docker-workflow\n", false},
		{"Dockerfile.Jenkinsfile", "FROM alpine\n", false},
		{"jenkinsfiles/Dockerfile_agent_JenkinsFile", "pipeline { agent { dockerfile true } }\n", true},
		{"src/main/groovy/Jenkinsfile.gdsl", "contributor(context(scope: scriptScope())) {}\n", false},
		{"tests/jenkinsfile.bats", "@test 'x' { run true; }\n", false},
		{"scripts/labels.groovy", "import jenkins.model.Jenkins\ndef j = Jenkins.instance\nenv.put('PATH', '/usr/bin')\necho 'x'\n", false},
		{"tools/run.groovy", "def m = env.collectEntries { it }\n", false},
		{"test/vars/ansible/jobs/rolesTestJob.groovy", "package vars.ansible.jobs\n\ndef execute() {\n  ansible.checkoutRoles([:])\n}\n\nreturn this\n", true},
		{"jobs/wrappers.groovy", "job('x') {\n  wrappers { timestamps() }\n  publishers { archiveArtifacts('build/*.jar') }\n}\n", false},
		{"jobs/dsl.groovy", "job('build') {\n  scm { git('https://example.com/x.git') }\n  steps { shell('make') }\n}\n", false},
		{"src/org/example/Docker.groovy", "package org.example\n\nclass Docker implements Serializable {\n  def steps\n  def login() { steps.sh 'docker login' ; steps.node { } }\n}\n", false},
		{"src/org/x/Foo.groovy", "package org.x\nclass Foo { def x() { node { } } }\n", false},
		{"Foo.groovy", "class Foo { def x() { node { } } }\n", false},
		{"src/Util.groovy", "class Util {\n  static def call(x) { x }\n}\n", false},
		{"src/Kind.groovy", "@CompileStatic\nenum Kind { A, B }\n", false},
		{"scripts/cleanup.groovy", "import jenkins.model.Jenkins\nJenkins.instance.getAllItems().each { println it.name }\n", false},
		{"jobs/seed.groovy", "pipelineJob('deploy') {\n  definition {\n    cps {\n      script('''\npipeline {\n  agent any\n}\n''')\n    }\n  }\n}\n", false},
		{"docs/example.groovy", "// node { sh 'make' }\n/* pipeline {\n} */\nprintln 'stage(\"x\")'\n", false},
		{"src/Tree.groovy", "def root = xml.node('a') {\n}\n", false},
		{"src/Stage.groovy", "def stage(String name) {\n  println name\n}\n", false},
		{"src/Calls.groovy", "return call(1)\n", false},
		{"build.gradle", "node { }", false},
		{"settings.gradle.groovy.txt", "node { }", false},
		{"notes.txt", "pipeline { }", false},
		{".groovy", "node { }", false},
	}
	for _, tt := range tests {
		if got := IsPipeline(tt.path, []byte(tt.src)); got != tt.want {
			t.Errorf("IsPipeline(%q, %q) = %v, want %v", tt.path, tt.src, got, tt.want)
		}
	}
}

func TestBlankGroovy(t *testing.T) {
	src := "a // c\nb /* x\ny */ 'q\\'s' \"\"\"t\n\"u\"\n\"\"\" z"
	want := "a     \nb     \n     '    ' \"\"\" \n   \n\"\"\" z"
	if got := blankGroovy([]byte(src)); got != want {
		t.Errorf("blankGroovy(%q) =\n%q, want\n%q", src, got, want)
	}
	// The code of interpolations in double-quoted strings stays.
	src = `x = "a ${env.B} c" + 'd ${e}'`
	want = `x = "    env.B   " + '      '`
	if got := blankGroovy([]byte(src)); got != want {
		t.Errorf("blankGroovy(%q) =\n%q, want\n%q", src, got, want)
	}
}

func TestWalk(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		roots []string
		opts  Options
		want  []string
	}{
		{
			name: "names and lexical order",
			files: map[string]string{
				"Jenkinsfile":             "",
				"b/Jenkinsfile.deploy":    "",
				"b/a.Jenkinsfile":         "",
				"b/c.jenkinsfile":         "",
				"a/z/x.groovy":            "node { }",
				"a/z/y.groovy":            "",
				"a/Jenkinsfile":           "",
				"jenkinsfile":             "",
				"README.md":               "",
				"Jenkinsfile.md":          "",
				"Jenkinsfile-old":         "",
				".ci/Jenkinsfile":         "",
				"empty/":                  "",
				"a/Jenkinsfile.d/":        "", // a directory with a Jenkinsfile name
				"a/Jenkinsfile.d/release": "",
			},
			roots: []string{"."},
			want: []string{".ci/Jenkinsfile", "Jenkinsfile", "Jenkinsfile-old", "a/Jenkinsfile", "a/z/x.groovy",
				"b/Jenkinsfile.deploy", "b/a.Jenkinsfile", "b/c.jenkinsfile", "jenkinsfile"},
		},
		{
			name: "root spelling is kept",
			files: map[string]string{
				"ci/Jenkinsfile":   "",
				"ci/x/Jenkinsfile": "",
			},
			roots: []string{"./ci/"},
			want:  []string{"ci/Jenkinsfile", "ci/x/Jenkinsfile"},
		},
		{
			name: "skipped directories",
			files: map[string]string{
				".git/Jenkinsfile":         "",
				"node_modules/Jenkinsfile": "",
				"vendor/Jenkinsfile":       "",
				"a/vendor/Jenkinsfile":     "",
				"vendored/Jenkinsfile":     "",
			},
			roots: []string{"."},
			want:  []string{"vendored/Jenkinsfile"},
		},
		{
			name: "explicit paths are yielded whatever they are",
			files: map[string]string{
				"notes.txt":          "",
				"vendor/Jenkinsfile": "",
				"ign/Jenkinsfile":    "",
				".gitignore":         "ign/\nnotes.txt\n",
				"d/Jenkinsfile":      "",
			},
			roots: []string{"notes.txt", "missing", "vendor/Jenkinsfile", "ign/Jenkinsfile", "-", "d"},
			opts:  Options{Exclude: []string{"notes.txt"}},
			want:  []string{"notes.txt!", "missing!", "vendor/Jenkinsfile!", "ign/Jenkinsfile!", "-!", "d/Jenkinsfile"},
		},
		{
			name: "explicit directory that is skipped or ignored when walking",
			files: map[string]string{
				".gitignore":         "build/\n",
				"build/Jenkinsfile":  "",
				"vendor/Jenkinsfile": "",
			},
			roots: []string{"build", "vendor"},
			want:  []string{"build/Jenkinsfile", "vendor/Jenkinsfile"},
		},
		{
			name: "each file once",
			files: map[string]string{
				"Jenkinsfile":   "",
				"a/Jenkinsfile": "",
			},
			roots: []string{"a/Jenkinsfile", ".", "a", "./Jenkinsfile"},
			want:  []string{"a/Jenkinsfile!", "Jenkinsfile"},
		},
		{
			name: "symbolic links",
			files: map[string]string{
				"real/Jenkinsfile": "",
				"linkdir":          "->real",
				"link.Jenkinsfile": "->real/Jenkinsfile",
				"dangling.groovy":  "->nowhere",
			},
			roots: []string{"."},
			want:  []string{"real/Jenkinsfile"},
		},
		{
			name: "symbolic links given explicitly are followed",
			files: map[string]string{
				"real/Jenkinsfile": "",
				"linkdir":          "->real",
				"link.Jenkinsfile": "->real/Jenkinsfile",
			},
			roots: []string{"linkdir", "link.Jenkinsfile"},
			want:  []string{"linkdir/Jenkinsfile", "link.Jenkinsfile!"},
		},
		{
			name: "include adds names, matched by path and base name",
			files: map[string]string{
				"ci/build.pipeline":   "",
				"ci/x/deep.pipeline":  "",
				"other/pipeline.txt":  "",
				"other/x.pipeline":    "",
				"Jenkinsfile":         "",
				"tools/release.jf":    "",
				"tools/release.jf.md": "",
			},
			roots: []string{"."},
			opts:  Options{Include: []string{"ci/**/*.pipeline", "*.jf"}},
			want:  []string{"Jenkinsfile", "ci/build.pipeline", "ci/x/deep.pipeline", "tools/release.jf"},
		},
		{
			name: "exclude files and directories by path and base name",
			files: map[string]string{
				"Jenkinsfile":          "",
				"legacy/Jenkinsfile":   "",
				"a/legacy/Jenkinsfile": "",
				"b/legacy/Jenkinsfile": "",
				"a/Jenkinsfile.bak":    "",
				"b/Jenkinsfile.bak":    "",
				"c/test/Jenkinsfile":   "",
			},
			roots: []string{"."},
			opts:  Options{Exclude: []string{"*.bak", "c/test", "./legacy", "/b/legacy", "/Jenkinsfile.bak"}},
			want:  []string{"Jenkinsfile", "a/legacy/Jenkinsfile"},
		},
		{
			name: "exclude is relative to each root",
			files: map[string]string{
				"r1/x/Jenkinsfile": "",
				"r2/x/Jenkinsfile": "",
				"r2/y/Jenkinsfile": "",
			},
			roots: []string{"r1", "r2"},
			opts:  Options{Exclude: []string{"x/**"}},
			want:  []string{"r2/y/Jenkinsfile"},
		},
		{
			name: "content decides for groovy files",
			files: map[string]string{
				"vars/deploy.groovy":     "def call() { }",
				"src/Util.groovy":        "class Util { }",
				"Jenkinsfile.groovy":     "",
				"ci/release.groovy":      "class Release { }",
				"explicit.groovy":        "class Explicit { }",
				"resources/x.groovy.txt": "node { }",
			},
			roots: []string{"explicit.groovy", "."},
			opts:  Options{Include: []string{"ci/*.groovy"}},
			want:  []string{"explicit.groovy!", "Jenkinsfile.groovy", "ci/release.groovy", "vars/deploy.groovy"},
		},
		{
			name: "the same decision for explicit files",
			files: map[string]string{
				"Jenkinsfile":        "node { }",
				"Jenkinsfile.md":     "# notes",
				"Jenkinsfile.lock":   "{}",
				"src/Util.groovy":    "class Util { }",
				"vars/step.groovy":   "def call() { }",
				"ci/x.pipeline":      "node { }",
				"ci/y.pipeline":      "node { }",
				"README.md":          "",
				"d/Jenkinsfile.yaml": "",
			},
			roots: []string{"Jenkinsfile", "Jenkinsfile.md", "Jenkinsfile.lock", "src/Util.groovy", "vars/step.groovy",
				"ci/x.pipeline", "ci/y.pipeline", "README.md", "missing.groovy", "d"},
			opts: Options{FilterExplicit: true, Include: []string{"x.pipeline"}},
			want: []string{"Jenkinsfile!", "vars/step.groovy!", "ci/x.pipeline!", "missing.groovy!"},
		},
		{
			name: "ignore hook",
			files: map[string]string{
				"Jenkinsfile":        "",
				"legacy/Jenkinsfile": "",
				"x/old.Jenkinsfile":  "",
			},
			roots: []string{"."},
			opts: Options{Ignore: func(p string) bool {
				p = filepath.ToSlash(p)
				return p == "legacy" || strings.HasPrefix(p, "legacy/") || strings.HasSuffix(p, "old.Jenkinsfile")
			}},
			want: []string{"Jenkinsfile"},
		},
		{
			name: "gitignore syntax",
			files: map[string]string{
				".gitignore": strings.Join([]string{
					"# a comment",
					"",
					"*.bak.Jenkinsfile",
					"/anchored.Jenkinsfile",
					"build/",
					"?.jenkinsfile",
					"[0-9]*.Jenkinsfile",
					"docs/**/*.groovy",
					"gen/**",
					"!gen/keep.Jenkinsfile", // gen/** leaves gen itself alone, so this re-includes
					"trailing.Jenkinsfile   ",
					`space\ .Jenkinsfile`,
					`\#hash.Jenkinsfile`,
					`\!bang.Jenkinsfile`,
					"*.groovy",
					"!keep.groovy",
					"dironly.Jenkinsfile/",
					"a/b/Jenkinsfile",
				}, "\n"),
				"x.bak.Jenkinsfile":                "",
				"sub/y.bak.Jenkinsfile":            "",
				"anchored.Jenkinsfile":             "",
				"sub/anchored.Jenkinsfile":         "",
				"build/Jenkinsfile":                "",
				"sub/build/Jenkinsfile":            "",
				"build.Jenkinsfile":                "",
				"a.jenkinsfile":                    "",
				"ab.jenkinsfile":                   "",
				"1st.Jenkinsfile":                  "",
				"first.Jenkinsfile":                "",
				"docs/x.groovy":                    "",
				"docs/a/b/x.groovy":                "",
				"gen/x.Jenkinsfile":                "",
				"gen/keep.Jenkinsfile":             "",
				"trailing.Jenkinsfile":             "",
				"space .Jenkinsfile":               "",
				"#hash.Jenkinsfile":                "",
				"!bang.Jenkinsfile":                "",
				"lib/util.groovy":                  "",
				"lib/keep.groovy":                  "node { }",
				"dironly.Jenkinsfile":              "", // a file: a "dir/" pattern does not apply
				"a/b/Jenkinsfile":                  "",
				"a/Jenkinsfile":                    "",
				"x/a/b/Jenkinsfile":                "", // anchored: only a/b at the top
				"sub/dironly.Jenkinsfile/x.groovy": "",
			},
			roots: []string{"."},
			want: []string{"a/Jenkinsfile", "ab.jenkinsfile", "build.Jenkinsfile", "dironly.Jenkinsfile",
				"first.Jenkinsfile", "gen/keep.Jenkinsfile", "lib/keep.groovy", "sub/anchored.Jenkinsfile",
				"x/a/b/Jenkinsfile"},
		},
		{
			name: "gitignore CRLF",
			files: map[string]string{
				".gitignore":        "old/\r\n*.tmp.Jenkinsfile\r\n",
				"old/Jenkinsfile":   "",
				"a.tmp.Jenkinsfile": "",
				"Jenkinsfile":       "",
			},
			roots: []string{"."},
			want:  []string{"Jenkinsfile"},
		},
		{
			name: "nested gitignore applies to its subtree and overrides its parents",
			files: map[string]string{
				".gitignore":      "*.groovy\n",
				"a/.gitignore":    "!keep.groovy\n/Jenkinsfile\n",
				"a/keep.groovy":   "node { }",
				"a/drop.groovy":   "",
				"a/Jenkinsfile":   "",
				"a/b/Jenkinsfile": "", // anchored to a/: not this one
				"a/b/keep.groovy": "node { }",
				"b/keep.groovy":   "node { }",
				"Jenkinsfile":     "",
				"c/.gitignore":    "*\n",
				"c/Jenkinsfile":   "",
			},
			roots: []string{"."},
			want:  []string{"Jenkinsfile", "a/b/Jenkinsfile", "a/b/keep.groovy", "a/keep.groovy"},
		},
		{
			name: "gitignore above the root in the same working tree",
			files: map[string]string{
				"repo/.git/":                         "",
				"repo/.git/info/exclude":             "*.local.Jenkinsfile\n",
				"repo/.gitignore":                    "generated/\n",
				"repo/svc/.gitignore":                "!me.local.Jenkinsfile\n",
				"repo/svc/api/Jenkinsfile":           "",
				"repo/svc/api/generated/Jenkinsfile": "",
				"repo/svc/api/x.local.Jenkinsfile":   "",
				"repo/svc/api/me.local.Jenkinsfile":  "",
				".gitignore":                         "svc/\n", // outside the working tree: not read
			},
			roots: []string{"repo/svc/api"},
			want:  []string{"repo/svc/api/Jenkinsfile", "repo/svc/api/me.local.Jenkinsfile"},
		},
		{
			name: "no gitignore",
			files: map[string]string{
				".gitignore":    "*\n",
				"a/Jenkinsfile": "",
			},
			roots: []string{"."},
			opts:  Options{NoGitignore: true},
			want:  []string{"a/Jenkinsfile"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			makeTree(t, dir, tt.files)
			got, err := collect(t, dir, tt.roots, tt.opts)
			if err != nil {
				t.Fatalf("Walk: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	makeTree(t, dir, map[string]string{"a/Jenkinsfile": "", "b/Jenkinsfile": "", "c/Jenkinsfile": ""})
	t.Chdir(dir)

	stop := errors.New("stop")
	var got []string
	err := Walk([]string{"."}, Options{}, func(p string, _ bool) error {
		got = append(got, filepath.ToSlash(p))
		if len(got) == 2 {
			return stop
		}
		return nil
	})
	if err != stop || len(got) != 2 {
		t.Errorf("Walk = %v after %q, want stop after 2", err, got)
	}

	got = nil
	err = Walk([]string{".", "x"}, Options{}, func(p string, _ bool) error {
		got = append(got, filepath.ToSlash(p))
		return fs.SkipAll
	})
	if err != nil || !reflect.DeepEqual(got, []string{"a/Jenkinsfile"}) {
		t.Errorf("Walk with SkipAll = %v, %q", err, got)
	}
}

func TestWalkBadPatterns(t *testing.T) {
	called := false
	fn := func(string, bool) error { called = true; return nil }
	if err := Walk([]string{"x"}, Options{Include: []string{"[a"}}, fn); err == nil || !strings.HasPrefix(err.Error(), "include: ") {
		t.Errorf("bad include: %v", err)
	}
	if err := Walk([]string{"x"}, Options{Exclude: []string{"a/[b"}}, fn); err == nil || !strings.HasPrefix(err.Error(), "exclude: ") {
		t.Errorf("bad exclude: %v", err)
	}
	if called {
		t.Error("fn was called despite a bad pattern")
	}
}

func TestWalkUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any directory")
	}
	dir := t.TempDir()
	makeTree(t, dir, map[string]string{"a/Jenkinsfile": "", "b/Jenkinsfile": "", "c/Jenkinsfile": ""})
	if err := os.Chmod(filepath.Join(dir, "b"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "b"), 0o755)
	got, err := collect(t, dir, []string{"."}, Options{})
	if err == nil || !strings.Contains(err.Error(), "b") {
		t.Errorf("Walk error = %v, want one naming b", err)
	}
	if !reflect.DeepEqual(got, []string{"a/Jenkinsfile", "c/Jenkinsfile"}) {
		t.Errorf("got %q", got)
	}
}

func TestParseIgnore(t *testing.T) {
	f := parseIgnore("/r", "# c\n\n  \n!a/\n/b\nc/**\n[x\n\\#d  \n")
	type pat struct {
		src                       string
		negate, dirOnly, anchored bool
	}
	var got []pat
	for _, p := range f.patterns {
		got = append(got, pat{p.g.String(), p.negate, p.dirOnly, p.anchored})
	}
	want := []pat{
		{"a", true, true, false},
		{"b", false, false, true},
		{"c/**/*", false, false, true},
		{`\#d`, false, false, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestRepositoryRoot(t *testing.T) {
	dir := t.TempDir()
	makeTree(t, dir, map[string]string{
		"repo/.git/":           "",
		"repo/ci/deep/x":       "",
		"repo/sub/.git":        "gitdir: ../.git/modules/sub",
		"repo/sub/vars/y":      "",
		"plain/Jenkinsfile":    "",
		"repo/ci/Jenkinsfile":  "",
		"repo/sub/Jenkinsfile": "",
	})
	for in, want := range map[string]string{
		"repo":          "repo",
		"repo/ci/deep":  "repo",
		"repo/sub/vars": "repo/sub",
	} {
		if got := RepositoryRoot(filepath.Join(dir, in)); got != filepath.Join(dir, want) {
			t.Errorf("RepositoryRoot(%s) = %q, want %q", in, got, filepath.Join(dir, want))
		}
	}
	// A temporary directory normally lies in no working tree; if it does,
	// the answer is above it.
	if got := RepositoryRoot(filepath.Join(dir, "plain")); got != "" && strings.HasPrefix(got, dir) {
		t.Errorf("RepositoryRoot(plain) = %q", got)
	}
}

// IsPipeline takes any bytes: no panic, and blankGroovy keeps the length
// and the line breaks.
func FuzzIsPipeline(f *testing.F) {
	for _, s := range []string{"node {\n}", "x = \"${a\n", "'''", "\"\"\"${", "/* ", "class A { def call() { node { } } }", "package a.b\nreturn this"} {
		f.Add("vars/x.groovy", s)
		f.Add("src/a/X.groovy", s)
	}
	f.Fuzz(func(t *testing.T, path, src string) {
		IsPipeline(path, []byte(src))
		out := blankGroovy([]byte(src))
		if len(out) != len(src) || strings.Count(out, "\n") != strings.Count(src, "\n") {
			t.Fatalf("blankGroovy(%q) = %q", src, out)
		}
	})
}

// TestIsClassFilePrefix checks that deciding by a file's first lines
// agrees with scanning it whole, over the test files and files made to
// put the deciding line past the prefix or a string across its end.
func TestIsClassFilePrefix(t *testing.T) {
	var srcs [][]byte
	for _, glob := range []string{"../../testdata/*/*.Jenkinsfile", "../../testdata/*/*.groovy", "../../testdata/bench/set/*/*"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, src)
		}
	}
	if len(srcs) < 1000 {
		t.Fatalf("only %d files", len(srcs))
	}
	pad := strings.Repeat("// a comment line long enough to fill the prefix quickly .......\n", 80)
	class := "class Helper implements Serializable {\n  def f() { node { sh 'x' } }\n}\n"
	srcs = append(srcs,
		[]byte(pad+class),                          // a class after the prefix: a class file
		[]byte(class+pad+"node { sh 'x' }\n"),      // pipeline code after the prefix: not one
		[]byte(class+"def s = '''\n"+pad+"'''\n"),  // a string across the prefix's end: a script
		[]byte(class+"/*\n"+pad+"def x = 1\n*/\n"), // a comment across it: still a class file
	)
	classFiles := 0
	for i, src := range srcs {
		want := scanGroovy(src, false).classFile()
		if got := isClassFile(src); got != want {
			t.Errorf("file %d (%d bytes): isClassFile %v, the whole scan %v", i, len(src), got, want)
		}
		if want {
			classFiles++
		}
	}
	if classFiles < 3 {
		t.Errorf("only %d class files among the cases", classFiles)
	}
}
