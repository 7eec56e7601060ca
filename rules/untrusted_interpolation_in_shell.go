package rules

import (
	"fmt"
	"regexp"
	"strings"

	"jfcheck/parser"
)

// UntrustedInterpolationInShell reports values that people outside the
// team can choose (build parameters, branch and tag names, pull request
// titles and authors) interpolated by Groovy into a shell script, where
// quotes and semicolons in them become shell syntax.
var UntrustedInterpolationInShell = &Rule{
	ID:       "JF206",
	Name:     "untrusted-interpolation-in-shell",
	Title:    "an untrusted value is interpolated by groovy into a shell script",
	Severity: Warning,
	Check:    checkUntrustedInterpolationInShell,
}

// untrustedEnv are the environment variables whose values come from branch
// names, tags, pull requests and their authors.
var untrustedEnv = map[string]bool{
	"BRANCH_NAME":      true,
	"CHANGE_TITLE":     true,
	"CHANGE_BRANCH":    true,
	"CHANGE_FORK":      true,
	"TAG_NAME":         true,
	"GIT_BRANCH":       true,
	"GIT_LOCAL_BRANCH": true,
}

// pullRequestEnv are the variables the GitHub Pull Request Builder and the
// GitLab plugins set from pull and merge requests: their authors choose them.
var pullRequestEnv = map[string]bool{
	"ghprbPullTitle": true, "ghprbPullDescription": true, "ghprbPullLongDescription": true,
	"ghprbSourceBranch": true, "ghprbCommentBody": true, "ghprbActualCommitAuthor": true,
	"ghprbPullAuthorLogin": true, "ghprbTriggerAuthor": true, "ghprbPullAuthorEmail": true,
	"gitlabSourceBranch": true, "gitlabMergeRequestTitle": true, "gitlabMergeRequestDescription": true,
	"gitlabUserName": true, "gitlabBranch": true, "gitlabSourceRepoName": true,
}

// fixedFormatEnv are set by those plugins to numbers and commit hashes.
var fixedFormatEnv = map[string]bool{
	"ghprbPullId": true, "ghprbActualCommit": true, "gitlabMergeRequestIid": true, "gitlabMergeRequestId": true,
}

func isUntrustedEnv(name string) bool {
	return untrustedEnv[name] || pullRequestEnv[name] || strings.HasPrefix(name, "CHANGE_AUTHOR")
}

// paramKind tells what values a declared build parameter takes.
type paramKind int

const (
	// paramFree takes any text the user who starts the build types.
	paramFree paramKind = iota + 1
	// paramFixed takes one of the values the pipeline lists: choice,
	// booleanParam, Active Choices' lists.
	paramFixed
	// paramSecret is a password parameter: a secret, not code.
	paramSecret
)

// parameterKinds map the ways of declaring a parameter (the step, the
// $class of the map form, or a job DSL method) to what they take. Active
// Choices' DynamicReferenceParameter can render input boxes, so it is free
// text.
var parameterKinds = map[string]paramKind{
	"string": paramFree, "text": paramFree, "stringParam": paramFree, "textParam": paramFree,
	"StringParameterDefinition": paramFree, "TextParameterDefinition": paramFree,
	"DynamicReferenceParameter": paramFree, "activeChoiceReactiveReferenceParam": paramFree,
	"choice": paramFixed, "choiceParam": paramFixed, "booleanParam": paramFixed,
	"ChoiceParameterDefinition": paramFixed, "BooleanParameterDefinition": paramFixed,
	"ChoiceParameter": paramFixed, "CascadeChoiceParameter": paramFixed,
	"activeChoice": paramFixed, "activeChoiceParam": paramFixed, "activeChoiceReactiveParam": paramFixed,
	"PT_SINGLE_SELECT": paramFixed, "PT_CHECKBOX": paramFixed, "PT_RADIO": paramFixed, "PT_MULTI_SELECT": paramFixed,
	"password": paramSecret, "nonStoredPassword": paramSecret, "PasswordParameterDefinition": paramSecret,
}

// declaredParams returns the parameters declared anywhere in the file, by
// name, with what values they take.
func declaredParams(f *parser.File) map[string]paramKind {
	out := map[string]paramKind{}
	nameOf := func(args []*parser.Arg) string {
		for _, a := range args {
			if a.Name != "name" {
				continue
			}
			if s, ok := a.Value.(*parser.String); ok {
				v, _ := s.Literal()
				return v
			}
		}
		return ""
	}
	literal := func(args []*parser.Arg, key string) string {
		for _, a := range args {
			if a.Name == key {
				if s, ok := a.Value.(*parser.String); ok {
					v, _ := s.Literal()
					return v
				}
			}
		}
		return ""
	}
	f.Inspect(func(n parser.Node) bool {
		var kind paramKind
		var args []*parser.Arg
		switch v := n.(type) {
		case *parser.Call:
			if v.Receiver() != nil {
				return true
			}
			kind, args = parameterKinds[v.Name()], v.Args
			if v.Name() == "extendedChoice" {
				// the Extended Choice plugin: a text box is free text,
				// the select, check box and radio types are lists
				kind = paramFree
				if k, ok := parameterKinds[literal(v.Args, "type")]; ok {
					kind = k
				}
			}
			if kind == 0 && v.Command {
				return true
			}
		case *parser.MapLit:
			kind, args = parameterKinds[literal(v.Entries, "$class")], v.Entries
		default:
			return true
		}
		if kind == 0 {
			return true
		}
		if name := nameOf(args); name != "" {
			if old, ok := out[name]; !ok || kind < old {
				out[name] = kind // a name declared twice counts as its freer declaration
			}
		}
		return true
	})
	return out
}

// untrustedValue is what an interpolation reads that others control.
type untrustedValue struct {
	// What names the value as written: "params.VERSION", "BRANCH_NAME".
	What string
	// Outsider tells that people outside the team choose it (branch, tag
	// and pull request data); otherwise a user who can start the build
	// types it (a string parameter).
	Outsider bool
}

// untrustedSource describes the untrusted value an interpolation at path
// reads, or returns false. params and environment names that are a local
// variable or a parameter of an enclosing method or closure (`def
// call(Map params)`) are not the build's.
func untrustedSource(e parser.Expr, declared map[string]paramKind, path []parser.Node, locals *blockDecls) (untrustedValue, bool) {
	param := func(what, name string) (untrustedValue, bool) {
		if k, ok := declared[name]; ok && k != paramFree {
			return untrustedValue{}, false
		}
		if fixedFormatEnv[name] {
			return untrustedValue{}, false
		}
		if pullRequestEnv[name] {
			return untrustedValue{What: what, Outsider: true}, true
		}
		return untrustedValue{What: what}, true
	}
	envName := func(what, name string) (untrustedValue, bool) {
		if declared[name] == paramFree {
			return untrustedValue{What: what}, true
		}
		if _, ok := declared[name]; ok {
			return untrustedValue{}, false
		}
		if isUntrustedEnv(name) {
			return untrustedValue{What: what, Outsider: true}, true
		}
		return untrustedValue{}, false
	}
	switch v := e.(type) {
	case *parser.Paren:
		return untrustedSource(v.X, declared, path, locals)
	case *parser.Ident:
		if u, ok := envName(v.Name, v.Name); ok && !locals.has(v.Name, path) {
			return u, true
		}
	case *parser.Select:
		x, ok := v.X.(*parser.Ident)
		if !ok || v.Name == "" || (x.Name == "params" || x.Name == "env") && locals.has(x.Name, path) {
			return untrustedValue{}, false
		}
		switch x.Name {
		case "params":
			return param("params."+v.Name, v.Name)
		case "env":
			return envName("env."+v.Name, v.Name)
		}
	case *parser.Index:
		// params['NAME'] and env['BRANCH_NAME']
		x, ok := v.X.(*parser.Ident)
		if !ok || len(v.Args) != 1 || (x.Name == "params" || x.Name == "env") && locals.has(x.Name, path) {
			return untrustedValue{}, false
		}
		s, ok := v.Args[0].Value.(*parser.String)
		if !ok {
			return untrustedValue{}, false
		}
		key, ok := s.Literal()
		if !ok {
			return untrustedValue{}, false
		}
		switch x.Name {
		case "params":
			return param(fmt.Sprintf("params[%q]", key), key)
		case "env":
			return envName(fmt.Sprintf("env[%q]", key), key)
		}
	}
	return untrustedValue{}, false
}

// blockDecls remembers the names each block declares.
type blockDecls map[*parser.Block]map[string]bool

// has reports whether name is a parameter of a method or closure enclosing
// path, or a variable declared in one of the blocks of path.
func (d *blockDecls) has(name string, path []parser.Node) bool {
	for i := len(path) - 1; i >= 0; i-- {
		switch v := path[i].(type) {
		case *parser.MethodDecl:
			for _, p := range v.Params {
				if p.Name == name {
					return true
				}
			}
		case *parser.Closure:
			for _, p := range v.Params {
				if p.Name == name {
					return true
				}
			}
		case *parser.Block:
			names, ok := (*d)[v]
			if !ok {
				names = map[string]bool{}
				for _, st := range v.Stmts {
					if vd, ok := st.(*parser.VarDecl); ok {
						names[vd.Name] = true
					}
				}
				(*d)[v] = names
			}
			if names[name] {
				return true
			}
		}
	}
	return false
}

func checkUntrustedInterpolationInShell(p *Pass) {
	declared := declaredParams(p.File)
	locals := &blockDecls{}
	p.File.WalkPath(func(n parser.Node, path []parser.Node) bool {
		c, ok := n.(*parser.Call)
		if !ok || !isShellStep(c) {
			return true
		}
		for _, s := range textStrings(c) {
			if !s.Kind.Interpolates() {
				continue
			}
			for _, part := range s.Parts {
				if !part.IsInterpolation() || part.Expr == nil {
					continue
				}
				src, ok := untrustedSource(part.Expr, declared, path, locals)
				if !ok {
					continue
				}
				if _, isDeclared := declared[paramName(part.Expr)]; !src.Outsider && !isDeclared && comparedWithBoolean(s, part) {
					continue // `[ ${params.DRY_RUN} = true ]`: a boolean parameter declared in the job
				}
				if src.Outsider {
					p.Report(part.Span, fmt.Sprintf("groovy pastes %s into the %s script, and anyone who can push a branch or tag or open a pull request chooses that text: its quotes, $( ) and ; run as shell code; pass it through the environment (withEnv) and quote it in a single-quoted script, as \"$NAME\"", src.What, c.Name()))
					continue
				}
				p.Report(part.Span, fmt.Sprintf("groovy pastes %s into the %s script, so whoever starts the build can type quotes, $( ) or ; into it and run them as shell code; pass it through the environment (withEnv) and quote it in a single-quoted script, as \"$NAME\", or make it a choice", src.What, c.Name()),
					WithSeverity(Info))
			}
		}
		return true
	})
}

// paramName returns NAME for params.NAME and params['NAME'], or "".
func paramName(e parser.Expr) string {
	switch v := e.(type) {
	case *parser.Paren:
		return paramName(v.X)
	case *parser.Select:
		if x, ok := v.X.(*parser.Ident); ok && x.Name == "params" {
			return v.Name
		}
	case *parser.Index:
		if x, ok := v.X.(*parser.Ident); ok && x.Name == "params" && len(v.Args) == 1 {
			if s, ok := v.Args[0].Value.(*parser.String); ok {
				k, _ := s.Literal()
				return k
			}
		}
	}
	return ""
}

// booleanTest matches the text after an interpolation that compares it
// with true or false in a shell test: `} = false ]`, `" == "true" ]]`.
var booleanTest = regexp.MustCompile(`^["']?\s*(==|=|!=)\s*["']?(true|false)["']?\s*\]`)

// comparedWithBoolean reports whether the script compares the value at part
// with true or false, as parameters declared outside the file (in the job's
// configuration) are when they are booleans.
func comparedWithBoolean(s *parser.String, part *parser.StringPart) bool {
	for i, p := range s.Parts {
		if p != part {
			continue
		}
		if i+1 < len(s.Parts) && !s.Parts[i+1].IsInterpolation() {
			return booleanTest.MatchString(s.Parts[i+1].Value)
		}
		return false
	}
	return false
}
