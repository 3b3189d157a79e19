package contract

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/openapi"
)

var update = flag.Bool("update", false, "rewrite generated README sections")

// actionsTable renders the README's supported-Actions section from the SDK
// coverage report (sdkReport), the spec and the registry: per Action of
// ice.yaml whether it is implemented, whether SDK v2.1.0 has it, the codes
// it can answer beyond those every Action shares (the gateway's) and its
// summary; then the report's counts.
func actionsTable(spec *openapi.Spec, report map[string]sdkStatus) string {
	actions := spec.Actions()
	common := map[string]int{}
	for _, a := range actions {
		for _, c := range spec.ActionErrors[a] {
			common[c]++
		}
	}
	implemented := fake.SupportedActions()
	var b strings.Builder
	b.WriteString("| Action | Implemented | SDK v2.1.0 | Service errors (beyond the gateway's) | What it does |\n|---|---|---|---|---|\n")
	for _, a := range actions {
		var own []string
		for _, c := range spec.ActionErrors[a] {
			if common[c] < len(actions) {
				own = append(own, fmt.Sprintf("`%s` %d", c, spec.Errors[c].Status))
			}
		}
		impl := "yes"
		if !slices.Contains(implemented, a) {
			impl = "no (501 NotImplemented)"
		}
		v2 := "yes"
		if _, ok := report[a]; !ok {
			v2 = "no (newer SDKs)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", a, impl, v2, strings.Join(own, ", "), strings.TrimSpace(spec.Operations[a].Summary))
	}
	n := sdkCounts(report)
	known := spec.KnownActions()
	older := 0
	for _, a := range known {
		if openapi.GeneratedOnlyIn(a) != "" {
			older++
		}
	}
	fmt.Fprintf(&b, "\nEvery method of the SDK v2.1.0 client reaches icefake (`contract/coverage_test.go`): of its %d Actions,\n"+
		"%d are implemented, %d are stubbable — known from the SDK's model, they validate their parameters and\n"+
		"answer `501 NotImplemented` unless a stub gives them a canned answer (scenario `stubs:`, `fake.WithStubs`,\n"+
		"`POST /_icefake/stubs`) — and %d unknown. icefake knows all %d Actions of the ICE SDK's model (%d of them\n"+
		"only in SDK v2.1.0), %d implemented; the full list is [docs/actions.md](docs/actions.md). Those the SDK\n"+
		"sends unsigned need no signature: %s.\n",
		len(report), n[sdkImplemented], n[sdkStubbable], n[sdkUnknown], len(known), older, len(implemented),
		"`"+strings.Join(spec.AnonymousActions(), "`, `")+"`")
	return b.String()
}

// TestREADMEActionsTable checks the README's supported-Actions section;
// go test ./contract -run TestREADMEActionsTable -update rewrites it.
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
	spec := openapi.MustLoad()
	got, want := readme[i+len(begin):j], actionsTable(spec, sdkReport(spec))
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i+len(begin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's supported-Actions table is stale; run go test ./contract -run TestREADMEActionsTable -update\ngot:\n%s\nwant:\n%s", got, want)
}
