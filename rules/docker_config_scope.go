package rules

import (
	"fmt"
	"strings"

	"jfcheck/execution"
	"jfcheck/parser"
)

// DockerConfigScope reports shell `docker login`s whose credentials land in
// a config directory shared between builds.
var DockerConfigScope = &Rule{
	ID:       "JF101",
	Name:     "docker-config-scope",
	Title:    "docker login must write to a DOCKER_CONFIG unique to the build",
	Severity: Error,
	Fixable:  true,
	Check:    checkDockerConfigScope,
}

// DefaultDockerConfigExample is the unique value messages suggest.
const DefaultDockerConfigExample = DefaultDockerConfig

func checkDockerConfigScope(p *Pass) {
	for _, l := range p.dockerLogins() {
		if l.Logout || l.Plugin || l.Node.PerBuild() {
			continue
		}
		var opts []func(*Diagnostic)
		if fix, why := dockerConfigFix(p, l); why == "" {
			opts = append(opts, WithFix(fix))
			if fix.Level == Review {
				opts = append(opts, WithNotFixed(notFixedReason(p, l)))
			}
		} else {
			opts = append(opts, WithNotFixed(why))
		}
		by := l.Drops("DOCKER_CONFIG")
		switch {
		case by != "" && !l.ConfigSet:
			p.Report(l.Span(), fmt.Sprintf("%s resets the environment, so docker login writes credentials to the ~/.docker/config.json of the user it runs as, which every build on the node shares: keep DOCKER_CONFIG with %s", by, keepAdvice(by)), opts...)
		case !l.ConfigSet:
			p.Report(l.Span(), "docker login writes credentials to ~/.docker/config.json, which every build on the node shares: set DOCKER_CONFIG to a directory unique to this build, e.g. \""+DefaultDockerConfigExample+"\"", opts...)
		case l.Config.Known && !BuildUnique(l.Config.Value, l.Scope.CustomWorkspace()):
			why := ""
			if l.Scope.CustomWorkspace() && strings.Contains(l.Config.Value, "WORKSPACE") {
				why = " (the agent's customWorkspace is shared between builds)"
			}
			what := "DOCKER_CONFIG"
			if l.Config.Where == "option" {
				what = "--config"
			}
			opts = append(opts, WithRelated(l.Config.Span, "DOCKER_CONFIG is set here"))
			p.Report(l.Span(), fmt.Sprintf("docker login writes credentials to %s %q, which other builds on the node share%s: include ${BUILD_NUMBER} or ${BUILD_TAG} in it", what, l.Config.Value, why),
				opts...)
		}
	}
}

// keepAdvice says how to keep DOCKER_CONFIG through the wrapper by.
func keepAdvice(by string) string {
	if by == "sudo" {
		return `sudo docker --config "$DOCKER_CONFIG"` + ", or run docker without sudo"
	}
	return "a wrapper that keeps the environment, or set it inside (`DOCKER_CONFIG=… docker login`)"
}

// envEntryAt returns the environment entry of the scope's pipeline or
// stages whose span is s, or nil.
func envEntryAt(sc *execution.Scope, s parser.Span) *parser.EnvEntry {
	var envs []*parser.Environment
	if sc.Pipeline != nil {
		envs = append(envs, sc.Pipeline.Environment)
	}
	for _, st := range sc.Stages {
		envs = append(envs, st.Environment)
	}
	for _, e := range envs {
		if e == nil {
			continue
		}
		for _, en := range e.Entries {
			if en.Span == s {
				return en
			}
		}
	}
	return nil
}
