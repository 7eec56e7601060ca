package rules

// All returns every rule, in the order they are documented. Each rule is
// defined in its own file.
func All() []*Rule {
	return []*Rule{
		SyntaxError,
		InvalidSuppression,
		UnusedSuppression,
		GroovySecretInterpolation,
		HardcodedRegistryCredentials,
		UntrustedInterpolationInShell,
		DockerConfigScope,
		DockerLogoutCleanup,
		DockerLogoutInParallel,
		DockerLoginPasswordArg,
		DockerPruneSharedNode,
		RegistryLoginOtherClients,
	}
}

// Lookup returns the rule called name, or nil.
func Lookup(name string) *Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
