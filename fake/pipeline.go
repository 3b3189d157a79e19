package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/icefake/icefake/openapi"
)

// call is one API request as it moves through the pipeline. Handlers read
// Action, Tenant, Params and Now; the pipeline fills the rest.
type call struct {
	RequestId string
	Method    string
	Action    string
	Tenant    string
	// Params are the operation's parameters (common POP parameters removed),
	// decoded and validated; Get returns "" for an absent one.
	Params url.Values
	// Now is the virtual clock's time when the call arrived.
	Now time.Time

	route    *route
	auth     string
	fault    string
	stub     string // the stub rule that answered, if any (stubs.go)
	truncate bool
	problem  string
	ignored  []string // unknown parameters' names (params_keep.go)
	// quotaPending: the call's quota bucket is made once it is accepted
	// (quotas.go commitQuota).
	quotaPending bool
}

// response is implemented by every success body: the pipeline stamps the
// RequestId.
type response interface{ setRequestID(string) }

// meta is embedded by every success body.
type meta struct {
	RequestId string `json:"RequestId"`
}

func (m *meta) setRequestID(id string) { m.RequestId = id }

// ServeHTTP runs the request pipeline (docs/architecture.md "Request pipeline"):
// envelope → authentication → route → validate → faults → handler → encode
// → response self-check → journal. Paths under /_icefake/ are the test
// control plane.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	if s.frontEnd(w, r) {
		return
	}
	started := time.Now()
	c := &call{RequestId: s.ids.requestID(), Method: r.Method, Now: s.clock.Now()}
	var (
		status = http.StatusOK
		body   []byte
		apiErr *APIError
		pooled *[]byte // body's buffer, back to bodyBufs once written
	)
	res, err := s.process(r, c)
	if err == nil {
		body, pooled, err = s.encode(r, c, res)
	}
	var tf *transportFault
	if err != nil && errors.As(err, &tf) {
		// Journal first: a client that sees the dropped connection may read
		// the journal at once.
		c.problem = "scripted fault: " + c.fault
		s.record(c, transportStatus(tf.kind), nil, time.Since(started))
		s.writeTransportFault(w, r, tf.kind)
		return
	}
	if err != nil {
		apiErr = s.errorFor(err, c)
		status = apiErr.HTTPStatus()
		body = s.errorBody(r, c, apiErr)
	}
	h := w.Header()
	// As h.Set does, without canonicalizing the names on every call.
	// One backing array for both values, each slice capped so an append
	// copies.
	vals := [2]string{"application/json;charset=utf-8", c.RequestId}
	hv := vals[:]
	h["Content-Type"] = hv[0:1:1]
	h["X-Acs-Request-Id"] = hv[1:2:2]
	if apiErr != nil {
		for k, vs := range apiErr.Header {
			h[k] = vs
		}
	}
	if s.cfg.explain {
		h.Set("x-icefake-explain", explain(c, status))
	}
	if c.truncate && apiErr == nil {
		body = body[:len(body)/2]
		c.problem = "scripted fault: " + c.fault
	}
	w.WriteHeader(status)
	_, _ = w.Write(body) // a Writer does not keep body (io.Writer)
	if pooled != nil {
		putBodyBuf(pooled)
	}
	s.record(c, status, apiErr, time.Since(started))
}

// bodyBufs holds success bodies' buffers between calls.
var bodyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func putBodyBuf(bp *[]byte) {
	if cap(*bp) <= 64<<10 { // do not keep a huge body's buffer alive
		bodyBufs.Put(bp)
	}
}

// process runs every step up to the handler and returns its response.
func (s *Server) process(r *http.Request, c *call) (response, error) {
	if r.URL.Path != "/" {
		return nil, NewError(CodeInvalidAPINotFound)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, NewError(CodeUnsupportedHTTPMethod)
	}
	env, err := readEnvelope(r)
	if err != nil {
		return nil, err
	}
	c.Action = env.action
	switch {
	case env.action == "":
		return nil, NewError(CodeMissingAction)
	case env.version == "":
		return nil, NewError(CodeMissingVersion)
	case env.version != openapi.APIVersion:
		e := NewError(CodeInvalidVersion)
		e.Explain = fmt.Sprintf("Version %q; icefake serves %s", env.version, openapi.APIVersion)
		return nil, e
	}
	rt, err := lookupRoute(env.action)
	if err != nil {
		return nil, err
	}
	if rt == nil {
		e := NewError(CodeInvalidActionNotFound)
		e.Explain = fmt.Sprintf("Action %q is not in the spec", env.action)
		return nil, e
	}
	c.route = rt
	auth, err := s.authenticate(r, env, rt.anonymous)
	c.Tenant, c.auth = auth.tenant, auth.verdict
	if err != nil {
		return nil, err
	}
	if err := checkRepeated(env.params); err != nil {
		return nil, err
	}
	c.Params, c.ignored = keptParams(rt, env.params)
	if err := s.checkQuota(c); err != nil {
		return nil, err
	}
	if err := validateRequest(r.Context(), rt, r, c.Params); err != nil {
		return nil, submitTimelineError(c.Action, err)
	}
	if err := s.commitQuota(c); err != nil {
		return nil, err
	}
	if err := s.applyFault(r.Context(), c); err != nil {
		return nil, err
	}
	if res, ok := s.applyStub(c); ok {
		return res, nil
	}
	h := operations[env.action]
	if h == nil {
		return nil, NewError(CodeNotImplemented, env.action)
	}
	return h(s, c)
}

// encode marshals a success body and, when on, checks it against the spec.
// A body written by the response's own appendJSON lives in a bodyBufs
// buffer, returned as pooled for the caller to put back once the body is
// written; pooled is nil otherwise.
func (s *Server) encode(r *http.Request, c *call, res response) (body []byte, pooled *[]byte, err error) {
	res.setRequestID(c.RequestId)
	if ja, ok := res.(jsonAppender); ok {
		bp := bodyBufs.Get().(*[]byte)
		if b, ok := ja.appendJSON((*bp)[:0]); ok {
			body, pooled = b, bp
			*bp = b[:0]
		} else {
			putBodyBuf(bp)
		}
	}
	if body == nil {
		if body, err = json.Marshal(res); err != nil {
			return nil, nil, fmt.Errorf("icefake: encode %s response: %w", c.Action, err)
		}
	}
	if s.cfg.validateResponse {
		if err := checkOKResponse(context.WithoutCancel(r.Context()), c.route, r, body); err != nil {
			if pooled != nil {
				putBodyBuf(pooled)
			}
			s.logger.Error("icefake response self-check failed", slog.String("request_id", c.RequestId), slog.String("action", c.Action), slog.String("error", err.Error()))
			return nil, nil, &APIError{Code: CodeInternalError, Message: fmt.Sprintf("icefake: the %s response fails its own schema (self-check): %v", c.Action, err)}
		}
	}
	return body, pooled, nil
}

// errorFor maps any error to the APIError answered; an error that is not an
// APIError is an internal error, logged with its detail and answered with the
// catalogue's generic message.
func (s *Server) errorFor(err error, c *call) *APIError {
	var ae *APIError
	if !errors.As(err, &ae) {
		s.logger.Error("icefake internal error", slog.String("request_id", c.RequestId), slog.String("action", c.Action), slog.String("error", err.Error()))
		c.problem = err.Error()
		return NewError(CodeInternalError)
	}
	c.problem = ae.Explain
	if c.problem == "" {
		c.problem = ae.Message
	}
	return ae
}

// errorEnvelope is the POP error body (ICE API reference: error codes).
type errorEnvelope struct {
	RequestId string `json:"RequestId"`
	HostId    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// errorBody is the one place an error becomes bytes.
func (s *Server) errorBody(r *http.Request, c *call, e *APIError) []byte {
	host := s.cfg.hostID
	if host == "" {
		host = r.Host
	}
	body, _ := json.Marshal(errorEnvelope{
		RequestId: c.RequestId,
		HostId:    host,
		Code:      string(e.Code),
		Message:   e.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(string(e.Code)) + "&product=ICE&requestId=" + c.RequestId,
	})
	return body
}

// record journals the call and logs one line for it.
func (s *Server) record(c *call, status int, e *APIError, latency time.Duration) {
	entry := Call{
		Time:      c.Now,
		RequestId: c.RequestId,
		Method:    c.Method,
		Tenant:    c.Tenant,
		Action:    c.Action,
		Status:    status,
		Auth:      c.auth,
		Fault:     c.fault,
		Stub:      c.stub,
		Problem:   c.problem,
		Ignored:   c.ignored,
		Latency:   latency,
	}
	if e != nil {
		entry.Code = string(e.Code)
		entry.Message = e.Message
	}
	s.metrics.observe(c.Action, status, entry.Code, latency)
	action := ""
	if c.route != nil {
		action = c.route.action
	}
	held := journalEntry(entry, c.Params, action)
	s.journal.add(&held)
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
	case status >= 400:
		level = slog.LevelWarn
	}
	s.logger.LogAttrs(context.Background(), level, "request",
		slog.String("request_id", c.RequestId),
		slog.String("method", c.Method),
		slog.String("action", c.Action),
		slog.String("tenant", c.Tenant),
		slog.Int("status", status),
		slog.String("code", entry.Code),
		slog.String("auth", c.auth),
		slog.String("fault", c.fault),
		slog.Float64("latency_ms", float64(latency)/float64(time.Millisecond)),
	)
}

// explain is the one-line reason sent in x-icefake-explain (opt-in).
func explain(c *call, status int) string {
	parts := []string{fmt.Sprintf("%d", status)}
	if c.auth != "" {
		parts = append(parts, "auth: "+c.auth)
	}
	if c.fault != "" {
		parts = append(parts, "fault: "+c.fault)
	}
	if c.stub != "" {
		parts = append(parts, c.stub)
	}
	if c.problem != "" && !strings.HasPrefix(c.problem, "scripted fault: ") {
		parts = append(parts, "problem: "+c.problem)
	}
	// Header values must be one line of visible ASCII or spaces.
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, strings.Join(parts, "; "))
}
