package rules

import (
	"jfcheck/execution"
	"jfcheck/parser"
)

// The shell and scope analysis lives in package execution, which the rules
// and their fixes share; these names keep the rules' code short.

type (
	ShellStep   = execution.ShellStep
	Command     = execution.Command
	Word        = execution.Word
	ShellAssign = execution.ShellAssign
	Model       = execution.Model
	Scope       = execution.Scope
	EnvValue    = execution.EnvValue
	PostPlace   = execution.PostPlace
	dockerCmd   = execution.DockerCmd
)

// ShellSteps returns every shell step of f in source order.
func ShellSteps(f *parser.File) []*ShellStep { return execution.ShellSteps(f) }

// NewModel builds the execution model of f.
func NewModel(f *parser.File) *Model { return execution.NewModel(f) }

// NormString writes a Groovy string with its references as `$X`.
func NormString(s *parser.String) string { return execution.NormString(s) }

// BuildUnique reports whether a DOCKER_CONFIG-like value is unique to one
// build.
func BuildUnique(v string, customWS bool) bool { return execution.BuildUnique(v, customWS) }

// ConfigFor returns the value a variable has in the environment of a
// command (see execution.ConfigFor).
func ConfigFor(sc *Scope, c *Command, name string) (EnvValue, bool) {
	return execution.ConfigFor(sc, c, name)
}

// Placeholder returns the placeholder for the n-th interpolation.
func Placeholder(n, size int) string { return execution.Placeholder(n, size) }

func isShellName(s string) bool                { return execution.IsShellName(s) }
func parseDocker(c *Command) (dockerCmd, bool) { return execution.ParseDocker(c) }
func dockerRegistry(a []*Word) (string, *Word) { return execution.DockerRegistry(a) }
