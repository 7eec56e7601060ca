package rules

import "path"

// Match returns the rules a name or pattern selects, in registration order:
// an exact rule name, or a glob such as "declarative-*" (the syntax of
// path.Match). A name that is neither matches nothing; a malformed glob
// also matches nothing.
func Match(pattern string) []*Rule {
	if r := Lookup(pattern); r != nil {
		return []*Rule{r}
	}
	var out []*Rule
	for _, r := range all {
		if ok, err := path.Match(pattern, r.Name); err == nil && ok {
			out = append(out, r)
		}
	}
	return out
}

// IsPattern reports whether s is a glob rather than a plain rule name.
func IsPattern(s string) bool {
	for _, c := range s {
		switch c {
		case '*', '?', '[':
			return true
		}
	}
	return false
}
