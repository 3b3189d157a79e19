package fake

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/icefake/icefake/openapi"
	"github.com/icefake/icefake/scenarios"
)

// The admin HTTP API: the test control plane under /_icefake/ on the same
// listener, described by openapi/admin.yaml. Every endpoint validates its
// request against that document, calls its Go twin (admin_control.go) and
// answers JSON; errors are {"error": "...", "code": "..."} with a 4xx status.

// adminPrefix is where the test control plane lives, on the same listener.
const adminPrefix = openapi.AdminPrefix

// healthzPath answers even when the admin API is disabled or protected.
const healthzPath = adminPrefix + "healthz"

// maxAdminBody bounds admin request bodies (a scenario file, a fault).
const maxAdminBody = 4 << 20

// adminDoc returns the admin document, parsed on first use (not at package
// init: healthz answers without it).
func adminDoc() *openapi3.T { return openapi.MustLoadAdmin() }

// adminRequest is what an admin handler gets: the validated request.
type adminRequest struct {
	r     *http.Request
	path  map[string]string // path parameters, unescaped
	query url.Values
	body  []byte
}

// adminHandler serves one admin operation: it returns the status and the
// value to encode as JSON, or an error (an *adminError for a 4xx).
type adminHandler func(s *Server, q *adminRequest) (status int, body any, err error)

// adminHandlers maps the operationIds of admin.yaml to their handlers.
var adminHandlers = map[string]adminHandler{
	"Healthz":          adminHealthz,
	"Reset":            adminReset,
	"Scenarios":        adminScenarios,
	"LoadScenario":     adminLoadScenario,
	"ReplaceScenarios": adminReplaceScenarios,
	"RemoveScenario":   adminRemoveScenario,
	"Faults":           adminFaults,
	"InjectFault":      adminInjectFault,
	"RemoveFault":      adminRemoveFault,
	"ClearFaults":      adminClearFaults,
	"Stubs":            adminStubs,
	"InjectStub":       adminInjectStub,
	"RemoveStub":       adminRemoveStub,
	"ClearStubs":       adminClearStubs,
	"Quotas":           adminQuotas,
	"SetQuota":         adminSetQuota,
	"RemoveQuota":      adminRemoveQuota,
	"Clock":            adminClock,
	"Advance":          adminAdvance,
	"SetTime":          adminSetTime,
	"CallsWhere":       adminCallsWhere,
	"ClearJournal":     adminClearJournal,
	"Dump":             adminDump,
	"Index":            adminIndexHandler,
	"IceOpenAPI":       adminIceSpec,
	"IceOpenAPIJSON":   adminIceSpecJSON,
	"AdminOpenAPI":     adminAdminSpec,
	"Metrics":          adminMetrics,
}

// adminRoute is one operation of admin.yaml.
type adminRoute struct {
	method string
	segs   []string // the path template split at "/"; "{x}" matches one segment
	kin    *routers.Route
	// yamlBody marks operations whose body is a scenario document: the
	// scenario parser validates it, not openapi3filter.
	yamlBody bool
}

// adminRoutes returns the admin operations, built on first use.
var adminRoutes = sync.OnceValue(func() []*adminRoute { return buildAdminRoutes(adminDoc()) })

func buildAdminRoutes(doc *openapi3.T) []*adminRoute {
	var out []*adminRoute
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			rt := &adminRoute{
				method: method,
				segs:   strings.Split(path, "/"),
				kin:    &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
			}
			if op.RequestBody != nil && op.RequestBody.Value.Content.Get("application/yaml") != nil {
				rt.yamlBody = true
			}
			out = append(out, rt)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].kin.Path+out[i].method < out[j].kin.Path+out[j].method })
	return out
}

// matchAdminRoute finds r's operation and path parameters. With no route
// for r's method it returns the methods the path has (for 405).
func matchAdminRoute(r *http.Request) (*adminRoute, map[string]string, []string) {
	segs := strings.Split(r.URL.EscapedPath(), "/")
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	var allowed []string
	for _, rt := range adminRoutes() {
		params, ok := matchSegments(rt.segs, segs)
		if !ok {
			continue
		}
		if rt.method == method {
			return rt, params, nil
		}
		allowed = append(allowed, rt.method)
	}
	return nil, nil, allowed
}

func matchSegments(tmpl, segs []string) (map[string]string, bool) {
	if len(tmpl) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[t[1:len(t)-1]] = v
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// adminError is an admin API error answer.
type adminError struct {
	status int
	Msg    string   `json:"error"`
	Code   string   `json:"code"`
	Errors []string `json:"errors,omitempty"`
}

func (e *adminError) Error() string { return e.Code + ": " + e.Msg }

func adminErrorf(status int, code, format string, args ...any) *adminError {
	return &adminError{status: status, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// serveAdmin serves the control plane: healthz always; the rest unless
// disabled (404) or protected by a token the request lacks (401).
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path != healthzPath {
		// The dashboard too: no other web page, and no rebound DNS name,
		// may read or drive the control plane.
		if e := s.adminGuard(r); e != nil {
			writeAdminError(w, e)
			return
		}
	}
	if isUIPath(r.URL.Path) {
		s.serveUI(w, r) // the dashboard (ui.go): HTML pages, not admin.yaml's API
		return
	}
	if r.URL.Path != healthzPath {
		if s.cfg.adminOff {
			writeAdminError(w, adminErrorf(http.StatusNotFound, "AdminDisabled",
				"the admin API is disabled (WithAdmin(false), icefake -admin=false); only GET %s answers", healthzPath))
			return
		}
		if !s.adminAuthorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="icefake"`)
			writeAdminError(w, adminErrorf(http.StatusUnauthorized, "Unauthorized",
				"the admin API needs the header \"Authorization: Bearer <token>\" with the server's admin token"))
			return
		}
	}
	if r.URL.Path == healthzPath && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		// healthz takes no parameters and no body: answered without the
		// admin document, so a process is healthy before it parses it.
		status, body, _ := adminHealthz(s, nil)
		writeAdminJSON(w, status, body)
		return
	}
	rt, params, allowed := matchAdminRoute(r)
	if rt == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeAdminError(w, adminErrorf(http.StatusMethodNotAllowed, "MethodNotAllowed",
				"%s %s: use %s", r.Method, r.URL.Path, strings.Join(allowed, " or ")))
			return
		}
		writeAdminError(w, adminErrorf(http.StatusNotFound, "NotFound", "unknown control endpoint %s", r.URL.Path))
		return
	}
	status, body, err := s.runAdmin(w, r, rt, params)
	if err != nil {
		var ae *adminError
		if !errors.As(err, &ae) {
			ae = adminErrorf(http.StatusBadRequest, "InvalidRequest", "%s", err.Error())
		}
		writeAdminError(w, ae)
		return
	}
	if raw, ok := body.(adminRaw); ok {
		w.Header().Set("Content-Type", raw.contentType)
		w.WriteHeader(status)
		_, _ = w.Write(raw.body)
		return
	}
	writeAdminJSON(w, status, body)
}

func (s *Server) adminAuthorized(r *http.Request) bool {
	if s.cfg.adminToken == "" {
		return true
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	return ok && strings.EqualFold(scheme, "Bearer") &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.cfg.adminToken)) == 1
}

// runAdmin reads and validates the request against its operation, then
// runs the operation's handler.
func (s *Server) runAdmin(w http.ResponseWriter, r *http.Request, rt *adminRoute, params map[string]string) (int, any, error) {
	op := rt.kin.Operation
	h := adminHandlers[op.OperationID]
	if h == nil {
		return 0, nil, adminErrorf(http.StatusNotImplemented, "NotImplemented", "%s is described in admin.yaml but not implemented", op.OperationID)
	}
	q := &adminRequest{r: r, path: params, query: r.URL.Query()}
	if op.RequestBody != nil {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return 0, nil, adminErrorf(http.StatusRequestEntityTooLarge, "RequestTooLarge", "the request body is larger than %d bytes", maxAdminBody)
			}
			return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "reading the request body: %v", err)
		}
		q.body = body
		mt, err := adminMediaType(r, op.RequestBody.Value.Content, body)
		if err != nil {
			return 0, nil, err
		}
		r = r.Clone(r.Context())
		r.Header.Set("Content-Type", mt)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if rt.yamlBody && len(bytes.TrimSpace(body)) == 0 {
			return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "the request body must be a scenario document (YAML)")
		}
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      rt.kin,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, // the token is checked before routing
			ExcludeRequestBody: rt.yamlBody,
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "%s", adminValidationMessage(err))
	}
	return h(s, q)
}

// adminMediaType returns the media type the request's body is read as: the
// operation's first, application/json (JSON bodies) or application/yaml
// (scenario documents), when its Content-Type is one admin.yaml lists. An
// empty body needs none; a body with another type or none is refused with
// 415, so that a web page cannot send one without a CORS preflight
// (docs/fidelity.md "Admin API safety").
func adminMediaType(r *http.Request, content openapi3.Content, body []byte) (string, error) {
	first := "application/yaml"
	if content.Get("application/json") != nil {
		first = "application/json"
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" && len(body) == 0 {
		return first, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && content.Get(mt) != nil {
		return first, nil
	}
	want := first
	if first != "application/json" {
		var also []string
		for mt := range content {
			if mt != first {
				also = append(also, mt)
			}
		}
		sort.Strings(also)
		want += " (or " + strings.Join(also, ", ") + ")"
	}
	if ct == "" {
		return "", adminErrorf(http.StatusUnsupportedMediaType, "UnsupportedMediaType", "no Content-Type: send %s, e.g. curl -H 'Content-Type: %s'", want, first)
	}
	return "", adminErrorf(http.StatusUnsupportedMediaType, "UnsupportedMediaType", "Content-Type %q: send %s, e.g. curl -H 'Content-Type: %s'", ct, want, first)
}

// adminValidationMessage words an openapi3filter error in one line: the
// parameter or body location and the reason, without schema dumps or the
// same reason twice.
func adminValidationMessage(err error) string {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return err.Error()
	}
	where := "request body"
	if re.Parameter != nil {
		where = fmt.Sprintf("%s parameter %q", re.Parameter.In, re.Parameter.Name)
	}
	switch {
	case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
		return where + " is required"
	case errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue):
		return where + " must not be empty"
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		if ptr := se.JSONPointer(); len(ptr) > 0 {
			return fmt.Sprintf("%s: /%s: %s", where, strings.Join(ptr, "/"), se.Reason)
		}
		return fmt.Sprintf("%s: %s", where, se.Reason)
	}
	reason := strings.TrimSpace(re.Reason)
	if re.Parameter == nil && reason == "failed to decode request body" {
		// Only JSON bodies reach the validator (scenarios are parsed apart).
		where, reason = "request body is not valid JSON", ""
	}
	if re.Err != nil {
		switch msg := strings.TrimSpace(re.Err.Error()); {
		case reason == "":
			reason = msg
		case strings.Contains(reason, msg):
		case strings.Contains(msg, reason):
			reason = msg
		default:
			reason += ": " + msg
		}
	}
	if reason == "" {
		reason = "invalid"
	}
	return fmt.Sprintf("%s: %s", where, reason)
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(adminErrorf(status, "InternalError", "encoding the answer: %v", err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeAdminError is the one place admin errors become bytes.
func writeAdminError(w http.ResponseWriter, e *adminError) { writeAdminJSON(w, e.status, e) }

// adminOK is the answer of operations that only change state.
type adminOK struct {
	Status string `json:"status"`
	Tenant string `json:"tenant,omitempty"`
}

var okAnswer = adminOK{Status: "ok"}

func adminHealthz(_ *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, map[string]any{
		"status":     "ok",
		"apiVersion": openapi.APIVersion, // the spec's info.version (TestAPIVersionIsTheSpecs)
		"actions":    SupportedActions(),
		"uptime":     time.Since(startedAt).Round(time.Second).String(),
	}, nil
}

func adminReset(s *Server, q *adminRequest) (int, any, error) {
	if tenant, given := q.query["tenant"]; given {
		s.ResetTenant(tenant[0])
		return http.StatusOK, adminOK{Status: "ok", Tenant: tenant[0]}, nil
	}
	s.Reset()
	return http.StatusOK, okAnswer, nil
}

func adminScenarios(s *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, scenarioList{s.Scenarios()}, nil
}

type scenarioList struct {
	Scenarios []ScenarioInfo `json:"scenarios"`
}

// parseScenario parses the body as the scenario named by ?name=; an invalid
// one is answered with every problem the parser found.
func parseScenario(q *adminRequest) (*scenarios.Scenario, error) {
	name := q.query.Get("name")
	sc, err := scenarios.Parse(name, q.body)
	if err != nil {
		return nil, invalidScenario(err)
	}
	return sc, nil
}

func invalidScenario(err error) *adminError {
	e := adminErrorf(http.StatusBadRequest, "InvalidScenario", "the scenario is invalid")
	for _, p := range scenarios.Errors(err) {
		e.Errors = append(e.Errors, p.Error())
	}
	if len(e.Errors) == 0 {
		e.Errors = []string{err.Error()}
	}
	if len(e.Errors) == 1 {
		e.Msg = "the scenario is invalid: " + e.Errors[0]
	} else {
		e.Msg = fmt.Sprintf("the scenario is invalid: %d problems", len(e.Errors))
	}
	return e
}

func adminLoadScenario(s *Server, q *adminRequest) (int, any, error) {
	sc, err := parseScenario(q)
	if err != nil {
		return 0, nil, err
	}
	if err := s.LoadScenario(sc); err != nil {
		return 0, nil, invalidScenario(err)
	}
	for _, info := range s.Scenarios() {
		if info.Name == sc.Name {
			return http.StatusCreated, info, nil
		}
	}
	return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "scenario %q was removed while it loaded", sc.Name)
}

func adminReplaceScenarios(s *Server, q *adminRequest) (int, any, error) {
	sc, err := parseScenario(q)
	if err != nil {
		return 0, nil, err
	}
	if err := s.ReplaceScenarios(sc); err != nil {
		return 0, nil, invalidScenario(err)
	}
	return http.StatusOK, scenarioList{s.Scenarios()}, nil
}

func adminRemoveScenario(s *Server, q *adminRequest) (int, any, error) {
	name := q.path["name"]
	if err := s.RemoveScenario(name); err != nil {
		if errors.Is(err, errNoScenario) {
			return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "no scenario %q is loaded", name)
		}
		return 0, nil, err
	}
	return http.StatusOK, okAnswer, nil
}

type faultList struct {
	Faults []FaultInfo `json:"faults"`
}

func adminFaults(s *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, faultList{s.Faults()}, nil
}

func adminInjectFault(s *Server, q *adminRequest) (int, any, error) {
	var fw faultWire
	dec := json.NewDecoder(bytes.NewReader(q.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fw); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "request body: %v", err)
	}
	// Twin of InjectFault, which returns a remover rather than the id.
	id, err := s.injectFault(fw.fault(), "")
	if err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidFault", "%s", strings.TrimPrefix(err.Error(), "icefake: "))
	}
	for _, fi := range s.Faults() {
		if fi.ID == id {
			return http.StatusCreated, fi, nil
		}
	}
	return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "fault %d was removed while it was added", id)
}

func adminRemoveFault(s *Server, q *adminRequest) (int, any, error) {
	id, err := strconv.Atoi(q.path["id"])
	if err != nil || !s.RemoveFault(id) {
		return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "no fault rule %s", q.path["id"])
	}
	return http.StatusOK, okAnswer, nil
}

func adminClearFaults(s *Server, _ *adminRequest) (int, any, error) {
	s.ClearFaults()
	return http.StatusOK, okAnswer, nil
}

type quotaList struct {
	Quotas []Quota `json:"quotas"`
}

func adminQuotas(s *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, quotaList{s.Quotas()}, nil
}

func adminSetQuota(s *Server, q *adminRequest) (int, any, error) {
	var in struct {
		Rate  float64 `json:"rate"`
		Burst int     `json:"burst"`
	}
	dec := json.NewDecoder(bytes.NewReader(q.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "request body: %v", err)
	}
	quota := Quota{Action: q.path["action"], Rate: in.Rate, Burst: in.Burst}
	if err := s.SetQuota(quota); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidQuota", "%s", strings.TrimPrefix(err.Error(), "icefake: "))
	}
	return http.StatusOK, quota, nil
}

func adminRemoveQuota(s *Server, q *adminRequest) (int, any, error) {
	action := q.path["action"]
	if !s.RemoveQuota(action) {
		return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "no quota is set for %q", action)
	}
	return http.StatusOK, okAnswer, nil
}

func adminClock(s *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, s.Clock(), nil
}

func adminAdvance(s *Server, q *adminRequest) (int, any, error) {
	var in struct {
		By string `json:"by"`
	}
	if err := json.Unmarshal(q.body, &in); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "request body: %v", err)
	}
	d, err := time.ParseDuration(in.By)
	if err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "by: %v (want a Go duration such as \"90s\" or \"1h30m\")", err)
	}
	if err := s.clock.Advance(d); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "by: %v", err)
	}
	return http.StatusOK, s.Clock(), nil
}

func adminSetTime(s *Server, q *adminRequest) (int, any, error) {
	var in struct {
		Time string `json:"time"`
	}
	if err := json.Unmarshal(q.body, &in); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "request body: %v", err)
	}
	t, err := time.Parse(time.RFC3339Nano, in.Time)
	if err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "time %q: want RFC 3339, e.g. \"2024-01-01T00:00:00Z\"", in.Time)
	}
	if err := s.clock.Set(t); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "time: %v", err)
	}
	return http.StatusOK, s.Clock(), nil
}

type journalAnswer struct {
	Calls   []journalCall `json:"calls"`
	Dropped int           `json:"dropped"`
}

// journalCall is a Call as GET /_icefake/journal lists it: the fields of
// Call under their Go names (Latency in integer nanoseconds, as
// encoding/json writes a time.Duration) plus latencyMs, the same latency in
// milliseconds.
type journalCall struct {
	Call
	LatencyMs float64 `json:"latencyMs"`
}

func newJournalAnswer(calls []Call, dropped int) journalAnswer {
	out := journalAnswer{Calls: make([]journalCall, len(calls)), Dropped: dropped}
	for i, c := range calls {
		out.Calls[i] = journalCall{Call: c, LatencyMs: float64(c.Latency) / float64(time.Millisecond)}
	}
	return out
}

func adminCallsWhere(s *Server, q *adminRequest) (int, any, error) {
	f := CallFilter{Action: q.query.Get("action"), Tenant: q.query.Get("tenant"), Code: q.query.Get("code")}
	var err error
	if v := q.query.Get("status"); v != "" {
		if f.Status, err = strconv.Atoi(v); err != nil {
			return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "status %q: not an integer", v)
		}
	}
	if v := q.query.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil {
			return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "limit %q: not an integer", v)
		}
	}
	return http.StatusOK, newJournalAnswer(s.CallsWhere(f), s.DroppedCalls()), nil
}

func adminClearJournal(s *Server, _ *adminRequest) (int, any, error) {
	s.ClearJournal()
	return http.StatusOK, okAnswer, nil
}

func adminDump(s *Server, q *adminRequest) (int, any, error) {
	return http.StatusOK, s.Dump(q.query.Get("tenant")), nil
}
