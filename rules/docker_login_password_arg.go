package rules

import (
	"strings"

	"jfcheck/parser"
)

// DockerLoginPasswordArg reports passwords given to docker login as an
// argument.
var DockerLoginPasswordArg = &Rule{
	ID:       "JF202",
	Name:     "docker-login-password-arg",
	Title:    "docker login takes the password on stdin, not as an argument",
	Severity: Warning,
	Fixable:  true,
	Check:    checkDockerLoginPasswordArg,
}

func checkDockerLoginPasswordArg(p *Pass) {
	for _, st := range p.ShellSteps() {
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
				var opts []func(*Diagnostic)
				if fix, ok := passwordStdinFix(p.File, st, c, d, i, end); ok {
					opts = append(opts, WithFix(fix))
				}
				p.Report(st.Span(w.Start, args[end].End), "docker login -p puts the password in the process list and the shell history: pipe it in with --password-stdin, e.g. printf '%s' \"$PASSWORD\" | docker login -u \"$USER\" --password-stdin REGISTRY", opts...)
				break
			}
		}
	}
}

// passwordStdinFix rewrites `docker login -p PW ...` as
// `printf '%s' PW | docker login --password-stdin ...`, keeping PW's own
// text. It is offered only where that rewrite is exact: an sh script whose
// login reads nothing else from standard input, sits at the start of a
// pipeline and is neither wrapped (sudo) nor in a nested shell, and it
// needs review (the password now passes through printf, a
// shell builtin, and the script's exit status now depends on the pipe).
// args[i..end] are the password words among the words after `login`.
func passwordStdinFix(f *parser.File, st *ShellStep, c *Command, d dockerCmd, i, end int) (Fix, bool) {
	if st.Shell != "sh" || st.Script == nil || len(d.Assigns) > 0 {
		return Fix{}, false
	}
	// A wrapper (`sudo docker login`) would run printf instead of docker,
	// and the quotes of a nested shell (`sg docker -c '…'`) are not the
	// script's own.
	if len(c.Words) == 0 || c.Words[0] != d.Words[0] || len(c.Via) > 0 {
		return Fix{}, false
	}
	text := st.Text
	before := strings.TrimRight(text[:d.Start], " \t")
	if strings.HasSuffix(before, "|") && !strings.HasSuffix(before, "||") {
		return Fix{}, false // stdin is taken
	}
	after := text[d.End:]
	if j := strings.IndexAny(after, "\n;&|"); j >= 0 {
		after = after[:j]
	}
	if strings.ContainsAny(text[d.Start:d.End]+after, "<>") {
		return Fix{}, false // redirections
	}
	args := d.Rest()
	for _, w := range args {
		if w.Norm == "--password-stdin" {
			return Fix{}, false
		}
	}
	// The password's own source text.
	pw := args[end]
	if pw.Lit {
		// A literal password stays in the file after the rewrite: no
		// rewrite hides it, hardcoded-registry-credentials reports it.
		return Fix{}, false
	}
	ps := st.Span(pw.Start, pw.End)
	pwText := string(f.Src[ps.Start:ps.End])
	if end == i {
		w := args[i]
		ws := st.Span(w.Start, w.End)
		raw := string(f.Src[ws.Start:ws.End])
		switch {
		case strings.HasPrefix(raw, "--password="):
			pwText = strings.TrimPrefix(raw, "--password=")
		case strings.HasPrefix(raw, "-p"):
			// -pVALUE, and -p=VALUE, which docker's flags read as VALUE.
			pwText = strings.TrimPrefix(strings.TrimPrefix(raw, "-p"), "=")
		default:
			return Fix{}, false
		}
	}
	if pwText == "" || strings.ContainsAny(pwText, "\n") {
		return Fix{}, false
	}
	// A literal password must go to a credential, not move to printf,
	// where hardcoded-registry-credentials would no longer see it.
	if pw.Lit {
		return Fix{}, false
	}
	quote := "'%s'"
	if st.Script.Kind == parser.SingleQuoted {
		quote = `"%s"`
	}
	start := st.Span(d.Words[0].Start, d.Words[0].Start).Start
	// Remove ` -p PW` together with the blank before it.
	delFrom := d.Words[d.Sub].End
	if i > 0 {
		delFrom = args[i-1].End
	}
	del := st.Span(delFrom, pw.End)
	sub := st.Span(d.Words[d.Sub].End, d.Words[d.Sub].End).Start
	edits := []Edit{{Start: start, End: start, New: "printf " + quote + " " + pwText + " | "}}
	if sub == del.Start {
		edits = append(edits, Edit{Start: del.Start, End: del.End, New: " --password-stdin"})
	} else {
		edits = append(edits, Edit{Start: sub, End: sub, New: " --password-stdin"}, Edit{Start: del.Start, End: del.End})
	}
	return Fix{Message: "pass the password on standard input with --password-stdin", Level: Review, Edits: edits}, true
}
