package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// ResponseProblem is one place where a canned response body (a stub's)
// does not fit its Action's 200 response schema. Path holds the object
// keys (string) and array indexes (int) from the body's root.
type ResponseProblem struct {
	Path []any
	Msg  string
}

// String renders the problem as "$.A[0].B: message".
func (p ResponseProblem) String() string { return JSONPathOf(p.Path) + ": " + p.Msg }

// JSONPathOf renders a path of keys and indexes as $.A[0].B.
func JSONPathOf(path []any) string {
	var b strings.Builder
	b.WriteString("$")
	for _, e := range path {
		switch e := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", e)
		default:
			fmt.Fprintf(&b, ".%v", e)
		}
	}
	return b.String()
}

// CheckResponseBody checks a canned 200 body for action against the merged
// spec, strictly: every key must be a property the schema names (unless it
// allows any), every value of the schema's type (integers whole, enums
// respected, null only where the schema allows it), then the schema's other
// rules (required, patterns, ranges). The
// body is taken as JSON would encode it. RequestId is never allowed: icefake
// fills it in. It errors for an unknown Action or a body JSON cannot encode.
func (s *Spec) CheckResponseBody(action string, body map[string]any) ([]ResponseProblem, error) {
	_, op, _, err := s.MergedOperation(action)
	if err != nil {
		return nil, err
	}
	var root *openapi3.Schema
	if r := op.Responses.Status(200); r != nil && r.Value != nil {
		if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			root = mt.Schema.Value
		}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("openapi: the response is not JSON-encodable: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var out []ResponseProblem
	if m, ok := v.(map[string]any); ok {
		if _, has := m["RequestId"]; has {
			out = append(out, ResponseProblem{Path: []any{"RequestId"}, Msg: "icefake fills in RequestId; leave it out"})
			delete(m, "RequestId")
		}
	}
	checkValue(root, v, nil, &out)
	if len(out) > 0 || root == nil {
		return out, nil
	}
	// The strict walk passed; the schema's other rules (required,
	// patterns, ranges, formats) as the response self-check applies them.
	var plain map[string]any
	if err := json.Unmarshal(data, &plain); err != nil {
		return nil, err
	}
	plain["RequestId"] = placeholderRequestID
	if err := root.VisitJSON(plain, openapi3.MultiErrors()); err != nil {
		out = append(out, schemaProblems(err)...)
	}
	return out, nil
}

// placeholderRequestID stands in for the RequestId icefake fills in.
const placeholderRequestID = "00000000-0000-0000-0000-000000000000"

// schemaProblems turns kin-openapi's schema errors into problems.
func schemaProblems(err error) []ResponseProblem {
	var out []ResponseProblem
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, x := range e {
				walk(x)
			}
		case *openapi3.SchemaError:
			var path []any
			for _, p := range e.JSONPointer() {
				path = append(path, p)
			}
			out = append(out, ResponseProblem{Path: path, Msg: e.Reason})
		default:
			out = append(out, ResponseProblem{Msg: err.Error()})
		}
	}
	walk(err)
	return out
}

func checkValue(s *openapi3.Schema, v any, path []any, out *[]ResponseProblem) {
	problem := func(format string, args ...any) {
		*out = append(*out, ResponseProblem{Path: append([]any(nil), path...), Msg: fmt.Sprintf(format, args...)})
	}
	if v == nil {
		if s != nil && !s.Nullable && schemaTypeOf(s) != "" {
			problem("must not be null (leave the field out)")
		}
		return
	}
	if s == nil {
		return
	}
	typ := schemaTypeOf(s)
	switch typ {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			problem("must be an object, got %s", jsonKind(v))
			return
		}
		props := objectProperties(s)
		open := s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has || s.AdditionalProperties.Schema != nil
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := props[k]
			if p == nil {
				if !open && len(props) > 0 {
					names := make([]string, 0, len(props))
					for n := range props {
						names = append(names, n)
					}
					sort.Strings(names)
					problem("unknown field %q (known: %s)", k, strings.Join(names, ", "))
				}
				continue
			}
			checkValue(p, m[k], append(path, k), out)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			problem("must be an array, got %s", jsonKind(v))
			return
		}
		if s.Items == nil {
			return
		}
		for i, e := range a {
			checkValue(s.Items.Value, e, append(path, i), out)
		}
	case "string":
		if _, ok := v.(string); !ok {
			problem("must be a string, got %s", jsonKind(v))
		}
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			problem("must be an integer, got %s", jsonKind(v))
		} else if _, err := n.Int64(); err != nil {
			problem("must be an integer, got %s", n)
		}
	case "number":
		if _, ok := v.(json.Number); !ok {
			problem("must be a number, got %s", jsonKind(v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			problem("must be a boolean, got %s", jsonKind(v))
		}
	}
	if len(s.Enum) > 0 && typ == "string" {
		found := false
		for _, e := range s.Enum {
			if e == v {
				found = true
			}
		}
		if !found {
			problem("%v is not one of %v", v, s.Enum)
		}
	}
}

// objectProperties collects s's properties, through allOf/oneOf/anyOf.
func objectProperties(s *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		for n, p := range s.Properties {
			if out[n] == nil {
				out[n] = p.Value
			}
		}
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, ref := range group {
				walk(ref.Value)
			}
		}
	}
	walk(s)
	return out
}

func schemaTypeOf(s *openapi3.Schema) string {
	if s.Type != nil && len(*s.Type) > 0 {
		return (*s.Type)[0]
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, ref := range group {
			if t := schemaTypeOf(ref.Value); t != "" {
				return t
			}
		}
	}
	if len(s.Properties) > 0 {
		return "object"
	}
	return ""
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("%v", v)
	}
	return fmt.Sprintf("%T", v)
}
