package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/icefake/icefake/openapi"
)

// iceSpec returns the embedded document, parsed on first use (not at package
// init, so that a process starts serving — healthz included — without
// paying for it; docs/architecture.md "Performance").
func iceSpec() *openapi.Spec { return openapi.MustLoad() }

// route is what validation needs of one Action, built once per process.
type route struct {
	action string
	op     *openapi3.Operation
	kin    *routers.Route
	// jsonParams are the parameters carried as JSON text (content: application/json).
	jsonParams []string
	// known are the operation's parameter names, each mapped to itself (the
	// spec's string, which keptParams keys the kept parameters with): any
	// other parameter a call carries is ignored (params_keep.go).
	known map[string]string
	// okBody is the 200 body schema compiled for the self-check's fast path
	// (respcheck.go); nil when the operation needs the full check.
	okBody *respNode
	// fastReq is the parameters compiled for validation's fast path
	// (reqcheck.go); nil when the operation needs the full validation.
	fastReq *reqCheck
	// anonymous: the SDK sends this Action unsigned (x-icefake-auth:
	// anonymous), so an unsigned call passes authentication (auth.go).
	anonymous bool
}

var loadRoutes = sync.OnceValue(func() map[string]*route { return buildRoutes(iceSpec()) })

// routeFor returns the route of action, nil for an Action not in the spec.
func routeFor(action string) *route { return loadRoutes()[action] }

// PreloadSpec parses the embedded specs (API and admin) and prepares every
// route now rather than on the first call that needs them; cmd/icefake
// calls it in the background once it is listening. Safe to call from any
// goroutine, any number of times.
func PreloadSpec() {
	loadRoutes()
	adminRoutes()
}

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
		action:    action,
		op:        op,
		kin:       &routers.Route{Spec: doc, Path: path, PathItem: doc.Paths.Value(path), Method: http.MethodPost, Operation: op},
		known:     make(map[string]string, len(op.Parameters)),
		anonymous: openapi.Anonymous(op),
	}
	for _, p := range op.Parameters {
		r.known[p.Value.Name] = p.Value.Name
		if p.Value.Content.Get("application/json") != nil {
			r.jsonParams = append(r.jsonParams, p.Value.Name)
		}
	}
	r.okBody = compileOKBody(op)
	r.fastReq = compileReqCheck(doc, r.kin.PathItem, op)
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
//
// The compiled fast path (reqcheck.go) accepts what it can show valid; any
// other request takes the full path, whose error is the answer
// (docs/architecture.md "Performance").
func validateRequest(ctx context.Context, rt *route, r *http.Request, params url.Values) error {
	q, err := presentParams(params)
	if err != nil {
		return err
	}
	for _, p := range rt.op.Parameters {
		if p.Value.Required && q.Get(p.Value.Name) == "" {
			return missingParameter(p.Value.Name)
		}
	}
	if rt.fastReq != nil && timelineWithinLimits(rt, q) && rt.fastReq.valid(q) {
		if reqCrossCheck {
			if err := validateFully(ctx, rt, r, q); err != nil {
				panic(fmt.Sprintf("icefake: validation fast path accepted a %s request the full validation rejects: %v\n%v", rt.action, err, q))
			}
		}
		return nil
	}
	return validateFully(ctx, rt, r, q)
}

// timelineWithinLimits reports whether the route's Timeline, if given,
// passes checkTimelineLimits; otherwise the full path answers, in its order.
func timelineWithinLimits(rt *route, q url.Values) bool {
	for _, name := range rt.jsonParams {
		if name == "Timeline" {
			if v := q.Get(name); v != "" && checkTimelineLimits(name, v) != nil {
				return false
			}
		}
	}
	return true
}

// reqCrossCheck makes every fast-path "valid" verdict of validateRequest be
// confirmed by the full validation, panicking on a disagreement; the
// package's tests set it.
var reqCrossCheck bool

// validateFully is validateRequest's full path: Timeline limits and JSON
// syntax, then kin-openapi. q holds the present parameters.
func validateFully(ctx context.Context, rt *route, r *http.Request, q url.Values) error {
	// The value each JSON parameter decodes to is handed to kin-openapi
	// (ParamDecoder), which would otherwise decode it again.
	var parsed map[string]any
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
			var val any
			if json.Unmarshal([]byte(v), &val) != nil {
				continue // kin-openapi's own decoder answers (decodeContentParam)
			}
			if parsed == nil {
				parsed = make(map[string]any, len(rt.jsonParams))
			}
			parsed[name] = val
		}
	}
	in := &openapi3filter.RequestValidationInput{Request: r, QueryParams: q, Route: rt.kin, Options: validationOptions}
	if parsed != nil {
		in.ParamDecoder = func(p *openapi3.Parameter, values []string) (any, *openapi3.Schema, error) {
			if v, ok := parsed[p.Name]; ok && len(values) == 1 && len(p.Content) == 1 {
				if mt := p.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					return v, mt.Schema.Value, nil
				}
			}
			return decodeContentParam(p, values)
		}
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return mapValidationError(err)
	}
	return nil
}

// presentParams returns params without the empty ones (absent, for required
// checks and JSON parameters alike), sharing params when none is empty. A
// value that is not valid UTF-8 is an error (responses are JSON, which
// cannot carry the bytes back as sent); the first such name in byte order
// is reported.
func presentParams(params url.Values) (url.Values, error) {
	clean := true
	for _, v := range params {
		if len(v) > 0 && (v[0] == "" || !utf8.ValidString(v[0])) {
			clean = false
			break
		}
	}
	if clean {
		return params, nil
	}
	q := make(url.Values, len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		v := params[k]
		if len(v) > 0 && v[0] == "" {
			continue
		}
		if len(v) > 0 && !utf8.ValidString(v[0]) {
			return nil, invalidParameter(k, "The value is not valid UTF-8.")
		}
		q[k] = v
	}
	return q, nil
}

// decodeContentParam decodes a content: application/json parameter as
// kin-openapi's default decoder does (openapi3filter
// defaultContentParameterDecoder), for the values validateRequest did not
// parse itself (a parameter given more than once).
func decodeContentParam(p *openapi3.Parameter, values []string) (any, *openapi3.Schema, error) {
	if len(values) > 1 && p.In != openapi3.ParameterInQuery {
		return nil, nil, fmt.Errorf("%s parameter %q cannot have multiple values", p.In, p.Name)
	}
	if p.Content == nil {
		return nil, nil, fmt.Errorf("parameter %q expected to have content", p.Name)
	}
	if len(p.Content) != 1 {
		return nil, nil, fmt.Errorf("multiple content types for parameter %q", p.Name)
	}
	mt := p.Content.Get("application/json")
	if mt == nil {
		return nil, nil, fmt.Errorf("parameter %q has no content schema", p.Name)
	}
	if mt.Schema == nil {
		return nil, nil, fmt.Errorf("parameter %q content media type has no schema", p.Name)
	}
	schema := mt.Schema.Value
	unmarshal := func(encoded string, s *openapi3.SchemaRef) (decoded any, err error) {
		if err = json.Unmarshal([]byte(encoded), &decoded); err != nil {
			if s != nil && !s.Value.Type.Is("object") {
				decoded, err = encoded, nil
			}
		}
		return decoded, err
	}
	if len(values) == 1 {
		v, err := unmarshal(values[0], mt.Schema)
		if err != nil {
			return nil, schema, fmt.Errorf("error unmarshaling parameter %q", p.Name)
		}
		return v, schema, nil
	}
	out := make([]any, 0, len(values))
	for _, v := range values {
		item, err := unmarshal(v, schema.Items)
		if err != nil {
			return nil, schema, fmt.Errorf("error unmarshaling parameter %q", p.Name)
		}
		out = append(out, item)
	}
	return out, schema, nil
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

// compileOKBody compiles op's 200 JSON body schema for the fast path, or
// returns nil when the full check must run (response headers to check, no
// JSON content, or a schema outside respcheck.go's subset).
func compileOKBody(op *openapi3.Operation) *respNode {
	if op.Responses == nil {
		return nil
	}
	ref := op.Responses.Status(http.StatusOK)
	if ref == nil || ref.Value == nil || len(ref.Value.Headers) > 0 {
		return nil
	}
	mt := ref.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	n, ok := compileResponseSchema(mt.Schema.Value)
	if !ok {
		return nil
	}
	return n
}

// respCrossCheck makes every fast-path "valid" verdict be confirmed by the
// full check, panicking on a disagreement; the package's tests set it.
var respCrossCheck bool

// checkOKResponse is the self-check of a 200 body: the compiled fast path,
// else (or when it cannot show the body valid) checkResponse, whose verdict
// and message are the answer.
func checkOKResponse(ctx context.Context, rt *route, r *http.Request, body []byte) error {
	if rt.okBody != nil && rt.okBody.validJSON(body) {
		if respCrossCheck {
			if err := checkResponse(ctx, rt, r, http.StatusOK, body); err != nil {
				panic(fmt.Sprintf("icefake: response fast path accepted a %s body the full check rejects: %v\n%s", rt.action, err, body))
			}
		}
		return nil
	}
	return checkResponse(ctx, rt, r, http.StatusOK, body)
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
