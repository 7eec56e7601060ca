package rules

// The declarative-* family: what Jenkins' pipeline-model-definition plugin
// refuses when it compiles a Declarative Pipeline. One validator (see
// declarative.go) reads each pipeline once per file and tags each problem
// with the rule that reports it; every rule below reports its own share.

func declarativeRule(id, name, title string) *Rule {
	r := &Rule{ID: id, Name: name, Title: title, Severity: Error}
	r.Check = func(p *Pass) {
		for _, d := range p.declarative() {
			if d.Rule == name {
				p.Report(d.Span, d.Message, withRelatedAll(d.Related)...)
			}
		}
	}
	return r
}

// withRelatedAll turns related spans into report options.
func withRelatedAll(rs []Related) []func(*Diagnostic) {
	var out []func(*Diagnostic)
	for _, r := range rs {
		out = append(out, WithRelated(r.Span, r.Message))
	}
	return out
}

// The names of the family's rules, for the validator to tag its findings.
const (
	namePipelinePlacement = "declarative-pipeline-placement"
	nameUnknownSection    = "declarative-unknown-section"
	nameDuplicateSection  = "declarative-duplicate-section"
	nameMissingSection    = "declarative-missing-section"
	nameEmptySection      = "declarative-empty-section"
	nameStageContent      = "declarative-stage-content"
	nameDuplicateName     = "declarative-duplicate-name"
	namePostCondition     = "declarative-post-condition"
	nameEnvironment       = "declarative-environment"
	nameAgent             = "declarative-agent"
	nameWhen              = "declarative-when"
	nameMatrix            = "declarative-matrix"
	nameDirectiveForm     = "declarative-directive-form"
	nameStepForm          = "declarative-step-form"
	nameArguments         = "declarative-arguments"
	nameCatalogue         = "declarative-catalogue"
)

// The rules of the family, in the order the README lists them.
var (
	DeclarativePipelinePlacement = declarativeRule("JF301", namePipelinePlacement,
		"a pipeline block nested where Jenkins does not read it")
	DeclarativeUnknownSection = declarativeRule("JF302", nameUnknownSection,
		"a section or directive Declarative does not have")
	DeclarativeDuplicateSection = declarativeRule("JF303", nameDuplicateSection,
		"a section given twice where Declarative allows one")
	DeclarativeMissingSection = declarativeRule("JF304", nameMissingSection,
		"a section or field Declarative requires is missing")
	DeclarativeEmptySection = declarativeRule("JF305", nameEmptySection,
		"an empty section Jenkins refuses")
	DeclarativeStageContent = declarativeRule("JF306", nameStageContent,
		"a stage without exactly one of steps, stages, parallel or matrix, or nested where it may not be")
	DeclarativeDuplicateName = declarativeRule("JF307", nameDuplicateName,
		"two stages, branches, options, triggers, axes or variables with one name")
	DeclarativePostCondition = declarativeRule("JF308", namePostCondition,
		"a post block with an unknown, repeated or blockless condition")
	DeclarativeEnvironment = declarativeRule("JF309", nameEnvironment,
		"an environment entry Jenkins cannot read")
	DeclarativeAgent = declarativeRule("JF310", nameAgent,
		"an agent section in a form Jenkins rejects")
	DeclarativeWhen = declarativeRule("JF311", nameWhen,
		"a when block in a form Jenkins rejects")
	DeclarativeMatrix = declarativeRule("JF312", nameMatrix,
		"matrix axes or excludes Jenkins rejects")
	DeclarativeDirectiveForm = declarativeRule("JF313", nameDirectiveForm,
		"an options, triggers, parameters, tools, libraries or input entry in a form Jenkins rejects")
	DeclarativeStepForm = declarativeRule("JF314", nameStepForm,
		"a statement in a steps block that is not a step Declarative allows")
	DeclarativeArguments = declarativeRule("JF315", nameArguments,
		"arguments Declarative cannot read: mixed named and unnamed, closures, bare ${...}")
	DeclarativeCatalogue = declarativeRule("JF316", nameCatalogue,
		"a wrong parameter of a known step, option, trigger, parameter, agent type or when condition")
)
