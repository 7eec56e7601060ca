package fix

import (
	"fmt"

	"jfcheck/parser"
	"jfcheck/rules"
)

// declarativeBaseline is what Jenkins' Declarative validation says of the
// text before fixing: a fix may leave a problem the file already had, but
// it must not add one.
type declarativeBaseline struct {
	cat    *rules.Catalogue
	before map[string]int
}

func validDeclarative(f *parser.File, opts rules.Options) *declarativeBaseline {
	b := &declarativeBaseline{}
	if opts.Config != nil {
		b.cat = opts.Config.Declarative
	}
	b.before = countDeclarative(rules.ValidateDeclarativeWith(f, b.cat))
	return b
}

func countDeclarative(ds []rules.Diagnostic) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.Rule+"\x00"+d.Message]++
	}
	return m
}

// refuses returns the first problem Jenkins would find in the fixed file
// that the original did not have, as "line:col: message [rule]", or "".
// The check runs whatever rules are enabled: a fix never writes a pipeline
// Jenkins refuses to compile.
func (b *declarativeBaseline) refuses(nf *parser.File) string {
	seen := map[string]int{}
	for _, d := range rules.ValidateDeclarativeWith(nf, b.cat) {
		k := d.Rule + "\x00" + d.Message
		seen[k]++
		if seen[k] > b.before[k] {
			p := nf.Position(d.Span.Start)
			return fmt.Sprintf("%d:%d: %s [%s]", p.Line, p.Col, d.Message, d.Rule)
		}
	}
	return ""
}
