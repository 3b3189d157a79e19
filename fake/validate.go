package fake

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/icefake/icefake/openapi"
)

// spec is the embedded document, parsed once per process.
var spec = openapi.MustLoad()

// route is what validation needs of one Action, built once per process.
type route struct {
	action string
	op     *openapi3.Operation
	kin    *routers.Route
	// jsonParams are the parameters carried as JSON text (content: application/json).
	jsonParams []string
	// known are the operation's parameter names: any other parameter a
	// call carries is ignored (params_keep.go).
	known map[string]bool
}

var routes = buildRoutes(spec)

func buildRoutes(s *openapi.Spec) map[string]*route {
	out := make(map[string]*route, len(s.Operations))
	for action, op := range s.Operations {
		out[action] = newRoute(action, s.Doc, op)
	}
	return out
}

// newRoute describes one Action's operation of doc, at its virtual path
// /{Action}.
func newRoute(action string, doc *openapi3.T, op *openapi3.Operation) *route {
	path := "/" + action
	r := &route{
		action: action,
		op:     op,
		kin:    &routers.Route{Spec: doc, Path: path, PathItem: doc.Paths.Value(path), Method: http.MethodPost, Operation: op},
		known:  make(map[string]bool, len(op.Parameters)),
	}
	for _, p := range op.Parameters {
		r.known[p.Value.Name] = true
		if p.Value.Content.Get("application/json") != nil {
			r.jsonParams = append(r.jsonParams, p.Value.Name)
		}
	}
	return r
}

var validationOptions = &openapi3filter.Options{
	ExcludeRequestBody:  true,
	SkipSettingDefaults: true,
	MultiError:          false,
}

// validateRequest checks the Action's parameters against its operation and
// maps the first problem to the service's error: a required parameter that
// is absent or empty → 400 MissingParameter; a wrong type, enum value or JSON
// text (syntax or structure) → 400 InvalidParameter naming the parameter and,
// inside JSON, the path (docs/architecture.md "Request pipeline" step 4).
//
// Empty JSON-carrying parameters count as absent: an empty Timeline is an
// empty timeline (docs/fidelity.md "Lifecycle").
func validateRequest(ctx context.Context, rt *route, r *http.Request, params url.Values) error {
	q := make(url.Values, len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		v := params[k]
		if len(v) > 0 && v[0] == "" {
			continue // absent, for required checks and JSON parameters alike
		}
		if len(v) > 0 && !utf8.ValidString(v[0]) {
			// Responses are JSON, which cannot carry the bytes back as sent.
			return invalidParameter(k, "The value is not valid UTF-8.")
		}
		q[k] = v
	}
	for _, p := range rt.op.Parameters {
		if p.Value.Required && q.Get(p.Value.Name) == "" {
			return missingParameter(p.Value.Name)
		}
	}
	for _, name := range rt.jsonParams {
		if v := q.Get(name); v != "" {
			if name == "Timeline" {
				if err := checkTimelineLimits(name, v); err != nil {
					return err
				}
			}
			if err := checkJSONSyntax(name, v); err != nil {
				return err
			}
		}
	}
	in := &openapi3filter.RequestValidationInput{Request: r, QueryParams: q, Route: rt.kin, Options: validationOptions}
	err := openapi3filter.ValidateRequest(ctx, in)
	if err == nil {
		return nil
	}
	return mapValidationError(err)
}

// checkJSONSyntax reports JSON text that does not parse (e.g. a trailing comma
// or a // comment, as in the Timeline corpus 16 and 19) with its line and column.
func checkJSONSyntax(name, text string) error {
	if p := JSONSyntax(text); p != nil {
		return invalidParameter(name, "%s", p.Reason)
	}
	return nil
}

// lineCol turns a json.SyntaxError offset (bytes read, the bad one
// included) into the 1-based line and column of the offending byte.
func lineCol(text string, offset int) (line, col int) {
	pos := min(max(offset-1, 0), len(text))
	before := text[:pos]
	line = strings.Count(before, "\n") + 1
	col = pos - strings.LastIndexByte(before, '\n')
	return line, col
}

func mapValidationError(err error) error {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) || re.Parameter == nil {
		return fmt.Errorf("icefake: unexpected validation error: %w", err)
	}
	name := re.Parameter.Name
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		return invalidParameter(name, "%s", schemaProblem(se).Reason)
	}
	if re.Err != nil && strings.Contains(re.Err.Error(), "required but missing") ||
		strings.Contains(re.Reason, "required but missing") {
		return missingParameter(name)
	}
	reason := strings.TrimSpace(re.Reason)
	if detail := errString(re.Err); detail != "" && !strings.EqualFold(detail, reason) {
		reason = strings.TrimSpace(reason + " " + detail)
	}
	return invalidParameter(name, "%s.", upperFirst(reason))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkResponse validates an encoded response against the operation's
// response schema for its status (docs/architecture.md, pipeline step 9).
func checkResponse(ctx context.Context, rt *route, r *http.Request, status int, body []byte) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, QueryParams: url.Values{}, Route: rt.kin, Options: validationOptions},
		Status:                 status,
		Header:                 http.Header{"Content-Type": {"application/json"}},
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(ctx, in)
}
