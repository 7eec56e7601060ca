package discover

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// This file holds the one decision of which files are pipelines: directory
// walks make it for every file they meet, and with Options.FilterExplicit
// (the pre-commit hooks) it is made for the files named on the command line
// too.
//
// A file is a pipeline when
//
//   - its name says Jenkinsfile, in any case and with anything around it
//     (Jenkinsfile, JenkinsFile, jenkinsfile, Jenkinsfile-Release,
//     Jenkinsfile4-mvn, Branch_Jenkinsfile, Jenkinsfile.groovy,
//     release.Jenkinsfile), unless its extension marks another kind of file
//     (Jenkinsfile.md, Jenkinsfile.lock, Jenkinsfile.yaml ...: see
//     notPipelineExt) or its content is a Groovy class (JenkinsfileTest.groovy);
//   - or it is a *.groovy or *.jenkins file whose content is a pipeline: a
//     declarative `pipeline { }` block, a scripted pipeline calling node,
//     stage, podTemplate or parallel, or a shared-library step (a method
//     named call, or any script in a vars directory);
//
// and never a Groovy class, interface, enum or trait (which a `package`
// declaration or a top-level type declaration without pipeline code marks:
// shared-library src/ classes, Spock specifications, JenkinsPipelineUnit
// tests), nor a Gradle script (*.gradle names, which are not candidates).

// notPipelineExt are extensions of files whose names say Jenkinsfile but
// which hold something else: documentation, data, lockfiles, templates of
// other languages, patch leftovers, scripts of other languages.
var notPipelineExt = map[string]bool{
	"md": true, "markdown": true, "mdx": true, "rst": true, "adoc": true, "asciidoc": true,
	"txt": true, "html": true, "htm": true, "pdf": true, "png": true, "jpg": true,
	"jpeg": true, "gif": true, "svg": true, "drawio": true,
	"xml": true, "json": true, "yml": true, "yaml": true, "toml": true, "ini": true,
	"properties": true, "cfg": true, "conf": true, "csv": true, "log": true,
	"lock": true, "sum": true,
	"j2": true, "jinja": true, "jinja2": true, "tpl": true, "tmpl": true, "mustache": true,
	"erb": true, "hbs": true, "ftl": true, "vm": true,
	"orig": true, "rej": true, "diff": true, "patch": true, "swp": true,
	"sh": true, "bash": true, "ps1": true, "bat": true, "cmd": true, "py": true,
	"rb": true, "js": true, "ts": true, "java": true, "kt": true, "kts": true,
	"gradle": true, "scala": true, "go": true, "groovydoc": true,
}

// IsJenkinsfileName reports whether a base name says Jenkinsfile: it
// contains "jenkinsfile" in any case, and its extension (the part after the
// last dot that follows that word) is not one of another kind of file
// (Jenkinsfile.md, Jenkinsfile.lock). Such a file is a pipeline unless its
// content is a Groovy class.
func IsJenkinsfileName(name string) bool {
	lower := strings.ToLower(name)
	i := strings.LastIndex(lower, "jenkinsfile")
	if i < 0 {
		return false
	}
	rest := lower[i+len("jenkinsfile"):]
	if dot := strings.LastIndexByte(rest, '.'); dot >= 0 && notPipelineExt[rest[dot+1:]] {
		return false
	}
	return true
}

// isScriptName reports whether a base name is that of a Groovy or Jenkins
// script, a pipeline or not depending on its content.
func isScriptName(name string) bool {
	lower := strings.ToLower(name)
	stem, ok := strings.CutSuffix(lower, ".groovy")
	if !ok {
		stem, ok = strings.CutSuffix(lower, ".jenkins")
	}
	return ok && stem != ""
}

// IsCandidate reports whether the decision about a file of this base name
// depends on its content at all: names that say Jenkinsfile and *.groovy
// and *.jenkins names. Other files are never pipelines.
func IsCandidate(name string) bool {
	return IsJenkinsfileName(name) || isScriptName(name)
}

// IsPipeline reports whether the file at path, with content src, is a
// pipeline (see the top of this file). The path decides whether its
// name says Jenkinsfile and whether it lies in a vars directory.
func IsPipeline(path string, src []byte) bool {
	name := filepath.Base(path)
	switch {
	case IsJenkinsfileName(name):
		return !scanGroovy(src).classFile()
	case isScriptName(name):
		s := scanGroovy(src)
		if s.classFile() {
			return false
		}
		return s.pipeline || s.step || inVarsDir(path)
	}
	return false
}

// IsPipelineFile is IsPipeline for a file on disk. A candidate file that
// cannot be read counts as a pipeline, so that checking it reports why it
// cannot be read.
func IsPipelineFile(path string) bool {
	if !IsCandidate(filepath.Base(path)) {
		return false
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return true
	}
	return IsPipeline(path, src)
}

// inVarsDir reports whether path's directory is called vars: a shared
// library's global variables, every one a step.
func inVarsDir(path string) bool {
	return filepath.Base(filepath.Dir(path)) == "vars"
}

// groovyFacts is what a quick scan of Groovy source tells about it.
type groovyFacts struct {
	pipeline bool // a pipeline block, or a scripted pipeline's steps
	topLevel bool // ... at the top level, outside any method or class
	step     bool // a top-level method named call
	pkg      bool // a package declaration
	typeDecl bool // a top-level class, interface, enum or trait
}

// classFile reports whether the scan found a Groovy class file: a package
// declaration, or a top-level type declaration beside no top-level
// pipeline code and no step.
func (g groovyFacts) classFile() bool {
	return g.pkg || g.typeDecl && !g.topLevel && !g.step
}

var (
	// Matched against code whose comments and string contents are blanked.
	reDeclarative = regexp.MustCompile(`^\s*pipeline\s*\{`)
	reScripted    = regexp.MustCompile(`(?:^|[^.\w$])(?:node|stage|podTemplate|parallel)\s*[({]`)
	reDefScripted = regexp.MustCompile(`\bdef\s+(?:node|stage|podTemplate|parallel)\s*\(`)
	reCall        = regexp.MustCompile(`^\s*(?:(?:public|static|final|synchronized)\s+)*(def|void|[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])*)\s+call\s*\(`)
	rePackage     = regexp.MustCompile(`^\s*package\s+[\w.]+\s*;?\s*$`)
	reTypeDecl    = regexp.MustCompile(`^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|trait|record|@interface)\s+[A-Za-z_$][\w$]*`)
)

// scanGroovy blanks comments and string contents out of src, then looks at
// each line, knowing the brace depth at its start.
func scanGroovy(src []byte) groovyFacts {
	code := blankGroovy(src)
	var g groovyFacts
	depth := 0
	for _, line := range strings.Split(code, "\n") {
		top := depth <= 0
		if reDeclarative.MatchString(line) || reScripted.MatchString(line) && !reDefScripted.MatchString(line) {
			g.pipeline = true
			if top {
				g.topLevel = true
			}
		}
		if top {
			switch {
			case rePackage.MatchString(line):
				g.pkg = true
			case reTypeDecl.MatchString(line):
				g.typeDecl = true
			}
			if m := reCall.FindStringSubmatch(line); m != nil && m[1] != "return" {
				g.step = true
			}
		}
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
	}
	return g
}

// blankGroovy returns src with comments and the contents of string literals
// (single, double and triple quoted) replaced by spaces, newlines kept, so
// that what a string or a comment says is not taken for code. Slashy
// strings are not recognised: they are rare in pipelines and a division
// looks the same.
func blankGroovy(src []byte) string {
	out := bytes.Clone(src)
	n := len(out)
	blank := func(from, to int) {
		for i := from; i < to && i < n; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	for i := 0; i < n; {
		c := out[i]
		switch {
		case c == '/' && i+1 < n && out[i+1] == '/':
			j := i
			for j < n && out[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case c == '/' && i+1 < n && out[i+1] == '*':
			j := i + 2
			for j+1 < n && !(out[j] == '*' && out[j+1] == '/') {
				j++
			}
			j = min(j+2, n)
			blank(i, j)
			i = j
		case c == '\'' || c == '"':
			q := string(c)
			if i+2 < n && out[i+1] == c && out[i+2] == c {
				q = strings.Repeat(q, 3)
			}
			j := i + len(q)
			for j < n {
				if out[j] == '\\' {
					j += 2
					continue
				}
				if len(q) == 1 && out[j] == '\n' {
					break // an unterminated one-line string ends with its line
				}
				if bytes.HasPrefix(out[j:], []byte(q)) {
					break
				}
				j++
			}
			blank(i+len(q), j)
			i = min(j+len(q), n)
		default:
			i++
		}
	}
	return string(out)
}
