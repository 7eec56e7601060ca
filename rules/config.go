package rules

// DefaultDockerConfig is the job-scoped DOCKER_CONFIG that fixes insert.
const DefaultDockerConfig = `${WORKSPACE_TMP}/docker-${BUILD_NUMBER}`

// Config is what rules read of the configuration.
type Config struct {
	// DockerConfig is the Groovy GString text (without quotes) that the
	// fixes put in DOCKER_CONFIG.
	DockerConfig string
	// CredentialVariables are extra variable names to treat as secrets.
	CredentialVariables []string
	// ShellMethods name methods whose first string argument is a shell
	// script run on the node, like sh's (a library's `runSafe(this, "…")`).
	ShellMethods []string
	// Declarative adds an installation's own steps, agent types, options,
	// triggers, parameters, when conditions, tools and post conditions to
	// the built-in catalogue of the declarative-* rules; nil adds none.
	Declarative *Catalogue
}

// DefaultConfig returns the configuration used when none is given.
func DefaultConfig() *Config {
	return &Config{DockerConfig: DefaultDockerConfig}
}
