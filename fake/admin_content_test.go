package fake

import (
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// TestAdminContentTypes: a JSON endpoint takes only application/json and a
// scenario upload only the YAML types; a body with any other type (the
// form and text/plain types a web page can send without a CORS preflight
// included) or none is 415 and changes nothing (docs/fidelity.md "Admin API
// safety").
func TestAdminContentTypes(t *testing.T) {
	const (
		advanced  = `{"now":"2024-01-01T01:00:00Z","frozen":true}`
		loaded    = `{"name":"x","credentials":0,"media":0,"templates":0,"projects":0,"quotas":0,"faults":1,"activeFaults":1,"loadedAt":"2024-01-01T00:00:00Z"}`
		yamlTypes = "application/yaml (or application/x-yaml, text/yaml), e.g. curl -H 'Content-Type: application/yaml'"
		jsonType  = "application/json, e.g. curl -H 'Content-Type: application/json'"
	)
	refusedJSON := func(ct string) string {
		return `{"error":"Content-Type \"` + ct + `\": send ` + jsonType + `","code":"UnsupportedMediaType"}`
	}
	refusedYAML := func(ct string) string {
		return `{"error":"Content-Type \"` + ct + `\": send ` + yamlTypes + `","code":"UnsupportedMediaType"}`
	}
	tests := []struct {
		name        string
		method      string
		target      string
		body        string
		contentType string // "" = no Content-Type header
		wantStatus  int
		wantBody    string
	}{
		// JSON bodies.
		{name: "JSON", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/json",
			wantStatus: 200, wantBody: advanced},
		{name: "JSON with charset", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/json; charset=utf-8",
			wantStatus: 200, wantBody: advanced},
		{name: "JSON without Content-Type", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`,
			wantStatus: 415, wantBody: `{"error":"no Content-Type: send ` + jsonType + `","code":"UnsupportedMediaType"}`},
		{name: "JSON as curl -d sends it", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/x-www-form-urlencoded",
			wantStatus: 415, wantBody: refusedJSON("application/x-www-form-urlencoded")},
		{name: "fault as a form", method: "POST", target: "/_icefake/faults", body: `{"action":"GetEditingProject","code":"Forbidden"}`, contentType: "application/x-www-form-urlencoded",
			wantStatus: 415, wantBody: refusedJSON("application/x-www-form-urlencoded")},
		{name: "broken JSON", method: "POST", target: "/_icefake/clock/advance", body: `{"by":`, contentType: "application/json",
			wantStatus: 400, wantBody: `{"error":"request body is not valid JSON: unexpected EOF","code":"InvalidRequest"}`},
		{name: "no body", method: "POST", target: "/_icefake/clock/advance",
			wantStatus: 400, wantBody: `{"error":"request body is required","code":"InvalidRequest"}`},
		{name: "multipart", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "multipart/form-data; boundary=b",
			wantStatus: 415, wantBody: refusedJSON("multipart/form-data; boundary=b")},
		{name: "XML", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/xml",
			wantStatus: 415, wantBody: refusedJSON("application/xml")},
		{name: "text/plain for JSON", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "text/plain",
			wantStatus: 415, wantBody: refusedJSON("text/plain")},
		{name: "YAML for JSON", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/yaml",
			wantStatus: 415, wantBody: refusedJSON("application/yaml")},
		{name: "unparsable", method: "POST", target: "/_icefake/clock/advance", body: `{"by":"1h"}`, contentType: "application/json; =",
			wantStatus: 415, wantBody: refusedJSON("application/json; =")},

		// Scenario documents.
		{name: "YAML", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "application/yaml",
			wantStatus: 201, wantBody: loaded},
		{name: "x-yaml", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "application/x-yaml",
			wantStatus: 201, wantBody: loaded},
		{name: "text/yaml", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "text/yaml",
			wantStatus: 201, wantBody: loaded},
		{name: "PUT YAML", method: "PUT", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "application/yaml",
			wantStatus: 200, wantBody: `{"scenarios":[` + loaded + `]}`},
		{name: "text/plain", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "text/plain; charset=utf-8",
			wantStatus: 415, wantBody: refusedYAML("text/plain; charset=utf-8")},
		{name: "scenario as curl --data-binary sends it", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "application/x-www-form-urlencoded",
			wantStatus: 415, wantBody: refusedYAML("application/x-www-form-urlencoded")},
		{name: "scenario without Content-Type", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML,
			wantStatus: 415, wantBody: `{"error":"no Content-Type: send ` + yamlTypes + `","code":"UnsupportedMediaType"}`},
		{name: "JSON for a scenario", method: "POST", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "application/json",
			wantStatus: 415, wantBody: refusedYAML("application/json")},
		{name: "multipart for a scenario", method: "PUT", target: "/_icefake/scenarios?name=x", body: throttleYAML, contentType: "multipart/form-data; boundary=b",
			wantStatus: 415, wantBody: refusedYAML("multipart/form-data; boundary=b")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			resp := adminCall(t, s, tt.method, tt.target, tt.body, "Content-Type", tt.contentType)
			if got, want := resp.status, tt.wantStatus; got != want {
				t.Errorf("%s %s (%q) status = %d, want %d", tt.method, tt.target, tt.contentType, got, want)
			}
			if got, want := strings.TrimSpace(string(resp.body)), tt.wantBody; got != want {
				t.Errorf("%s %s (%q) body =\n%s\nwant\n%s", tt.method, tt.target, tt.contentType, got, want)
			}
			if resp.status < 300 {
				return
			}
			// A refused request changes nothing.
			if got := s.Now(); !got.Equal(DefaultStartTime) {
				t.Errorf("Now() after a refused request = %v, want %v", got, DefaultStartTime)
			}
			if got := len(s.Scenarios()) + len(s.Faults()); got != 0 {
				t.Errorf("after a refused request, %d scenarios and faults, want none", got)
			}
		})
	}
}

// TestAdminValidationMessages: request validation errors name the
// parameter or the body once, with the reason once.
func TestAdminValidationMessages(t *testing.T) {
	tests := []struct {
		name   string
		method string
		target string
		body   string
		want   string
	}{
		{name: "missing query parameter", method: "POST", target: "/_icefake/scenarios", body: throttleYAML,
			want: `{"error":"query parameter \"name\" is required","code":"InvalidRequest"}`},
		{name: "empty query parameter", method: "PUT", target: "/_icefake/scenarios?name=", body: throttleYAML,
			want: `{"error":"query parameter \"name\": minimum string length is 1","code":"InvalidRequest"}`},
		{name: "not an integer", method: "GET", target: "/_icefake/journal?limit=x",
			want: `{"error":"query parameter \"limit\": value x: an invalid integer: invalid syntax","code":"InvalidRequest"}`},
		{name: "out of range", method: "GET", target: "/_icefake/journal?status=99",
			want: `{"error":"query parameter \"status\": number must be at least 100","code":"InvalidRequest"}`},
		{name: "path parameter", method: "DELETE", target: "/_icefake/faults/abc",
			want: `{"error":"path parameter \"id\": value abc: an invalid integer: invalid syntax","code":"InvalidRequest"}`},
		{name: "missing body", method: "POST", target: "/_icefake/clock/set",
			want: `{"error":"request body is required","code":"InvalidRequest"}`},
		{name: "invalid JSON", method: "POST", target: "/_icefake/clock/set", body: `{"time":}`,
			want: `{"error":"request body is not valid JSON: invalid character '}' looking for beginning of value","code":"InvalidRequest"}`},
		{name: "missing property", method: "POST", target: "/_icefake/clock/set", body: `{}`,
			want: `{"error":"request body: /time: property \"time\" is missing","code":"InvalidRequest"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := adminCall(t, newTestServer(t), tt.method, tt.target, tt.body)
			if got, want := resp.status, 400; got != want {
				t.Errorf("status = %d, want %d", got, want)
			}
			if got, want := strings.TrimSpace(string(resp.body)), tt.want; got != want {
				t.Errorf("body =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestAdminValidationMessageDedupes: a reason and a cause that say the
// same thing are said once.
func TestAdminValidationMessageDedupes(t *testing.T) {
	name := &openapi3.Parameter{Name: "name", In: "query"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "required parameter", err: &openapi3filter.RequestError{Parameter: name, Reason: openapi3filter.ErrInvalidRequired.Error(), Err: openapi3filter.ErrInvalidRequired},
			want: `query parameter "name" is required`},
		{name: "empty parameter", err: &openapi3filter.RequestError{Parameter: name, Reason: openapi3filter.ErrInvalidEmptyValue.Error(), Err: openapi3filter.ErrInvalidEmptyValue},
			want: `query parameter "name" must not be empty`},
		{name: "required body", err: &openapi3filter.RequestError{Err: openapi3filter.ErrInvalidRequired},
			want: `request body is required`},
		{name: "same reason and cause", err: &openapi3filter.RequestError{Parameter: name, Reason: "bad value", Err: errors.New("bad value")},
			want: `query parameter "name": bad value`},
		{name: "cause repeats the reason", err: &openapi3filter.RequestError{Parameter: name, Reason: "bad value", Err: errors.New("bad value: too long")},
			want: `query parameter "name": bad value: too long`},
		{name: "reason includes the cause", err: &openapi3filter.RequestError{Parameter: name, Reason: "too long: bad value", Err: errors.New("bad value")},
			want: `query parameter "name": too long: bad value`},
		{name: "different", err: &openapi3filter.RequestError{Parameter: name, Reason: "cannot decode", Err: errors.New("EOF")},
			want: `query parameter "name": cannot decode: EOF`},
		{name: "reason only", err: &openapi3filter.RequestError{Parameter: name, Reason: "cannot decode"},
			want: `query parameter "name": cannot decode`},
		{name: "not a RequestError", err: errors.New("something else"), want: "something else"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := adminValidationMessage(tt.err), tt.want; got != want {
				t.Errorf("adminValidationMessage() = %q, want %q", got, want)
			}
		})
	}
}
