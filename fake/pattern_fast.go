package fake

import (
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// patternMatcher is a compiled schema pattern, as the compiled checks
// (respcheck.go, reqcheck.go) use it.
type patternMatcher interface {
	Match(b []byte) bool
	MatchString(s string) bool
}

// compilePattern compiles a schema pattern: the anchored run of character
// classes the spec's patterns mostly are (^[0-9a-f]{32}$, ^\d{4}-\d{2}…$)
// becomes a runPattern, which matches without the regexp engine; any other
// pattern is a *regexp.Regexp. Both answer exactly as regexp does
// (TestRunPatternAgreesWithRegexp, FuzzRunPattern).
func compilePattern(pattern string) (patternMatcher, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	if rp, ok := compileRunPattern(pattern); ok {
		return rp, nil
	}
	return re, nil
}

// runPattern matches ^item item …$ where each item is a set of runes
// repeated min..max times (max < 0: no bound). Matching is greedy, which is
// exact because compileRunPattern only accepts sequences in which a
// variable item's runes cannot start what follows it.
type runPattern []runItem

type runItem struct {
	ranges   []rune // pairs lo, hi, as syntax.Regexp.Rune of a char class
	min, max int
}

func (it *runItem) has(r rune) bool {
	for i := 0; i+1 < len(it.ranges); i += 2 {
		if r < it.ranges[i] {
			return false
		}
		if r <= it.ranges[i+1] {
			return true
		}
	}
	return false
}

// compileRunPattern returns the runPattern for pattern, or false when the
// pattern is not an anchored run of classes with greedy-safe repeats.
func compileRunPattern(pattern string) (runPattern, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return nil, false
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil, false
	}
	var rp runPattern
	for _, sub := range subs[1 : len(subs)-1] {
		items, ok := runItems(sub)
		if !ok {
			return nil, false
		}
		rp = append(rp, items...)
	}
	for i, it := range rp {
		if it.min == it.max {
			continue
		}
		// A variable item must be disjoint from every item after it up to
		// and including the first that must match at least once.
		for _, next := range rp[i+1:] {
			if overlaps(it.ranges, next.ranges) {
				return nil, false
			}
			if next.min > 0 {
				break
			}
		}
	}
	return rp, true
}

// runItems converts one element of the top-level concatenation.
func runItems(re *syntax.Regexp) ([]runItem, bool) {
	one := func(sub *syntax.Regexp, min, max int) ([]runItem, bool) {
		r, ok := runeSet(sub)
		if !ok {
			return nil, false
		}
		return []runItem{{ranges: r, min: min, max: max}}, true
	}
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		items := make([]runItem, len(re.Rune))
		for i, r := range re.Rune {
			items[i] = runItem{ranges: []rune{r, r}, min: 1, max: 1}
		}
		return items, true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return one(re, 1, 1)
	case syntax.OpRepeat:
		return one(re.Sub[0], re.Min, re.Max)
	case syntax.OpStar:
		return one(re.Sub[0], 0, -1)
	case syntax.OpPlus:
		return one(re.Sub[0], 1, -1)
	case syntax.OpQuest:
		return one(re.Sub[0], 0, 1)
	}
	return nil, false
}

// runeSet is the rune ranges of a single-rune expression.
func runeSet(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []rune{re.Rune[0], re.Rune[0]}, true
	case syntax.OpCharClass:
		return re.Rune, len(re.Rune) > 0
	case syntax.OpAnyChar:
		return []rune{0, unicode.MaxRune}, true
	case syntax.OpAnyCharNotNL:
		return []rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune}, true
	}
	return nil, false
}

func overlaps(a, b []rune) bool {
	for i := 0; i+1 < len(a); i += 2 {
		for j := 0; j+1 < len(b); j += 2 {
			if a[i] <= b[j+1] && b[j] <= a[i+1] {
				return true
			}
		}
	}
	return false
}

// Match reports whether b matches, as regexp's Match does.
func (rp runPattern) Match(b []byte) bool { return runMatch(rp, b) }

// MatchString reports whether s matches, as regexp's MatchString does.
func (rp runPattern) MatchString(s string) bool { return runMatch(rp, s) }

func runMatch[T string | []byte](rp runPattern, s T) bool {
	i := 0
	for k := range rp {
		it := &rp[k]
		n := 0
		for it.max < 0 || n < it.max {
			if i >= len(s) {
				break
			}
			r, w := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				// Invalid UTF-8 reads as U+FFFD, one byte wide, as in regexp.
				switch v := any(s).(type) {
				case string:
					r, w = utf8.DecodeRuneInString(v[i:])
				case []byte:
					r, w = utf8.DecodeRune(v[i:])
				}
			}
			if !it.has(r) {
				break
			}
			i += w
			n++
		}
		if n < it.min {
			return false
		}
	}
	return i == len(s)
}
