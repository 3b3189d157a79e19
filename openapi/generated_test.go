package openapi

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

var update = flag.Bool("update", false, "rewrite testdata/handwritten_gaps.txt")

// TestGeneratedSource: generated.yaml records the SDK commit it came from.
func TestGeneratedSource(t *testing.T) {
	src := Generated()
	if src.Repository != "github.com/alibabacloud-go/ice-20201109" || !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(src.Commit) {
		t.Errorf("Generated() = %+v, want the SDK repository and a 40-hex commit", src)
	}
}

// TestGeneratedActionsCompile compiles every generated Action (as a first
// call would) and checks the merged view: every ice.yaml Action is in the
// newest SDK, ice.yaml wins for them, and KnownActions is the union.
func TestGeneratedActionsCompile(t *testing.T) {
	s := MustLoad()
	actions := GeneratedActions()
	if len(actions) < 390 {
		t.Fatalf("generated.yaml has %d Actions, want the newest SDK's ~400", len(actions))
	}
	for _, a := range actions {
		doc, op, err := GeneratedOperation(a)
		if err != nil {
			t.Errorf("GeneratedOperation(%s): %v", a, err)
			continue
		}
		if op.OperationID != a || doc.Paths.Value("/"+a).Post != op {
			t.Errorf("GeneratedOperation(%s) = operation %s, want %s at /%s", a, op.OperationID, a, a)
		}
		if _, again, _ := GeneratedOperation(a); again != op {
			t.Errorf("GeneratedOperation(%s) compiled twice", a)
		}
		if op.Responses.Status(200) == nil {
			t.Errorf("%s: no 200 response", a)
		}
	}
	for _, a := range s.Actions() {
		if !slices.Contains(actions, a) {
			t.Errorf("ice.yaml Action %s is not in the newest SDK's model", a)
		}
		if _, op, generated, err := s.MergedOperation(a); err != nil || generated || op != s.Operations[a] {
			t.Errorf("MergedOperation(%s) = generated %v, err %v; want ice.yaml's operation", a, generated, err)
		}
	}
	if got, want := len(s.KnownActions()), len(actions); got != want {
		t.Errorf("len(KnownActions()) = %d, want %d", got, want)
	}
	if _, _, generated, err := s.MergedOperation("CreateDNADB"); err != nil || !generated {
		t.Errorf("MergedOperation(CreateDNADB) = generated %v, err %v; want generated.yaml's", generated, err)
	}
	if s.Known("NoSuchAction") {
		t.Errorf("Known(NoSuchAction) = true")
	}
	if _, _, _, err := s.MergedOperation("NoSuchAction"); err == nil {
		t.Errorf("MergedOperation(NoSuchAction) = nil error")
	}
}

// TestHandwrittenCoversGenerated: for every Action in both documents, each
// request parameter and response field of generated.yaml (the newest SDK)
// must be in ice.yaml too. Known gaps are listed in
// testdata/handwritten_gaps.txt (the newest-SDK field work still to do);
// the test fails when a new gap appears or a listed one is closed.
func TestHandwrittenCoversGenerated(t *testing.T) {
	s := MustLoad()
	var gaps []string
	for _, a := range s.Actions() {
		_, gen, err := GeneratedOperation(a)
		if err != nil {
			t.Fatal(err)
		}
		hand := s.Operations[a]
		for _, p := range gen.Parameters {
			if hand.Parameters.GetByInAndName("query", p.Value.Name) == nil {
				gaps = append(gaps, a+" request "+p.Value.Name)
			}
		}
		have := fieldPaths(responseSchema(hand), "", map[string]bool{})
		for path := range fieldPaths(responseSchema(gen), "", map[string]bool{}) {
			if !have[path] {
				gaps = append(gaps, a+" response "+path)
			}
		}
	}
	sort.Strings(gaps)
	checkGolden(t, "testdata/handwritten_gaps.txt", gaps, "ice.yaml's gaps against the newest SDK changed", "TestHandwrittenCoversGenerated")
}

// checkGolden compares lines (one per line) with the golden file, or
// rewrites the file under -update; the failure names what changed and the
// test to rerun with -update after review.
func checkGolden(t *testing.T, file string, lines []string, what, test string) {
	t.Helper()
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s (run go test ./openapi -run %s -update after review):\ngot:\n%s\nwant:\n%s", what, test, got, want)
	}
}

func responseSchema(op *openapi3.Operation) *openapi3.Schema {
	r := op.Responses.Status(200)
	if r == nil || r.Value == nil {
		return nil
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// fieldPaths lists the dotted paths of every property under s ("[]" for
// array items), through allOf/oneOf/anyOf.
func fieldPaths(s *openapi3.Schema, prefix string, out map[string]bool) map[string]bool {
	if s == nil {
		return out
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, ref := range group {
			fieldPaths(ref.Value, prefix, out)
		}
	}
	if s.Items != nil {
		fieldPaths(s.Items.Value, prefix+"[]", out)
	}
	for name, p := range s.Properties {
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		out[path] = true
		fieldPaths(p.Value, path, out)
	}
	return out
}
