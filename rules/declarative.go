package rules

import (
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strings"

	"jfcheck/internal/suggest"
	"jfcheck/parser"
)

// ValidateDeclarative checks every Declarative pipeline of f as Jenkins'
// pipeline-model-definition plugin does when it compiles the file, with the
// built-in catalogue of steps, options, triggers, parameters, agent types,
// when conditions and tools. It returns one Diagnostic per problem, tagged
// with the declarative-* rule that reports it, sorted by position. A file
// with no pipeline block has no findings. The fixer calls it to refuse a
// result Jenkins would not run.
func ValidateDeclarative(f *parser.File) []Diagnostic {
	return validateDeclarative(f, nil)
}

// ValidateDeclarativeWith is ValidateDeclarative with an installation's
// names added to the catalogue (nil adds none).
func ValidateDeclarativeWith(f *parser.File, cat *Catalogue) []Diagnostic {
	return validateDeclarative(f, cat)
}

// declarative returns the validator's findings for the pass's file,
// computed once per file.
func (p *Pass) declarative() []Diagnostic {
	fs := p.shared()
	if fs.decl == nil {
		var cat *Catalogue
		if p.Config != nil {
			cat = p.Config.Declarative
		}
		d := validateDeclarative(p.File, cat)
		fs.decl = &d
	}
	return *fs.decl
}

func validateDeclarative(f *parser.File, cat *Catalogue) []Diagnostic {
	if f == nil {
		return nil
	}
	v := &validator{f: f, cat: builtinCatalogue().merge(cat)}
	v.placement()
	for _, p := range f.Pipelines {
		if v.validated(p) {
			v.pipeline(p.Call)
		}
	}
	sort.SliceStable(v.out, func(i, j int) bool { return v.out[i].Span.Start < v.out[j].Span.Start })
	return v.out
}

type validator struct {
	f   *parser.File
	cat *Catalogue
	out []Diagnostic
	// top marks the pipelines Jenkins reads: at the top level of the file
	// or inside a method (a shared library's call).
	top  map[*parser.Call]bool
	seen map[declKey]bool
}

type declKey struct {
	rule string
	span parser.Span
	msg  string
}

func (v *validator) report(rule string, n parser.Node, format string, args ...any) {
	span := n.Pos()
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	key := declKey{rule, span, msg}
	if v.seen[key] {
		return
	}
	if v.seen == nil {
		v.seen = map[declKey]bool{}
	}
	v.seen[key] = true
	v.out = append(v.out, Diagnostic{Rule: rule, Severity: Error, Span: span, Message: msg})
}

func (v *validator) text(n parser.Node) string {
	s := n.Pos()
	if s.Start < 0 || s.End > len(v.f.Src) || s.Start > s.End {
		return ""
	}
	return string(v.f.Src[s.Start:s.End])
}

// ---------------------------------------------------------------- placement

// placement finds the pipeline blocks Jenkins reads and reports those it
// refuses for their place: `pipeline` without a block at the top level, and
// a pipeline nested in another block when the file has none at the top.
func (v *validator) placement() {
	v.top = map[*parser.Call]bool{}
	haveTop := false
	for _, st := range v.f.Body {
		c := parser.StmtCall(st)
		if c == nil || !isIdentCall(c, "pipeline") {
			continue
		}
		if c.Body() == nil {
			v.report(namePipelinePlacement, c, `Expected a block with the "pipeline" step`)
			continue
		}
		v.top[c] = true
		haveTop = true
	}
	for _, st := range v.f.Body {
		md, ok := st.(*parser.MethodDecl)
		if !ok || md.Body == nil {
			continue
		}
		parser.InspectStmts(md.Body.Stmts, func(n parser.Node) bool {
			if c, ok := n.(*parser.Call); ok && isIdentCall(c, "pipeline") && c.Body() != nil {
				v.top[c] = true
				return false
			}
			return true
		})
	}
	if haveTop {
		return
	}
	var nested func(stmts []parser.Stmt, inside bool)
	nested = func(stmts []parser.Stmt, inside bool) {
		for _, st := range stmts {
			c := parser.StmtCall(st)
			if c == nil || c.Body() == nil {
				continue
			}
			if inside && isIdentCall(c, "pipeline") && !v.top[c] {
				v.report(namePipelinePlacement, c, "pipeline block must be at the top-level, not within another block.")
			}
			nested(c.Body().Body.Stmts, true)
		}
	}
	nested(v.f.Body, false)
}

// validated reports whether Jenkins would read p as a Declarative pipeline.
func (v *validator) validated(p *parser.Pipeline) bool { return v.top[p.Call] }

func isIdentCall(c *parser.Call, name string) bool {
	id, ok := c.Fun.(*parser.Ident)
	return ok && id.Name == name
}

// callName returns the name of a call made on no object, or "".
func callName(c *parser.Call) string {
	if id, ok := c.Fun.(*parser.Ident); ok {
		return id.Name
	}
	return ""
}

// blockOf returns the closure body of a call written with a block.
func blockOf(c *parser.Call) *parser.Block {
	if cl := c.Body(); cl != nil {
		return cl.Body
	}
	return nil
}

// argsOf returns a call's arguments without its block.
func argsOf(c *parser.Call) []*parser.Arg {
	if c.Closure == nil && c.Body() != nil {
		return c.Args[:len(c.Args)-1]
	}
	return c.Args
}

// ---------------------------------------------------------------- pipeline

var renamedSections = map[string]string{
	"properties":    "The ‘properties’ section has been renamed as of version 0.8. Use ‘options’ instead.",
	"wrappers":      "The 'wrappers' section has been removed as of version 0.8. Use 'options' instead.",
	"jobProperties": "The ‘jobProperties’ section has been renamed as of version 0.7. Use ‘properties’ instead.",
	"notifications": "The ‘notifications’ section has been removed as of version 0.6. Use ‘post’ for all post-build actions.",
	"postBuild":     "The ‘postBuild’ section has been renamed as of version 0.6. Use ‘post’ for all post-build actions.",
}

// sections returns the calls in block b that name sections, in order, and
// the set of their names, after reporting, as Jenkins does, a statement
// that is not one (under rule, as "Not a valid <what> definition") and a
// section given twice.
func (v *validator) sections(b *parser.Block, rule, what string) (out []*parser.Call, seen map[string]bool) {
	seen = map[string]bool{}
	if b == nil {
		return nil, seen
	}
	for _, st := range b.Stmts {
		c := parser.StmtCall(st)
		if c == nil || callName(c) == "" {
			v.report(rule, st, `Not a valid %s definition: "%s". Some extra configuration is required.`, what, v.text(st))
			continue
		}
		name := callName(c)
		if seen[name] {
			v.report(nameDuplicateSection, c, "Multiple occurrences of the %s section", name)
		}
		seen[name] = true
		out = append(out, c)
	}
	return out, seen
}

func (v *validator) pipeline(pc *parser.Call) {
	secs, seen := v.sections(blockOf(pc), nameUnknownSection, "section")
	for _, c := range secs {
		name := callName(c)
		switch name {
		case "stages":
			v.stages(c, "stages", false)
		case "environment":
			v.environment(c)
		case "post":
			v.post(c)
		case "agent":
			v.agent(c)
		case "tools":
			v.tools(c)
		case "options":
			v.options(c, false)
		case "parameters":
			v.parameters(c)
		case "triggers":
			v.triggers(c)
		case "libraries":
			v.libraries(c)
		default:
			if msg, ok := renamedSections[name]; ok {
				v.report(nameUnknownSection, c, "%s", msg)
			} else {
				v.report(nameUnknownSection, c, `Undefined section "%s"`, name)
			}
		}
	}
	if !seen["stages"] {
		v.report(nameMissingSection, pc.Fun, `Missing required section "stages"`)
	}
	if !seen["agent"] {
		v.report(nameMissingSection, pc.Fun, `Missing required section "agent"`)
	}
}

// needBlock reports a section written without its block.
func (v *validator) needBlock(c *parser.Call, what string) *parser.Block {
	b := blockOf(c)
	if b == nil {
		v.report(nameMissingSection, c, "Expected a block for %s", what)
	}
	return b
}

// ---------------------------------------------------------------- stages

func (v *validator) stages(c *parser.Call, kind string, inParallel bool) {
	b := v.needBlock(c, kind)
	if b == nil {
		return
	}
	var names []string
	var nameNodes []parser.Node
	for _, st := range b.Stmts {
		sc := parser.StmtCall(st)
		if sc == nil || callName(sc) != "stage" || blockOf(sc) == nil && len(sc.Args) == 0 {
			v.report(nameStageContent, st, "Expected a stage")
			continue
		}
		if name, node, ok := v.stage(sc, inParallel); ok && node != nil {
			names = append(names, name)
			nameNodes = append(nameNodes, node)
		}
	}
	if len(b.Stmts) == 0 {
		v.report(nameEmptySection, c, "No stages specified")
	}
	seen := map[string]bool{}
	for i, n := range names {
		if seen[n] {
			v.report(nameDuplicateName, nameNodes[i], `Duplicate stage name: "%s"`, n)
		}
		seen[n] = true
	}
}

// stringLiteral returns the value of a plain string or a bare name, as
// Jenkins' parseStringLiteral accepts them.
func stringLiteral(e parser.Expr) (string, bool) {
	switch x := e.(type) {
	case *parser.String:
		return x.Literal()
	case *parser.Ident:
		return x.Name, true
	}
	return "", false
}

// stage checks one stage and returns its name.
func (v *validator) stage(c *parser.Call, inParallel bool) (string, parser.Node, bool) {
	args := c.Args
	if len(args) == 0 || args[0].Name != "" || args[0].NamedExpr {
		v.report(nameMissingSection, c, "Expected a stage name but did not find any")
		return "", nil, false
	}
	nameArg := args[0].Value
	name, ok := stringLiteral(nameArg)
	var nameNode parser.Node = nameArg
	if !ok {
		v.report(nameStageContent, nameArg, "Expected string literal")
		name, nameNode = "error", nil // not a name two stages can share
	}
	body := blockOf(c)
	if body == nil || len(argsOf(c)) != 1 {
		v.report(nameMissingSection, c, "Stage does not have a block")
		return name, nameNode, true
	}
	var (
		branches               []branch
		stepsCall              *parser.Call
		parallel, matrix, nest *parser.Call
		agent, tools           *parser.Call
	)
	secs, _ := v.sections(body, nameUnknownSection, "stage section")
	for _, sc := range secs {
		sn := callName(sc)
		switch sn {
		case "agent":
			agent = sc
			v.agent(sc)
		case "when":
			v.when(sc)
		case "steps":
			if stepsCall == nil {
				branches = v.stepsSection(sc)
			} else {
				v.stepsSection(sc) // reported as a duplicate section
			}
			stepsCall = sc
		case "post":
			v.post(sc)
		case "options":
			v.options(sc, true)
		case "input":
			v.input(sc)
		case "tools":
			tools = sc
			v.tools(sc)
		case "environment":
			v.environment(sc)
		case "parallel":
			parallel = sc
			v.stages(sc, "parallel", true)
		case "matrix":
			matrix = sc
			v.matrix(sc)
		case "failFast":
			v.booleanMethod(sc, "failFast")
		case "stages":
			nest = sc
			v.stages(sc, "stages", inParallel)
		default:
			v.report(nameUnknownSection, sc, "Unknown stage section \"%s\". Starting with version 0.5, steps in a stage must be in a ‘steps’ block.", sn)
		}
	}
	count := 0
	for _, x := range []bool{stepsCall != nil, parallel != nil, matrix != nil, nest != nil} {
		if x {
			count++
		}
	}
	switch {
	case inParallel && (len(branches) > 1 || parallel != nil || matrix != nil):
		var at parser.Node = stepsCall
		if matrix != nil {
			at = matrix
		} else if parallel != nil {
			at = parallel
		}
		v.report(nameStageContent, at, `"matrix" or "parallel" cannot be nested inside another "matrix" or "parallel".`)
	case count > 1:
		v.report(nameStageContent, c, `Only one of "matrix", "parallel", "stages", or "steps" allowed for stage "%s"`, name)
	case count == 0 || stepsCall != nil && len(branches) == 0:
		v.report(nameStageContent, c, `Expected one of "steps", "stages", or "parallel" for stage "%s"`, name)
	case parallel != nil || matrix != nil:
		if agent != nil {
			v.report(nameStageContent, agent, `"agent" is not allowed in stage "%s" as it contains parallel or matrix stages`, name)
		}
		if tools != nil {
			v.report(nameStageContent, tools, `"tools" is not allowed in stage "%s" as it contains parallel or matrix stages`, name)
		}
	default:
		seenBranch := map[string]bool{}
		for _, br := range branches {
			if seenBranch[br.name] {
				v.report(nameDuplicateName, br.at, `Duplicate parallel branch name: "%s"`, br.name)
			}
			seenBranch[br.name] = true
		}
	}
	return name, nameNode, true
}

type branch struct {
	name string
	at   parser.Node
}

// stepsSection reads a stage's steps block: one branch of steps, or the
// branches of a parallel step that is its only statement.
func (v *validator) stepsSection(c *parser.Call) []branch {
	b := blockOf(c)
	if b == nil {
		v.report(nameMissingSection, c, "Expected a block for steps")
		return nil
	}
	if len(b.Stmts) == 1 {
		if pc := parser.StmtCall(b.Stmts[0]); pc != nil && callName(pc) == "parallel" && pc.Body() == nil {
			return v.parallelStep(pc)
		}
	}
	if len(b.Stmts) == 0 {
		v.report(nameEmptySection, c, "No steps specified for branch")
	}
	v.steps(b.Stmts, c)
	return []branch{{"default", c}}
}

// parallelStep reads `parallel a: { }, b: { }, failFast: true`.
func (v *validator) parallelStep(c *parser.Call) []branch {
	var out []branch
	named := false
	for _, a := range c.Args {
		if a.Name == "" && !a.NamedExpr {
			continue
		}
		named = true
		if a.Name == "failFast" {
			if l, ok := a.Value.(*parser.Literal); !ok || l.Kind != parser.BoolLit {
				v.report(nameStepForm, a, "Expected a boolean with failFast")
			}
			continue
		}
		cl, ok := a.Value.(*parser.Closure)
		if !ok {
			v.report(nameStepForm, a, "Expected closure or failFast")
			continue
		}
		name := a.Name
		if a.NamedExpr {
			if s, ok := stringLiteral(a.Key); ok {
				name = s
			} else {
				v.report(nameStepForm, a.Key, "Expected string literal")
				name = "error"
			}
		}
		if len(cl.Body.Stmts) == 0 {
			v.report(nameEmptySection, cl, "No steps specified for branch")
		}
		v.steps(cl.Body.Stmts, cl)
		out = append(out, branch{name, a})
	}
	if !named || len(c.Args) != countNamed(c.Args) {
		// parallel(map) or positional arguments: Jenkins finds no branches.
		return nil
	}
	return out
}

func countNamed(args []*parser.Arg) int {
	n := 0
	for _, a := range args {
		if a.Name != "" || a.NamedExpr {
			n++
		}
	}
	return n
}

// booleanMethod checks `name true`.
func (v *validator) booleanMethod(c *parser.Call, name string) {
	args := argsOf(c)
	if len(args) == 1 {
		if l, ok := args[0].Value.(*parser.Literal); ok && l.Kind == parser.BoolLit {
			return
		}
	}
	v.report(nameStageContent, c.Fun, "Expected a boolean with %s", name)
}

// ---------------------------------------------------------------- steps

// blockedSteps are the steps Declarative refuses in a steps block, with
// Jenkins' reasons.
var blockedSteps = map[string]string{
	"stage":      "The stage step cannot be used in Declarative Pipelines",
	"properties": "The properties step cannot be used in Declarative Pipelines",
	"parallel":   "The parallel step can only be used as the only top-level step in a stage's step block",
}

// steps checks the statements of a steps block, a post condition or a
// parallel branch: each must be a step call; script blocks hold any Groovy.
func (v *validator) steps(stmts []parser.Stmt, at parser.Node) {
	for _, st := range stmts {
		v.step(st)
	}
}

func (v *validator) step(st parser.Stmt) {
	c := parser.StmtCall(st)
	if c == nil {
		v.report(nameStepForm, st, "Expected a step")
		return
	}
	name := callName(c)
	if name == "" {
		if sel, ok := c.Fun.(*parser.Select); ok {
			if _, isVar := sel.X.(*parser.Ident); isVar && sel.X.(*parser.Ident).Name != "this" {
				v.report(nameStepForm, c, `Method calls on objects not allowed outside "script" blocks.`)
				return
			}
		}
		v.report(nameStepForm, c, "Expected a symbol")
		return
	}
	switch name {
	case "script":
		if c.Body() == nil {
			v.report(nameStepForm, c, "Script step without a block")
		}
		return
	case "expression":
		if c.Body() == nil {
			v.report(nameStepForm, c, "When step without a block")
		}
		return
	}
	if why, ok := blockedSteps[name]; ok {
		v.report(nameStepForm, c.Fun, `Invalid step "%s" used - not allowed in this context - %s`, name, why)
	}
	args := argsOf(c)
	v.values(args)
	if b := blockOf(c); b != nil {
		v.stepParams(c, name, args, true)
		for _, s := range b.Stmts {
			v.step(s)
		}
		return
	}
	v.stepParams(c, name, args, false)
}

// values checks argument values as Jenkins' parseArgument reads them.
func (v *validator) values(args []*parser.Arg) {
	seen := map[string]bool{}
	for _, a := range args {
		if a.Name != "" {
			if seen[a.Name] {
				v.report(nameArguments, a, "Duplicate named parameter '%s' found", a.Name)
			}
			seen[a.Name] = true
		}
		v.value(a.Value)
	}
}

func (v *validator) value(e parser.Expr) {
	switch x := e.(type) {
	case *parser.Call:
		if isIdentCall(x, "$") && x.Closure != nil && len(x.Args) == 0 {
			t := v.text(x)
			v.report(nameArguments, x, `%s cannot be used as a value directly. Did you mean "%s"? (add quotes)`, t, t)
		}
	case *parser.Literal:
		if x.Kind == parser.IntLit && bigInteger(x.Raw) {
			v.report(nameArguments, x, "BigIntegers cannot be used as constants in Declarative. The maximum value for an integer is 9,223,372,036,854,775,807 and the minimum value for an integer is -9,223,372,036,854,775,808.")
		}
	case *parser.Paren:
		v.value(x.X)
	}
}

// bigInteger reports whether an integer literal does not fit in a long.
func bigInteger(raw string) bool {
	s := strings.ReplaceAll(strings.ToLower(raw), "_", "")
	s = strings.TrimRight(s, "gil")
	if strings.HasSuffix(strings.ToLower(raw), "g") {
		return true
	}
	n := new(big.Int)
	base := 10
	switch {
	case strings.HasPrefix(s, "0x"):
		s, base = s[2:], 16
	case strings.HasPrefix(s, "0b"):
		s, base = s[2:], 2
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	if _, ok := n.SetString(s, base); !ok {
		return false
	}
	return !n.IsInt64()
}

// ---------------------------------------------------------------- post

// PostConditionNames are the build conditions of a post block in the order
// Jenkins runs them.
var postConditionOrder = "[always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup]"

func (v *validator) post(c *parser.Call) {
	b := blockOf(c)
	if b == nil {
		v.report(nameMissingSection, c, "Expected a block")
		return
	}
	seen := map[string]bool{}
	n := 0
	for _, st := range b.Stmts {
		pc := parser.StmtCall(st)
		if pc == nil || callName(pc) == "" || blockOf(pc) == nil {
			v.report(namePostCondition, st, "The ‘post’ section can only contain build condition names with code blocks. Valid condition names are %s", postConditionOrder)
			continue
		}
		n++
		name := callName(pc)
		if seen[name] {
			v.report(namePostCondition, pc.Fun, `Duplicate build condition name: "%s"`, name)
		}
		seen[name] = true
		if !v.cat.postCondition(name) {
			v.report(namePostCondition, pc.Fun, `Invalid condition "%s" - valid conditions are %s`, name, postConditionOrder)
		}
		body := blockOf(pc)
		if len(body.Stmts) == 0 {
			v.report(nameEmptySection, pc, "No steps specified for branch")
		}
		v.steps(body.Stmts, pc)
	}
	if n == 0 {
		v.report(nameEmptySection, c, "post can not be empty")
	}
}

// ---------------------------------------------------------------- environment

var javaKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`abstract assert boolean break byte case catch char class const continue
		default do double else enum extends final finally float for goto if implements import instanceof
		int interface long native new package private protected public return short static strictfp super
		switch synchronized this throw throws transient try void volatile while true false null _`) {
		javaKeywords[k] = true
	}
}

var envIdentRE = regexp.MustCompile(`^[a-zA-Z_]+[a-zA-Z0-9_]*$`)

// validEnvIdentifier is Jenkins' Utils.validEnvIdentifier.
func validEnvIdentifier(s string) bool {
	return envIdentRE.MatchString(s) && !javaKeywords[s]
}

func (v *validator) environment(c *parser.Call) {
	b := blockOf(c)
	if b == nil {
		v.report(nameMissingSection, c, "Expected a block for environment")
		return
	}
	seen := map[string]bool{}
	n := 0
	for _, st := range b.Stmts {
		var key parser.Expr
		var val parser.Expr
		switch s := st.(type) {
		case *parser.ExprStmt:
			if as, ok := s.X.(*parser.Assign); ok && as.Op == "=" {
				key, val = as.LHS, as.RHS
			}
		case *parser.VarDecl:
			// `def X = 1` is a declaration, which Groovy reads as X = 1.
			if s.Value != nil && s.Type == "" {
				key, val = &parser.Ident{Span: s.NameSpan, Name: s.Name}, s.Value
			}
		}
		if key == nil {
			t := v.text(st)
			switch {
			case isExprStmt(st) && strings.Contains(t, "="):
				v.report(nameEnvironment, st, `"%s" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores.`, strings.TrimSpace(strings.SplitN(t, "=", 2)[0]))
			case isExprStmt(st):
				v.report(nameEnvironment, st, `"%s" is not a valid environment expression. Use "key = value" pairs with valid Java/shell keys.`, t)
			default:
				v.report(nameEnvironment, st, "Expected name=value pairs")
			}
			continue
		}
		n++
		name, ok := "", false
		switch k := key.(type) {
		case *parser.Ident:
			name, ok = k.Name, true
		case *parser.String:
			if lit, ok := k.Literal(); ok {
				v.report(nameEnvironment, key, "[%s] is a constant expression, but it should be a variable expression", lit)
			} else {
				v.report(nameEnvironment, key, "[%s] is a gstring expression, but it should be a variable expression", v.text(key))
			}
			continue
		case *parser.Binary:
			v.report(nameEnvironment, key, "(%s %s %s) is a binary expression, but it should be a variable expression", v.text(k.X), k.Op, v.text(k.Y))
			continue
		default:
			v.report(nameEnvironment, key, "Expected string literal")
			continue
		}
		if ok && seen[name] {
			v.report(nameDuplicateName, key, `Duplicate environment variable name: "%s"`, name)
			continue
		}
		seen[name] = true
		if !validEnvIdentifier(name) {
			v.report(nameEnvironment, key, `"%s" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores.`, name)
		}
		v.envValue(val)
	}
	if n == 0 {
		v.report(nameEmptySection, c, "No variables specified for environment")
	}
}

func isExprStmt(st parser.Stmt) bool {
	_, ok := st.(*parser.ExprStmt)
	return ok
}

// isConstOrGString reports whether e is a Groovy ConstantExpression or
// GStringExpression: a string, a number, true, false or null.
func isConstOrGString(e parser.Expr) bool {
	switch x := e.(type) {
	case *parser.String, *parser.Literal:
		return true
	case *parser.Unary:
		_, lit := x.X.(*parser.Literal)
		return lit && (x.Op == "-" || x.Op == "+")
	}
	return false
}

func (v *validator) envValue(e parser.Expr) {
	for {
		p, ok := e.(*parser.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	switch x := e.(type) {
	case *parser.String, *parser.Literal:
		return
	case *parser.Unary:
		if isConstOrGString(x) {
			return
		}
	case *parser.Call:
		v.value(x)
		if isIdentCall(x, "credentials") {
			for _, a := range argsOf(x) {
				if _, ok := a.Value.(*parser.String); !ok || a.Name != "" {
					v.report(nameEnvironment, a, "Internal function call parameters must be strings.")
				}
			}
		}
		return
	case *parser.Index:
		v.report(nameEnvironment, x, "Environment variable values can only be joined together with ‘+’s.")
		return
	case *parser.Binary:
		if x.Op == "+" {
			v.envConcat(x)
			return
		}
		if x.Op != "?:" {
			v.report(nameEnvironment, x, "Environment variable values can only be joined together with ‘+’s.")
			return
		}
	}
	v.report(nameEnvironment, e, "Environment variable values must either be single quoted, double quoted, or function calls.")
}

func unparen(e parser.Expr) parser.Expr {
	for {
		p, ok := e.(*parser.Paren)
		if !ok {
			return e
		}
		e = p.X
	}
}

func (v *validator) envConcat(b *parser.Binary) {
	left := unparen(b.X)
	if lb, ok := left.(*parser.Binary); ok {
		if lb.Op != "+" {
			v.report(nameEnvironment, lb, "Environment variable values can only be joined together with ‘+’s.")
			return
		}
		v.envConcat(lb)
	} else if idx, ok := left.(*parser.Index); ok {
		v.report(nameEnvironment, idx, "Environment variable values can only be joined together with ‘+’s.")
		return
	} else if !isConstOrGString(left) {
		v.report(nameEnvironment, left, "Environment variable values to be concatenated together must be single or double quoted.")
	}
	if !isConstOrGString(unparen(b.Y)) {
		v.report(nameEnvironment, b.Y, "Environment variable values to be concatenated together must be single or double quoted.")
	}
}

// ---------------------------------------------------------------- agent

func (v *validator) agent(c *parser.Call) {
	b := blockOf(c)
	if b == nil {
		args := c.Args
		switch {
		case len(args) == 0:
			v.report(nameAgent, c, "No argument for agent")
		case len(args) > 1 || args[0].Name != "" || args[0].NamedExpr:
			v.report(nameAgent, c, `Only "agent none", "agent any" or "agent {...}" are allowed.`)
		default:
			if k, ok := stringLiteral(args[0].Value); !ok || k != "any" && k != "none" {
				v.report(nameAgent, c, `Only "agent none", "agent any" or "agent {...}" are allowed.`)
			}
		}
		return
	}
	if len(argsOf(c)) > 0 {
		v.report(nameAgent, c, `Only "agent none", "agent any" or "agent {...}" are allowed.`)
	}
	switch {
	case len(b.Stmts) == 0:
		v.report(nameAgent, c, "No agent type specified. Must be one of %s", v.agentTypes())
		return
	case len(b.Stmts) > 1:
		v.report(nameAgent, b.Stmts[1], "Only one agent type is allowed per agent section")
		return
	}
	tc := parser.StmtCall(b.Stmts[0])
	if tc == nil || callName(tc) == "" {
		v.report(nameAgent, b.Stmts[0], "Expected an agent")
		return
	}
	typ := callName(tc)
	args := argsOf(tc)
	var keys []*parser.Call
	isMap := false
	switch {
	case len(args) == 0 && blockOf(tc) != nil:
		isMap = true
		keys = v.closureMap(blockOf(tc))
	case len(args) == 0:
		v.report(nameAgent, tc, `No argument for map key "%s"`, typ)
		return
	case len(tc.Args) > 1:
		v.report(nameAgent, tc, `Too many arguments for map key "%s"`, typ)
		return
	default:
		v.value(args[0].Value)
	}
	if typ == "label" && isMap {
		typ = "node"
	}
	v.agentType(tc, typ, isMap, keys)
}

func (v *validator) agentTypes() string {
	var names []string
	for n := range v.cat.Agents {
		names = append(names, n)
	}
	sort.Strings(names)
	return "[" + strings.Join(names, ", ") + "]"
}

// closureMap reads the `key value` lines of an agent type's block.
func (v *validator) closureMap(b *parser.Block) []*parser.Call {
	var out []*parser.Call
	for _, st := range b.Stmts {
		c := parser.StmtCall(st)
		if c == nil || callName(c) == "" {
			v.report(nameAgent, st, "Expected to find ‘someKey \"someValue\"’")
			continue
		}
		k := callName(c)
		switch {
		case len(c.Args) == 0 && c.Closure == nil:
			v.report(nameAgent, c, `No argument for map key "%s"`, k)
			continue
		case len(c.Args)+btoi(c.Closure != nil) > 1:
			v.report(nameAgent, c, `Too many arguments for map key "%s"`, k)
			continue
		}
		if cl := c.Body(); cl != nil {
			v.closureMap(cl.Body)
		} else {
			v.value(c.Args[0].Value)
		}
		out = append(out, c)
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ---------------------------------------------------------------- tools

func (v *validator) tools(c *parser.Call) {
	b := v.needBlock(c, "tools")
	if b == nil {
		return
	}
	n := 0
	for _, st := range b.Stmts {
		tc := parser.StmtCall(st)
		if tc == nil || callName(tc) == "" {
			v.report(nameDirectiveForm, st, "Expected to find ‘someTool \"someVersion\"’")
			continue
		}
		k := callName(tc)
		switch {
		case len(tc.Args) == 0 && tc.Closure == nil:
			v.report(nameDirectiveForm, tc, `No argument for tool "%s"`, k)
		case len(tc.Args)+btoi(tc.Closure != nil) > 1:
			v.report(nameDirectiveForm, tc, `Too many arguments for tool "%s"`, k)
		default:
			n++
			if len(tc.Args) == 1 {
				v.value(tc.Args[0].Value)
			}
			v.catalogueName(tc.Fun, "tool", k, v.cat.Tools)
		}
	}
	if n == 0 && len(b.Stmts) == 0 {
		v.report(nameEmptySection, c, "No tools specified")
	}
}

// ---------------------------------------------------------------- options, triggers, parameters

type methodList struct {
	section  string // "options", "triggers", "parameters"
	label    string // Jenkins' name in messages: "Options", "Triggers", "Build parameters"
	expected string // the message for a statement that is not a call
}

// methodCalls checks the entries of options, triggers and parameters: each
// a method call without a block, and returns them.
func (v *validator) methodCalls(c *parser.Call, ml methodList) []*parser.Call {
	b := v.needBlock(c, ml.section)
	if b == nil {
		return nil
	}
	var out []*parser.Call
	for _, st := range b.Stmts {
		mc := parser.StmtCall(st)
		if mc == nil {
			if es, ok := st.(*parser.ExprStmt); ok {
				if _, isMap := es.X.(*parser.MapLit); isMap {
					v.report(nameDirectiveForm, st, "%s cannot be defined as maps", ml.label)
					continue
				}
			}
			v.report(nameDirectiveForm, st, "%s", ml.expected)
			continue
		}
		if callName(mc) == "" {
			v.report(nameDirectiveForm, mc, "Expected a symbol")
			continue
		}
		if mc.Body() != nil {
			v.report(nameDirectiveForm, mc, "%s definitions cannot have blocks", ml.label)
			continue
		}
		v.methodCall(mc)
		if named := countNamed(mc.Args); named == 0 && len(mc.Args) > 1 {
			// Whatever the entry is, Jenkins takes more than one unnamed
			// argument from no option, trigger or parameter.
			v.report(nameArguments, mc, `Arguments to "%s" must be explicitly named.`, callName(mc))
		}
		out = append(out, mc)
	}
	if len(b.Stmts) == 0 {
		v.report(nameEmptySection, c, "%s can not be empty", ml.section)
	}
	return out
}

// methodCall checks a method call's arguments as Jenkins' parseMethodCall
// reads them: no closures, and no mix of named and unnamed arguments.
func (v *validator) methodCall(mc *parser.Call) {
	if mc.Closure != nil {
		v.report(nameArguments, mc.Closure, "Method call arguments")
	}
	named := countNamed(mc.Args)
	if named > 0 && named < len(mc.Args) {
		v.report(nameArguments, mc, "Cannot mix named and unnamed arguments")
	}
	seen := map[string]bool{}
	for _, a := range mc.Args {
		if a.Name != "" {
			if seen[a.Name] {
				v.report(nameArguments, a, "Duplicate named parameter '%s' found", a.Name)
			}
			seen[a.Name] = true
		}
		switch x := a.Value.(type) {
		case *parser.Closure:
			v.report(nameArguments, a, "Method call arguments")
		case *parser.Call:
			if isIdentCall(x, "$") {
				v.value(x)
			} else if callName(x) == "node" {
				v.report(nameStepForm, x.Fun, `Invalid step "node" used - not allowed in this context - The node step cannot be called as an argument to a method in Declarative Pipelines`)
			} else if why, ok := blockedSteps[callName(x)]; ok {
				v.report(nameStepForm, x.Fun, `Invalid step "%s" used - not allowed in this context - %s`, callName(x), why)
			} else if callName(x) != "" {
				v.methodCall(x)
			}
		default:
			v.value(a.Value)
		}
	}
}

func (v *validator) options(c *parser.Call, inStage bool) {
	calls := v.methodCalls(c, methodList{"options", "Options", "Expected an option"})
	seen := map[string]bool{}
	for _, mc := range calls {
		name := callName(mc)
		if seen[name] {
			v.report(nameDuplicateName, mc.Fun, `Duplicate option name: "%s"`, name)
		}
		seen[name] = true
		switch name {
		case "parameters":
			v.report(nameDirectiveForm, mc.Fun, `The "parameters" job property can't be used in the "options" directive. Use the "parameters {...}" directive instead.`)
			continue
		case "pipelineTriggers":
			v.report(nameDirectiveForm, mc.Fun, `The "triggers" job property can't be used in the "options" directive. Use the "triggers {...}" directive instead.`)
			continue
		}
		v.option(mc, inStage)
	}
}

func (v *validator) triggers(c *parser.Call) {
	calls := v.methodCalls(c, methodList{"triggers", "Triggers", "Expected a trigger"})
	seen := map[string]bool{}
	for _, mc := range calls {
		name := callName(mc)
		if seen[name] {
			v.report(nameDuplicateName, mc.Fun, `Duplicate trigger name: "%s"`, name)
		}
		seen[name] = true
		v.describableCall(mc, "trigger", v.cat.Triggers)
	}
}

func (v *validator) parameters(c *parser.Call) {
	for _, mc := range v.methodCalls(c, methodList{"parameters", "Build parameters", "Expected a build parameter definition"}) {
		v.describableCall(mc, "parameter", v.cat.Parameters)
	}
}

// ---------------------------------------------------------------- libraries

func (v *validator) libraries(c *parser.Call) {
	b := v.needBlock(c, "libraries")
	if b == nil {
		return
	}
	n := 0
	for _, st := range b.Stmts {
		lc := parser.StmtCall(st)
		if lc == nil || callName(lc) != "lib" {
			v.report(nameDirectiveForm, st, `Expected a "lib(...)" but got %s`, v.text(st))
			continue
		}
		if lc.Body() != nil {
			v.report(nameDirectiveForm, lc, "Libraries definitions cannot have blocks")
			continue
		}
		if len(lc.Args) != 1 || countNamed(lc.Args) > 0 {
			v.report(nameDirectiveForm, lc, `Expected a "lib(...)" but got %s`, v.text(lc))
			continue
		}
		if mc, ok := lc.Args[0].Value.(*parser.Call); ok && !isIdentCall(mc, "$") {
			v.report(nameDirectiveForm, lc, `Expected a "lib(...)" but got %s`, v.text(lc))
			continue
		}
		v.value(lc.Args[0].Value)
		n++
	}
	if n == 0 {
		v.report(nameEmptySection, c, "libraries can not be empty")
	}
}

// ---------------------------------------------------------------- input

var inputFields = map[string]bool{"message": true, "id": true, "ok": true, "submitter": true,
	"submitterParameter": true, "parameters": true}

func (v *validator) input(c *parser.Call) {
	b := v.needBlock(c, "input")
	if b == nil {
		return
	}
	secs, seen := v.sections(b, nameDirectiveForm, "section")
	for _, ic := range secs {
		name := callName(ic)
		n := len(ic.Args) + btoi(ic.Closure != nil)
		switch {
		case n == 0:
			v.report(nameDirectiveForm, ic.Fun, `No argument for field "%s"`, name)
		case n > 1:
			v.report(nameDirectiveForm, ic.Fun, `Too many arguments for field "%s"`, name)
		case !inputFields[name]:
			v.report(nameDirectiveForm, ic.Fun, `Not a valid field for input: "%s"`, name)
		case name == "parameters":
			v.parameters(ic)
		default:
			v.value(ic.Args[0].Value)
		}
	}
	if !seen["message"] {
		v.report(nameMissingSection, c, "No message specified for input")
	}
}

// ---------------------------------------------------------------- when

var whenFlags = map[string]bool{"beforeAgent": true, "beforeInput": true, "beforeOptions": true}

// nestedWhen are the conditions that hold others: how many children they
// take, -1 for at least one.
var nestedWhen = map[string]int{"allOf": -1, "anyOf": -1, "not": 1}

func (v *validator) when(c *parser.Call) {
	b := v.needBlock(c, "when")
	if b == nil {
		return
	}
	n := 0
	for _, st := range b.Stmts {
		wc := parser.StmtCall(st)
		if wc == nil || callName(wc) == "" {
			v.report(nameWhen, st, "Expected a when condition")
			continue
		}
		if name := callName(wc); whenFlags[name] {
			args := argsOf(wc)
			if l, ok := firstValue(args).(*parser.Literal); !ok || l.Kind != parser.BoolLit || len(args) != 1 {
				v.report(nameWhen, wc.Fun, "Expected a boolean with %s", name)
			}
			continue
		}
		n++
		v.whenCondition(wc)
	}
	if n == 0 {
		v.report(nameWhen, c, "Empty when closure, remove the property or add some content.")
	}
}

func firstValue(args []*parser.Arg) parser.Expr {
	if len(args) == 0 {
		return nil
	}
	return args[0].Value
}

func (v *validator) whenCondition(wc *parser.Call) {
	name := callName(wc)
	if name == "expression" {
		if wc.Body() == nil {
			v.report(nameWhen, wc, "When step without a block")
		}
		return
	}
	args := argsOf(wc)
	b := blockOf(wc)
	var children []*parser.Call
	if b != nil {
		for _, st := range b.Stmts {
			cc := parser.StmtCall(st)
			if cc == nil || callName(cc) == "" {
				v.report(nameWhen, st, "Expected a when condition")
				continue
			}
			children = append(children, cc)
		}
	}
	v.values(args)
	if want, ok := nestedWhen[name]; ok {
		switch {
		case len(args) > 0 || b == nil:
			v.report(nameWhen, wc, `No additional arguments are allowed for children when condition "%s".`, name)
		case want < 0 && len(children) == 0:
			v.report(nameWhen, wc, `Nested when condition "%s" requires at least one child condition.`, name)
		case want > 0 && len(children) != want:
			v.report(nameWhen, wc, `Nested when condition "%s" requires exactly %d child condition(s).`, name, want)
		default:
			for _, cc := range children {
				v.whenCondition(cc)
			}
		}
		return
	}
	e, known := v.cat.When[name]
	if !known {
		v.catalogueName(wc.Fun, "when", name, v.cat.When)
		return
	}
	if b != nil {
		v.report(nameWhen, wc, `No children when conditions are allowed for when condition "%s".`, name)
		return
	}
	v.describable(wc, name, args, e, false)
}

// ---------------------------------------------------------------- matrix

func (v *validator) matrix(c *parser.Call) {
	b := v.needBlock(c, "matrix")
	if b == nil {
		return
	}
	secs, seen := v.sections(b, nameUnknownSection, "section")
	for _, mc := range secs {
		name := callName(mc)
		switch name {
		case "axes":
			v.axes(mc)
		case "excludes":
			v.excludes(mc)
		case "agent":
			v.agent(mc)
		case "when":
			v.when(mc)
		case "post":
			v.post(mc)
		case "options":
			v.options(mc, true)
		case "input":
			v.input(mc)
		case "tools":
			v.tools(mc)
		case "environment":
			v.environment(mc)
		case "stages":
			v.stages(mc, "stages", true)
		default:
			v.report(nameUnknownSection, mc, `Undefined section "%s"`, name)
		}
	}
	if !seen["axes"] {
		v.report(nameMissingSection, c, `Missing required section "axes"`)
	}
	if !seen["stages"] {
		v.report(nameMissingSection, c, `Missing required section "stages"`)
	}
}

type axisInfo struct {
	name     string
	nameNode parser.Node
	values   []*parser.Arg
	found    bool // a name line was given
}

func (v *validator) axes(c *parser.Call) {
	b := v.needBlock(c, "axes")
	if b == nil {
		return
	}
	var infos []axisInfo
	for _, st := range b.Stmts {
		ac := parser.StmtCall(st)
		if ac == nil || blockOf(ac) == nil {
			v.report(nameMatrix, st, "Expected a block for axis")
			continue
		}
		ai := v.axis(ac, false)
		infos = append(infos, ai)
		if !ai.found {
			v.report(nameMissingSection, ac, `Missing required section "name"`)
		} else if !validEnvIdentifier(ai.name) {
			v.report(nameMatrix, ai.nameNode, `"%s" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores.`, ai.name)
		}
		if len(ai.values) == 0 {
			v.report(nameMissingSection, ac, `Missing required section "values"`)
		}
		seenVal := map[string]bool{}
		for _, a := range ai.values {
			s, lit := literalText(a.Value)
			if !lit {
				t := v.text(a.Value)
				if _, isStr := a.Value.(*parser.String); !isStr {
					t = "${" + t + "}"
				}
				v.report(nameMatrix, a, "Expected string literal but got %s", t)
				continue
			}
			if seenVal[s] {
				v.report(nameDuplicateName, a, `Duplicate axis value: "%s"`, s)
			}
			seenVal[s] = true
		}
	}
	if len(b.Stmts) == 0 {
		v.report(nameMatrix, c, "No axis directives specified")
	}
	v.duplicateAxes(infos)
}

// literalText returns the value of a Groovy constant: a plain string, a
// number, a boolean.
func literalText(e parser.Expr) (string, bool) {
	switch x := e.(type) {
	case *parser.String:
		return x.Literal()
	case *parser.Literal:
		return x.Raw, true
	}
	return "", false
}

func (v *validator) duplicateAxes(infos []axisInfo) {
	seen := map[string]bool{}
	for _, ai := range infos {
		if !ai.found || ai.name == "" {
			continue
		}
		if seen[ai.name] {
			v.report(nameDuplicateName, ai.nameNode, `Duplicate axis name: "%s"`, ai.name)
		}
		seen[ai.name] = true
	}
}

// axis reads an axis block: `name 'X'` and `values 'a', 'b'` (and in an
// exclude, `notValues`).
func (v *validator) axis(c *parser.Call, exclude bool) axisInfo {
	var ai axisInfo
	seen := map[string]bool{}
	for _, st := range blockOf(c).Stmts {
		lc := parser.StmtCall(st)
		if lc == nil || callName(lc) == "" {
			v.report(nameMatrix, st, `Not a valid section definition: "%s". Some extra configuration is required.`, v.text(st))
			continue
		}
		name := callName(lc)
		if seen[name] {
			v.report(nameDuplicateSection, lc, "Multiple occurrences of the %s section", name)
		}
		seen[name] = true
		switch {
		case name == "name":
			switch {
			case len(lc.Args) == 0:
				v.report(nameMatrix, lc, `No argument for field "name"`)
			case len(lc.Args) > 1:
				v.report(nameMatrix, lc, `Too many arguments for field "name"`)
			default:
				ai.found, ai.nameNode = true, lc.Args[0].Value
				s, ok := stringLiteral(lc.Args[0].Value)
				if !ok {
					v.report(nameMatrix, lc.Args[0].Value, "Expected string literal")
				}
				ai.name = s
			}
		case name == "values" || exclude && name == "notValues":
			if exclude && (name == "values" && seen["notValues"] || name == "notValues" && seen["values"]) {
				v.report(nameMatrix, lc, `Exclude axis must contain either "values" or "notValues"`)
			}
			ai.values = append(ai.values, argsOf(lc)...)
		default:
			v.report(nameUnknownSection, lc, `Undefined section "%s"`, name)
		}
	}
	return ai
}

func (v *validator) excludes(c *parser.Call) {
	b := v.needBlock(c, "excludes")
	if b == nil {
		return
	}
	for _, st := range b.Stmts {
		ec := parser.StmtCall(st)
		if ec == nil || blockOf(ec) == nil {
			v.report(nameMatrix, st, "Expected a block for exclude")
			continue
		}
		var infos []axisInfo
		for _, ast := range blockOf(ec).Stmts {
			ac := parser.StmtCall(ast)
			if ac == nil || blockOf(ac) == nil {
				v.report(nameMatrix, ast, "Expected a block for axis")
				continue
			}
			infos = append(infos, v.axis(ac, true))
		}
		if len(blockOf(ec).Stmts) == 0 {
			v.report(nameMatrix, ec, "No axis directives specified")
		}
		v.duplicateAxes(infos)
	}
	if len(b.Stmts) == 0 {
		v.report(nameMatrix, c, "No exclude directives specified")
	}
}

// ---------------------------------------------------------------- catalogue checks

// catalogueName reports, in strict mode, a name the catalogue does not know.
func (v *validator) catalogueName(at parser.Node, kind, name string, known map[string]*Entry) {
	if !v.cat.Strict {
		return
	}
	if _, ok := known[name]; ok {
		return
	}
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	switch kind {
	case "when":
		v.report(nameCatalogue, at, "Unknown conditional %s. Valid conditionals are: %s", name, strings.Join(names, ", "))
	case "agent":
		v.report(nameCatalogue, at, `Invalid agent type "%s" specified. Must be one of [%s]`, name, strings.Join(names, ", "))
	default:
		v.report(nameCatalogue, at, `Invalid %s type "%s". Valid %s types: [%s]`, kind, name, kind, strings.Join(names, ", "))
	}
}

// nearest is Jenkins' EditDistance.findNearest over a parameter list.
func nearest(name string, params []Param) string {
	var names []string
	for _, p := range params {
		names = append(names, p.Name)
	}
	if s := suggest.Suggest(name, names); s != "" {
		return s
	}
	best, bestD := "", 1<<30
	for _, n := range names {
		if d := editDistance(strings.ToLower(name), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}
