package parser

// findPipelines finds every `pipeline { }` call in the file, at top level
// or nested in methods and other code, and reads its declarative structure.
func findPipelines(f *File) []*Pipeline {
	var out []*Pipeline
	f.Inspect(func(n Node) bool {
		c, ok := n.(*Call)
		if !ok || !isPlainCall(c, "pipeline") || c.Body() == nil {
			return true
		}
		out = append(out, readPipeline(c))
		return false
	})
	return out
}

// isPlainCall reports whether c calls name directly, not as a method of
// some object.
func isPlainCall(c *Call, name string) bool {
	id, ok := c.Fun.(*Ident)
	return ok && id.Name == name
}

// directives returns the calls among a block's statements, each as a
// Section named after the called method.
func directives(b *Block) []*Section {
	if b == nil {
		return nil
	}
	var out []*Section
	for _, st := range b.Stmts {
		c := StmtCall(st)
		if c == nil {
			continue
		}
		id, ok := c.Fun.(*Ident)
		if !ok {
			continue
		}
		s := &Section{Name: id.Name, Call: c}
		if cl := c.Body(); cl != nil {
			s.Block = cl.Body
		}
		out = append(out, s)
	}
	return out
}

func readPipeline(c *Call) *Pipeline {
	p := &Pipeline{Call: c, Body: c.Body().Body}
	p.Sections = directives(p.Body)
	for _, s := range p.Sections {
		switch s.Name {
		case "agent":
			p.Agent = readAgent(s)
		case "environment":
			p.Environment = readEnvironment(s)
		case "options":
			p.Options = s
		case "parameters":
			p.Parameters = s
		case "triggers":
			p.Triggers = s
		case "tools":
			p.Tools = s
		case "libraries":
			p.Libraries = s
		case "stages":
			p.Stages = readStages(s)
		case "post":
			p.Post = readPost(s)
		}
	}
	return p
}

func readAgent(s *Section) *Agent {
	a := &Agent{Section: s}
	if ps := s.Call.Positional(); len(ps) > 0 {
		switch v := ps[0].Value.(type) {
		case *Ident:
			a.Kind = v.Name // any, none
		case *String:
			a.Kind = "label"
		}
		return a
	}
	if s.Call.Arg("label") != nil {
		a.Kind = "label"
		return a
	}
	for _, d := range directives(s.Block) {
		a.Kind, a.Inner = d.Name, d.Call
		break
	}
	return a
}

func readEnvironment(s *Section) *Environment {
	e := &Environment{Section: s}
	if s.Block == nil {
		return e
	}
	for _, st := range s.Block.Stmts {
		es, ok := st.(*ExprStmt)
		if !ok {
			continue
		}
		as, ok := es.X.(*Assign)
		if !ok || as.Op != "=" {
			continue
		}
		id, ok := as.LHS.(*Ident)
		if !ok {
			continue
		}
		e.Entries = append(e.Entries, &EnvEntry{Span: es.Span, Name: id.Name, NameSpan: id.Span, Value: as.RHS})
	}
	return e
}

func readStages(s *Section) *Stages {
	st := &Stages{Section: s}
	for _, d := range directives(s.Block) {
		if d.Name == "stage" {
			st.Stages = append(st.Stages, readStage(d))
		}
	}
	return st
}

func readStage(s *Section) *Stage {
	st := &Stage{Call: s.Call, Body: s.Block}
	if ps := s.Call.Positional(); len(ps) > 0 {
		st.NameExpr = ps[0].Value
		if str, ok := ps[0].Value.(*String); ok {
			if v, ok := str.Literal(); ok {
				st.Name = v
			} else {
				st.Name = str.Raw(s.Call)
			}
		}
	} else if a := s.Call.Arg("name"); a != nil {
		st.NameExpr = a.Value
		if str, ok := a.Value.(*String); ok {
			st.Name, _ = str.Literal()
		}
	}
	st.Sections = directives(st.Body)
	for _, d := range st.Sections {
		switch d.Name {
		case "agent":
			st.Agent = readAgent(d)
		case "environment":
			st.Environment = readEnvironment(d)
		case "when":
			st.When = d
		case "options":
			st.Options = d
		case "input":
			st.Input = d
		case "tools":
			st.Tools = d
		case "steps":
			st.Steps = d
		case "stages":
			st.Stages = readStages(d)
		case "parallel":
			st.Parallel = readStages(d)
		case "matrix":
			st.Matrix = readMatrix(d)
		case "post":
			st.Post = readPost(d)
		case "failFast":
			st.FailFast = d
		}
	}
	return st
}

func readMatrix(s *Section) *Matrix {
	m := &Matrix{Section: s}
	for _, d := range directives(s.Block) {
		switch d.Name {
		case "axes":
			m.Axes = d
		case "stages":
			m.Stages = readStages(d)
		case "agent":
			m.Agent = readAgent(d)
		case "environment":
			m.Environment = readEnvironment(d)
		case "post":
			m.Post = readPost(d)
		}
	}
	return m
}

func readPost(s *Section) *Post {
	p := &Post{Section: s}
	for _, d := range directives(s.Block) {
		if d.Block != nil {
			p.Conditions = append(p.Conditions, &PostCondition{Name: d.Name, Call: d.Call, Block: d.Block})
		}
	}
	return p
}

// AllStages returns every stage of the pipeline, nested ones included, in
// source order.
func (p *Pipeline) AllStages() []*Stage {
	var out []*Stage
	var walk func(*Stages)
	walk = func(ss *Stages) {
		if ss == nil {
			return
		}
		for _, s := range ss.Stages {
			out = append(out, s)
			walk(s.Stages)
			walk(s.Parallel)
			if s.Matrix != nil {
				walk(s.Matrix.Stages)
			}
		}
	}
	walk(p.Stages)
	return out
}
