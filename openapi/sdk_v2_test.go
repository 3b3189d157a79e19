package openapi

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/getkin/kin-openapi/openapi3"
)

// sdkV2Actions returns, for every Action method of the SDK v2.1.0 client
// (X(request *XRequest) (*XResponse, error), or X() for Actions without
// parameters), its request struct type (nil for none) and response body
// struct type.
func sdkV2Actions(t *testing.T) map[string][2]reflect.Type {
	t.Helper()
	out := map[string][2]reflect.Type{}
	typ := reflect.TypeFor[*ice.Client]()
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		ft := m.Type
		if strings.HasSuffix(m.Name, "WithOptions") || ft.NumOut() != 2 || ft.Out(0).Kind() != reflect.Pointer ||
			ft.Out(0).Elem().Name() != m.Name+"Response" {
			continue
		}
		var req reflect.Type
		if ft.NumIn() == 2 {
			req = ft.In(1).Elem()
		}
		body, ok := ft.Out(0).Elem().FieldByName("Body")
		if !ok {
			t.Fatalf("%sResponse has no Body", m.Name)
		}
		out[m.Name] = [2]reflect.Type{req, body.Type.Elem()}
	}
	return out
}

// TestSDKv2FieldsInMergedSpec reflects over every request and response
// struct of SDK v2.1.0 and checks each field exists in the merged spec
// (ice.yaml over generated.yaml) with a type the SDK can send or decode.
// Known exceptions are listed in testdata/sdk_v2_gaps.txt (ice.yaml
// choices, newest-SDK type changes); the test fails when one appears or
// disappears.
func TestSDKv2FieldsInMergedSpec(t *testing.T) {
	s := MustLoad()
	actions := sdkV2Actions(t)
	if len(actions) < 150 {
		t.Fatalf("found %d SDK v2.1.0 Actions, want ~192: the method filter is broken", len(actions))
	}
	var problems []string
	for action, types := range actions {
		_, op, _, err := s.MergedOperation(action)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: not in the merged spec (%v)", action, err))
			continue
		}
		if req := types[0]; req != nil {
			for i := range req.NumField() {
				f := req.Field(i)
				name := jsonName(f)
				if name == "" {
					continue
				}
				p := op.Parameters.GetByInAndName("query", name)
				if p == nil {
					problems = append(problems, fmt.Sprintf("%s request %s: not in the spec", action, name))
					continue
				}
				if why := requestCompatible(f.Type, p); why != "" {
					problems = append(problems, fmt.Sprintf("%s request %s: %s", action, name, why))
				}
			}
		}
		problems = append(problems, responseCompatible(action+" response", types[1], responseSchema(op), 0)...)
	}
	sort.Strings(problems)
	checkGolden(t, "testdata/sdk_v2_gaps.txt", problems, "SDK v2.1.0 fields against the merged spec changed", "TestSDKv2FieldsInMergedSpec")
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// requestCompatible says why the spec cannot accept what the SDK sends for
// a field of type t ("" when it can). Structs and slices travel as JSON
// text (Shrink) or flattened (Name.1…); scalars as their text.
func requestCompatible(t reflect.Type, p *openapi3.Parameter) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if p.Content != nil { // JSON text in a string parameter
		if t.Kind() == reflect.String || t.Kind() == reflect.Struct || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			return ""
		}
		return fmt.Sprintf("SDK %s, spec JSON text", t)
	}
	typ := schemaType(p.Schema.Value)
	switch t.Kind() {
	case reflect.Struct, reflect.Slice, reflect.Map, reflect.Interface:
		if typ == "string" || typ == "object" || typ == "array" || typ == "" {
			return ""
		}
	default:
		if want := scalarType(t); want == typ || typ == "" || typ == "string" && want != "" ||
			want == "number" && typ == "integer" {
			return ""
		}
	}
	return fmt.Sprintf("SDK %s, spec %s", t, typ)
}

// responseCompatible lists where the SDK's decoding of type t would fail or
// lose a field against schema s.
func responseCompatible(path string, t reflect.Type, s *openapi3.Schema, depth int) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s == nil {
		return []string{path + ": not in the spec"}
	}
	if depth > 12 {
		return nil
	}
	typ := schemaType(s)
	if typ == "" {
		return nil // any value
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Map:
		return nil
	case reflect.Struct:
		if typ != "object" {
			return []string{fmt.Sprintf("%s: SDK struct, spec %s", path, typ)}
		}
		var out []string
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if name == "" {
				continue
			}
			ps := property(s, name)
			if ps == nil {
				out = append(out, path+"."+name+": not in the spec")
				continue
			}
			out = append(out, responseCompatible(path+"."+name, f.Type, ps, depth+1)...)
		}
		return out
	case reflect.Slice:
		if typ != "array" {
			return []string{fmt.Sprintf("%s: SDK slice, spec %s", path, typ)}
		}
		var items *openapi3.Schema
		if s.Items != nil {
			items = s.Items.Value
		}
		return responseCompatible(path+"[]", t.Elem(), items, depth+1)
	}
	want := scalarType(t)
	if want == typ || want == "number" && typ == "integer" {
		return nil
	}
	return []string{fmt.Sprintf("%s: SDK %s, spec %s", path, t, typ)}
}

// property finds name among s's properties, through allOf/oneOf/anyOf.
func property(s *openapi3.Schema, name string) *openapi3.Schema {
	if p := s.Properties[name]; p != nil {
		return p.Value
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, ref := range group {
			if p := property(ref.Value, name); p != nil {
				return p
			}
		}
	}
	return nil
}

func schemaType(s *openapi3.Schema) string {
	if s.Type == nil || len(*s.Type) == 0 {
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, ref := range group {
				if t := schemaType(ref.Value); t != "" {
					return t
				}
			}
		}
		if len(s.Properties) > 0 {
			return "object"
		}
		return ""
	}
	return (*s.Type)[0]
}

func scalarType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	}
	return ""
}
