package rules

import (
	"regexp"
	"strings"
)

// DockerPruneSharedNode reports cleanups that remove other builds' images,
// containers or volumes.
var DockerPruneSharedNode = &Rule{
	ID:       "JF204",
	Name:     "docker-prune-shared-node",
	Title:    "docker prune commands remove other builds' images on a shared node",
	Severity: Warning,
	Check:    checkDockerPruneSharedNode,
}

// buildLabelFilter reports whether words filter by a label that names this
// build.
func buildLabelFilter(words []*Word) bool {
	for _, w := range words {
		if strings.Contains(w.Norm, "label=") || strings.Contains(w.Norm, "label!=") {
			for _, k := range []string{"BUILD_TAG", "BUILD_NUMBER", "BUILD_ID", "BUILD_URL"} {
				if strings.Contains(w.Norm, k) {
					return true
				}
			}
		}
	}
	return false
}

func hasAllFlag(words []*Word) bool {
	for _, w := range words {
		n := w.Norm
		if n == "--all" || n == "--all=true" || (strings.HasPrefix(n, "-") && !strings.HasPrefix(n, "--") && strings.Contains(n, "a")) {
			return true
		}
	}
	return false
}

// sudoInSubst is a sudo with its options that opens a command substitution.
var sudoInSubst = regexp.MustCompile("(\\$\\(|`)sudo(?: +-[ugCDRTh] +[^ -][^ ]*| +-[^ ]+)* +")

// dockerGlobalOpts are docker's options before its subcommand.
var dockerGlobalOpts = regexp.MustCompile(`docker(?: +(?:--config|--context|--host|--log-level|-[cHl])(?:=[^ ]+| +[^ -][^ ]*)| +--tls[a-z]*(?:=[^ ]+)?| +-D| +--debug)+`)

// listsAll reports whether a word is a command substitution listing every
// image or volume: `$(docker images -q)`, `$(docker volume ls -q)`.
func listsAll(w *Word) bool {
	n := strings.Join(strings.Fields(w.Norm), " ")
	// `$(sudo docker images -q)`, with any sudo options, lists the same
	// images
	n = sudoInSubst.ReplaceAllString(n, "$1")
	// and so does one with docker's global options (`docker --config D ps`)
	n = dockerGlobalOpts.ReplaceAllString(n, "docker")
	for _, l := range []string{"docker images", "docker image ls", "docker volume ls", "docker ps", "docker container ls"} {
		if strings.Contains(n, "$("+l) || strings.Contains(n, "`"+l) {
			if strings.Contains(n, "| grep ") || strings.Contains(n, "|grep ") || strings.Contains(n, "reference=") {
				// `$(docker images | grep my-app | awk ...)`,
				// `$(docker images -f reference=my-app/* -q)`: only what matches
				return false
			}
			return !strings.Contains(n, "label=") || !buildLabelFilter([]*Word{w})
		}
	}
	return false
}

func checkDockerPruneSharedNode(p *Pass) {
	const msg = " removes what other builds on the node are using, even while they run: remove only what this build made, e.g. label it and filter with --filter \"label=build=${BUILD_TAG}\""
	for _, st := range p.ShellSteps() {
		for ci, c := range st.Commands {
			if c.Name() == "xargs" {
				// `docker images -q | xargs docker rmi`
				for i, w := range c.Words {
					if w.Norm != "docker" || i+1 >= len(c.Words) {
						continue
					}
					sub := c.Words[i+1].Norm
					if i+2 < len(c.Words) && (sub == "volume" || sub == "image" || sub == "container") {
						sub += " " + c.Words[i+2].Norm
					}
					if sub != "rmi" && sub != "volume rm" && sub != "image rm" && sub != "rm" && sub != "container rm" {
						break
					}
					if ci > 0 {
						prev := st.Commands[ci-1]
						between := strings.TrimSpace(st.Text[min(prev.End, c.Start):c.Start])
						if pd, ok := parseDocker(prev); ok && between == "|" && !buildLabelFilter(prev.Words) {
							l := strings.Join(prev.Args()[pd.Sub:], " ")
							if strings.HasPrefix(l, "images") || strings.HasPrefix(l, "image ls") || strings.HasPrefix(l, "volume ls") || strings.HasPrefix(l, "ps") {
								p.Report(c.WordSpan(i, i+1), "docker "+sub+" of every listed "+strings.Fields(l)[0]+msg)
							}
						}
					}
					break
				}
				continue
			}
			d, ok := parseDocker(c)
			if !ok {
				continue
			}
			rest := d.Rest()
			sub := d.SubCmd()
			if len(rest) > 0 && (sub == "system" || sub == "image" || sub == "volume" || sub == "container" || sub == "builder") {
				sub += " " + rest[0].Norm
				rest = rest[1:]
			}
			switch sub {
			case "system prune", "image prune", "volume prune":
				if buildLabelFilter(rest) {
					continue
				}
				switch {
				case hasAllFlag(rest):
					p.Report(c.WordSpan(0, len(c.Words)-len(rest)-1), "docker "+sub+" -a"+msg)
				case sub == "system prune" && hasFlag(rest, "--volumes"):
					// stopped containers and unused volumes of other builds
					p.Report(c.WordSpan(0, len(c.Words)-len(rest)-1), "docker system prune --volumes"+msg)
				}
			case "rmi", "image rm", "volume rm", "rm", "container rm":
				for _, w := range rest {
					if listsAll(w) {
						p.Report(c.WordSpan(0, len(c.Words)-len(rest)-1), "docker "+sub+" of every listed object"+msg)
						break
					}
				}
			}
		}
	}
}

// hasFlag reports whether words hold the long option name, alone or as
// name=true.
func hasFlag(words []*Word, name string) bool {
	for _, w := range words {
		if w.Norm == name || w.Norm == name+"=true" {
			return true
		}
	}
	return false
}
