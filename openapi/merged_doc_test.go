package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestMergedDocument: the served document is valid OpenAPI 3 holding every
// Action of the merged spec once, ice.yaml's operation for the Actions it
// describes and generated.yaml's for the others, with their extensions; the
// JSON form has the same paths.
func TestMergedDocument(t *testing.T) {
	s := MustLoad()
	data := MergedBytes()
	if !bytes.HasPrefix(data, document[:bytes.Index(document, []byte("\npaths:\n"))]) {
		t.Errorf("MergedBytes() does not start with ice.yaml's head")
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("MergedBytes() does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("MergedBytes() is not valid OpenAPI 3: %v", err)
	}
	var paths []string
	for p := range doc.Paths.Map() {
		paths = append(paths, p[1:])
	}
	slices.Sort(paths)
	if known := s.KnownActions(); !slices.Equal(paths, known) {
		t.Errorf("merged paths: %d Actions, want the %d of KnownActions()", len(paths), len(known))
	}
	tests := []struct {
		name, action string
		generated    bool
		extension    string
	}{
		{"ice.yaml wins", "CreateEditingProject", false, "x-icefake-error-codes"},
		{"generated only", "SubmitSnapshotJob", true, ""},
		{"anonymous mark kept", "ListAllPublicMediaTags", true, AuthExtension},
		{"older SDK only", "DescribeFilterConfigs", true, "x-icefake-only-in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item := doc.Paths.Value("/" + tt.action)
			if item == nil || item.Post == nil || item.Post.OperationID != tt.action {
				t.Fatalf("merged document has no POST /%s with operationId %s", tt.action, tt.action)
			}
			_, want, generated, err := s.MergedOperation(tt.action)
			if err != nil || generated != tt.generated {
				t.Fatalf("MergedOperation(%s) = generated %v, %v; want generated %v", tt.action, generated, err, tt.generated)
			}
			if got, want := len(item.Post.Parameters), len(want.Parameters); got != want {
				t.Errorf("%s parameters = %d, want %d (the merged spec's)", tt.action, got, want)
			}
			if tt.extension != "" && item.Post.Extensions[tt.extension] == nil {
				t.Errorf("%s lacks %s", tt.action, tt.extension)
			}
		})
	}

	raw, err := MergedJSON()
	if err != nil {
		t.Fatalf("MergedJSON() error = %v", err)
	}
	var j struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
		Errors  map[string]any            `json:"x-icefake-errors"`
	}
	if err := json.Unmarshal(raw, &j); err != nil {
		t.Fatalf("MergedJSON() is not JSON: %v", err)
	}
	if j.OpenAPI != "3.0.3" || len(j.Paths) != len(paths) || len(j.Errors) != len(s.Errors) {
		t.Errorf("MergedJSON(): openapi %q, %d paths, %d error codes; want 3.0.3, %d, %d", j.OpenAPI, len(j.Paths), len(j.Errors), len(paths), len(s.Errors))
	}
	jdoc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("MergedJSON() does not load: %v", err)
	}
	if got := jdoc.Paths.Len(); got != len(paths) {
		t.Errorf("MergedJSON() loads %d paths, want %d", got, len(paths))
	}
}

// TestMergedDocumentCached: the document is built once; callers get copies.
func TestMergedDocumentCached(t *testing.T) {
	a := MergedBytes()
	a[0] = '!'
	if b := MergedBytes(); b[0] == '!' {
		t.Error("MergedBytes() returned the cached slice, not a copy")
	}
	if &mergedDocument()[0] != &mergedDocument()[0] {
		t.Error("the merged document is rebuilt per call")
	}
}
