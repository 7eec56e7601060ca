package cli

import (
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// unifiedDiff renders the change to one file as `git diff` does, with a/ and
// b/ prefixes so that `git apply` and `patch -p1` take it.
func unifiedDiff(path string, old, new []byte) []byte {
	p := strings.TrimPrefix(filepath.ToSlash(path), "/")
	return diff.Diff("a/"+p, old, "b/"+p, new)
}
