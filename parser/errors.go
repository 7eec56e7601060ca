package parser

// Error is a syntax error at a span of the file. Internal marks a bug in
// jfcheck's parser rather than a problem of the file.
type Error struct {
	Span     Span
	Msg      string
	Internal bool
}

// Internal returns the first internal error among errs, or nil.
func Internal(errs []Error) *Error {
	for i := range errs {
		if errs[i].Internal {
			return &errs[i]
		}
	}
	return nil
}

func (e Error) Error() string { return e.Msg }
