package fake

import (
	"strings"
	"testing"
)

// TestMetrics: GET /_icefake/metrics answers the Prometheus text format
// with what an operator watches.
func TestMetrics(t *testing.T) {
	s := newTestServer(t, WithNonceCacheSize(1000))
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "a"})
	rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "nope"})
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Code: "Forbidden", Times: 1}); err != nil {
		t.Fatal(err)
	}
	resp := adminCall(t, s, "GET", "/_icefake/metrics", "")
	if resp.status != 200 {
		t.Fatalf("status = %d %s", resp.status, resp.body)
	}
	if got, want := resp.header.Get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	body := string(resp.body)
	for _, want := range []string{
		`icefake_calls_total{action="CreateEditingProject",code="",status="200"} 1`,
		`icefake_calls_total{action="GetEditingProject",code="ProjectNotFound",status="404"} 1`,
		`icefake_call_duration_seconds_count{action="GetEditingProject"} 1`,
		`icefake_tenant_projects{tenant="testAccessKeyId"} 1`,
		`icefake_tenant_media{tenant="testAccessKeyId"} 0`,
		`icefake_tenant_jobs{tenant="testAccessKeyId"} 0`,
		"icefake_tenants 1",
		"icefake_journal_entries 2",
		"icefake_journal_dropped 0",
		"icefake_nonce_cache_entries 2",
		"icefake_nonce_cache_max 1000",
		"icefake_nonce_cache_refused_total 0",
		"icefake_fault_rules 1",
		"icefake_quota_buckets 0",
		"# TYPE icefake_call_duration_seconds histogram",
		"# TYPE go_gc_heap_live_bytes gauge",
		"# TYPE process_resident_memory_bytes gauge",
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("metrics lack the line %q\n%s", want, body)
		}
	}
	goText, err := s.Metrics()
	if err != nil || !strings.Contains(goText, "icefake_fault_rules 1\n") {
		t.Errorf("Metrics() = %v, %.100q…, want the same text", err, goText)
	}
}

// TestMetricsBoundTenants: past 100 tenants the rest are summed as _other,
// and unknown Action names share one label.
func TestMetricsBoundTenants(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff))
	for i := range 105 {
		serve(t, s, formRequest("Action=CreateEditingProject&Version=2020-11-09&AccessKeyId=t"+strings.Repeat("x", i), "Title=a"))
	}
	serve(t, s, formRequest("Action=NoSuchThing&Version=2020-11-09", ""))
	text, err := s.Metrics()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(text, "icefake_tenant_projects{"); got != 101 {
		t.Errorf("tenant_projects series = %d, want 101 (100 tenants and _other)", got)
	}
	if !strings.Contains(text, `icefake_tenant_projects{tenant="_other"} 5`+"\n") {
		t.Errorf("metrics lack _other = 5")
	}
	if !strings.Contains(text, `icefake_calls_total{action="_unknown",code="InvalidAction.NotFound",status="404"} 1`+"\n") {
		t.Errorf("metrics lack the unknown Action line")
	}
}
