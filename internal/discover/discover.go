// Package discover finds the Jenkinsfiles to check under the paths given on
// the command line.
//
// A path that is not a directory (a file, whatever its name, or a path that
// does not exist) is yielded as it is, marked explicit: reading it, and
// reporting that it cannot be read, is the caller's business; with
// Options.FilterExplicit an explicit file that is not a pipeline is left
// out instead. A directory is searched recursively in lexical order for
// pipelines, as IsPipeline decides: files whose names say Jenkinsfile
// (Jenkinsfile, JenkinsFile, Jenkinsfile-Release, release.Jenkinsfile ...)
// and *.groovy and *.jenkins files whose content is a pipeline or a
// shared-library step. The search skips .git, node_modules and vendor
// directories, whatever .gitignore files ignore, symbolic links, and what
// Options exclude.
package discover

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"jfcheck/internal/glob"
)

// Options tune the search of directories. They do not apply to explicit
// file paths, which are always yielded.
type Options struct {
	// Include are extra globs (package glob syntax) of files to yield
	// besides the pipelines, for Jenkinsfiles named otherwise
	// ("ci/*.pipeline"). Each is matched against the slash-separated path
	// relative to the root being searched and against the file's base name;
	// one starting with "/" or "./" only against the path. Files matched
	// here are yielded whatever their content.
	Include []string
	// Exclude are globs of files and directories to leave out, matched like
	// Include; an excluded directory is not entered.
	Exclude []string
	// FilterExplicit makes the same decision for files given as roots as
	// for files found in directories: one that is not a pipeline (nor
	// matched by Include) is left out. Paths that do not exist are still
	// yielded.
	FilterExplicit bool
	// Empty, when set, is called for each directory root in which no file
	// to check was found.
	Empty func(root string)
	// Ignore, when set, is asked about every file and directory found in a
	// directory (such as config.Config.Ignored); true leaves it out, and a
	// directory is then not entered.
	Ignore func(path string) bool
	// NoGitignore turns off .gitignore handling.
	NoGitignore bool
}

// skipDirs are directory names never entered.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// Walk calls fn for each file to check under roots, in order: a root that
// is not a directory is passed as it is with explicit true; files found in a
// directory root are passed as the root joined with their relative path,
// with explicit false. Each file is passed once, the first time it is met.
//
// When fn returns an error, Walk stops and returns it, except that
// fs.SkipAll stops it quietly. A directory that cannot be read is skipped
// and its error returned, joined with the others, after the walk. A bad
// Include or Exclude pattern is an error before anything is walked.
func Walk(roots []string, opts Options, fn func(path string, explicit bool) error) error {
	w := &walker{opts: opts, fn: fn, seen: map[string]bool{}}
	var err error
	if w.include, err = compileAll(opts.Include); err != nil {
		return fmt.Errorf("include: %w", err)
	}
	if w.exclude, err = compileAll(opts.Exclude); err != nil {
		return fmt.Errorf("exclude: %w", err)
	}
	for _, root := range roots {
		fi, statErr := os.Stat(root)
		switch {
		case statErr != nil:
			err = w.yield(root, true)
		case !fi.IsDir():
			if opts.FilterExplicit && !w.wanted(root, filepath.ToSlash(root), filepath.Base(root)) {
				continue
			}
			err = w.yield(root, true)
		default:
			w.found = 0
			err = w.walkRoot(root)
			if err == nil {
				err = w.flush()
			}
			if err == nil && w.found == 0 && opts.Empty != nil {
				opts.Empty(root)
			}
		}
		if err != nil {
			if errors.Is(err, fs.SkipAll) {
				break
			}
			return err
		}
	}
	return errors.Join(w.errs...)
}

// rootGlob is an Include or Exclude pattern.
type rootGlob struct {
	g        *glob.Pattern
	pathOnly bool // written with a leading "/" or "./": not matched against base names
}

func compileAll(patterns []string) ([]rootGlob, error) {
	var out []rootGlob
	for _, p := range patterns {
		var rg rootGlob
		for _, prefix := range []string{"./", "/"} {
			if rest, ok := strings.CutPrefix(p, prefix); ok {
				p, rg.pathOnly = rest, true
			}
		}
		g, err := glob.Compile(p)
		if err != nil {
			return nil, err
		}
		rg.g = g
		out = append(out, rg)
	}
	return out, nil
}

type walker struct {
	opts             Options
	fn               func(string, bool) error
	include, exclude []rootGlob
	seen             map[string]bool // absolute paths already yielded
	errs             []error         // unreadable directories
	found            int             // files to check found under the current root
	// pending are the files found under the current root, in order, whose
	// content decides whether they are checked; sniff marks those.
	pending []string
	sniff   []bool
}

// wanted reports whether a file is to be checked: it matches Include or it
// is a pipeline.
func (w *walker) wanted(p, rel, name string) bool {
	return matchAny(w.include, rel, name) || IsPipelineFile(p)
}

// flush yields the files pending under the current root, in order, except
// the candidates whose content is not a pipeline. Reading and scanning the
// candidates is most of a walk's time, so it is spread over the machine's
// processors, and each file is yielded as soon as it and the files before
// it are decided.
func (w *walker) flush() error {
	pending, sniff := w.pending, w.sniff
	w.pending, w.sniff = nil, nil
	keep := make([]bool, len(pending))
	next := make(chan int)
	decided := make(chan int, 64)
	go func() {
		for i := range pending {
			next <- i
		}
		close(next)
	}()
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pending)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				keep[i] = !sniff[i] || IsPipelineFile(pending[i])
				decided <- i
			}
		}()
	}
	go func() {
		wg.Wait()
		close(decided)
	}()
	// After an error nothing more is yielded, but every decision is
	// received, so that no goroutine is left waiting.
	var err error
	done := make([]bool, len(pending))
	k := 0
	for i := range decided {
		done[i] = true
		for ; k < len(pending) && done[k]; k++ {
			if err != nil || !keep[k] {
				continue
			}
			w.found++
			err = w.yield(pending[k], false)
		}
	}
	return err
}

func (w *walker) yield(p string, explicit bool) error {
	key := p
	if abs, err := filepath.Abs(p); err == nil {
		key = abs
	}
	if w.seen[key] {
		return nil
	}
	w.seen[key] = true
	return w.fn(p, explicit)
}

func matchAny(gs []rootGlob, rel, name string) bool {
	for _, g := range gs {
		if g.g.Match(rel) || !g.pathOnly && g.g.Match(name) {
			return true
		}
	}
	return false
}

func (w *walker) walkRoot(root string) error {
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	var ignores []*ignoreFile
	if !w.opts.NoGitignore {
		ignores = w.ancestorIgnores(abs)
	}
	return w.walkDir(root, abs, "", ignores)
}

// walkDir searches the directory dir (as the caller spells it; abs is its
// absolute path and rel its slash path relative to the root). ignores are
// the .gitignore files of the directories above it, outermost first.
func (w *walker) walkDir(dir, abs, rel string, ignores []*ignoreFile) error {
	if !w.opts.NoGitignore {
		if f := w.readIgnoreFile(abs, filepath.Join(abs, ".gitignore")); f != nil {
			// Clip so that sibling directories never share a backing array.
			ignores = append(ignores[:len(ignores):len(ignores)], f)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		// ReadDir returns what it could read; go on with that.
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		pAbs := filepath.Join(abs, name)
		pRel := name
		if rel != "" {
			pRel = rel + "/" + name
		}
		typ := e.Type()
		isDir := typ.IsDir()
		switch {
		case typ&fs.ModeSymlink != 0:
			continue // symbolic links are not followed
		case !isDir && !typ.IsRegular():
			continue // devices, sockets, pipes
		case isDir && skipDirs[name]:
			continue
		case ignored(ignores, pAbs, isDir):
			continue
		case matchAny(w.exclude, pRel, name):
			continue
		case w.opts.Ignore != nil && w.opts.Ignore(p):
			continue
		}
		if isDir {
			if err := w.walkDir(p, pAbs, pRel, ignores); err != nil {
				return err
			}
			continue
		}
		if included := matchAny(w.include, pRel, name); included || IsCandidate(name) {
			w.pending = append(w.pending, p)
			w.sniff = append(w.sniff, !included)
		}
	}
	return nil
}

// ancestorIgnores returns the ignore files that apply to the directory abs
// from above it: when abs lies in a Git working tree, the tree's
// .git/info/exclude and the .gitignore files of the directories from the
// top of the tree down to abs's parent.
func (w *walker) ancestorIgnores(abs string) []*ignoreFile {
	var dirs []string // from abs's parent up to the top of the tree
	top, gitDir := "", false
	for d := abs; ; {
		if fi, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			top, gitDir = d, fi.IsDir() // .git is a file in a linked worktree
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
		dirs = append(dirs, d)
	}
	if top == "" {
		return nil
	}
	var out []*ignoreFile
	if gitDir {
		if f := w.readIgnoreFile(top, filepath.Join(top, ".git", "info", "exclude")); f != nil {
			out = append(out, f)
		}
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if f := w.readIgnoreFile(dirs[i], filepath.Join(dirs[i], ".gitignore")); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// readIgnoreFile reads an ignore file whose patterns are relative to dir. A
// missing file is nil; an unreadable one is nil and an error.
func (w *walker) readIgnoreFile(dir, file string) *ignoreFile {
	data, err := os.ReadFile(file)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.errs = append(w.errs, err)
		}
		return nil
	}
	f := parseIgnore(dir, string(data))
	if len(f.patterns) == 0 {
		return nil
	}
	return f
}

// ignoreFile is a parsed .gitignore: its directory and its patterns.
type ignoreFile struct {
	dir      string // absolute
	patterns []ignorePattern
}

type ignorePattern struct {
	g        *glob.Pattern
	negate   bool // "!pattern" re-includes
	dirOnly  bool // "pattern/" matches directories only
	anchored bool // has a slash: matched against the path from dir, not the base name
}

// parseIgnore reads gitignore syntax: blank lines and "#" comments are
// skipped, trailing spaces dropped unless escaped with '\', "!" negates, a
// trailing "/" matches directories only, a pattern with a slash at the
// start or in the middle is anchored to the file's directory and one
// without matches a name at any depth, and "**", "*", "?", "[...]" and "\"
// are as in package glob. A trailing "/**" matches what is inside a
// directory but not the directory itself.
func parseIgnore(dir, text string) *ignoreFile {
	f := &ignoreFile{dir: dir}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
			line = line[:len(line)-1]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		var p ignorePattern
		if line[0] == '!' {
			p.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		p.anchored = strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		if line == "" {
			continue
		}
		if strings.HasSuffix(line, "/**") {
			line += "/*"
		}
		g, err := glob.Compile(line)
		if err != nil {
			continue // git skips patterns it cannot read, so do we
		}
		p.g = g
		f.patterns = append(f.patterns, p)
	}
	return f
}

// ignored reports whether the .gitignore files (outermost first)
// ignore the file or directory at abs: the last matching pattern of the
// innermost file with a match decides.
func ignored(files []*ignoreFile, abs string, isDir bool) bool {
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		prefix := f.dir
		if !strings.HasSuffix(prefix, string(filepath.Separator)) {
			prefix += string(filepath.Separator) // f.dir is not the root directory
		}
		rel, ok := strings.CutPrefix(abs, prefix)
		if !ok {
			continue
		}
		rel = filepath.ToSlash(rel)
		base := path.Base(rel)
		for j := len(f.patterns) - 1; j >= 0; j-- {
			p := f.patterns[j]
			if p.dirOnly && !isDir {
				continue
			}
			subject := base
			if p.anchored {
				subject = rel
			}
			if p.g.Match(subject) {
				return !p.negate
			}
		}
	}
	return false
}

// RepositoryRoot returns the top of the Git working tree that holds the
// directory dir (the nearest directory at or above it with a .git entry,
// a directory or, in a linked worktree or a submodule, a file), or "" when
// there is none. dir is made absolute first.
func RepositoryRoot(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
