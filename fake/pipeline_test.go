package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestEnvelopeErrors(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		wantStatus int
		wantCode   string
	}{
		{"missing Action", "GET", "/?Version=2020-11-09", 400, "MissingAction"},
		{"missing Version", "GET", "/?Action=GetEditingProject", 400, "MissingVersion"},
		{"wrong Version", "GET", "/?Action=GetEditingProject&Version=2017-03-21", 400, "InvalidVersion"},
		{"unknown Action", "GET", "/?Action=DescribeRegions&Version=2020-11-09", 404, "InvalidAction.NotFound"},
		{"other path", "GET", "/v1/projects?Action=GetEditingProject&Version=2020-11-09", 404, "InvalidApi.NotFound"},
		{"PUT", "PUT", "/?Action=GetEditingProject&Version=2020-11-09", 403, "UnsupportedHTTPMethod"},
		{"bad escape", "GET", "/?Action=GetEditingProject&Version=2020-11-09&Title=%zz", 400, "InvalidParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := serve(t, s, httptest.NewRequest(tt.method, tt.target, nil))
			requireError(t, status, body, tt.wantStatus, tt.wantCode)
			calls := s.Calls()
			if len(calls) != 1 || calls[0].Status != tt.wantStatus || calls[0].Code != tt.wantCode {
				t.Errorf("journal = %+v, want one call with %d %s", calls, tt.wantStatus, tt.wantCode)
			}
		})
	}
}

func TestParametersFromQueryFormAndJSON(t *testing.T) {
	timeline := `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/a b.mp4","Out":4}]}]}`
	form := url.Values{"Timeline": {timeline}}
	tests := []struct {
		name        string
		req         func() *http.Request
		wantTitle   string
		wantStatus  float64
		wantTimelie string
	}{
		{"GET query", func() *http.Request {
			q := url.Values{"Action": {"CreateEditingProject"}, "Version": {"2020-11-09"}, "Title": {"a b+c"}}
			return httptest.NewRequest("GET", "/?"+q.Encode(), nil)
		}, "a b+c", 1, ""},
		{"POST query + form body (SDK >= v3.1)", func() *http.Request {
			q := url.Values{"Action": {"CreateEditingProject"}, "Version": {"2020-11-09"}, "Title": {"t"}}
			r := httptest.NewRequest("POST", "/?"+q.Encode(), strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			return r
		}, "t", 2, timeline},
		{"POST JSON body", func() *http.Request {
			r := httptest.NewRequest("POST", "/", strings.NewReader(`{"Action":"CreateEditingProject","Version":"2020-11-09","Title":"j"}`))
			r.Header.Set("Content-Type", "application/json")
			return r
		}, "j", 1, ""},
		{"Action and Version from headers", func() *http.Request {
			r := httptest.NewRequest("POST", "/?Title=h", nil)
			r.Header.Set("x-acs-action", "CreateEditingProject")
			r.Header.Set("x-acs-version", "2020-11-09")
			return r
		}, "h", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithAuthMode(AuthOff))
			status, body := serve(t, s, tt.req())
			if status != 200 {
				t.Fatalf("status = %d, want 200; body %v", status, body)
			}
			p := body["Project"].(map[string]any)
			if p["Title"] != tt.wantTitle || p["Status"] != tt.wantStatus {
				t.Errorf("Title, Status = %v, %v; want %q, %v", p["Title"], p["Status"], tt.wantTitle, tt.wantStatus)
			}
			if got, _ := p["Timeline"].(string); got != tt.wantTimelie {
				t.Errorf("Timeline = %q, want %q", got, tt.wantTimelie)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/_icefake/healthz", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"status":"ok"`) {
		t.Errorf("healthz = %d %s, want 200 with status ok", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/_icefake/nope", nil)
	req.Host = "127.0.0.1:18930"
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 404 {
		t.Errorf("unknown control endpoint = %d, want 404", rec.Code)
	}
}

func TestResponseSelfCheckRejectsWrongWireType(t *testing.T) {
	rt := routeFor("CreateEditingProject")
	r := httptest.NewRequest("POST", "/", nil)
	bad := `{"RequestId":"6AE6783F-4FBD-491B-AEB8-8B73A48ED247","Project":{"ProjectId":"dbe5882e2579683432c1bfc525454add","Title":"t","Status":"Editing","StatusName":"Editing","Duration":0,"CreateSource":"OpenAPI","ModifiedSource":"OpenAPI","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z","ProjectType":"EditingProject"}}`
	if err := checkResponse(t.Context(), rt, r, 200, []byte(bad)); err == nil {
		t.Fatal("checkResponse(Create with Status as a string) = nil, want a schema error")
	}
	good := strings.Replace(bad, `"Status":"Editing"`, `"Status":2`, 1)
	if err := checkResponse(t.Context(), rt, r, 200, []byte(good)); err != nil {
		t.Fatalf("checkResponse(good) = %v, want nil", err)
	}
}
