package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// TestFaultQuotaOddActionNames: a fault or quota for a name that is an
// Action only up to case, whitespace, escaping or a path is refused (400
// InvalidFault / InvalidQuota naming it), and sets nothing.
func TestFaultQuotaOddActionNames(t *testing.T) {
	s := newProductionServer(t)
	for _, name := range []string{"searchmedia", "SearchMedia ", " SearchMedia", "SearchMedia\n", "Search Media", "__proto__",
		"ÄÖ", "SearchMedia/../GetCategories", "%", "Search%20Media", "UploadMediaByURL\x00"} {
		t.Run(fmt.Sprintf("%q", name), func(t *testing.T) {
			j, _ := json.Marshal(name)
			r := adminCall(t, s, "POST", "/_icefake/faults", `{"action":`+string(j)+`,"code":"Throttling","times":1}`)
			if got := r.obj(t); r.status != http.StatusBadRequest || got["code"] != "InvalidFault" {
				t.Errorf("POST fault %q = %d %v, want 400 InvalidFault", name, r.status, got)
			}
			r = adminCall(t, s, "PUT", "/_icefake/quotas/"+url.PathEscape(name), `{"rate":1,"burst":1}`)
			if r.status < 400 || r.status > 499 {
				t.Errorf("PUT quota %q = %d %s, want a 4xx", name, r.status, r.body)
			}
		})
	}
	if len(s.Faults()) != 0 {
		t.Errorf("Faults() = %v, want none", s.Faults())
	}
	if status, body := rpc(t, s, "SearchMedia", nil); status != http.StatusOK {
		t.Errorf("SearchMedia after refused rules = %d %v, want 200", status, body)
	}
}
