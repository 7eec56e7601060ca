package rules

// SyntaxError reports what the parser could not read. The findings come from
// the parser, not from Check; the rule exists so that the findings have a
// name, a page and a severity like every other.
var SyntaxError = &Rule{
	ID:       "JF001",
	Name:     "syntax-error",
	Title:    "the file is not valid Jenkinsfile Groovy",
	Severity: Error,
	Check:    func(*Pass) {},
}
