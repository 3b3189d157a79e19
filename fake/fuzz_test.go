package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzHandler sends arbitrary query strings and bodies: the fake never panics,
// always answers a JSON object, and every error is a declared status with the
// full POP envelope.
func FuzzHandler(f *testing.F) {
	f.Add("POST", "Action=CreateEditingProject&Version=2020-11-09&Title=t", "", "")
	f.Add("POST", "Action=CreateEditingProject&Version=2020-11-09", "Title=a&Timeline=%7B%22VideoTracks%22%3A%5B%5D%7D", "application/x-www-form-urlencoded")
	f.Add("GET", "Action=GetEditingProject&Version=2020-11-09&ProjectId=x", "", "")
	f.Add("POST", "", `{"Action":"CreateEditingProject","Version":"2020-11-09","Title":1}`, "application/json")
	f.Add("POST", "Action=CreateEditingProject&Version=2020-11-09&Title=t&Timeline=%7B%22VideoTracks%22%3A%7B%7D%7D", "", "")
	s, err := New(WithSeed(1), WithAuthMode(AuthOff))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, query, body, contentType string) {
		if method != "GET" {
			method = "POST"
		}
		req, err := http.NewRequest(method, "/", bytes.NewReader([]byte(body)))
		if err != nil {
			t.Skip()
		}
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("body is not a JSON object: %v: %q", err, rec.Body.String())
		}
		if rec.Code == 200 {
			return
		}
		if rec.Code < 400 || rec.Code > 599 || rec.Code == 500 {
			t.Fatalf("status %d for %s ?%s body %q: %s", rec.Code, method, query, body, rec.Body.String())
		}
		for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
			if _, ok := out[k].(string); !ok {
				t.Fatalf("envelope lacks %s: %s", k, rec.Body.String())
			}
		}
	})
}
