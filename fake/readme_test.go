package fake

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/icefake/icefake/openapi"
)

var update = flag.Bool("update", false, "rewrite generated README sections")

// actionsTable renders the README's supported-Actions table from the spec
// and the registry: per Action its summary, whether it is implemented, and
// the codes it can answer beyond those every Action shares (the gateway's).
func actionsTable() string {
	common := map[string]int{}
	for _, a := range iceSpec().Actions() {
		for _, c := range iceSpec().ActionErrors[a] {
			common[c]++
		}
	}
	var b strings.Builder
	b.WriteString("| Action | Implemented | Service errors (beyond the gateway's) | What it does |\n|---|---|---|---|\n")
	for _, a := range iceSpec().Actions() {
		var own []string
		for _, c := range iceSpec().ActionErrors[a] {
			if common[c] < len(iceSpec().Actions()) {
				own = append(own, fmt.Sprintf("`%s` %d", c, iceSpec().Errors[c].Status))
			}
		}
		impl := "yes"
		if operations[a] == nil {
			impl = "no (501 NotImplemented)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", a, impl, strings.Join(own, ", "), strings.TrimSpace(iceSpec().Operations[a].Summary))
	}
	known := iceSpec().KnownActions()
	fmt.Fprintf(&b, "\nicefake knows all %d Actions of the ICE SDK's model (%d of them only in SDK v2.1.0): every one validates its\n"+
		"parameters; the %d above are implemented and the other %d answer `501 NotImplemented` unless a stub\n"+
		"gives them a canned answer (scenario `stubs:`, `fake.WithStubs`, `POST /_icefake/stubs`). The full list is\n"+
		"[docs/actions.md](docs/actions.md).\n", len(known), len(olderOnly(known)), len(SupportedActions()), len(known)-len(SupportedActions()))
	return b.String()
}

// olderOnly returns the Actions of known that only an older SDK has.
func olderOnly(known []string) []string {
	var out []string
	for _, a := range known {
		if openapi.GeneratedOnlyIn(a) != "" {
			out = append(out, a)
		}
	}
	return out
}

func TestREADMEActionsTable(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	const begin, end = "<!-- actions:begin -->\n", "<!-- actions:end -->"
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README lacks the %q … %q markers", begin, end)
	}
	got, want := readme[i+len(begin):j], actionsTable()
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i+len(begin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's supported-Actions table is stale; run go test ./fake -run TestREADMEActionsTable -update\ngot:\n%s\nwant:\n%s", got, want)
}
