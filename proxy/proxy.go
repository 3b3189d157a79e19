// Package proxy is icefake's validating proxy: it forwards each ICE call
// unchanged to the real service (or any upstream), holds both directions
// against the spec icefake serves — unknown, missing or invalid
// parameters; response fields the spec lacks, missing fields, wrong wire
// types; undocumented error codes; status mismatches — and reports every
// call with its drift findings as JSON lines. It can record what it saw as
// a scenario the fake replays, and, with a shadow fake, send each call to
// the fake too and report where the two answers differ.
//
// Secrets never leave it: the report, the journal and the recording keep
// the AccessKeyId and redact Signature, SecurityToken and BearerToken.
package proxy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBody bounds a request or response body the proxy reads.
const maxBody = 32 << 20

// DefaultJournalSize is how many calls Calls keeps by default.
const DefaultJournalSize = 1000

// Options configure a Proxy.
type Options struct {
	// Upstream is where calls go, e.g. https://ice.cn-shanghai.aliyuncs.com;
	// its scheme and host are used, the request's path and query kept.
	Upstream *url.URL
	// Client sends the upstream requests; nil is a client with a 2-minute
	// timeout that does not follow redirects.
	Client *http.Client
	// Report receives one JSON line per call (a Call) and, on Close, one
	// line {"summary": Summary}; nil reports nothing.
	Report io.Writer
	// Shadow, when set, also answers every call; the differences between
	// its answer and the upstream's, after normalising RequestIds, IDs and
	// times, are shadow-diff findings.
	Shadow http.Handler
	// JournalSize is how many calls Calls keeps (oldest dropped); 0 is
	// DefaultJournalSize.
	JournalSize int
	// Now is the clock for call times; nil is time.Now.
	Now func() time.Time
}

// Call is one forwarded call as the journal and the report show it.
type Call struct {
	Seq         int               `json:"seq"`
	Time        time.Time         `json:"time"`
	Action      string            `json:"action,omitempty"`
	AccessKeyId string            `json:"accessKeyId,omitempty"`
	Params      map[string]string `json:"params"` // first value of each; secrets redacted
	Status      int               `json:"status"`
	Code        string            `json:"code,omitempty"` // the error envelope's Code
	Millis      int64             `json:"ms"`
	Findings    []Finding         `json:"findings"`
	// Error is why the upstream gave no answer (the client got a 502).
	Error string `json:"error,omitempty"`
	// Response is the upstream's JSON body, kept when there are findings.
	Response json.RawMessage `json:"response,omitempty"`
}

// Summary counts what the proxy saw.
type Summary struct {
	Calls          int            `json:"calls"`
	CallsWithDrift int            `json:"callsWithDrift"`
	ByRule         map[string]int `json:"byRule"`
}

// Proxy is an http.Handler; create it with New.
type Proxy struct {
	o      Options
	mu     sync.Mutex
	seq    int
	calls  []Call
	sum    Summary
	rec    recording
	shadow *shadowState
}

// Redacted replaces secret parameter values in reports and recordings.
const Redacted = "REDACTED"

// secretParams are parameters whose values never leave the proxy.
var secretParams = map[string]bool{"Signature": true, "SecurityToken": true, "BearerToken": true}

// New returns a Proxy forwarding to o.Upstream.
func New(o Options) (*Proxy, error) {
	if o.Upstream == nil || (o.Upstream.Scheme != "http" && o.Upstream.Scheme != "https") || o.Upstream.Host == "" {
		return nil, errors.New("proxy: the upstream must be an http(s) URL such as https://ice.cn-shanghai.aliyuncs.com")
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 2 * time.Minute}
	}
	c := *o.Client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	o.Client = &c
	if o.JournalSize <= 0 {
		o.JournalSize = DefaultJournalSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	p := &Proxy{o: o, sum: Summary{ByRule: map[string]int{}}, rec: newRecording()}
	if o.Shadow != nil {
		p.shadow = newShadowState()
	}
	return p, nil
}

// ServeHTTP forwards one call, answers with the upstream's answer and
// records the call. GET /_icefake/journal answers the journal ({"calls":
// […]}, newest last) and GET /_icefake/healthz {"status":"ok"}; nothing
// else under /_icefake/ is forwarded.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_icefake/") {
		p.serveOwn(w, r)
		return
	}
	start := p.o.Now()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "icefake proxy: cannot read the request body", http.StatusBadRequest)
		return
	}
	in := readCall(r, body)
	status, header, respBody, upErr := p.forward(r, body)
	if upErr != nil {
		http.Error(w, "icefake proxy: upstream: "+upErr.Error(), http.StatusBadGateway)
	} else {
		for k, vs := range header {
			if !hopByHop[http.CanonicalHeaderKey(k)] {
				w.Header()[k] = vs
			}
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(respBody)))
		w.WriteHeader(status)
		_, _ = w.Write(respBody)
	}

	call := Call{Time: start, Action: in.action, AccessKeyId: in.accessKeyID, Params: redact(in.params), Status: status, Findings: []Finding{}}
	if upErr != nil {
		call.Status, call.Error = http.StatusBadGateway, upErr.Error()
	} else {
		call.Code = envelopeCode(respBody)
		if in.action != "" {
			call.Findings = append(call.Findings, checkRequest(in.action, in.params)...)
			call.Findings = append(call.Findings, checkResponse(in.action, status, respBody)...)
		}
		if p.shadow != nil && in.action != "" {
			call.Findings = append(call.Findings, p.shadowCompare(r, in, body, status, respBody)...)
		}
		if len(call.Findings) > 0 && json.Valid(respBody) {
			call.Response = json.RawMessage(respBody)
		}
	}
	call.Millis = p.o.Now().Sub(start).Milliseconds()
	p.add(call, in, respBody)
}

// add journals and reports a call and feeds the recording.
func (p *Proxy) add(c Call, in *incoming, respBody []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	c.Seq = p.seq
	p.calls = append(p.calls, c)
	if len(p.calls) > p.o.JournalSize {
		p.calls = slices.Delete(p.calls, 0, len(p.calls)-p.o.JournalSize)
	}
	p.sum.Calls++
	if len(c.Findings) > 0 {
		p.sum.CallsWithDrift++
	}
	for _, f := range c.Findings {
		p.sum.ByRule[f.Rule]++
	}
	if p.o.Report != nil {
		b, _ := json.Marshal(c)
		_, _ = p.o.Report.Write(append(b, '\n'))
	}
	if c.Error == "" && in.action != "" {
		p.rec.add(in.action, in.accessKeyID, c.Status, respBody)
	}
}

// Calls returns the journal: the last JournalSize calls, oldest first.
func (p *Proxy) Calls() []Call {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.calls)
}

// Summary returns the counts so far.
func (p *Proxy) Summary() Summary {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sum
	s.ByRule = make(map[string]int, len(p.sum.ByRule))
	for k, v := range p.sum.ByRule {
		s.ByRule[k] = v
	}
	return s
}

// Close writes the summary line to the report.
func (p *Proxy) Close() error {
	if p.o.Report == nil {
		return nil
	}
	b, err := json.Marshal(map[string]Summary{"summary": p.Summary()})
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err = p.o.Report.Write(append(b, '\n'))
	return err
}

func (p *Proxy) serveOwn(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/_icefake/journal":
		_ = json.NewEncoder(w).Encode(map[string][]Call{"calls": p.Calls()})
	case r.Method == http.MethodGet && r.URL.Path == "/_icefake/healthz":
		_, _ = io.WriteString(w, `{"status":"ok"}`+"\n")
	default:
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":"the proxy serves GET /_icefake/journal and /_icefake/healthz"}`+"\n")
	}
}

// hopByHop are headers that belong to one connection, never forwarded.
var hopByHop = map[string]bool{
	"Connection": true, "Proxy-Connection": true, "Keep-Alive": true, "Proxy-Authenticate": true,
	"Proxy-Authorization": true, "Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true,
}

// forward sends the call upstream unchanged but for the connection: the
// path, query, method, headers and body are kept, Host is the upstream's
// (V1 does not sign it; a V3 client reaches the proxy through its HTTP
// proxy setting, so the host it signed is the upstream's).
func (p *Proxy) forward(r *http.Request, body []byte) (int, http.Header, []byte, error) {
	u := *p.o.Upstream
	u.Path, u.RawPath, u.RawQuery = r.URL.Path, r.URL.RawPath, r.URL.RawQuery
	if u.Path == "" {
		u.Path = "/"
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	for k, vs := range r.Header {
		ck := http.CanonicalHeaderKey(k)
		if !hopByHop[ck] && ck != "Accept-Encoding" && ck != "Content-Length" {
			out.Header[k] = vs
		}
	}
	out.Host = p.o.Upstream.Host
	resp, err := p.o.Client.Do(out)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return 0, nil, nil, err
	}
	if len(b) > maxBody {
		return 0, nil, nil, fmt.Errorf("the answer exceeds %d bytes", maxBody)
	}
	return resp.StatusCode, resp.Header, b, nil
}

// incoming is what the proxy reads of a call.
type incoming struct {
	action, accessKeyID string
	params              url.Values // query and body, merged
}

// readCall merges the query and form (or JSON-object) body parameters and
// finds Action and the AccessKeyId, as the POP gateway does.
func readCall(r *http.Request, body []byte) *incoming {
	params, _ := url.ParseQuery(r.URL.RawQuery)
	if params == nil {
		params = url.Values{}
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		form, _ := url.ParseQuery(string(body))
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	case "application/json":
		var obj map[string]any
		if json.Unmarshal(body, &obj) == nil {
			for k, v := range obj {
				s, ok := v.(string)
				if !ok {
					b, _ := json.Marshal(v)
					s = string(b)
				}
				params[k] = append(params[k], s)
			}
		}
	}
	in := &incoming{params: params, action: params.Get("Action"), accessKeyID: params.Get("AccessKeyId")}
	auth := r.Header.Get("Authorization")
	if strings.HasPrefix(auth, "ACS3-") {
		in.action = r.Header.Get("x-acs-action")
		if i := strings.Index(auth, "Credential="); i >= 0 {
			id := auth[i+len("Credential="):]
			if j := strings.IndexAny(id, ", "); j >= 0 {
				id = id[:j]
			}
			in.accessKeyID = id
		}
	}
	if in.action == "" {
		in.action = r.Header.Get("x-acs-action")
	}
	return in
}

// redact returns the first value of each parameter, secrets replaced.
func redact(params url.Values) map[string]string {
	out := make(map[string]string, len(params))
	for k, vs := range params {
		if len(vs) == 0 {
			continue
		}
		if secretParams[k] {
			out[k] = Redacted
			continue
		}
		out[k] = vs[0]
	}
	return out
}

// envelopeCode returns an error envelope's Code, or "".
func envelopeCode(body []byte) string {
	var e struct{ Code string }
	_ = json.Unmarshal(body, &e)
	return e.Code
}
