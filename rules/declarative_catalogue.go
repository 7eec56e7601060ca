package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"jfcheck/parser"
)

// The catalogue: what Jenkins core and the most used pipeline plugins
// provide to Declarative, with the parameters the checks can rely on. It is
// used only where a wrong parameter of a catalogued item is certain to be
// refused; a name it does not hold is never an error unless Strict is set
// (an installation's plugins add names).

// ParamType is what a parameter's value must be when it is a literal.
type ParamType int

const (
	AnyType ParamType = iota
	StringType
	IntType
	BoolType
)

// javaName is how Jenkins names the type in its messages.
func (t ParamType) javaName() string {
	switch t {
	case StringType:
		return "class java.lang.String"
	case IntType:
		return "int"
	case BoolType:
		return "boolean"
	}
	return "class java.lang.Object"
}

// Param is one parameter of a catalogued item.
type Param struct {
	Name     string
	Type     ParamType
	Required bool
}

// Entry is one step, option, trigger, parameter type, agent type, when
// condition or tool type.
type Entry struct {
	Name   string
	Params []Param
	// Closed means Params is every parameter: another name is an error.
	// An open entry checks only required parameters and types.
	Closed bool
	// Block means the step takes a block (and so may be an option);
	// NoBlock means it never does. Neither is set when unknown.
	Block, NoBlock bool
	// PipelineOnly marks an option Jenkins refuses in a stage's options
	// (job properties and pipeline-wide options).
	PipelineOnly bool
}

func (e *Entry) param(name string) *Param {
	for i := range e.Params {
		if e.Params[i].Name == name {
			return &e.Params[i]
		}
	}
	return nil
}

func (e *Entry) required() []Param {
	var out []Param
	for _, p := range e.Params {
		if p.Required {
			out = append(out, p)
		}
	}
	return out
}

// Catalogue is the set of names Declarative checks know.
type Catalogue struct {
	Steps, Agents, Options, Triggers, Parameters, When, Tools map[string]*Entry
	// PostConditions are the build conditions a post block may hold.
	PostConditions []string
	// Strict makes a name the catalogue does not hold an error.
	Strict bool
}

// NewCatalogue returns an empty catalogue to which an installation adds
// its own names.
func NewCatalogue() *Catalogue {
	return &Catalogue{Steps: map[string]*Entry{}, Agents: map[string]*Entry{}, Options: map[string]*Entry{},
		Triggers: map[string]*Entry{}, Parameters: map[string]*Entry{}, When: map[string]*Entry{}, Tools: map[string]*Entry{}}
}

// Kinds are the sections of a catalogue an installation can add names to,
// as the configuration file names them.
var CatalogueKinds = []string{"steps", "agents", "options", "triggers", "parameters", "when", "tools", "post-conditions"}

// Add adds names of one kind (one of CatalogueKinds) with no parameter
// knowledge: they are accepted with any arguments.
func (c *Catalogue) Add(kind string, names ...string) error {
	if kind == "post-conditions" {
		c.PostConditions = append(c.PostConditions, names...)
		return nil
	}
	m := c.kind(kind)
	if m == nil {
		return fmt.Errorf("unknown kind %q (want one of %s)", kind, strings.Join(CatalogueKinds, ", "))
	}
	for _, n := range names {
		m[n] = &Entry{Name: n}
	}
	return nil
}

func (c *Catalogue) kind(kind string) map[string]*Entry {
	switch kind {
	case "steps":
		return c.Steps
	case "agents":
		return c.Agents
	case "options":
		return c.Options
	case "triggers":
		return c.Triggers
	case "parameters":
		return c.Parameters
	case "when":
		return c.When
	case "tools":
		return c.Tools
	}
	return nil
}

// merge returns the built-in catalogue with extra's names added; an added
// name replaces a built-in entry of that name (the installation knows
// better).
func (c *Catalogue) merge(extra *Catalogue) *Catalogue {
	if extra == nil {
		return c
	}
	out := NewCatalogue()
	out.Strict = extra.Strict
	out.PostConditions = append(append([]string{}, c.PostConditions...), extra.PostConditions...)
	for _, kind := range CatalogueKinds[:7] {
		dst := out.kind(kind)
		for k, e := range c.kind(kind) {
			dst[k] = e
		}
		for k, e := range extra.kind(kind) {
			dst[k] = e
		}
	}
	return out
}

func (c *Catalogue) postCondition(name string) bool {
	for _, n := range c.PostConditions {
		if n == name {
			return true
		}
	}
	return false
}

// entry builds an entry from a compact spec: space-separated parameters,
// each `name`, `name!` for a required one, with `:s`, `:i` or `:b` for a
// string, integer or boolean.
func entry(name, spec string, closed bool) *Entry {
	e := &Entry{Name: name, Closed: closed}
	for _, f := range strings.Fields(spec) {
		p := Param{}
		if i := strings.IndexByte(f, ':'); i >= 0 {
			switch f[i+1:] {
			case "s":
				p.Type = StringType
			case "i":
				p.Type = IntType
			case "b":
				p.Type = BoolType
			}
			f = f[:i]
		}
		if strings.HasSuffix(f, "!") {
			p.Required, f = true, strings.TrimSuffix(f, "!")
		}
		p.Name = f
		e.Params = append(e.Params, p)
	}
	return e
}

type spec struct {
	name, params string
	closed       bool
	block        int // 1 takes a block, -1 never does, 0 unknown
	pipelineOnly bool
}

func table(specs []spec) map[string]*Entry {
	m := map[string]*Entry{}
	for _, s := range specs {
		e := entry(s.name, s.params, s.closed)
		e.Block, e.NoBlock, e.PipelineOnly = s.block > 0, s.block < 0, s.pipelineOnly
		m[s.name] = e
	}
	return m
}

var (
	builtinOnce sync.Once
	builtin     *Catalogue
)

func builtinCatalogue() *Catalogue {
	builtinOnce.Do(func() {
		builtin = &Catalogue{
			Steps: table([]spec{
				// workflow-durable-task-step
				{"sh", "script!:s returnStdout:b returnStatus:b encoding:s label:s", true, -1, false},
				{"bat", "script!:s returnStdout:b returnStatus:b encoding:s label:s", true, -1, false},
				{"powershell", "script!:s returnStdout:b returnStatus:b encoding:s label:s", true, -1, false},
				{"pwsh", "script!:s returnStdout:b returnStatus:b encoding:s label:s", true, -1, false},
				{"node", "label:s", false, 1, false},
				{"ws", "dir!:s", true, 1, false},
				// workflow-basic-steps
				{"echo", "message!:s", true, -1, false},
				{"error", "message!:s", true, -1, false},
				{"unstable", "message!:s", true, -1, false},
				{"sleep", "time!:i unit", true, -1, false},
				{"timeout", "time!:i unit activity:b", true, 1, false},
				{"retry", "count!:i conditions", true, 1, false},
				{"dir", "path!:s", true, 1, false},
				{"withEnv", "overrides!", true, 1, false},
				{"deleteDir", "", true, -1, false},
				{"pwd", "tmp:b", true, -1, false},
				{"isUnix", "", true, -1, false},
				{"readFile", "file!:s encoding:s", true, -1, false},
				{"writeFile", "file!:s text!:s encoding:s", true, -1, false},
				{"fileExists", "file!:s", true, -1, false},
				{"stash", "name!:s includes:s excludes:s useDefaultExcludes:b allowEmpty:b", true, -1, false},
				{"unstash", "name!:s", true, -1, false},
				{"archiveArtifacts", "artifacts!:s excludes:s allowEmptyArchive:b fingerprint:b onlyIfSuccessful:b defaultExcludes:b caseSensitive:b followSymlinks:b", true, -1, false},
				{"fingerprint", "targets!:s", false, -1, false},
				{"catchError", "buildResult stageResult message:s catchInterruptions:b", false, 1, false},
				{"warnError", "message!:s catchInterruptions:b", false, 1, false},
				{"waitUntil", "initialRecurrencePeriod quiet:b", false, 1, false},
				{"timestamps", "", true, 1, false},
				{"tool", "name!:s type:s", true, -1, false},
				{"mail", "subject!:s body!:s", false, -1, false},
				// scm, git, junit, pipeline-build-step, pipeline-input-step, milestone, lock
				{"checkout", "scm!", false, -1, false},
				{"git", "url!:s branch:s credentialsId:s changelog:b poll:b", true, -1, false},
				{"junit", "testResults!:s", false, -1, false},
				{"build", "job!:s", false, -1, false},
				{"input", "message!:s", false, -1, false},
				{"milestone", "", false, -1, false},
				{"lock", "", false, 1, false},
				{"withCredentials", "bindings!", false, 1, false},
				{"sshagent", "credentials!", false, 1, false},
				{"ansiColor", "colorMapName:s", false, 1, false},
				{"withDockerContainer", "image!:s args:s toolName:s", false, 1, false},
				{"cleanWs", "", false, -1, false},
			}),
			Agents: table([]spec{
				{"any", "", true, 0, false},
				{"none", "", true, 0, false},
				{"label", "label!:s customWorkspace:s retries:i", true, 0, false},
				{"node", "label!:s customWorkspace:s retries:i", true, 0, false},
				{"docker", "image!:s args:s alwaysPull:b customWorkspace:s label:s registryUrl:s registryCredentialsId:s reuseNode:b containerPerStageRoot:b retries:i", true, 0, false},
				{"dockerfile", "filename:s dir:s additionalBuildArgs:s args:s alwaysPull:b customWorkspace:s label:s registryUrl:s registryCredentialsId:s reuseNode:b containerPerStageRoot:b retries:i", true, 0, false},
				{"kubernetes", "", false, 0, false},
			}),
			Options: table([]spec{
				{"buildDiscarder", "strategy!", true, 0, true},
				{"checkoutToSubdirectory", "value!:s", true, 0, false},
				{"disableConcurrentBuilds", "abortPrevious:b", true, 0, true},
				{"disableResume", "", true, 0, true},
				{"durabilityHint", "hint!:s", true, 0, true},
				{"newContainerPerStage", "", true, 0, false},
				{"overrideIndexTriggers", "value!:b", true, 0, true},
				{"preserveStashes", "buildCount:i", true, 0, true},
				{"quietPeriod", "quietPeriod!:i", true, 0, false},
				{"skipDefaultCheckout", "skipDefaultCheckout!:b", true, 0, false},
				{"skipStagesAfterUnstable", "", true, 0, true},
				{"parallelsAlwaysFailFast", "", true, 0, false},
				{"disableRestartFromStage", "", true, 0, false},
				{"rateLimitBuilds", "throttle!", false, 0, true},
				{"copyArtifactPermission", "projectNames!:s", false, 0, true},
				{"githubProjectProperty", "projectUrlStr!:s displayName:s", true, 0, true},
				{"gitLabConnection", "gitLabConnection!:s", false, 0, true},
			}),
			Triggers: table([]spec{
				{"cron", "spec!:s", true, 0, false},
				{"pollSCM", "scmpoll_spec!:s ignorePostCommitHooks:b", true, 0, false},
				{"upstream", "upstreamProjects!:s threshold", true, 0, false},
				{"githubPush", "", true, 0, false},
				{"parameterizedCron", "parameterizedSpecification!:s", true, 0, false},
				{"issueCommentTrigger", "commentPattern!:s", false, 0, false},
				{"GenericTrigger", "", false, 0, false},
				{"gitlab", "", false, 0, false},
				{"bitbucketPush", "", false, 0, false},
			}),
			Parameters: table([]spec{
				{"string", "name!:s defaultValue:s description:s trim:b", true, 0, false},
				{"text", "name!:s defaultValue:s description:s trim:b", true, 0, false},
				{"booleanParam", "name!:s defaultValue:b description:s", true, 0, false},
				{"choice", "name!:s choices description:s", true, 0, false},
				{"password", "name!:s defaultValue:s description:s", true, 0, false},
				{"file", "name!:s description:s", true, 0, false},
				{"run", "name!:s projectName!:s description:s filter:s", false, 0, false},
				{"credentials", "name!:s", false, 0, false},
				{"gitParameter", "", false, 0, false},
			}),
			When: table([]spec{
				{"branch", "pattern!:s comparator:s", true, 0, false},
				{"tag", "pattern!:s comparator:s", true, 0, false},
				{"buildingTag", "", true, 0, false},
				{"changelog", "pattern!:s", true, 0, false},
				{"changeset", "pattern!:s caseSensitive:b comparator:s", true, 0, false},
				{"changeRequest", "id:s target:s branch:s fork:s url:s title:s author:s authorDisplayName:s authorEmail:s comparator:s", true, 0, false},
				{"environment", "name!:s value!:s ignoreCase:b comparator:s", true, 0, false},
				{"equals", "expected! actual!", true, 0, false},
				{"triggeredBy", "cause!:s detail:s", true, 0, false},
				{"isRestartedRun", "", true, 0, false},
			}),
			Tools: table([]spec{
				{"maven", "", false, 0, false}, {"jdk", "", false, 0, false}, {"gradle", "", false, 0, false},
				{"ant", "", false, 0, false}, {"nodejs", "", false, 0, false}, {"go", "", false, 0, false},
				{"git", "", false, 0, false}, {"msbuild", "", false, 0, false}, {"jfrog", "", false, 0, false},
				{"dockerTool", "", false, 0, false}, {"allure", "", false, 0, false}, {"terraform", "", false, 0, false},
			}),
			PostConditions: []string{"always", "changed", "fixed", "regression", "aborted", "success",
				"unsuccessful", "unstable", "failure", "notBuilt", "cleanup"},
		}
	})
	return builtin
}

// ---------------------------------------------------------------- checks

// literalType returns Jenkins' class name of a literal value, or "".
func literalType(e parser.Expr) (string, ParamType) {
	switch x := e.(type) {
	case *parser.String:
		if _, ok := x.Literal(); ok {
			return "class java.lang.String", StringType
		}
	case *parser.Literal:
		switch x.Kind {
		case parser.IntLit:
			return "class java.lang.Integer", IntType
		case parser.BoolLit:
			return "class java.lang.Boolean", BoolType
		}
	}
	return "", AnyType
}

// typeMismatch reports whether a literal of type got cannot be given for a
// parameter of type want, as Jenkins' validateParameterType decides.
func typeMismatch(want, got ParamType) bool {
	switch want {
	case StringType:
		return got == IntType || got == BoolType
	case IntType:
		return got == StringType || got == BoolType
	}
	return false
}

func (v *validator) literalValue(e parser.Expr) string {
	if s, ok := e.(*parser.String); ok {
		if lit, ok := s.Literal(); ok {
			return lit
		}
	}
	return v.text(e)
}

// checkType reports a literal argument of the wrong type.
func (v *validator) checkType(a *parser.Arg, p *Param, named bool) bool {
	cls, got := literalType(a.Value)
	if cls == "" || !typeMismatch(p.Type, got) {
		return true
	}
	if named {
		v.report(nameCatalogue, a.Value, `Expecting "%s" for parameter "%s" but got "%s" of type %s instead`, p.Type.javaName(), p.Name, v.literalValue(a.Value), cls)
	} else {
		v.report(nameCatalogue, a.Value, `Expecting "%s" but got "%s" of type %s instead`, p.Type.javaName(), v.literalValue(a.Value), cls)
	}
	return false
}

// describable is Jenkins' validateDescribable: the arguments of a step or
// a when condition against the catalogue's parameters.
func (v *validator) describable(at *parser.Call, name string, args []*parser.Arg, e *Entry, takesBlock bool) {
	named := countNamed(args)
	switch {
	case len(args) == 1 && named == 0:
		if m, ok := args[0].Value.(*parser.MapLit); ok && !hasClassKey(m) {
			v.namedArgs(at, m.Entries, e)
			return
		}
		req := e.required()
		if len(req) != 1 {
			if len(req) == 0 && !takesBlock && e.Closed {
				v.report(nameCatalogue, at, "Step does not take a single required parameter - use named parameters instead")
			}
			return
		}
		v.checkType(args[0], &req[0], false)
	case len(args) > 1 && named != len(args):
		if e.Closed || named == 0 {
			v.report(nameCatalogue, at, `Arguments to "%s" must be explicitly named.`, name)
		}
	default:
		v.namedArgs(at, args, e)
	}
}

func hasClassKey(m *parser.MapLit) bool {
	for _, a := range m.Entries {
		if a.Name == "$class" {
			return true
		}
		if s, ok := a.Key.(*parser.String); ok {
			if k, _ := s.Literal(); k == "$class" {
				return true
			}
		}
	}
	return false
}

func (v *validator) namedArgs(at *parser.Call, args []*parser.Arg, e *Entry) {
	ok := true
	given := map[string]bool{}
	for _, a := range args {
		if a.Name == "" {
			continue
		}
		given[a.Name] = true
		p := e.param(a.Name)
		if p == nil {
			if e.Closed {
				v.report(nameCatalogue, a, `Invalid parameter "%s", did you mean "%s"?`, a.Name, nearest(a.Name, e.Params))
				ok = false
			}
			continue
		}
		if !v.checkType(a, p, true) {
			ok = false
		}
	}
	if !ok || len(args) != countNamed(args) {
		return
	}
	for _, p := range e.required() {
		if !given[p.Name] {
			v.report(nameCatalogue, at, `Missing required parameter: "%s"`, p.Name)
		}
	}
}

// stepParams checks a step of a steps block against the catalogue.
func (v *validator) stepParams(c *parser.Call, name string, args []*parser.Arg, hasBlock bool) {
	e, ok := v.cat.Steps[name]
	if !ok || name == "parallel" {
		return
	}
	v.describable(c, name, args, e, e.Block || hasBlock)
}

// methodModel is Jenkins' validation of a method call with a known model:
// an option, a trigger or a build parameter.
func (v *validator) methodModel(mc *parser.Call, e *Entry) {
	name := callName(mc)
	args := mc.Args
	named := countNamed(args)
	switch {
	case named > 0:
		if named == len(args) {
			v.namedArgs(mc, args, e)
		}
	case len(args) > 1:
		// reported by methodCalls for every entry, catalogued or not
	default:
		req := e.required()
		if len(req) != len(args) {
			if len(req) == 1 && len(args) == 0 && req[0].Type == BoolType {
				return
			}
			if !e.Closed && len(args) > len(req) {
				return
			}
			v.report(nameCatalogue, mc, `"%s" should have %d arguments but has %d arguments instead.`, name, len(req), len(args))
			return
		}
		for i := range req {
			v.checkType(args[i], &req[i], false)
		}
	}
}

// describableCall checks a trigger or build parameter.
func (v *validator) describableCall(mc *parser.Call, kind string, known map[string]*Entry) {
	name := callName(mc)
	e, ok := known[name]
	if !ok {
		v.catalogueName(mc.Fun, kind, name, known)
		return
	}
	v.methodModel(mc, e)
}

// option checks one entry of an options block: a catalogued option, or a
// step that takes a block.
func (v *validator) option(mc *parser.Call, inStage bool) {
	name := callName(mc)
	if e, ok := v.cat.Options[name]; ok {
		if inStage && e.PipelineOnly {
			v.report(nameCatalogue, mc.Fun, `Invalid option type "%s". Valid option types: %s`, name, v.optionTypes(true))
			return
		}
		v.methodModel(mc, e)
		return
	}
	if e, ok := v.cat.Steps[name]; ok {
		if e.NoBlock {
			v.report(nameCatalogue, mc.Fun, `Invalid option type "%s". Valid option types: %s`, name, v.optionTypes(inStage))
			return
		}
		v.methodModel(mc, e)
		return
	}
	if v.cat.Strict {
		v.report(nameCatalogue, mc.Fun, `Invalid option type "%s". Valid option types: %s`, name, v.optionTypes(inStage))
	}
}

func (v *validator) optionTypes(inStage bool) string {
	var names []string
	for n, e := range v.cat.Options {
		if !inStage || !e.PipelineOnly {
			names = append(names, n)
		}
	}
	for n, e := range v.cat.Steps {
		if e.Block && n != "node" && n != "ws" && n != "withCredentials" && n != "withDockerContainer" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return "[" + strings.Join(names, ", ") + "]"
}

// agentType checks an agent type and its parameters.
func (v *validator) agentType(tc *parser.Call, typ string, isMap bool, keys []*parser.Call) {
	e, ok := v.cat.Agents[typ]
	if !ok {
		v.catalogueName(tc.Fun, "agent", typ, v.cat.Agents)
		return
	}
	req := e.required()
	if !isMap {
		if len(req) > 1 {
			var names []string
			for _, p := range req {
				names = append(names, p.Name)
			}
			v.report(nameCatalogue, tc.Fun, `Multiple parameters are required for agent type "%s" - [%s]. Please use a block instead.`, typ, strings.Join(names, ", "))
		}
		return
	}
	given := map[string]bool{}
	for _, k := range keys {
		given[callName(k)] = true
	}
	for _, p := range req {
		if !given[p.Name] {
			v.report(nameCatalogue, tc.Fun, `Missing required parameter for agent type "%s": %s`, typ, p.Name)
		}
	}
	if !e.Closed {
		return
	}
	for _, k := range keys {
		if e.param(callName(k)) == nil {
			var names []string
			for _, p := range e.Params {
				names = append(names, p.Name)
			}
			v.report(nameCatalogue, k.Fun, `Invalid config option "%s" for agent type "%s". Valid config options are [%s]`, callName(k), typ, strings.Join(names, ", "))
		}
	}
}
