//go:build jfcheck_grammar_source

// This file is the source of parser/internal/gen/groovy_parser_base.go, which
// `go generate ./parser` copies next to the generated parser (the build tag
// above keeps this copy out of every build). Edit it here.

package gen

import "github.com/antlr4-go/antlr/v4"

// GroovyParserBase is the parser's superclass. The grammar needs no
// predicates: what Groovy decides by looking ahead (where a command's
// arguments start, which `(` opens a cast, which `{` opens a block) the
// parser package marks in the token stream before parsing, in linear time.
type GroovyParserBase struct {
	*antlr.BaseParser
}
