package fake

import (
	"strings"
	"testing"
	"time"
)

func TestInjectFaultValidation(t *testing.T) {
	tests := []struct {
		name    string
		fault   Fault
		wantErr string
	}{
		{"unknown Action", Fault{Action: "Nope", Code: CodeThrottlingUser}, `unknown Action "Nope"`},
		{"unknown Code", Fault{Action: "GetEditingProject", Code: "Throttle"}, `unknown error code "Throttle"`},
		{"job code", Fault{Action: "GetEditingProject", Code: "InvalidMaterial.NotFound"}, "media-producing job code"},
		{"neither code nor delay", Fault{Action: "GetEditingProject"}, "needs a Code or a Delay"},
		{"status out of range", Fault{Action: "GetEditingProject", Code: CodeThrottlingUser, Status: 200}, "status 200 is not 400-599"},
		{"negative After", Fault{Action: "GetEditingProject", Code: CodeThrottlingUser, After: -1}, "must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			_, err := s.InjectFault(tt.fault)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("InjectFault() error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestFaultAfterTimesMatchAndRemove(t *testing.T) {
	s := newTestServer(t)
	remove, err := s.InjectFault(Fault{Action: "CreateEditingProject", Match: map[string]string{"Title": "x"}, After: 1, Times: 2, Code: CodeThrottlingUser})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, title := range []string{"x", "y", "x", "x", "x"} {
		status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": title})
		got = append(got, status)
	}
	want := []int{200, 200, 400, 400, 200}
	if fmtInts(got) != fmtInts(want) {
		t.Fatalf("statuses = %v, want %v", got, want)
	}
	if n := len(s.Projects(DefaultAccessKeyId)); n != 3 {
		t.Errorf("stored projects = %d, want 3 (failed calls store nothing)", n)
	}
	calls := s.Calls("CreateEditingProject")
	if calls[2].Fault == "" || calls[2].Code != "Throttling.User" {
		t.Errorf("journal call 3 = %+v, want the fault recorded", calls[2])
	}
	remove()
	s2, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "x"})
	if s2 != 200 {
		t.Errorf("after remove: status = %d, want 200", s2)
	}
}

func TestThrottlingFaultCarriesRetryHeaders(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{Action: "GetEditingProject", Code: CodeThrottlingUser, Status: 429, Message: "slow down"}))
	rec := httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	if rec.Code != 429 {
		t.Fatalf("status = %d, want 429 (override)", rec.Code)
	}
	if got := rec.Header().Get("x-acs-retry-after"); got != "1000" {
		t.Errorf("x-acs-retry-after = %q, want 1000", got)
	}
	if got := rec.Header().Get("x-ratelimit-user-api"); !strings.HasPrefix(got, "Limit:1,Remain:0,TimeLeft:1000,Reset:") {
		t.Errorf("x-ratelimit-user-api = %q, want Limit:1,Remain:0,TimeLeft:1000,Reset:…", got)
	}
	if !strings.Contains(rec.Body.String(), `"Message":"slow down"`) {
		t.Errorf("body = %s, want the overridden message", rec.Body.String())
	}
}

func TestDelayOnlyFault(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{Action: "GetEditingProject", Delay: 20 * time.Millisecond}))
	start := time.Now()
	status, body := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	requireError(t, status, body, 404, "ProjectNotFound")
	if time.Since(start) < 20*time.Millisecond {
		t.Errorf("answered after %v, want at least the 20ms delay", time.Since(start))
	}
}
