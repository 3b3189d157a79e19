package specgen

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.yaml")

var (
	testSource  = Source{Repository: "github.com/alibabacloud-go/ice-20201109", Commit: "0123456789abcdef0123456789abcdef01234567", Tag: "v9.0.0"}
	olderSource = Source{Repository: "github.com/alibabacloud-go/ice-20201109", Commit: "89abcdef0123456789abcdef0123456789abcdef", Tag: "v2.1.0"}
	testInputs  = []Input{{Dir: "testdata/client", Source: testSource}, {Dir: "testdata/older", Source: olderSource}}
)

// TestGenerateGolden pins the whole output for the synthetic model in
// testdata/client: Shrink requests, required flags, enums (string, integer,
// "(default)" and bold markers, none for comma-separated values), flattened
// arrays, nested and repeated response structs, maps, Actions without a
// request.
func TestGenerateGolden(t *testing.T) {
	got, err := Generate(testInputs...)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/golden.yaml", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("Generate output differs from testdata/golden.yaml (run with -update):\ngot:\n%s", got)
	}
	doc, err := openapi3.NewLoader().LoadFromData(got)
	if err != nil {
		t.Fatalf("output does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("output is not valid OpenAPI: %v", err)
	}
	// AuthType Anonymous is recorded; the newest model decides (AddThing is
	// anonymous only in the older one).
	for action, want := range map[string]any{"Ping": "anonymous", "OldThing": "anonymous", "AddThing": nil} {
		if got := doc.Paths.Value("/" + action).Post.Extensions["x-icefake-auth"]; got != want {
			t.Errorf("%s x-icefake-auth = %v, want %v", action, got, want)
		}
	}
	op := doc.Paths.Value("/AddThing").Post
	if got, want := op.Parameters.GetByInAndName("query", "Name").Required, true; got != want {
		t.Errorf("Name required = %v, want %v", got, want)
	}
	if got := op.Parameters.GetByInAndName("query", "Size").Schema.Value.Enum; len(got) != 2 || got[0] != "Small" || got[1] != "Large" {
		t.Errorf("Size enum = %v, want [Small Large]", got)
	}
	if got := op.Parameters.GetByInAndName("query", "Colors").Schema.Value.Enum; got != nil {
		t.Errorf("Colors enum = %v, want none (comma-separated values)", got)
	}
	if p := op.Parameters.GetByInAndName("query", "AppId"); p == nil || p.Required {
		t.Errorf("AppId (older model only) = %+v, want an optional parameter", p)
	}
	body := op.Responses.Status(200).Value.Content.Get("application/json").Schema.Value
	if got := body.Properties["Total"].Value.Type.Slice(); len(got) != 1 || got[0] != "integer" {
		t.Errorf("Total type = %v, want the newest model's integer", got)
	}
	if body.Properties["Thing"].Value.Properties["Legacy"] == nil {
		t.Errorf("Thing.Legacy (older model only) missing")
	}
	if got := doc.Paths.Value("/OldThing").Post.Extensions["x-icefake-only-in"]; got != "v2.1.0" {
		t.Errorf("OldThing x-icefake-only-in = %v, want v2.1.0", got)
	}
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name   string
		inputs []Input
	}{
		{"nothing", nil},
		{"bad commit", []Input{{Dir: "testdata/client", Source: Source{Commit: "abc"}}}},
		{"no model", []Input{{Dir: t.TempDir(), Source: testSource}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Generate(tt.inputs...); err == nil {
				t.Errorf("Generate(%+v) = nil error, want one", tt.inputs)
			}
		})
	}
}

func TestEnumOf(t *testing.T) {
	tests := []struct {
		name, doc, typ string
		want           []string
	}{
		{"list", "Valid values:\n\n- A: a.\n\n- B\n\nexample:\n\n- C\n", "string", []string{"A", "B"}},
		{"inline range", "Valid values: 1 to 100.\n", "integer", nil},
		{"one value", "Valid values:\n- A\n", "string", nil},
		{"prose item", "Valid values:\n- A\n- Up to four decimal places\n", "string", nil},
		{"integer not numeric", "Valid values:\n- A\n- B\n", "integer", nil},
		{"boolean", "Valid values:\n- true\n- false\n", "boolean", nil},
		{"examples only", "Valid values, for example:\n- A\n- B\n", "string", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := enumOf(tt.doc, tt.typ)
			if len(got) != len(tt.want) {
				t.Fatalf("enumOf = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("enumOf = %v, want %v", got, tt.want)
				}
			}
		})
	}
}
