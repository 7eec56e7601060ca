package rules

import (
	"fmt"
	"strings"

	"jfcheck/execution"
)

// RegistryLoginOtherClients reports registry logins of podman, buildah,
// skopeo, helm, oras and crane that write to a credentials file shared
// between builds.
var RegistryLoginOtherClients = &Rule{
	ID:       "JF205",
	Name:     "registry-login-other-clients",
	Title:    "registry logins of other clients must write to a file unique to the build",
	Severity: Error,
	Check:    checkRegistryLoginOtherClients,
}

// otherLogin describes how a client's login is scoped: the option naming
// its credentials file, the variable it reads, and its default location.
type otherLogin struct {
	flag, env, def string
}

var otherLogins = map[string]otherLogin{
	"podman":  {"--authfile", "REGISTRY_AUTH_FILE", "${XDG_RUNTIME_DIR}/containers/auth.json"},
	"buildah": {"--authfile", "REGISTRY_AUTH_FILE", "${XDG_RUNTIME_DIR}/containers/auth.json"},
	"skopeo":  {"--authfile", "REGISTRY_AUTH_FILE", "${XDG_RUNTIME_DIR}/containers/auth.json"},
	"helm":    {"--registry-config", "HELM_REGISTRY_CONFIG", "~/.config/helm/registry/config.json"},
	"oras":    {"--registry-config", "DOCKER_CONFIG", "~/.docker/config.json"},
	"crane":   {"", "DOCKER_CONFIG", "~/.docker/config.json"},
}

// loginWords returns how many words make up the login command of c ("podman
// login" is 2, "helm registry login" and "crane auth login" are 3), or 0.
func loginWords(c *Command) int {
	a := c.Args()
	switch c.Name() {
	case "podman", "buildah", "skopeo", "oras":
		if len(a) > 1 && a[1] == "login" {
			return 2
		}
	case "helm":
		if len(a) > 2 && a[1] == "registry" && a[2] == "login" {
			return 3
		}
	case "crane":
		if len(a) > 2 && a[1] == "auth" && a[2] == "login" {
			return 3
		}
	}
	return 0
}

func checkRegistryLoginOtherClients(p *Pass) {
	m := p.Model()
	for _, st := range p.ShellSteps() {
		sc := m.ScopeOf(st.Path)
		for _, c := range st.Commands {
			c = c.Unwrap()
			n := loginWords(c)
			if n == 0 {
				continue
			}
			cl := otherLogins[c.Name()]
			var v EnvValue
			set := false
			if cl.flag != "" {
				for i, w := range c.Words[n:] {
					name, val, eq := strings.Cut(w.Norm, "=")
					if name != cl.flag {
						continue
					}
					if !eq && n+i+1 < len(c.Words) {
						val = c.Words[n+i+1].Norm
					}
					v, set = EnvValue{Value: val, Span: st.Span(w.Start, w.End), Where: "option"}, true
					if ref := strings.TrimPrefix(val, "$"); ref != val && isShellName(ref) {
						if r, ok := execution.ShellValue(sc, c, ref); ok {
							v = r
						}
					}
				}
			}
			if !set {
				v, set = ConfigFor(sc, c, cl.env)
			}
			login := strings.Join(c.Args()[:n], " ")
			how := cl.env
			if cl.flag != "" {
				how = cl.flag + " or " + cl.env
			}
			switch {
			case !set:
				p.Report(c.WordSpan(0, n-1), fmt.Sprintf("%s writes credentials to the shared %s: use %s to name a file unique to this build, e.g. under \"${WORKSPACE}/${BUILD_NUMBER}\"", login, cl.def, how))
			case !BuildUnique(v.Value, sc.CustomWorkspace()):
				p.Report(c.WordSpan(0, n-1), fmt.Sprintf("%s writes credentials to %q, which other builds on the node share: include ${BUILD_NUMBER} or ${BUILD_TAG} in it", login, v.Value),
					WithRelated(v.Span, "set here"))
			}
		}
	}
}
