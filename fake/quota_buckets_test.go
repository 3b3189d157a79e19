package fake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestQuotaBucketsOnlyForAcceptedCalls: with auth off, requests that fail
// validation make no rate-limit bucket whatever AccessKeyId they claim;
// accepted ones make one each, and Reset frees them.
func TestQuotaBucketsOnlyForAcceptedCalls(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff), WithQuotas(Quota{Action: "GetEditingProject", Rate: 1, Burst: 1}))
	get := func(tenant, query string) int {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?Action=GetEditingProject&Version=2020-11-09&AccessKeyId="+tenant+query, nil))
		return rec.Code
	}
	for i := range 100 {
		if got := get(fmt.Sprintf("t%d", i), ""); got != 400 { // no ProjectId: MissingParameter
			t.Fatalf("invalid call = %d, want 400", got)
		}
	}
	if got := s.quotas.bucketCount(); got != 0 {
		t.Errorf("buckets after 100 invalid calls = %d, want 0", got)
	}
	for i := range 100 {
		if got := get(fmt.Sprintf("t%d", i), "&ProjectId=x"); got != 404 {
			t.Fatalf("accepted call = %d, want 404 ProjectNotFound", got)
		}
	}
	if got := s.quotas.bucketCount(); got != 100 {
		t.Errorf("buckets after 100 accepted calls = %d, want 100", got)
	}
	// The first accepted call took the token of its new bucket.
	if got := get("t0", "&ProjectId=x"); got != 400 {
		t.Errorf("second call of t0 = %d, want 400 Throttling.User", got)
	}
	s.Reset()
	if got := s.quotas.bucketCount(); got != 0 {
		t.Errorf("buckets after Reset = %d, want 0", got)
	}
}
