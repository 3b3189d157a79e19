package fake

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// FuzzAdmin sends arbitrary methods, paths, queries and bodies to the admin
// API: it never panics, and every answer is JSON that openapi/admin.yaml
// declares (the operation's response, or the Error schema).
func FuzzAdmin(f *testing.F) {
	f.Add("POST", "scenarios", "name=x.yaml", throttleYAML, "application/yaml")
	f.Add("PUT", "scenarios", "name=a%2Fb", "version: 1\nfaults: [1]\n", "text/yaml")
	f.Add("POST", "faults", "", `{"action":"CreateEditingProject","sequence":[{"ok":true},{"code":"Forbidden"}]}`, "application/json")
	f.Add("DELETE", "faults/1", "", "", "")
	f.Add("DELETE", "scenarios/%zz", "", "", "")
	f.Add("POST", "clock/advance", "", `{"by":"-90s"}`, "application/json; charset=utf-8")
	f.Add("POST", "clock/set", "", `{"time":"2024-02-30T00:00:00Z"}`, "")
	f.Add("GET", "journal", "status=200&limit=1&action=x", "", "")
	f.Add("GET", "state", "tenant=%00", "", "")
	f.Add("POST", "reset", "tenant=x", "", "")
	f.Add("PUT", "quotas/GetEditingProject", "", `{"rate":5,"burst":10}`, "application/x-www-form-urlencoded")
	f.Add("PUT", "quotas/Nope", "", `{"rate":0}`, "")
	f.Add("DELETE", "quotas/SubmitMediaProducingJob", "", "", "")
	f.Add("GET", "quotas", "", "", "")
	f.Add("POST", "clock/advance", "", "by=1h", "application/x-www-form-urlencoded")
	f.Add("POST", "scenarios", "", throttleYAML, "text/plain")
	s, err := New(WithStartTime(DefaultStartTime), WithSeed(1), WithCredentials(otherTenant))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, body, contentType string) {
		switch method {
		case "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH":
		default:
			method = "POST"
		}
		u, err := url.Parse("/_icefake/" + path)
		if err != nil || u.Path == "" || u.RawQuery != "" || u.Fragment != "" {
			t.Skip()
		}
		u.RawQuery = query
		req, err := http.NewRequest(method, u.String(), bytes.NewReader([]byte(body)))
		if err != nil {
			t.Skip()
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		s.Handler().ServeHTTP(rec, req)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("%s %s?%s took %v", method, path, query, d)
		}
		if rec.Code == http.StatusInternalServerError || rec.Code == http.StatusNotImplemented {
			t.Fatalf("%s %s?%s = %d %s", method, path, query, rec.Code, rec.Body.String())
		}
		checkAdminResponse(t, req, adminResp{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()})
	})
}
