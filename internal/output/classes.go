package output

import (
	"strings"

	"jfcheck/rules"
)

// ruleClass is how reports classify a rule: its category (Warnings NG's
// category in checkstyle, a tag in sarif) and, for sarif and GitHub code
// scanning, how grave a security finding is and how often the rule is right.
type ruleClass struct {
	// Category is "security" for credential and injection hazards,
	// "reliability" for steps that break other builds on the node,
	// "correctness" for pipelines Jenkins would refuse, and
	// "maintainability" for suppression comments that do nothing.
	Category string
	// SecuritySeverity is GitHub's security-severity score from 0.0 to 10.0
	// (9.0 and above critical, 7.0 high, 4.0 medium, below low), for
	// security rules only.
	SecuritySeverity string
	// Precision is SARIF's precision: very-high, high, medium or low.
	Precision string
}

// ruleClasses classify the rules by name. A rule not listed is classified
// by classOf.
var ruleClasses = map[string]ruleClass{
	// Credentials any build on the node, or anyone reading the Jenkins
	// user's home, can use.
	"docker-config-scope":          {"security", "8.0", "high"},
	"registry-login-other-clients": {"security", "8.0", "high"},
	// Credentials left behind after the build.
	"docker-logout-cleanup": {"security", "6.5", "high"},
	// A secret in the build log or the process list.
	"groovy-secret-interpolation": {"security", "7.5", "high"},
	"docker-login-password-arg":   {"security", "5.5", "very-high"},
	// A secret in the repository; what looks like a password may be a
	// placeholder.
	"hardcoded-registry-credentials": {"security", "9.0", "medium"},
	// Shell injection through branch names and parameters; whether they are
	// attacker-controlled depends on the job.
	"untrusted-interpolation-in-shell": {"security", "7.0", "medium"},
	// Steps that break the builds running beside this one.
	"docker-logout-in-parallel": {"reliability", "", "high"},
	"docker-prune-shared-node":  {"reliability", "", "very-high"},
	// What Jenkins would refuse to run, and comments that do nothing.
	rules.SyntaxError.Name: {"correctness", "", "very-high"},
	"invalid-suppression":  {"maintainability", "", "very-high"},
	"unused-suppression":   {"maintainability", "", "very-high"},
}

// classOf returns the class of a rule: the listed one; for the Declarative
// validation rules (declarative-*), correctness; otherwise a security rule
// (jfcheck's rules are about credential hazards) with a security-severity
// following its default severity and a medium precision.
func classOf(name string, severity rules.Severity) ruleClass {
	if c, ok := ruleClasses[name]; ok {
		return c
	}
	if strings.HasPrefix(name, "declarative-") {
		return ruleClass{"correctness", "", "very-high"}
	}
	score := "3.0"
	switch severity {
	case rules.Error:
		score = "7.0"
	case rules.Warning:
		score = "5.0"
	}
	return ruleClass{"security", score, "medium"}
}
