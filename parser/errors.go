package parser

// Error is a syntax error at a span of the file.
type Error struct {
	Span Span
	Msg  string
}

func (e Error) Error() string { return e.Msg }
