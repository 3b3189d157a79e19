package fake

import (
	"strings"
	"testing"
	"time"
)

func TestQuotaThrottlesPerTenantAndAction(t *testing.T) {
	now := time.Now()
	s := newTestServer(t,
		WithRealClock(func() time.Time { return now }),
		WithQuotas(Quota{Action: "GetEditingProject", Rate: 1, Burst: 2}),
		WithCredentials(Credential{AccessKeyId: "tenantB", AccessKeySecret: "secretB"}))
	var got []int
	for i := 0; i < 3; i++ {
		rec := httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
		got = append(got, rec.Code)
		if i == 2 {
			if h := rec.Header().Get("x-acs-retry-after"); h != "1000" {
				t.Errorf("x-acs-retry-after = %q, want 1000 (one token at 1/s)", h)
			}
			if h := rec.Header().Get("x-ratelimit-user-api"); !strings.HasPrefix(h, "Limit:2,Remain:0,TimeLeft:1000,") {
				t.Errorf("x-ratelimit-user-api = %q", h)
			}
		}
	}
	if want := []int{404, 404, 400}; fmtInts(got) != fmtInts(want) {
		t.Fatalf("statuses = %v, want %v (burst 2, then Throttling.User)", got, want)
	}
	if c := s.Calls()[2]; c.Code != "Throttling.User" || c.Fault != "quota GetEditingProject 1/s burst 2" {
		t.Errorf("journal = %+v, want the quota recorded", c)
	}
	status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
	if status != 200 {
		t.Errorf("other Action: status = %d, want 200 (quotas are per Action)", status)
	}
	now = now.Add(time.Second)
	if rec := httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"}); rec.Code != 404 {
		t.Errorf("after 1s of real time: status = %d, want 404 (a token refilled)", rec.Code)
	}
}

func TestDefaultAndDocumentedQuotas(t *testing.T) {
	if got := newTestServer(t).Quotas(); len(got) != 1 || got[0] != (Quota{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}) {
		t.Errorf("default Quotas() = %v, want only the published SubmitMediaProducingJob 30 QPS", got)
	}
	if got := newTestServer(t, WithSubmitQPS(0)).Quotas(); len(got) != 0 {
		t.Errorf("WithSubmitQPS(0) Quotas() = %v, want none", got)
	}
	got := newTestServer(t, WithQuotas()).Quotas()
	if len(got) != 1 || got[0] != (Quota{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}) {
		t.Errorf("WithQuotas() = %v, want the documented SubmitMediaProducingJob 30 QPS", got)
	}
	if _, err := New(WithQuotas(Quota{Action: "Nope", Rate: 1})); err == nil {
		t.Error("New(quota for unknown Action) = nil error")
	}
}
