package discover

import (
	"bytes"
	"io"
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
//     release.Jenkinsfile), or it is a *.jenkins file, unless the extension
//     marks another kind of file (Jenkinsfile.md, Jenkinsfile.lock,
//     Jenkinsfile.yaml ...: see notPipelineExt), it is a Dockerfile
//     (Dockerfile.jenkins), or the content is a Groovy class
//     (JenkinsfileTest.groovy);
//   - or it is a *.groovy file in a vars directory: a shared library's
//     global variable, whose methods are steps, written as a script or as
//     a class; but not a test class (the Spock specifications in test/vars);
//   - or it is another *.groovy file whose content is pipeline code and not
//     a Groovy class: a declarative `pipeline { }` block, a scripted
//     pipeline calling node, stage, podTemplate or parallel, a step (a
//     top-level method named call), a script that a pipeline loads (ending
//     in `return this`), or a script calling steps only pipelines have (sh,
//     withCredentials, library, properties, env.NAME ...), unless it drives
//     Jenkins itself (Jenkins.instance: a script-console script).
//
// A Groovy class file is one that declares a class, interface, enum or trait
// at the top level and has no top-level pipeline code, step or `return
// this` beside it: shared-library src/ classes, Spock specifications,
// JenkinsPipelineUnit tests. A package declaration alone does not make one
// (pipeline scripts may have one), but with it step calls alone do not make
// a pipeline, and in a library's source tree (src/org/..., for package
// org...) only top-level pipeline code does. Gradle scripts (*.gradle) are
// never candidates.

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
	"gradle": true, "scala": true, "go": true, "groovydoc": true, "gdsl": true, "bats": true,
	"tf": true, "hcl": true, "dockerfile": true,
}

// IsJenkinsfileName reports whether a base name says Jenkinsfile: it
// contains "jenkinsfile" in any case, and its extension (the part after the
// last dot that follows that word) is not one of another kind of file
// (Jenkinsfile.md, Jenkinsfile.lock). Such a file is a pipeline unless its
// content is a Groovy class.
func IsJenkinsfileName(name string) bool {
	lower := strings.ToLower(name)
	if isDockerfileName(lower) {
		return false
	}
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

// isGroovyName and isJenkinsName report whether a base name is that of a
// Groovy script or of a Jenkins one (*.jenkins), with a name before the
// extension.
func isGroovyName(name string) bool { return hasExt(name, ".groovy") }
func isJenkinsName(name string) bool {
	return hasExt(name, ".jenkins") && !isDockerfileName(strings.ToLower(name))
}

// isDockerfileName reports whether a lower-case base name is a Dockerfile's:
// Dockerfile.jenkins, Containerfile.Jenkinsfile (but Dockerfile_agent_Jenkinsfile
// is a Jenkinsfile).
func isDockerfileName(lower string) bool {
	stem, _, _ := strings.Cut(lower, ".")
	return stem == "dockerfile" || stem == "containerfile"
}

func hasExt(name, ext string) bool {
	return len(name) > len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext)
}

// IsCandidate reports whether the decision about a file of this base name
// depends on its content at all: names that say Jenkinsfile and *.groovy
// and *.jenkins names. Other files are never pipelines.
func IsCandidate(name string) bool {
	return IsJenkinsfileName(name) || isJenkinsName(name) || isGroovyName(name)
}

// IsPipeline reports whether the file at path, with content src, is a
// pipeline (see the top of this file). The path decides whether its
// name says Jenkinsfile and whether it lies in a vars directory.
func IsPipeline(path string, src []byte) bool {
	name := filepath.Base(path)
	switch {
	case IsJenkinsfileName(name) || isJenkinsName(name):
		if otherScript(src) {
			g := scanGroovy(src, false)
			return !g.classFile() && g.pipeline
		}
		return !isClassFile(src)
	case isGroovyName(name):
		s := scanGroovy(src, true)
		switch {
		case inVarsDir(path):
			// A global variable, even one written as a class; not the
			// Spock specifications of a test/vars directory.
			return !s.testClass
		case s.classFile():
			return false
		case s.pkg != "" && inSourceTree(path, s.pkg):
			// A shared library's src/ code (a script class at its
			// package's path under src): only top-level pipeline code
			// makes it a pipeline.
			return s.pipeline && s.topLevel
		case s.pkg != "":
			// With a package declaration, step calls alone do not make a
			// pipeline script.
			return s.pipeline || s.loaded || s.step
		}
		return s.pipeline || s.loaded || s.step || s.steps && !s.system
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
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	// Enough to decide by; a file of any size (or a device) is read no
	// further, and checking it reports its size.
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Size() < sniffLimit {
		size = int(fi.Size())
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, sniffLimit))
	src := buf.Bytes()
	if err != nil || len(src) == sniffLimit {
		return true
	}
	return IsPipeline(path, src)
}

// sniffLimit bounds what IsPipelineFile reads of a file.
const sniffLimit = 16 << 20

// isClassFile is scanGroovy(src, false).classFile(), mostly decided by the
// first lines: a file's first top-level statement, nearly always near its
// top, makes it a script. The blanking of comments and strings goes left to
// right, so the complete lines of a prefix read as they do in the whole
// file, and what they show holds for the whole file too.
func isClassFile(src []byte) bool {
	const prefix = 4 << 10
	if len(src) > prefix {
		if cut := bytes.LastIndexByte(src[:prefix], '\n'); cut > 0 {
			if g := scanGroovy(src[:cut+1], false); g.topLevel || g.script || g.step || g.loaded {
				return false
			}
		}
	}
	return scanGroovy(src, false).classFile()
}

// otherScript reports whether src starts with a #! line that runs another
// interpreter than Groovy: `jenkinsfile-runner-launcher` is a shell script
// whose name says Jenkinsfile. (Groovy reads any #! line as a comment, so
// a file with pipeline code after one is still a pipeline.)
func otherScript(src []byte) bool {
	if !bytes.HasPrefix(src, []byte("#!")) {
		return false
	}
	line, _, _ := bytes.Cut(src, []byte("\n"))
	return !bytes.Contains(line, []byte("groovy"))
}

// inSourceTree reports whether path lies in a shared library's source
// tree for package pkg: below src/<first part of pkg>/, as
// src/org/example/Util.groovy for org.example (or, misplaced, for org).
func inSourceTree(path, pkg string) bool {
	dir := "/" + filepath.ToSlash(filepath.Dir(path)) + "/"
	first, _, _ := strings.Cut(pkg, ".")
	return strings.Contains(dir, "/src/"+first+"/")
}

// inVarsDir reports whether path's directory is called vars: a shared
// library's global variables, every one a step (a test/vars directory holds
// their tests; the test classes among them are told apart by content).
func inVarsDir(path string) bool {
	return filepath.Base(filepath.Dir(path)) == "vars"
}

// groovyFacts is what a quick scan of Groovy source tells about it.
type groovyFacts struct {
	pipeline  bool   // a pipeline block, or a scripted pipeline's steps
	topLevel  bool   // ... at the top level, outside any method or class
	step      bool   // a top-level method named call
	steps     bool   // calls of pipeline steps
	loaded    bool   // a top-level `return this` (a script a pipeline loads) or @Library
	pkg       string // the package declared, if any
	testClass bool   // a top-level test class: *Spec, *Test, extends ...Specification
	system    bool   // Jenkins.instance and the like: a script-console script
	typeDecl  bool   // a top-level class, interface, enum or trait
	script    bool   // a top-level statement: a call, a block, a def or an assignment
}

// classFile reports whether the scan found a Groovy class file: a
// top-level type declaration beside no top-level pipeline code or other
// statements (`timestamps { node { } }` holds its pipeline code inside a
// block), no step and no `return this`.
func (g groovyFacts) classFile() bool {
	return g.typeDecl && !g.topLevel && !g.script && !g.step && !g.loaded
}

var (
	// Matched against code whose comments and string contents are blanked.
	reDeclarative = regexp.MustCompile(`^\s*pipeline\s*\{`)
	reScripted    = regexp.MustCompile(`(?:^|[^.\w$])(?:node|stage|podTemplate|parallel)\s*[({]|^\s*parallel\s+[\w$]`)
	reDefScripted = regexp.MustCompile(`\bdef\s+(?:node|stage|podTemplate|parallel)\s*\(`)
	reCall        = regexp.MustCompile(`^\s*(?:(?:public|static|final|synchronized)\s+)*(def|void|[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])*)\s+call\s*\(`)
	// Steps that only pipelines call: not println, nor git, build,
	// archiveArtifacts, junit or timestamps, which Job DSL scripts call too.
	reSteps      = regexp.MustCompile(`(?:^|[^.\w$])(?:(?:sh|bat|powershell|echo)\s*[('"]|(?:withCredentials|withEnv|withDockerRegistry|withDockerContainer|container|library|stash|unstash)\s*[({]|properties\s*\(\s*\[|checkout\s+scm\b|docker\.(?:image|build|withRegistry|withServer)\s*\(|(?:currentBuild|params)\.[A-Za-z_]|env\.[A-Z_][A-Z0-9_]*\b)`)
	reTestClass  = regexp.MustCompile(`\bclass\s+[\w$]*(?:Spec|Specification|Test|Tests|IT|TestCase)\b|\bextends\s+[\w.]*(?:Specification|Test|TestCase|PipelineTest\w*)\b`)
	reSystem     = regexp.MustCompile(`\bJenkins\s*\.\s*(?:instance|get\(\)|getInstance\(\)|getActiveInstance\(\))`)
	rePackage    = regexp.MustCompile(`^\s*package\s+([\w.]+)\s*;?\s*$`)
	reReturnThis = regexp.MustCompile(`^\s*return\s+this\s*;?\s*$`)
	reLibrary    = regexp.MustCompile(`^\s*@Library\s*\(`)
	// A statement of a script: `def x`, `f(`, `f {`, `x = `, `a.b(`.
	reScriptStmt = regexp.MustCompile(`^\s*(?:def\s+[\w$]|[A-Za-z_$][\w$.]*\s*(?:\(|\{|=[^=~]))`)
	reTypeDecl   = regexp.MustCompile(`^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|trait|record|@interface)\s+[A-Za-z_$][\w$]*`)
)

// scanGroovy blanks comments and string contents out of src, then looks at
// each line, knowing the brace depth at its start. Only with steps does it
// look for step calls and script-console code (g.steps and g.system), which
// costs the most and which only a *.groovy file needs.
func scanGroovy(src []byte, steps bool) groovyFacts {
	code := blankGroovy(src)
	var g groovyFacts
	depth := 0
	header := false // a type declaration's header goes on to the next line
	for _, line := range strings.Split(code, "\n") {
		top := depth <= 0
		at := -1 // where pipeline code starts on the line
		// Each regular expression needs a word of its own in the line:
		// looking for the word first spares the expression on most lines.
		// Once pipeline code is found at the top level, more of it tells
		// nothing new.
		scripted := !g.topLevel && (strings.Contains(line, "node") || strings.Contains(line, "stage") ||
			strings.Contains(line, "podTemplate") || strings.Contains(line, "parallel"))
		if g.topLevel || !strings.Contains(line, "pipeline") {
			// Nothing to learn, or reDeclarative cannot match.
		} else if loc := reDeclarative.FindStringIndex(line); loc != nil {
			at = loc[0]
		}
		if at < 0 && scripted {
			if loc := reScripted.FindStringIndex(line); loc != nil && !(strings.Contains(line, "def") && reDefScripted.MatchString(line)) {
				at = loc[0]
			}
		}
		if at >= 0 {
			g.pipeline = true
			// At the top level when no brace opened before it is open
			// still: `class A { def f() { node { } } }` is not.
			if depth+strings.Count(line[:at], "{")-strings.Count(line[:at], "}") <= 0 {
				g.topLevel = true
			}
		}
		if steps && !g.steps && reSteps.MatchString(line) {
			g.steps = true
		}
		if steps && !g.system && strings.Contains(line, "Jenkins") && reSystem.MatchString(line) {
			g.system = true
		}
		if top {
			switch {
			case header:
				// `extends Base {` on the line after `class A`: the
				// declaration goes on.
			case !g.script && !mayDeclareType(line) && reScriptStmt.MatchString(line):
				g.script = true
			case mayDeclareType(line) && reTypeDecl.MatchString(line):
				g.typeDecl = true
				header = !strings.Contains(line, "{")
				if reTestClass.MatchString(line) {
					g.testClass = true
				}
			case strings.Contains(line, "package") && rePackage.MatchString(line):
				g.pkg = rePackage.FindStringSubmatch(line)[1]
			case strings.Contains(line, "return") && reReturnThis.MatchString(line),
				strings.Contains(line, "@Library") && reLibrary.MatchString(line):
				// The end of a script that a pipeline loads, and a
				// pipeline's library import.
				g.loaded = true
			}
			if !strings.Contains(line, "call") {
				// reCall cannot match.
			} else if m := reCall.FindStringSubmatch(line); m != nil && m[1] != "return" {
				g.step = true
			}
		}
		if header && top && strings.Contains(line, "{") {
			header = false
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

// mayDeclareType reports whether line has a word without which reTypeDecl
// cannot match.
func mayDeclareType(line string) bool {
	for _, w := range []string{"class", "interface", "enum", "trait", "record"} {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}

// blankGroovy returns src with comments and the contents of string literals
// (single, double and triple quoted) replaced by spaces, newlines kept, so
// that what a string or a comment says is not taken for code; the code of
// ${ } interpolations in double-quoted strings is kept, braces and all
// blanked. Slashy strings are not recognised: they are rare in pipelines
// and a division looks the same.
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
			from := j // the start of the text to blank
			for j < n {
				if out[j] == '\\' {
					j += 2
					continue
				}
				if c == '"' && out[j] == '$' && j+1 < n && out[j+1] == '{' {
					// Keep the expression, blank the ${ and the }.
					end := bytes.IndexByte(out[j:], '}')
					nl := bytes.IndexByte(out[j:], '\n')
					if end > 0 && (nl < 0 || end < nl || len(q) == 3) {
						blank(from, j+2)
						out[j+end] = ' '
						j += end + 1
						from = j
						continue
					}
				}
				if len(q) == 1 && out[j] == '\n' {
					break // an unterminated one-line string ends with its line
				}
				if bytes.HasPrefix(out[j:], []byte(q)) {
					break
				}
				j++
			}
			blank(from, j)
			i = min(j+len(q), n)
		default:
			i++
		}
	}
	return string(out)
}
