package rules

import (
	"strings"

	"jfcheck/parser"
)

// The fixes of docker-config-scope and docker-logout-cleanup: they give a
// pipeline the shape of the source article's — a job-scoped DOCKER_CONFIG
// in `environment`, a stage that creates the directory, and the logout in
// `post { cleanup { } }`.

// prepStageName names the stage the fix inserts.
const prepStageName = "Prepare Docker config"

// prepStep is the step that creates the DOCKER_CONFIG directory. Single
// quotes: the shell, not Groovy, expands the variable.
const prepStep = `sh 'mkdir -p "$DOCKER_CONFIG"'`

// dockerConfigFix returns the fix that scopes DOCKER_CONFIG to the build for
// a login inside the stages path (outermost first; empty outside stages) of
// pipeline pl. replace, when set, is the environment entry whose shared
// value the fix replaces. ok is false when no fix can be placed.
func dockerConfigFix(p *Pass, pl *parser.Pipeline, path []*parser.Stage, replace *parser.EnvEntry) (Fix, bool) {
	if pl == nil || pl.Body == nil || pl.Body.Rbrace < 0 {
		return Fix{}, false
	}
	w := p.writer()
	tmpl := p.Config.DockerConfig
	if tmpl == "" {
		tmpl = DefaultDockerConfig
	}
	entry := `DOCKER_CONFIG = "` + tmpl + `"`
	fix := Fix{Message: "add a job-scoped DOCKER_CONFIG", Level: Safe}

	// With `agent none` WORKSPACE is not set at pipeline level: scope
	// DOCKER_CONFIG in the stage that has the agent.
	var st *parser.Stage
	if pl.Agent == nil || pl.Agent.Kind == "none" {
		for i := len(path) - 1; i >= 0; i-- {
			if path[i].Agent != nil && path[i].Agent.Kind != "none" {
				st = path[i]
				break
			}
		}
		if st == nil || st.Body == nil || st.Body.Rbrace < 0 {
			return Fix{}, false
		}
	}

	var env *parser.Environment
	var body *parser.Block
	var after []*parser.Section
	if st != nil {
		env, body = st.Environment, st.Body
		after = []*parser.Section{st.Agent.Section}
	} else {
		env, body = pl.Environment, pl.Body
		if pl.Agent != nil {
			after = append(after, pl.Agent.Section)
		}
		if pl.Options != nil {
			after = append(after, pl.Options)
		}
	}
	e := replace
	if e == nil {
		e = env.Lookup("DOCKER_CONFIG")
	}
	switch {
	case e != nil:
		fix.Edits = append(fix.Edits, Edit{Start: e.Value.Pos().Start, End: e.Value.Pos().End, New: `"` + tmpl + `"`})
	case env != nil && env.Block != nil && env.Block.Rbrace >= 0:
		fix.Edits = append(fix.Edits, w.appendToBlock(env.Block, []string{entry}))
	case env != nil:
		return Fix{}, false
	default:
		lines := w.block("environment", []string{entry})
		var last *parser.Section
		for _, s := range after {
			if last == nil || s.Call.End > last.Call.End {
				last = s
			}
		}
		if last != nil {
			fix.Edits = append(fix.Edits, w.insertLinesAfter(last.Call.End, lines))
		} else {
			fix.Edits = append(fix.Edits, w.prependToBlock(body, lines))
		}
	}

	if !p.createsDockerConfig() {
		if st != nil {
			if st.Steps == nil || st.Steps.Block == nil || st.Steps.Block.Rbrace < 0 {
				return Fix{}, false
			}
			fix.Edits = append(fix.Edits, w.prependToBlock(st.Steps.Block, []string{prepStep}))
		} else {
			stages := pl.Stages
			if len(path) > 0 {
				stages = enclosingStages(pl, path[0])
			}
			if stages == nil || stages.Block == nil || stages.Block.Rbrace < 0 {
				return Fix{}, false
			}
			stage := w.block("stage('"+prepStageName+"')", w.block("steps", []string{prepStep}))
			fix.Edits = append(fix.Edits, w.prependToBlock(stages.Block, stage))
		}
	}
	return fix, true
}

// enclosingStages returns the top-level stages block that holds stage s.
func enclosingStages(pl *parser.Pipeline, s *parser.Stage) *parser.Stages {
	if pl.Stages != nil {
		for _, t := range pl.Stages.Stages {
			if t == s {
				return pl.Stages
			}
		}
	}
	return pl.Stages
}

// createsDockerConfig reports whether some shell step already creates the
// DOCKER_CONFIG directory (`mkdir -p "$DOCKER_CONFIG"`, in any quoting).
func createsDockerConfig(f *parser.File) bool {
	found := false
	parser.InspectStmts(f.Body, func(n parser.Node) bool {
		s, ok := n.(*parser.String)
		if !ok || found {
			return !found
		}
		var text strings.Builder
		for _, p := range s.Parts {
			text.WriteString(p.Raw)
		}
		t := text.String()
		if i := strings.Index(t, "mkdir"); i >= 0 && strings.Contains(t[i:], "DOCKER_CONFIG") {
			found = true
		}
		return true
	})
	return found
}

// Registry is how a login names its registry, for writing the logout.
type Registry struct {
	// Text is the registry as written in the login: `registry.example.com`,
	// `${DOCKER_REPO}`, `$REGISTRY`; "" for Docker Hub.
	Text string
	// Groovy marks text that Groovy interpolates (`${X}` in a GString);
	// Shell marks a shell variable (`$X` in a single-quoted script).
	Groovy, Shell bool
}

// logoutStep renders the `sh` step that logs out of r: a Groovy variable
// stays a Groovy variable, a literal stays a literal, a shell variable is
// quoted so the shell expands it. Where the quotes are a free choice (a
// literal registry), double reports whether the file's own sh steps use
// double quotes.
func logoutStep(r Registry, double bool) string {
	q := `'`
	if double {
		q = `"`
	}
	switch {
	case r.Text == "":
		return `sh ` + q + `docker logout` + q
	case r.Groovy:
		return `sh "docker logout ` + r.Text + `"`
	case r.Shell:
		return `sh 'docker logout "` + r.Text + `"'`
	}
	return `sh ` + q + `docker logout ` + r.Text + q
}

// cleanupLogoutFix returns the fix that logs out of r in `post { cleanup }`
// of the block body (a pipeline's or a stage's), whose post section is post
// (nil when there is none). misplaced, when not nil, is the span of a logout
// to remove: the fix moves it rather than duplicating it.
func cleanupLogoutFix(w *writer, double bool, body *parser.Block, post *parser.Post, r Registry, misplaced *parser.Span) (Fix, bool) {
	if body == nil || body.Rbrace < 0 {
		return Fix{}, false
	}
	step := logoutStep(r, double)
	fix := Fix{Message: "log out of " + describeRegistry(r) + " in post { cleanup { } }", Level: Safe}
	switch {
	case post == nil:
		fix.Edits = append(fix.Edits, w.appendToBlock(body, w.block("post", w.block("cleanup", []string{step}))))
	case post.Block == nil || post.Block.Rbrace < 0:
		return Fix{}, false
	case post.Condition("cleanup") == nil:
		fix.Edits = append(fix.Edits, w.appendToBlock(post.Block, w.block("cleanup", []string{step})))
	default:
		c := post.Condition("cleanup")
		if c.Block == nil || c.Block.Rbrace < 0 {
			return Fix{}, false
		}
		var before parser.Stmt
		for _, s := range c.Block.Stmts {
			if call := parser.StmtCall(s); call != nil && (call.Name() == "cleanWs" || call.Name() == "deleteDir") {
				before = s
				break
			}
		}
		if before != nil {
			fix.Edits = append(fix.Edits, w.insertLinesBefore(before.Pos().Start, []string{step}))
		} else {
			fix.Edits = append(fix.Edits, w.appendToBlock(c.Block, []string{step}))
		}
	}
	if misplaced != nil {
		fix.Message = "move the logout of " + describeRegistry(r) + " to post { cleanup { } }"
		fix.Edits = append(fix.Edits, w.deleteLines(*misplaced))
	}
	return fix, true
}

func describeRegistry(r Registry) string {
	if r.Text == "" {
		return "Docker Hub"
	}
	return r.Text
}

// prefersDoubleQuotes reports whether most of the sh steps among steps are
// written with double-quoted strings.
func prefersDoubleQuotes(steps []*ShellStep) bool {
	single, double := 0, 0
	for _, st := range steps {
		if st.Script == nil {
			continue
		}
		switch st.Script.Kind {
		case parser.SingleQuoted, parser.TripleSingleQuoted:
			single++
		case parser.DoubleQuoted, parser.TripleDoubleQuoted:
			double++
		}
	}
	return double > single
}
