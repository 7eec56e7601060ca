package rules

import (
	"jfcheck/execution"
	"jfcheck/parser"
)

// DockerLogoutInParallel reports a docker logout in one parallel branch
// while other branches use the same DOCKER_CONFIG.
var DockerLogoutInParallel = &Rule{
	ID:       "JF103",
	Name:     "docker-logout-in-parallel",
	Title:    "docker logout in a parallel branch logs out its siblings",
	Severity: Warning,
	Check:    checkDockerLogoutInParallel,
}

// parallelBranch returns the innermost parallel branch enclosing path (a
// stage Call or a scripted `parallel` argument), its siblings, and whether
// it is a matrix cell.
func parallelBranch(m *execution.Model, sc *execution.Scope) (parser.Node, []parser.Node, bool) {
	var stageBranch *parser.Stage
	if st, ok := sc.Branch(); ok {
		stageBranch = st
	}
	for i := len(sc.Path) - 1; i >= 0; i-- {
		if stageBranch != nil && sc.Path[i] == parser.Node(stageBranch.Call) {
			if m.InMatrix(stageBranch) {
				return stageBranch.Call, nil, true
			}
			var sib []parser.Node
			for _, o := range m.Siblings(stageBranch) {
				sib = append(sib, o.Call)
			}
			return stageBranch.Call, sib, false
		}
		c, ok := sc.Path[i].(*parser.Call)
		if !ok || c.Name() != "parallel" || i+1 >= len(sc.Path) {
			continue
		}
		arg, ok := sc.Path[i+1].(*parser.Arg)
		if !ok {
			continue
		}
		var sib []parser.Node
		for _, a := range c.Args {
			if a != arg && a.Name != "failFast" {
				sib = append(sib, a)
			}
		}
		// parallel([a: {...}, b: {...}])
		if ml, ok := arg.Value.(*parser.MapLit); ok && i+3 < len(sc.Path) {
			if inner, ok := sc.Path[i+3].(*parser.Arg); ok {
				sib = sib[:0]
				for _, a := range ml.Entries {
					if a != inner && a.Name != "failFast" {
						sib = append(sib, a)
					}
				}
				return inner, sib, false
			}
		}
		return arg, sib, false
	}
	return nil, nil, false
}

func checkDockerLogoutInParallel(p *Pass) {
	m := p.Model()
	for _, l := range p.dockerLogins() {
		// In a container or pod made for the build, the logout touches no
		// other branch's config.
		if !l.Logout || l.Node.PerBuild() {
			continue
		}
		branch, sibs, matrix := parallelBranch(m, l.Scope)
		if branch == nil {
			continue
		}
		cfg, set := l.Config, l.ConfigSet
		if matrix {
			if !set || !branch.Pos().Contains(cfg.Span) {
				p.Report(l.Span(), "docker logout in a matrix cell logs out the other cells running at the same time with the same DOCKER_CONFIG: set DOCKER_CONFIG per cell and log out in post { cleanup { } } after the matrix")
			}
			continue
		}
	sibling:
		for _, sib := range sibs {
			for _, st := range p.stepsUnder(sib) {
				on := m.NodeOf(st.Path)
				if on.PerBuild() {
					continue
				}
				sc := m.ScopeOf(st.Path)
				for _, c := range st.Commands {
					d, ok := parseDocker(c)
					if !ok {
						continue
					}
					ocfg, oset := execution.DockerConfig(sc, d)
					if execution.SameConfigDir(cfg, set, l.Node, ocfg, oset, on) {
						p.Report(l.Span(), "docker logout in one parallel branch logs out the other branches that use the same DOCKER_CONFIG: log out in post { cleanup { } } after the parallel stages, or give each branch its own DOCKER_CONFIG",
							WithRelated(c.Span(), "a sibling branch uses docker here"))
						break sibling
					}
				}
			}
		}
	}
}
