// Package config loads jfcheck's configuration file, .jfcheck.yml.
//
// The file is YAML with five optional keys:
//
//	# rules: per-rule settings; a rule name (or a glob such as declarative-*)
//	# maps to off, error, warning or info
//	rules:
//	  docker-logout-cleanup: warning
//	  docker-prune-shared-node: off
//	docker-config: "${WORKSPACE_TMP}/docker-${BUILD_TAG}"  # DOCKER_CONFIG value the fixer inserts
//	credential-variables: [DEPLOY_TOKEN]                    # extra variable names treated as secrets
//	shell-methods: [runSafe]                                # methods whose string argument is a shell script
//	ignore: ["legacy/**", "vendor/**"]                      # path globs not checked
//	declarative:                     # what the declarative-* rules know of this installation
//	  strict: false                  # true: a step, option, ... the catalogue lacks is an error
//	  steps: [deployApp]             # the installation's own names, accepted with any arguments
//	  agents: [ecs]                  # also options, triggers, parameters, when, tools, post-conditions
//
// An empty file, and a key whose value is empty (null), mean the defaults.
// Unknown keys, unknown rule names, bad values and values of the wrong type
// are errors, each reported as "PATH:LINE:COL: message".
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"jfcheck/internal/glob"
	"jfcheck/internal/suggest"
	"jfcheck/rules"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".jfcheck.yml", ".jfcheck.yaml"}

// Keys are the top-level keys of the configuration file.
var Keys = []string{"rules", "docker-config", "credential-variables", "shell-methods", "ignore", "declarative"}

// Config is a loaded configuration file.
type Config struct {
	// Path is the file's path as given to Load.
	Path string
	// Dir is the absolute directory holding the file; Ignore patterns are
	// relative to it.
	Dir string
	// Rules maps rule names to their settings; rules not listed keep their
	// defaults.
	Rules map[string]RuleSetting
	// DockerConfig is the Groovy GString text (without quotes) the fixer
	// gives DOCKER_CONFIG, or "" for rules.DefaultDockerConfig.
	DockerConfig string
	// CredentialVariables are extra variable names to treat as secrets.
	CredentialVariables []string
	// ShellMethods name methods whose first string argument is a shell
	// script run on the node (a library's `runSafe(this, "docker login …")`).
	ShellMethods []string
	// Ignore are slash-separated globs, relative to Dir, of paths not
	// checked. See Ignored.
	Ignore []string
	// Declarative is what the declarative key adds to the built-in
	// catalogue of the declarative-* rules, or nil.
	Declarative *rules.Catalogue

	ignores []*glob.Pattern // Ignore compiled by Load
}

// RuleSetting is what the configuration says about one rule.
type RuleSetting struct {
	// Off turns the rule off; Severity is then meaningless.
	Off bool
	// Severity replaces the rule's default severity.
	Severity rules.Severity
}

// Error is one problem in a configuration file.
type Error struct {
	Path string
	// Line and Col are 1-based; Col is 0 when only the line is known (YAML
	// syntax errors) and Line is 0 when neither is.
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// ErrorList is every problem found in a configuration file, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Find looks for FileNames in startDir and then in each directory above it
// up to the root of the file system, and returns the path of the first file
// found, or "" and no error when there is none. When startDir names a file,
// the search starts in the file's directory. Having both names in one
// directory is an error.
func Find(startDir string) (string, error) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			fi, err := os.Stat(p)
			switch {
			case err == nil && !fi.IsDir():
				found = append(found, p)
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return "", err
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("both %s and %s exist; keep one", found[0], found[1])
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path. ruleNames are the
// known rule names: a rule name not among them is an error with a "did you
// mean" hint; a nil ruleNames accepts every name. The error, when it comes
// from the file's content, is an ErrorList.
func Load(path string, ruleNames []string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, ruleNames)
}

// Parse is Load for a file's content already read; path is used for Dir and
// in messages.
func Parse(path string, data []byte, ruleNames []string) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	c := &Config{Path: path, Dir: dir, Rules: map[string]RuleSetting{}}
	l := loader{path: path, ruleNames: ruleNames, c: c}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	switch err := dec.Decode(&doc); {
	case err == io.EOF:
		return c, nil // empty, or only comments
	case err != nil:
		return nil, ErrorList{l.syntaxError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		if err != nil {
			return nil, ErrorList{l.syntaxError(err)}
		}
		return nil, ErrorList{l.errorf(&extra, "only one YAML document is allowed")}
	}
	l.top(&doc)
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	c.ignores = compileIgnores(c.Ignore)
	return c, nil
}

// Ignored reports whether the file or directory p, a path relative to the
// working directory or absolute, matches an Ignore pattern. Patterns are
// matched against p relative to Dir, with forward slashes, and against each
// of its parent directories below Dir, so "legacy" and "legacy/**" both
// ignore everything under legacy/. Paths outside Dir are never ignored. A nil
// Config ignores nothing.
func (c *Config) Ignored(p string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	patterns := c.ignores
	if patterns == nil {
		// Built by hand rather than loaded: compile for this call.
		patterns = compileIgnores(c.Ignore)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range patterns {
		for prefix := rel; ; prefix = path.Dir(prefix) {
			if g.Match(prefix) {
				return true
			}
			if !strings.Contains(prefix, "/") {
				break
			}
		}
	}
	return false
}

// RulesConfig returns what rules read of the configuration, with defaults
// filled in. A nil Config gives rules.DefaultConfig().
func (c *Config) RulesConfig() *rules.Config {
	rc := rules.DefaultConfig()
	if c == nil {
		return rc
	}
	if c.DockerConfig != "" {
		rc.DockerConfig = c.DockerConfig
	}
	rc.CredentialVariables = slices.Clone(c.CredentialVariables)
	rc.ShellMethods = slices.Clone(c.ShellMethods)
	rc.Declarative = c.Declarative
	return rc
}

func compileIgnores(patterns []string) []*glob.Pattern {
	var out []*glob.Pattern
	for _, s := range patterns {
		if g, err := glob.Compile(normalizePattern(s)); err == nil {
			out = append(out, g)
		}
	}
	return out
}

// normalizePattern drops a leading "./" and a trailing "/" from an ignore
// pattern: both are common and mean nothing more here.
func normalizePattern(s string) string {
	s = strings.TrimPrefix(s, "./")
	if len(s) > 1 {
		s = strings.TrimSuffix(s, "/")
	}
	return s
}

// loader walks the YAML tree and fills a Config, collecting errors.
type loader struct {
	path      string
	ruleNames []string
	c         *Config
	errs      ErrorList
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) *Error {
	e := &Error{Path: l.path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	l.errs = append(l.errs, e)
	return e
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a yaml.v3 error into an Error with the line it names.
func (l *loader) syntaxError(err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Path: l.path, Line: line, Msg: "invalid YAML: " + m[2]}
	}
	return &Error{Path: l.path, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names the kind of a YAML value for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!str":
		return "a string"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "nothing"
	}
	return "a " + strings.TrimPrefix(n.Tag, "!!")
}

// mapping checks n is a mapping and returns its key and value nodes,
// reporting repeated keys and keys that are not strings.
func (l *loader) mapping(n *yaml.Node, what string) (keys, values []*yaml.Node, ok bool) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s: want a mapping, got %s", what, describe(n))
		return nil, nil, false
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" && k.Tag != "!!merge" {
			l.errorf(k, "%s: keys must be strings, got %s", what, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			l.errorf(k, "%s: %q is set twice (first at %d:%d)", what, k.Value, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		keys, values = append(keys, k), append(values, v)
	}
	return keys, values, true
}

func (l *loader) top(doc *yaml.Node) {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "the configuration must be a mapping of keys (%s), got %s", strings.Join(Keys, ", "), describe(n))
		return
	}
	keys, values, _ := l.mapping(n, "configuration")
	for i, k := range keys {
		v := values[i]
		switch k.Value {
		case "rules":
			l.rules(v)
		case "docker-config":
			l.dockerConfig(v)
		case "credential-variables":
			for _, s := range l.stringList(v, k.Value) {
				if !identifier.MatchString(s.Value) {
					l.errorf(s, "credential-variables: %q is not a variable name", s.Value)
					continue
				}
				l.c.CredentialVariables = append(l.c.CredentialVariables, s.Value)
			}
		case "shell-methods":
			for _, s := range l.stringList(v, k.Value) {
				if !identifier.MatchString(s.Value) {
					l.errorf(s, "shell-methods: %q is not a method name", s.Value)
					continue
				}
				l.c.ShellMethods = append(l.c.ShellMethods, s.Value)
			}
		case "ignore":
			for _, s := range l.stringList(v, k.Value) {
				if s.Value == "" {
					l.errorf(s, "ignore: empty pattern")
					continue
				}
				if _, err := glob.Compile(normalizePattern(s.Value)); err != nil {
					var ge *glob.Error
					if errors.As(err, &ge) {
						l.errorf(s, "ignore: bad pattern %q: %s", s.Value, ge.Reason)
					} else {
						l.errorf(s, "ignore: %v", err)
					}
					continue
				}
				l.c.Ignore = append(l.c.Ignore, s.Value)
			}
		case "declarative":
			l.declarative(v)
		default:
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := suggest.Suggest(k.Value, Keys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (known keys: " + strings.Join(Keys, ", ") + ")"
			}
			l.errorf(k, "%s", msg)
		}
	}
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Severities are the values a rule can be set to.
var Severities = []string{"off", "error", "warning", "info"}

func (l *loader) rules(n *yaml.Node) {
	if isNull(n) {
		return
	}
	keys, values, ok := l.mapping(n, "rules")
	if !ok {
		return
	}
	for i, k := range keys {
		v := values[i]
		names := []string{k.Value}
		if rules.IsPattern(k.Value) {
			names = names[:0]
			for _, r := range rules.Match(k.Value) {
				if l.ruleNames == nil || slices.Contains(l.ruleNames, r.Name) {
					names = append(names, r.Name)
				}
			}
			if len(names) == 0 {
				l.errorf(k, "rules: no rule matches %q", k.Value)
				continue
			}
		} else if l.ruleNames != nil && !slices.Contains(l.ruleNames, k.Value) {
			msg := fmt.Sprintf("rules: unknown rule %q", k.Value)
			if s := suggest.Suggest(k.Value, l.ruleNames); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.errorf(k, "%s", msg)
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			l.errorf(v, "rules: %s: want off, error, warning or info, got %s", k.Value, describe(v))
			continue
		}
		if strings.EqualFold(v.Value, "off") {
			for _, name := range names {
				l.c.Rules[name] = RuleSetting{Off: true}
			}
			continue
		}
		sev, err := rules.ParseSeverity(v.Value)
		if err != nil {
			msg := fmt.Sprintf("rules: %s: unknown severity %q (want off, error, warning or info", k.Value, v.Value)
			if s := suggest.Suggest(v.Value, Severities); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			l.errorf(v, "%s)", msg)
			continue
		}
		for _, name := range names {
			l.c.Rules[name] = RuleSetting{Severity: sev}
		}
	}
}

func (l *loader) dockerConfig(n *yaml.Node) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		l.errorf(n, "docker-config: want a string, got %s", describe(n))
		return
	}
	if err := checkGString(n.Value); err != nil {
		l.errorf(n, "docker-config: %v", err)
		return
	}
	l.c.DockerConfig = n.Value
}

// checkGString checks that s can stand between the double quotes of a
// one-line Groovy GString: no line break, no unescaped '"', no dangling
// backslash and every "${" closed.
func checkGString(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty value (leave the key out for the default)")
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\r':
			return errors.New("the value must be on one line")
		case c == '\\':
			if i+1 == len(s) {
				return errors.New(`the value ends with a lone '\'`)
			}
			i++
		case c == '"' && depth == 0:
			return errors.New(`the value has an unescaped '"'; write \" for a quote`)
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case c == '{' && depth > 0:
			depth++
		case c == '}' && depth > 0:
			depth--
		}
	}
	if depth > 0 {
		return errors.New(`a "${" is never closed`)
	}
	return nil
}

// stringList checks n is a list of strings and returns its items; null is
// an empty list.
func (l *loader) stringList(n *yaml.Node, key string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of strings, got %s", key, describe(n))
		return nil
	}
	var out []*yaml.Node
	for _, item := range n.Content {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
			l.errorf(item, "%s: want a string, got %s", key, describe(item))
			continue
		}
		out = append(out, item)
	}
	return out
}

// DeclarativeKeys are the keys of the declarative mapping.
var DeclarativeKeys = append([]string{"strict"}, rules.CatalogueKinds...)

func (l *loader) declarative(n *yaml.Node) {
	if isNull(n) {
		return
	}
	keys, values, ok := l.mapping(n, "declarative")
	if !ok {
		return
	}
	cat := rules.NewCatalogue()
	for i, k := range keys {
		v := values[i]
		key := "declarative: " + k.Value
		switch {
		case k.Value == "strict":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				l.errorf(v, "%s: want true or false, got %s", key, describe(v))
				continue
			}
			cat.Strict = strings.EqualFold(v.Value, "true") || v.Value == "yes" || v.Value == "on"
		case slices.Contains(rules.CatalogueKinds, k.Value):
			var names []string
			for _, s := range l.stringList(v, key) {
				if !catalogueName.MatchString(s.Value) {
					l.errorf(s, "%s: %q is not a name Groovy can call", key, s.Value)
					continue
				}
				names = append(names, s.Value)
			}
			_ = cat.Add(k.Value, names...)
		default:
			msg := fmt.Sprintf("declarative: unknown key %q", k.Value)
			if s := suggest.Suggest(k.Value, DeclarativeKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (known keys: " + strings.Join(DeclarativeKeys, ", ") + ")"
			}
			l.errorf(k, "%s", msg)
		}
	}
	l.c.Declarative = cat
}

var catalogueName = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
