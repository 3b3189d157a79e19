package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/icefake/icefake/fake/popsign"
)

// adminResp is one admin API answer.
type adminResp struct {
	status int
	header http.Header
	body   []byte
}

// obj decodes the body as a JSON object.
func (r adminResp) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("admin body is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// into decodes the body into v.
func (r adminResp) into(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("admin body does not decode into %T: %v\n%s", v, err, r.body)
	}
}

// adminCall sends one admin request through Handler and checks the answer
// against openapi/admin.yaml: the operation's declared response when the
// request routes, else the Error schema. header holds name, value pairs.
// A body starting with "{" is sent as JSON, any other as YAML, unless a
// Content-Type header is given; an empty header value removes the header.
func adminCall(t *testing.T, s *Server, method, target, body string, header ...string) adminResp {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	req.Host = "127.0.0.1:18930" // httptest's example.com is not an allowed admin Host
	if body != "" {
		if strings.HasPrefix(body, "{") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/yaml")
		}
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		if header[i+1] == "" {
			req.Header.Del(header[i]) // e.g. "Content-Type", "": send none
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	resp := adminResp{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	checkAdminResponse(t, req, resp)
	return resp
}

func checkAdminResponse(t *testing.T, req *http.Request, resp adminResp) {
	t.Helper()
	if req.Method == http.MethodHead {
		return
	}
	rt, params, _ := matchAdminRoute(req)
	if ct := resp.header.Get("Content-Type"); ct != "application/json" && !declaresContent(rt, resp.status, ct) {
		t.Errorf("%s %s: Content-Type = %q, want application/json or a type admin.yaml declares", req.Method, req.URL, ct)
	}
	if rt == nil {
		var v any
		if err := json.Unmarshal(resp.body, &v); err != nil {
			t.Fatalf("%s %s: body is not JSON: %v\n%s", req.Method, req.URL, err, resp.body)
		}
		if err := adminDoc().Components.Schemas["Error"].Value.VisitJSON(v); err != nil {
			t.Errorf("%s %s: %d body fails the Error schema: %v\n%s", req.Method, req.URL, resp.status, err, resp.body)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: rt.kin},
		Status:                 resp.status,
		Header:                 resp.header,
		Body:                   io.NopCloser(bytes.NewReader(resp.body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(t.Context(), in); err != nil {
		t.Errorf("%s %s: %d answer fails admin.yaml: %v\n%s", req.Method, req.URL, resp.status, err, resp.body)
	}
}

// wantAdminError asserts an admin error answer with this status and code.
func wantAdminError(t *testing.T, resp adminResp, status int, code string) map[string]any {
	t.Helper()
	m := resp.obj(t)
	if resp.status != status || m["code"] != code {
		t.Fatalf("answer = %d %v, want %d %s; body %s", resp.status, m["code"], status, code, resp.body)
	}
	if msg, _ := m["error"].(string); msg == "" {
		t.Errorf("error message is empty; body %s", resp.body)
	}
	return m
}

// rpcAs calls action signed with another credential.
func rpcAs(t *testing.T, s *Server, keyID, secret, action string, params map[string]string) (int, map[string]any) {
	t.Helper()
	q := url.Values{
		"Action": {action}, "Version": {"2020-11-09"}, "Format": {"json"},
		"AccessKeyId": {keyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {fmt.Sprintf("nonce-%d", testNonce.Add(1))},
		"Timestamp":      {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, v := range params {
		q.Set(k, v)
	}
	popsign.SignV1Params(http.MethodPost, q, secret)
	return serve(t, s, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
}

// otherTenant is a second credential for multi-tenant tests.
var otherTenant = Credential{AccessKeyId: "otherAccessKeyId", AccessKeySecret: "otherAccessKeySecret"}

// mustRPC calls action as the default tenant and fails unless it answers want.
func mustRPC(t *testing.T, s *Server, want int, action string, params map[string]string) map[string]any {
	t.Helper()
	status, body := rpc(t, s, action, params)
	if status != want {
		t.Fatalf("%s(%v) = %d %v, want %d", action, params, status, body, want)
	}
	return body
}

// canonJSON decodes b and re-encodes it with sorted keys, dropping every
// "Latency", "latencyMs" and "uptime" (they measure real time).
func canonJSON(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	out, err := json.MarshalIndent(dropKeys(v, "Latency", "latencyMs", "uptime"), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func dropKeys(v any, keys ...string) any {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range keys {
			delete(x, k)
		}
		for k, e := range x {
			x[k] = dropKeys(e, keys...)
		}
	case []any:
		for i, e := range x {
			x[i] = dropKeys(e, keys...)
		}
	}
	return v
}

// marshal encodes v as the admin API does.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// diff returns "" when want and got are deeply equal, else a line diff
// of their indented JSON (strings as they are), "-" want, "+" got.
func diff(t *testing.T, want, got any) string {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return ""
	}
	text := func(v any) []string {
		if s, ok := v.(string); ok {
			return strings.Split(s, "\n")
		}
		b, _ := json.MarshalIndent(v, "", "  ")
		return strings.Split(string(b), "\n")
	}
	return lineDiff(text(want), text(got))
}

// lineDiff is a longest-common-subsequence diff of a and b, showing the
// changed lines with up to two lines of context.
func lineDiff(a, b []string) string {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			lines = append(lines, line{' ', a[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', a[i]})
			i++
		default:
			lines = append(lines, line{'+', b[j]})
			j++
		}
	}
	var out strings.Builder
	gap := false
	for k, l := range lines {
		near := false
		for d := -2; d <= 2; d++ {
			if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
				near = true
			}
		}
		if !near {
			gap = true
			continue
		}
		if gap {
			out.WriteString("  ...\n")
			gap = false
		}
		fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
	}
	return out.String()
}

// declaresContent reports whether rt's answer with this status may have
// this Content-Type (e.g. the YAML descriptions).
func declaresContent(rt *adminRoute, status int, contentType string) bool {
	if rt == nil {
		return false
	}
	r := rt.kin.Operation.Responses.Status(status)
	return r != nil && r.Value.Content.Get(contentType) != nil
}
