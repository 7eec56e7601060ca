// Package docs embeds the rule pages so that `jfcheck --explain RULE` and the
// SARIF output carry them.
package docs

import "embed"

// Rules holds docs/rules/<rule-name>.md for every rule.
//
//go:embed rules/*.md
var Rules embed.FS

// RulePage returns the page of the named rule, or "" when there is none.
func RulePage(name string) string {
	b, err := Rules.ReadFile("rules/" + name + ".md")
	if err != nil {
		return ""
	}
	return string(b)
}
