package scenarios

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// one "<name>:<line>: " line per problem, and that a scenario it accepts
// holds the invariants Parse promises.
func FuzzParse(f *testing.F) {
	f.Add(ExampleYAML)
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	const name = "fuzz.yaml"
	prefix := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*: `)
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse(name, data)
		if err != nil {
			if sc != nil {
				t.Errorf("Parse() = %+v, %v, want a nil scenario with the error", sc, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !prefix.MatchString(line) {
					t.Errorf("Parse() error line %q does not start with %q", line, name+":<line>: ")
				}
			}
			if n, lines := len(Errors(err)), strings.Count(err.Error(), "\n")+1; n != lines {
				t.Errorf("len(Errors(err)) = %d, want %d (one per line)", n, lines)
			}
			return
		}
		if sc.Name != name || sc.Version != 1 {
			t.Errorf("Parse() Name, Version = %q, %d, want %q, 1", sc.Name, sc.Version, name)
		}
		for _, m := range sc.Media {
			if m.MediaId == "" && m.MediaURL == "" || m.Duration < 0 || m.Type == "" {
				t.Errorf("Parse() accepted media %+v", m)
			}
		}
		for _, fl := range sc.Faults {
			if fl.Action == "" || fl.After < 0 || fl.Times < 0 || fl.Delay < 0 ||
				fl.Code == "" && fl.Delay == 0 && fl.Transport == "" && len(fl.Sequence) == 0 ||
				fl.Status != 0 && (fl.Status < 400 || fl.Status > 599) ||
				len(fl.Sequence) > 0 && (fl.Code != "" || fl.Transport != "" || fl.Times != 0) {
				t.Errorf("Parse() accepted fault %+v", fl)
			}
		}
	})
}
