// Package suggest finds the closest known name to a misspelt one, for "did
// you mean" hints on rule names, configuration keys, flags and formats.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to name, or "" when none is close
// enough to be a likely misspelling. Names are compared without regard to
// case by optimal string alignment distance (insertions, deletions,
// substitutions and swaps of two adjacent characters each cost one). A
// candidate is close enough when its distance is at most a third of the
// length of name, and at least one edit is always allowed. Ties go to the
// lexically smallest candidate, so the answer does not depend on the order
// of candidates.
func Suggest(name string, candidates []string) string {
	limit := max(1, utf8.RuneCountInString(name)/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		d := Distance(strings.ToLower(name), strings.ToLower(c))
		if d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// Distance returns the optimal string alignment distance between a and b,
// counted in Unicode code points: the number of insertions, deletions,
// substitutions and transpositions of adjacent characters that turn a into
// b, where no substring is edited twice.
func Distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows of the dynamic-programming table suffice: the current one,
	// the previous one and the one before it for transpositions.
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
