package specgen

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.yaml")

var testSource = Source{Repository: "github.com/alibabacloud-go/ice-20201109", Commit: "0123456789abcdef0123456789abcdef01234567", Tag: "v0.0.1"}

// TestGenerateGolden pins the whole output for the synthetic model in
// testdata/client: Shrink requests, required flags, enums (string, integer,
// "(default)" and bold markers, none for comma-separated values), flattened
// arrays, nested and repeated response structs, maps, Actions without a
// request.
func TestGenerateGolden(t *testing.T) {
	got, err := Generate("testdata/client", testSource)
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
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		src  Source
	}{
		{"bad commit", "testdata/client", Source{Commit: "abc"}},
		{"no model", t.TempDir(), testSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Generate(tt.dir, tt.src); err == nil {
				t.Errorf("Generate(%q) = nil error, want one", tt.dir)
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
