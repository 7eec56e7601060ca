package rules

// all lists every rule in the order the README documents them. Each rule is
// defined in its own file.
var all = []*Rule{
	SyntaxError,
	DockerConfigScope,
	DockerLogoutCleanup,
	DockerLogoutInParallel,
	GroovySecretInterpolation,
	DockerLoginPasswordArg,
	HardcodedRegistryCredentials,
	DockerPruneSharedNode,
	RegistryLoginOtherClients,
	UntrustedInterpolationInShell,
	DeclarativePipelinePlacement,
	DeclarativeUnknownSection,
	DeclarativeDuplicateSection,
	DeclarativeMissingSection,
	DeclarativeEmptySection,
	DeclarativeStageContent,
	DeclarativeDuplicateName,
	DeclarativePostCondition,
	DeclarativeEnvironment,
	DeclarativeAgent,
	DeclarativeWhen,
	DeclarativeMatrix,
	DeclarativeDirectiveForm,
	DeclarativeStepForm,
	DeclarativeArguments,
	DeclarativeCatalogue,
	InvalidSuppression,
	UnusedSuppression,
}

var byName = func() map[string]*Rule {
	m := make(map[string]*Rule, len(all))
	for _, r := range all {
		m[r.Name] = r
	}
	return m
}()

// All returns every rule. The slice is shared: do not modify it.
func All() []*Rule { return all }

// Lookup returns the rule called name, or nil.
func Lookup(name string) *Rule { return byName[name] }
