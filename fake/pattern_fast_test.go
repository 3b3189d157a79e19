package fake

import (
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
)

// specPatterns returns every pattern written in openapi/ice.yaml.
func specPatterns(t *testing.T) []string {
	t.Helper()
	text, err := os.ReadFile("../openapi/ice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`pattern: '((?:[^']|'')*)'`).FindAllStringSubmatch(string(text), -1) {
		out = append(out, strings.ReplaceAll(m[1], "''", "'"))
	}
	if len(out) < 10 {
		t.Fatalf("found %d patterns in ice.yaml; the extraction is broken", len(out))
	}
	return out
}

// patternInputs returns strings near pattern's language: runs of the runes
// it names, cut, grown and mutated.
func patternInputs(rng *rand.Rand, pattern string) []string {
	alphabet := []rune("09afAFzZ-_.:, TZé\n\xff")
	for _, r := range pattern {
		alphabet = append(alphabet, r)
	}
	out := []string{"", "0", "2024-01-01T00:00:00Z", "dbe5882e2579683432c1bfc525454add", "6AE6783F-4FBD-491B-AEB8-8B73A48ED247", "12.50", "3.000000", "Editing, Draft"}
	for range 300 {
		n := rng.IntN(40)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		out = append(out, b.String())
	}
	// Mutations of the fixed inputs: one rune changed, dropped, doubled.
	for _, s := range out[:8] {
		for i := range len(s) {
			out = append(out, s[:i]+s[i+1:], s[:i]+string(alphabet[rng.IntN(len(alphabet))])+s[i+1:], s[:i]+s[i:i+1]+s[i:])
		}
	}
	return out
}

func TestRunPatternAgreesWithRegexp(t *testing.T) {
	patterns := append(specPatterns(t),
		`^$`, `^a*$`, `^a*b$`, `^a*a$`, `^[0-9]+\.[0-9]{2}$`, `^[0-9]*[0-9]{2}$`, `^x?y?x$`, `^.{2,5}$`, `^(?s:.)+$`,
		`^é{1,3}z$`, `^[^,]*$`, `^[a-c]{2,}[d-f]$`, `^(?i)abc$`, `^a|b$`, `a`, `^\d{4}-\d{2}$`, `^[\x{fffd}]$`)
	rng := rand.New(rand.NewPCG(1, 2))
	runs := 0
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		m, err := compilePattern(p)
		if err != nil {
			t.Fatalf("compilePattern(%q): %v", p, err)
		}
		if _, ok := m.(runPattern); ok {
			runs++
		}
		for _, s := range patternInputs(rng, p) {
			want := re.MatchString(s)
			if got := m.MatchString(s); got != want {
				t.Errorf("pattern %q MatchString(%q): got %v, want %v", p, s, got, want)
			}
			if got := m.Match([]byte(s)); got != want {
				t.Errorf("pattern %q Match(%q): got %v, want %v", p, s, got, want)
			}
		}
	}
	if runs < len(patterns)/2 {
		t.Errorf("run patterns: got %d of %d, want at least half", runs, len(patterns))
	}
}

// TestHotPatternsAreRuns pins the response patterns every call checks to
// the matcher without the regexp engine.
func TestHotPatternsAreRuns(t *testing.T) {
	for _, p := range []string{`^[0-9a-f]{32}$`, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`} {
		m, err := compilePattern(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m.(runPattern); !ok {
			t.Errorf("compilePattern(%q): got %T, want runPattern", p, m)
		}
	}
}

func FuzzRunPattern(f *testing.F) {
	f.Add(`^[0-9a-f]{32}$`, "dbe5882e2579683432c1bfc525454add")
	f.Add(`^[0-9]+\.[0-9]{2}$`, "12.50")
	f.Add(`^a*b?c{2,3}$`, "aacc")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		rp, ok := compileRunPattern(pattern)
		if !ok {
			return
		}
		if got, want := rp.MatchString(s), re.MatchString(s); got != want {
			t.Errorf("pattern %q MatchString(%q): got %v, want %v", pattern, s, got, want)
		}
		if got, want := rp.Match([]byte(s)), re.Match([]byte(s)); got != want {
			t.Errorf("pattern %q Match(%q): got %v, want %v", pattern, s, got, want)
		}
	})
}
