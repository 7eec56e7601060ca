package config

import (
	"fmt"
	"strings"

	"jfcheck/rules"
)

// Default returns the commented configuration file that `jfcheck --init`
// writes: every key with its default value and an explanation, and one
// commented-out line per rule of rs giving its default severity. With no
// rules it shows example lines instead. Loading the result gives the
// defaults.
func Default(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString(`# jfcheck configuration.
#
# jfcheck uses the first .jfcheck.yml or .jfcheck.yaml it finds in the
# directory it checks or in a directory above it.

# rules: per-rule settings. A rule name maps to off, error, warning or info;
# a rule not listed keeps its default severity, shown below.
rules:
`)
	if len(rs) == 0 {
		b.WriteString("  # docker-logout-cleanup: warning\n  # docker-prune-shared-node: off\n")
	}
	width := 0
	for _, r := range rs {
		width = max(width, len(r.Name)+len(r.Severity.String()))
	}
	for _, r := range rs {
		line := r.Name + ": " + r.Severity.String()
		pad := strings.Repeat(" ", width-len(r.Name)-len(r.Severity.String()))
		fmt.Fprintf(&b, "  # %s%s  # %s\n", line, pad, r.Title)
	}
	fmt.Fprintf(&b, `
# docker-config: the value the fixer gives DOCKER_CONFIG, a job-scoped Docker
# client configuration directory. It is the text of a Groovy double-quoted
# string, so Jenkins expands ${...} in it.
docker-config: %q

# credential-variables: extra variable names whose values are treated as
# secrets, such as DEPLOY_TOKEN.
credential-variables: []

# shell-methods: methods of your shared library whose first string argument is
# a shell script run on the node, like sh's, such as runSafe for
# runSafe(this, "docker login ..."); the docker rules check those scripts too.
shell-methods: []

# ignore: path globs of files and directories not checked, relative to the
# directory of this file. * matches within one path element, ** matches any
# number of directories: "legacy/**", "**/*.test.groovy".
ignore: []

# declarative: what the declarative-* rules know of this installation. They
# check steps, options, triggers, parameters, agent types, when conditions
# and tools against a built-in catalogue of Jenkins core and common plugins;
# a name it lacks is accepted unless strict is true. List the names your
# plugins and shared libraries add (they are accepted with any arguments)
# under steps, agents, options, triggers, parameters, when, tools and
# post-conditions.
declarative:
  strict: false
`, rules.DefaultDockerConfig)
	return b.String()
}
