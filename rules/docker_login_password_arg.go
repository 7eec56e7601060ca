package rules

import "strings"

// DockerLoginPasswordArg reports passwords given to docker login as an
// argument.
var DockerLoginPasswordArg = &Rule{
	ID:       "JF202",
	Name:     "docker-login-password-arg",
	Title:    "docker login takes the password on stdin, not as an argument",
	Severity: Warning,
	Check:    checkDockerLoginPasswordArg,
}

func checkDockerLoginPasswordArg(p *Pass) {
	for _, st := range ShellSteps(p.File) {
		for _, c := range st.Commands {
			d, ok := parseDocker(c)
			if !ok || d.SubCmd() != "login" {
				continue
			}
			args := d.Rest()
			for i, w := range args {
				end := i
				switch {
				case w.Norm == "-p" || w.Norm == "--password":
					if i+1 < len(args) {
						end = i + 1
					}
				case strings.HasPrefix(w.Norm, "--password=") || (strings.HasPrefix(w.Norm, "-p") && len(w.Norm) > 2 && !strings.HasPrefix(w.Norm, "--")):
				default:
					continue
				}
				p.Report(st.Span(w.Start, args[end].End), "docker login -p puts the password in the process list and the shell history: pipe it in with --password-stdin, e.g. echo \"$PASSWORD\" | docker login -u \"$USER\" --password-stdin REGISTRY")
				break
			}
		}
	}
}
