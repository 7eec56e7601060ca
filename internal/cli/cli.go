// Package cli is the jfcheck command: flags, file discovery, parallel
// checking, output and exit codes. It is a function of its arguments and
// streams so that tests run it in-process.
package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"jfcheck/docs"
	"jfcheck/fix"
	"jfcheck/internal/baseline"
	"jfcheck/internal/config"
	"jfcheck/internal/discover"
	"jfcheck/internal/output"
	"jfcheck/internal/suggest"
	"jfcheck/parser"
	"jfcheck/rules"
)

// Version is jfcheck's version, set at build time with
// -ldflags "-X jfcheck/internal/cli.Version=1.2.3"; otherwise the module
// version when built by `go install module@version`.
var Version = "0.1.0-dev"

func init() {
	if bi, ok := debug.ReadBuildInfo(); ok && Version == "0.1.0-dev" {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			Version = strings.TrimPrefix(v, "v")
		}
	}
}

// Exit codes, as actionlint's.
const (
	ExitClean    = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitUsage    = 2 // bad flags, unknown rules, unreadable paths, bad configuration
	ExitInternal = 3 // a bug in jfcheck
)

const usage = `jfcheck checks Jenkinsfiles for docker login hazards on shared Jenkins nodes.

Usage:
  jfcheck [flags] [PATH...]

PATH is a Jenkinsfile, a directory searched recursively for pipelines, or -
for standard input; with no PATH, the current directory. A directory search
picks files whose names say Jenkinsfile in any spelling (Jenkinsfile,
JenkinsFile, Jenkinsfile-Release, release.Jenkinsfile, but not
Jenkinsfile.md or Jenkinsfile.lock) and *.groovy and *.jenkins files whose
content is a pipeline or a shared-library step (vars/*.groovy), never Groovy
classes; --only-pipelines applies the same choice to files named as PATH.

Examples:
  jfcheck Jenkinsfile                   check one file
  jfcheck .                             check every Jenkinsfile below here
  jfcheck --format sarif . > jf.sarif   a report for GitHub code scanning
  jfcheck --format checkstyle . > jf.xml  a report for Jenkins' recordIssues
  jfcheck --diff .                      show what --fix would change
  jfcheck --fix .                       apply the safe fixes in place
  jfcheck --fix=all .                   also apply the fixes that need review
  jfcheck --write-baseline jf-baseline.json .   record today's findings
  jfcheck --baseline jf-baseline.json .         report only new ones
  jfcheck --explain docker-config-scope print a rule's page
  cat Jenkinsfile | jfcheck --stdin-filename Jenkinsfile -

Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on; with --diff, also a file --fix would
     change, whatever --fail-on says
  2  usage error: bad flag, unknown rule, unreadable path, bad configuration
  3  internal failure

Flags:
`

type options struct {
	format, failOn, color, configPath, stdinName, explain string
	fix, baseline, writeBaseline, dockerConfig, docsURL   string
	diff                                                  bool
	enable, disable, include, exclude                     []string
	noConfig, noIgnores, listRules, quiet, version, help  bool
	init, onlyPipelines, oneline                          bool
	jobs                                                  int
	cpuProfile, memProfile                                string
}

// Main runs jfcheck with args (without the program name) and returns the
// exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "jfcheck: internal error: %v\n", r)
			code = ExitInternal
		}
	}()
	var o options
	fs := pflag.NewFlagSet("jfcheck", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(output.Formats(), ", "))
	fs.StringVar(&o.failOn, "fail-on", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	fs.StringVar(&o.fix, "fix", "", "apply fixes in place: safe fixes, or with --fix=all also those that need review")
	fs.Lookup("fix").NoOptDefVal = "safe"
	fs.BoolVar(&o.diff, "diff", false, "print a unified diff of what --fix would change and write nothing")
	fs.StringVar(&o.baseline, "baseline", "", "do not report the findings recorded in this baseline file")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record the findings in this baseline file and exit 0")
	fs.StringVar(&o.dockerConfig, "docker-config", "", `the DOCKER_CONFIG value fixes insert (default "${WORKSPACE_TMP}/docker-${BUILD_NUMBER}")`)
	fs.StringSliceVar(&o.enable, "enable", nil, "run only these rules (comma-separated names or globs such as declarative-*)")
	fs.StringSliceVar(&o.disable, "disable", nil, "do not run these rules (comma-separated names or globs such as declarative-*)")
	fs.StringVar(&o.configPath, "config", "", "configuration file (default: .jfcheck.yml found upwards from each file)")
	fs.BoolVar(&o.noConfig, "no-config", false, "ignore configuration files")
	fs.BoolVar(&o.noIgnores, "no-ignores", false, "report findings that suppression comments hide (for audits)")
	fs.BoolVar(&o.listRules, "list-rules", false, "list the rules and exit")
	fs.StringVar(&o.explain, "explain", "", "print the documentation of a rule and exit")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "files checked in parallel")
	fs.StringSliceVar(&o.include, "include", nil, "also check files matching these globs when searching directories")
	fs.StringSliceVar(&o.exclude, "exclude", nil, "skip files and directories matching these globs")
	fs.BoolVar(&o.onlyPipelines, "only-pipelines", false, "skip the files named as arguments that a directory search would skip (for pre-commit)")
	fs.StringVar(&o.docsURL, "docs-url", "", "sarif: link each rule to URL/RULE.md, e.g. the docs/rules directory of jfcheck's repository where you host it")
	fs.StringVar(&o.stdinName, "stdin-filename", "", "name to show for standard input (and to find its configuration by)")
	fs.BoolVar(&o.oneline, "oneline", false, "text output: one line per finding, without the source line, caret and fix hints")
	fs.StringVar(&o.color, "color", "auto", "colour the text output: auto, always or never (NO_COLOR is honoured)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print findings only, no summary")
	fs.BoolVar(&o.init, "init", false, "write a commented default .jfcheck.yml in the current directory and exit")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	// Profiles for measuring jfcheck itself, not for users: hidden.
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	fs.MarkHidden("cpuprofile")
	fs.MarkHidden("memprofile")
	fs.SortFlags = false

	if err := fs.Parse(args); err != nil {
		msg := err.Error()
		if strings.Contains(msg, "unknown flag: ") || strings.Contains(msg, "unknown shorthand") {
			name := strings.TrimPrefix(msg[strings.LastIndex(msg, " ")+1:], "--")
			var names []string
			fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
			if s := suggest.Suggest(name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean --%s?)", s)
			}
		}
		fmt.Fprintf(stderr, "jfcheck: %s\nRun 'jfcheck --help' for usage.\n", msg)
		return ExitUsage
	}
	switch {
	case o.help:
		fmt.Fprint(stdout, usage+fs.FlagUsages())
		return ExitClean
	case o.version:
		fmt.Fprintf(stdout, "jfcheck %s\n", Version)
		return ExitClean
	case o.listRules:
		for _, r := range rules.All() {
			fix := ""
			if r.Fixable {
				fix = " (fixable)"
			}
			fmt.Fprintf(stdout, "%-34s %-7s %s%s\n", r.Name, r.Severity, r.Title, fix)
		}
		return ExitClean
	case o.explain != "":
		r := rules.Lookup(o.explain)
		if r == nil {
			return usageError(stderr, "unknown rule %q%s", o.explain, didYouMean(o.explain))
		}
		fmt.Fprint(stdout, docs.RulePage(r.Name))
		return ExitClean
	case o.init:
		return initConfig(stdout, stderr)
	}

	run, code := newRun(o, stderr)
	if run == nil {
		return code
	}
	if o.cpuProfile != "" {
		stop, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		defer stop()
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return run.check(paths, stdin, stdout)
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "jfcheck: "+format+"\n", args...)
	return ExitUsage
}

func ruleNames() []string {
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Name)
	}
	return names
}

func didYouMean(name string) string {
	if s := suggest.Suggest(name, ruleNames()); s != "" {
		return fmt.Sprintf(" (did you mean %s?)", s)
	}
	return ""
}

func initConfig(stdout, stderr io.Writer) int {
	name := config.FileNames[0]
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	defer f.Close()
	if _, err := f.WriteString(config.Default(rules.All())); err != nil {
		return usageError(stderr, "%v", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", name)
	return ExitClean
}

// run is one invocation's settings.
type run struct {
	o       options
	failOn  rules.Severity
	never   bool
	base    rules.Options
	fixed   *config.Config // --config, loaded once
	mu      sync.Mutex
	configs map[string]*config.Config // by directory, found upwards
	stderr  io.Writer
	fixing  bool           // --fix or --diff
	level   rules.FixLevel // which fixes
	known   *baseline.Baseline
}

func newRun(o options, stderr io.Writer) (*run, int) {
	r := &run{o: o, stderr: stderr, configs: map[string]*config.Config{}}
	if !contains(output.Formats(), o.format) {
		return nil, usageError(stderr, "unknown format %q (want one of %s)", o.format, strings.Join(output.Formats(), ", "))
	}
	if o.failOn == "never" {
		r.never = true
	} else {
		s, err := rules.ParseSeverity(o.failOn)
		if err != nil {
			return nil, usageError(stderr, "--fail-on: %v", err)
		}
		r.failOn = s
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return nil, usageError(stderr, "--color: want auto, always or never, not %q", o.color)
	}
	if o.jobs < 1 {
		return nil, usageError(stderr, "--jobs must be at least 1")
	}
	switch o.fix {
	case "", "safe":
	case "all":
		r.level = rules.Review
	default:
		return nil, usageError(stderr, "--fix: want --fix or --fix=all, not --fix=%s", o.fix)
	}
	r.fixing = o.fix != "" || o.diff
	if r.fixing && o.format != "text" {
		return nil, usageError(stderr, "--fix and --diff print text; they do not combine with --format %s", o.format)
	}
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			return nil, usageError(stderr, "%v", err)
		}
		r.known = b
	}
	r.base.Disabled = map[string]bool{}
	r.base.NoIgnores = o.noIgnores
	// A rule name or a glob such as declarative-* selects rules.
	expand := func(list []string) ([]string, string) {
		var out []string
		for _, n := range list {
			rs := rules.Match(n)
			if len(rs) == 0 {
				return nil, n
			}
			for _, rl := range rs {
				out = append(out, rl.Name)
			}
		}
		return out, ""
	}
	enable, bad := expand(o.enable)
	if bad == "" {
		var disable []string
		disable, bad = expand(o.disable)
		o.disable = disable
	}
	if bad != "" {
		if rules.IsPattern(bad) {
			return nil, usageError(stderr, "no rule matches %q", bad)
		}
		return nil, usageError(stderr, "unknown rule %q%s", bad, didYouMean(bad))
	}
	if len(o.enable) > 0 {
		for _, rl := range rules.All() {
			r.base.Disabled[rl.Name] = !contains(enable, rl.Name) && rl != rules.SyntaxError
		}
	}
	for _, n := range o.disable {
		r.base.Disabled[n] = true
	}
	if o.configPath != "" && !o.noConfig {
		c, err := config.Load(o.configPath, ruleNames())
		if err != nil {
			return nil, usageError(stderr, "%v", err)
		}
		r.fixed = c
	}
	return r, 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// configFor returns the configuration that applies to a file, or nil.
func (r *run) configFor(path string) (*config.Config, error) {
	if r.o.noConfig {
		return nil, nil
	}
	if r.fixed != nil {
		return r.fixed, nil
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.configs[dir]; ok {
		return c, nil
	}
	p, err := config.Find(dir)
	if err != nil {
		return nil, err
	}
	var c *config.Config
	if p != "" {
		if c, err = config.Load(p, ruleNames()); err != nil {
			return nil, err
		}
	}
	r.configs[dir] = c
	return c, nil
}

// input is one file to check.
type input struct {
	path     string
	explicit bool
	stdin    bool
}

func (r *run) check(paths []string, stdin io.Reader, stdout io.Writer) int {
	var inputs []input
	usageErr := false
	var files []string
	for _, p := range paths {
		if p == "-" {
			inputs = append(inputs, input{path: r.o.stdinName, stdin: true, explicit: true})
			if inputs[len(inputs)-1].path == "" {
				inputs[len(inputs)-1].path = "<stdin>"
			}
			continue
		}
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(r.stderr, "jfcheck: %v\n", err)
			usageErr = true
			continue
		}
		files = append(files, p)
	}
	// What the search has to say goes to walkOut, and its failure to
	// walkFailed: while files are checked as they are found, the search
	// runs beside the code that reports them.
	var walkOut io.Writer = r.stderr
	var walkMsgs bytes.Buffer
	walkFailed := false
	opts := discover.Options{Include: r.o.include, Exclude: r.o.exclude, FilterExplicit: r.o.onlyPipelines,
		Ignore: func(p string) bool {
			c, err := r.configFor(p)
			return err == nil && c != nil && c.Ignored(p)
		},
		Empty: func(root string) {
			fmt.Fprintf(walkOut, "jfcheck: %s: no Jenkinsfiles found (no file named Jenkinsfile, nor *.groovy or *.jenkins file holding a pipeline)\n", root)
		}}
	walk := func(send func(input)) {
		if len(files) == 0 {
			return
		}
		err := discover.Walk(files, opts, func(p string, explicit bool) error {
			send(input{path: p, explicit: explicit})
			return nil
		})
		if err != nil {
			fmt.Fprintf(walkOut, "jfcheck: %v\n", err)
			walkFailed = true
		}
	}
	// The files found are checked while the search goes on, unless what
	// is printed depends on what it finds: standard input alone or not (see
	// dest), or the progress line, which counts them.
	streaming := len(inputs) == 0 && (r.o.quiet || !isTerminal(r.stderr))
	if streaming {
		walkOut = &walkMsgs
	} else {
		walk(func(in input) { inputs = append(inputs, in) })
	}

	report := &output.Report{Rules: rules.All(), Version: Version, DocsURL: r.o.docsURL,
		Help: func(rl *rules.Rule) string { return docs.RulePage(rl.Name) }}
	// SARIF's artifact URIs are relative to the top of the repository, as
	// code scanning wants, not to where jfcheck runs.
	if root := discover.RepositoryRoot("."); root != "" {
		report.Root = root
	} else if wd, err := os.Getwd(); err == nil {
		report.Root = wd
	}

	// Findings go to stdout, unless a diff or the fixed text goes there,
	// which must stay usable as such: then findings left go to stderr. With
	// --fix and --diff they come after the fixes' summary, so they wait in
	// a buffer; otherwise each file's are written as soon as it and the
	// files before it are done.
	dest := stdout
	if r.fixing && (r.o.diff || len(inputs) == 1 && inputs[0].stdin) {
		dest = r.stderr
	}
	ow := &errWriter{w: dest}
	var later bytes.Buffer
	var findingsOut io.Writer = ow
	if r.fixing {
		findingsOut = &later
	}
	color := r.o.color == "always" || r.o.color == "auto" && isTerminal(dest) && os.Getenv("NO_COLOR") == ""
	stream, err := output.NewStream(findingsOut, r.o.format, report,
		output.Options{Color: color, Source: !r.o.oneline, FixHint: !r.o.oneline, NotFixed: r.fixing})
	if err != nil {
		fmt.Fprintf(r.stderr, "jfcheck: %v\n", err)
		return ExitInternal
	}
	var (
		streamErr error
		rec       baseline.Recorder
		filter    *baseline.Filter
		tally     output.Tally
		fixes     fixCounts
		internal  bool
		worst     = rules.Severity(-1)
		fw        = &errWriter{w: stdout}
	)
	if r.known != nil {
		filter = r.known.NewFilter()
	}
	prog := r.progress(len(inputs))
	source := func(send func(input)) {
		for _, in := range inputs {
			send(in)
		}
	}
	if streaming {
		source = walk
	}
	r.each(source, stdin, func(res *result) {
		if res.Err != nil || res.internal != nil || len(res.Diagnostics) > 0 || res.fix != nil {
			prog.clear()
		}
		if res.Err != nil {
			fmt.Fprintf(r.stderr, "jfcheck: %s: %v\n", res.Path, res.Err)
			usageErr = true
		}
		if res.internal != nil {
			fmt.Fprintf(r.stderr, "jfcheck: %s: %s\n", res.Path, res.internal.Msg)
			internal = true
		}
		if r.o.writeBaseline != "" {
			rec.File(&res.FileResult)
			return
		}
		if filter != nil {
			filter.File(&res.FileResult)
		}
		if r.fixing && !r.applyFix(res, fw, &fixes) {
			usageErr = true
		}
		for _, d := range res.Diagnostics {
			worst = max(worst, d.Severity)
		}
		tally.Add(&res.FileResult)
		if streamErr == nil {
			streamErr = stream.Add(&res.FileResult)
		}
	}, prog.show)
	prog.clear()
	r.stderr.Write(walkMsgs.Bytes())
	usageErr = usageErr || walkFailed
	if r.o.memProfile != "" {
		if err := writeHeapProfile(r.o.memProfile); err != nil {
			fmt.Fprintf(r.stderr, "jfcheck: %v\n", err)
		}
	}

	if r.o.writeBaseline != "" {
		if err := rec.Write(r.o.writeBaseline); err != nil {
			fmt.Fprintf(r.stderr, "jfcheck: %v\n", err)
			return ExitUsage
		}
		fmt.Fprintf(r.stderr, "recorded %d findings in %s\n", rec.Len(), r.o.writeBaseline)
		if usageErr {
			return ExitUsage
		}
		return ExitClean
	}
	wouldChange := false
	if r.fixing {
		r.fixSummary(fixes)
		if fw.err != nil {
			fmt.Fprintf(r.stderr, "jfcheck: writing to standard output: %v\n", fw.err)
			return ExitInternal
		}
		wouldChange = r.o.diff && fixes.changed > 0
	}
	if streamErr == nil {
		streamErr = stream.Close()
	}
	if streamErr == nil && r.fixing {
		ow.Write(later.Bytes())
	}
	if streamErr != nil && ow.err == nil {
		fmt.Fprintf(r.stderr, "jfcheck: %v\n", streamErr)
		return ExitInternal
	}
	if ow.err != nil {
		// Findings that cannot be written are lost: never exit as if clean.
		fmt.Fprintf(r.stderr, "jfcheck: writing the report: %v\n", ow.err)
		return ExitInternal
	}
	if !r.o.quiet && r.o.format == "text" && !r.fixing {
		fmt.Fprintln(r.stderr, tally.String())
	}
	switch {
	case internal:
		return ExitInternal
	case usageErr:
		return ExitUsage
	case !r.never && worst >= r.failOn, wouldChange:
		return ExitFindings
	}
	return ExitClean
}

// window is how many files per worker may be read, being checked or
// waiting for an earlier file to be written at one time: enough to keep
// the workers busy when one file takes longer than those after it, few
// enough that memory holds only a handful of parsed files.
const window = 4

// each checks the inputs that source sends on r.o.jobs workers and calls
// handle with each result in input order, as soon as the file and every
// file before it are done, then done with the number of files handled so
// far. source runs on a goroutine of its own and has returned when each
// returns. A result is not referenced after handle returns.
func (r *run) each(source func(send func(input)), stdin io.Reader, handle func(*result), done func(int)) {
	type indexed struct {
		i   int
		res *result
	}
	type job struct {
		i  int
		in input
	}
	slots := make(chan struct{}, max(window*r.o.jobs, 8))
	work := make(chan job)
	results := make(chan indexed, cap(slots))
	go func() {
		i := 0
		source(func(in input) {
			slots <- struct{}{}
			work <- job{i, in}
			i++
		})
		close(work)
	}()
	var wg sync.WaitGroup
	for range r.o.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				res := r.checkOne(j.in, stdin)
				results <- indexed{j.i, &res}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]*result{}
	next := 0
	for x := range results {
		pending[x.i] = x.res
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			handle(res)
			next++
			<-slots
			done(next)
		}
	}
}

// result is one file's outcome: its findings and, with --fix or --diff,
// what fixing it gave.
type result struct {
	output.FileResult
	fix      *fix.Result
	orig     []byte
	stdin    bool
	internal *parser.Error // the parser failed: a bug in jfcheck
}

func (r *run) checkOne(in input, stdin io.Reader) (res result) {
	res.Path = in.path
	res.stdin = in.stdin
	var src []byte
	var err error
	if in.stdin {
		src, err = readBounded(stdin, 0)
	} else {
		src, err = readFile(in.path)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		res.Err = err
		return res
	}
	cfgPath := in.path
	if in.stdin && r.o.stdinName == "" {
		cfgPath = filepath.Join(".", "stdin")
	}
	cfg, err := r.configFor(cfgPath)
	if err != nil {
		res.Err = err
		return res
	}
	opts := r.base
	opts.Config = rules.DefaultConfig()
	if cfg != nil {
		opts.Config = cfg.RulesConfig()
		opts.Severity = map[string]rules.Severity{}
		dis := map[string]bool{}
		for k, v := range r.base.Disabled {
			dis[k] = v
		}
		for name, s := range cfg.Rules {
			if s.Off {
				dis[name] = true
			} else {
				opts.Severity[name] = s.Severity
			}
		}
		opts.Disabled = dis
	}
	if r.o.dockerConfig != "" {
		c := *opts.Config
		c.DockerConfig = r.o.dockerConfig
		opts.Config = &c
	}
	if r.fixing {
		fr := fix.File(in.path, src, opts, r.level)
		res.fix, res.orig, res.internal = fr, src, fr.Internal
		res.File, res.Diagnostics = slim(nil, fr.Src), fr.Remaining
		return res
	}
	f, errs := parser.Parse(in.path, src)
	res.internal = parser.Internal(errs)
	res.Diagnostics = rules.Lint(f, errs, opts)
	// The output needs the source and its lines only: let the model go
	// while the result waits for the files before it.
	res.File = slim(f, src)
	sort.SliceStable(res.Diagnostics, func(i, j int) bool { return res.Diagnostics[i].Span.Start < res.Diagnostics[j].Span.Start })
	return res
}

// slim returns what the output and the baseline read of a file: its name,
// source and line index.
func slim(f *parser.File, src []byte) *parser.File {
	if f == nil {
		return &parser.File{Src: src, Lines: parser.NewLines(src)}
	}
	lines := f.Lines
	if lines == nil {
		lines = parser.NewLines(src)
	}
	return &parser.File{Name: f.Name, Src: f.Src, Lines: lines, CRLF: f.CRLF}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// fixCounts are what --fix or --diff did, for its summary.
type fixCounts struct {
	changed, fixed, left, attention int
}

// applyFix writes a fixed file (--fix) or prints its diff (--diff), or the
// fixed text of standard input, and counts what it did. It returns false
// when the file could not be written.
func (r *run) applyFix(res *result, stdout io.Writer, c *fixCounts) bool {
	if res.fix == nil {
		return true
	}
	c.left += len(res.fix.Remaining)
	if res.fix.Problem != nil {
		c.attention++
		fmt.Fprintf(r.stderr, "jfcheck: %s: needs manual attention: %v\n", res.Path, res.fix.Problem)
		return true
	}
	if !res.fix.Changed(res.orig) {
		if r.o.fix != "" && res.stdin {
			stdout.Write(res.fix.Src)
		}
		return true
	}
	switch {
	case r.o.diff:
		stdout.Write(unifiedDiff(res.Path, res.orig, res.fix.Src))
	case res.stdin:
		stdout.Write(res.fix.Src)
	default:
		if err := fix.WriteFile(res.Path, res.orig, res.fix.Src); err != nil {
			c.attention++
			fmt.Fprintf(r.stderr, "jfcheck: %s: not written: %v\n", res.Path, err)
			return false
		}
	}
	c.changed++
	c.fixed += len(res.fix.Fixed)
	return true
}

// fixSummary prints what --fix or --diff did.
func (r *run) fixSummary(c fixCounts) {
	if r.o.quiet {
		return
	}
	if r.o.diff {
		fmt.Fprintf(r.stderr, "%s would change, %s would be fixed, %s would be left, %s needing attention\n",
			plural(c.changed, "file"), plural(c.fixed, "finding"), plural(c.left, "finding"), plural(c.attention, "file"))
	} else {
		fmt.Fprintf(r.stderr, "%s changed, %s fixed, %s left, %s needing attention\n",
			plural(c.changed, "file"), plural(c.fixed, "finding"), plural(c.left, "finding"), plural(c.attention, "file"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// progressMin is how many files make a run long enough to show progress.
const progressMin = 200

// progress shows on a terminal's standard error how many of n files have
// been checked. It shows nothing when standard error is not a terminal or
// there are few files.
type progress struct {
	w     io.Writer // nil: off
	n     int
	shown bool
}

func (r *run) progress(n int) *progress {
	p := &progress{n: n}
	if n >= progressMin && !r.o.quiet && isTerminal(r.stderr) {
		p.w = r.stderr
	}
	return p
}

// show shows that i files are done.
func (p *progress) show(i int) {
	if p.w != nil && i%50 == 0 && i < p.n {
		fmt.Fprintf(p.w, "\rchecking %d/%d files", i, p.n)
		p.shown = true
	}
}

// clear removes the progress line, before other output.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// errWriter remembers the first error of the writes through it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// errTooLarge is the error for input past parser.MaxFileSize.
var errTooLarge = fmt.Errorf("file too large: jfcheck reads files up to %d bytes", parser.MaxFileSize)

// readFile reads a file of any kind (a pipe, a device such as /dev/zero) up
// to parser.MaxFileSize bytes, and refuses it past that while reading.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= parser.MaxFileSize {
		size = int(fi.Size())
	}
	return readBounded(f, size)
}

// readBounded reads r to its end, or fails once it passes
// parser.MaxFileSize bytes; size is what r is expected to hold, so that a
// file is read into one buffer of its size.
func readBounded(r io.Reader, size int) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, parser.MaxFileSize+1)); err != nil {
		return nil, err
	}
	src := buf.Bytes()
	if len(src) > parser.MaxFileSize {
		return nil, errTooLarge
	}
	return src, nil
}
