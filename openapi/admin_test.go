package openapi

import (
	"bytes"
	"net/http"
	"sort"
	"strings"
	"testing"
)

func TestLoadAdmin(t *testing.T) {
	doc, err := LoadAdmin()
	if err != nil {
		t.Fatalf("LoadAdmin() error = %v", err)
	}
	again, err := LoadAdmin()
	if err != nil || again != doc {
		t.Errorf("LoadAdmin() again = %p, %v; want the cached %p", again, err, doc)
	}
	var got []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			got = append(got, method+" "+path+" "+op.OperationID)
		}
	}
	sort.Strings(got)
	want := []string{
		"DELETE /_icefake/faults ClearFaults",
		"DELETE /_icefake/faults/{id} RemoveFault",
		"DELETE /_icefake/journal ClearJournal",
		"DELETE /_icefake/quotas/{action} RemoveQuota",
		"DELETE /_icefake/scenarios/{name} RemoveScenario",
		"GET /_icefake/ Index",
		"GET /_icefake/admin/openapi.yaml AdminOpenAPI",
		"GET /_icefake/clock Clock",
		"GET /_icefake/faults Faults",
		"GET /_icefake/healthz Healthz",
		"GET /_icefake/journal CallsWhere",
		"GET /_icefake/metrics Metrics",
		"GET /_icefake/openapi.json IceOpenAPIJSON",
		"GET /_icefake/openapi.yaml IceOpenAPI",
		"GET /_icefake/quotas Quotas",
		"GET /_icefake/scenarios Scenarios",
		"GET /_icefake/state Dump",
		"POST /_icefake/clock/advance Advance",
		"POST /_icefake/clock/set SetTime",
		"POST /_icefake/faults InjectFault",
		"POST /_icefake/reset Reset",
		"POST /_icefake/scenarios LoadScenario",
		"PUT /_icefake/quotas/{action} SetQuota",
		"PUT /_icefake/scenarios ReplaceScenarios",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("admin operations:\ngot\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAdminBytesIsACopy(t *testing.T) {
	b := AdminBytes()
	if !bytes.HasPrefix(b, []byte("# icefake's admin HTTP API")) {
		t.Fatalf("AdminBytes() starts %q", b[:40])
	}
	b[0] = 'X'
	if got := AdminBytes()[0]; got != '#' {
		t.Errorf("AdminBytes()[0] after changing a copy = %q, want '#'", got)
	}
}

// TestAdminAndICEPathsDisjoint: the ICE document's virtual /{Action} paths
// never fall under the admin prefix, so the two never route to each other.
func TestAdminAndICEPathsDisjoint(t *testing.T) {
	ice := MustLoad()
	for path := range ice.Doc.Paths.Map() {
		if strings.HasPrefix(path, AdminPrefix) {
			t.Errorf("ice.yaml path %s is under the admin prefix %s", path, AdminPrefix)
		}
	}
}

// TestAdminHealthzIsOpen: healthz needs no token; every other operation
// inherits the optional bearer token.
func TestAdminHealthzIsOpen(t *testing.T) {
	doc := MustLoadAdmin()
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			open := op.Security != nil && len(*op.Security) == 0
			if want := path == AdminPrefix+"healthz" && method == http.MethodGet; open != want {
				t.Errorf("%s %s: open (security: []) = %v, want %v", method, path, open, want)
			}
		}
	}
}

// TestAdminRequestMediaTypes: every request body lists the Content-Types
// fake reads as its first one, all with the same schema - a JSON body also
// as curl -d's form type, a scenario also as the YAML aliases, text/plain
// and the form type.
func TestAdminRequestMediaTypes(t *testing.T) {
	doc := MustLoadAdmin()
	// Only types a web page cannot send without a CORS preflight
	// (docs/fidelity.md "Admin API safety").
	jsonTypes := []string{"application/json"}
	yamlTypes := []string{"application/x-yaml", "application/yaml", "text/yaml"}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			content := op.RequestBody.Value.Content
			want := yamlTypes
			if content.Get("application/json") != nil {
				want = jsonTypes
			}
			var got []string
			schemas := map[string]bool{}
			for mt, media := range content {
				got = append(got, mt)
				schemas[media.Schema.Ref] = true
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s %s: request media types = %v, want %v", method, path, got, want)
			}
			if len(schemas) != 1 || schemas[""] {
				t.Errorf("%s %s: request media types have schemas %v, want one $ref for all", method, path, schemas)
			}
		}
	}
}

func TestParseAdminRejects(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{
			name: "path outside the prefix",
			doc:  "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /reset:\n    post:\n      operationId: Reset\n      responses: {'200': {description: ok}}\n",
			want: "openapi: admin.yaml: path /reset is not under /_icefake/",
		},
		{
			name: "no operationId",
			doc:  "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /_icefake/reset:\n    post:\n      responses: {'200': {description: ok}}\n",
			want: "openapi: admin.yaml: POST /_icefake/reset has no operationId",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseAdmin([]byte(tt.doc))
			if err == nil || err.Error() != tt.want {
				t.Errorf("parseAdmin() error = %v, want %q", err, tt.want)
			}
		})
	}
}
