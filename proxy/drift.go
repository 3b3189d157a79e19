package proxy

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/openapi"
)

// Finding is one way a call differs from the spec (or, with a shadow
// fake, from the fake's answer).
type Finding struct {
	// Rule is a stable ID: request-unknown-action,
	// request-unknown-parameter, request-missing-parameter,
	// request-invalid-parameter, response-not-json, response-unknown-field,
	// response-missing-field, response-wrong-type, response-invalid-value,
	// undocumented-error-code, status-mismatch, shadow-diff.
	Rule string `json:"rule"`
	// Path locates it: a parameter name for request rules, a JSON path
	// into the response body for response rules ("$" for the whole body).
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Rule IDs.
const (
	RuleUnknownAction    = "request-unknown-action"
	RuleUnknownParameter = "request-unknown-parameter"
	RuleMissingParameter = "request-missing-parameter"
	RuleInvalidParameter = "request-invalid-parameter"
	RuleNotJSON          = "response-not-json"
	RuleUnknownField     = "response-unknown-field"
	RuleMissingField     = "response-missing-field"
	RuleWrongType        = "response-wrong-type"
	RuleInvalidValue     = "response-invalid-value"
	RuleUndocumentedCode = "undocumented-error-code"
	RuleStatusMismatch   = "status-mismatch"
	RuleShadowDifference = "shadow-diff"
)

// spec names the document findings refer to.
const spec = "openapi/ice.yaml"

// iceSpec returns the ICE document, parsed on first use (not at package
// init, which every icefake start would pay).
func iceSpec() *openapi.Spec { return openapi.MustLoad() }

// checkRequest holds a call's parameters against action's operation in
// the spec: unknown, missing and invalid parameters (each checked with the
// server's own parameter validation, fake.CheckParameter).
func checkRequest(action string, params url.Values) []Finding {
	op := iceSpec().Operations[action]
	if op == nil {
		return []Finding{{Rule: RuleUnknownAction, Path: "Action", Message: fmt.Sprintf("Action %q is not in the spec (%s).", action, spec)}}
	}
	var out []Finding
	known := map[string]bool{}
	for _, ref := range op.Parameters {
		p := ref.Value
		known[p.Name] = true
		v := params.Get(p.Name)
		if v == "" {
			if p.Required {
				out = append(out, Finding{Rule: RuleMissingParameter, Path: p.Name, Message: fmt.Sprintf("Required parameter %s is missing.", p.Name)})
			}
			continue
		}
		if prob, err := fake.CheckParameter(action, p.Name, v); err == nil && prob != nil {
			out = append(out, Finding{Rule: RuleInvalidParameter, Path: p.Name, Message: prob.Reason})
		}
	}
	for _, name := range sortedKeys(params) {
		if !known[name] && !fake.IsCommonParameter(name) {
			out = append(out, Finding{Rule: RuleUnknownParameter, Path: name, Message: fmt.Sprintf("Parameter %s is not a parameter of %s in the spec.", name, action)})
		}
	}
	return out
}

// checkResponse holds an answer against the spec: a 2xx body against the
// operation's response schema (every problem, not just the first), an
// error envelope against the Error schema, its Code against the catalogue
// and the Action's documented codes, and its status against the code's.
func checkResponse(action string, status int, body []byte) []Finding {
	op := iceSpec().Operations[action]
	if op == nil {
		return nil // the request finding says it all
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []Finding{{Rule: RuleNotJSON, Path: "$", Message: fmt.Sprintf("The %d answer is not JSON: %s.", status, firstLine(body))}}
	}
	if status >= 200 && status < 300 {
		resp := op.Responses.Status(status)
		if resp == nil {
			resp = op.Responses.Status(200)
		}
		if resp == nil || resp.Value == nil || resp.Value.Content.Get("application/json") == nil {
			return nil
		}
		return schemaFindings(resp.Value.Content.Get("application/json").Schema.Value, v)
	}
	out := schemaFindings(iceSpec().Doc.Components.Schemas["Error"].Value, v)
	m, _ := v.(map[string]any)
	code, _ := m["Code"].(string)
	if code == "" {
		return out
	}
	ec, inCatalogue := iceSpec().Errors[code]
	switch {
	case !inCatalogue || ec.Job:
		out = append(out, Finding{Rule: RuleUndocumentedCode, Path: "$.Code", Message: fmt.Sprintf("Code %q (HTTP %d) is not in the spec's error catalogue.", code, status)})
	case !slices.Contains(iceSpec().ActionErrors[action], code):
		out = append(out, Finding{Rule: RuleUndocumentedCode, Path: "$.Code", Message: fmt.Sprintf("Code %q is not listed among %s's error codes in the spec.", code, action)})
	}
	if inCatalogue && !ec.Job && ec.Status != status {
		out = append(out, Finding{Rule: RuleStatusMismatch, Path: "$", Message: fmt.Sprintf("Code %s came with HTTP %d; the spec says %d.", code, status, ec.Status)})
	}
	return out
}

var propertyName = regexp.MustCompile(`^property "(.*)" is (unsupported|missing)$`)

// schemaFindings validates v against schema and classifies every problem.
func schemaFindings(schema *openapi3.Schema, v any) []Finding {
	err := schema.VisitJSON(v, openapi3.MultiErrors())
	if err == nil {
		return nil
	}
	var errs []error
	var me openapi3.MultiError
	if errors.As(err, &me) {
		errs = me
	} else {
		errs = []error{err}
	}
	var out []Finding
	for _, e := range errs {
		var se *openapi3.SchemaError
		if !errors.As(e, &se) {
			out = append(out, Finding{Rule: RuleInvalidValue, Path: "$", Message: e.Error()})
			continue
		}
		ptr := se.JSONPointer()
		f := Finding{Rule: RuleInvalidValue, Path: openapi.JSONPath(ptr), Message: upperFirst(se.Reason) + "."}
		if m := propertyName.FindStringSubmatch(se.Reason); m != nil {
			if m[2] == "unsupported" {
				// The pointer is the object's; a missing property's
				// pointer already names the property.
				f.Path = openapi.JSONPath(append(slices.Clone(ptr), m[1]))
				f.Rule, f.Message = RuleUnknownField, fmt.Sprintf("Field %s is not in the spec's response schema.", m[1])
			} else {
				f.Rule, f.Message = RuleMissingField, fmt.Sprintf("Required field %s is missing.", m[1])
			}
		} else if se.SchemaField == "type" {
			f.Rule, f.Message = RuleWrongType, fmt.Sprintf("%s, got %s %s.", upperFirst(se.Reason), jsonKind(se.Value), clip(se.Value))
		}
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Finding) int {
		return strings.Compare(a.Path+"\x00"+a.Rule, b.Path+"\x00"+b.Rule)
	})
	return out
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

// clip renders a value for a message, shortened.
func clip(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return strconv.Quote(s)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func sortedKeys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
