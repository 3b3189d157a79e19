package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
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
		{"neither code nor delay", Fault{Action: "GetEditingProject"}, "needs a Code, a Delay or a Transport"},
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

func TestFaultModelValidation(t *testing.T) {
	tests := []struct {
		name    string
		fault   Fault
		wantErr string
	}{
		{"sequence and outcome", Fault{Action: "GetEditingProject", Code: CodeThrottlingUser, Sequence: []Outcome{{OK: true}}}, "either a Sequence or one outcome"},
		{"empty sequence step", Fault{Action: "GetEditingProject", Sequence: []Outcome{{}}}, "Sequence[0]: needs OK, a Code or a Transport"},
		{"unknown transport", Fault{Action: "GetEditingProject", Transport: "html500"}, `unknown transport fault "html500"`},
		{"code and transport", Fault{Action: "GetEditingProject", Code: CodeThrottlingUser, Transport: TransportDrop}, "a Code or a Transport, not both"},
		{"status without code", Fault{Action: "GetEditingProject", Transport: TransportDrop, Status: 500}, "needs a Code"},
		{"bad JSON path", Fault{Action: "CreateEditingProject", Code: CodeThrottlingUser, MatchJSON: []JSONMatch{{Param: "Timeline", Path: "VideoTracks"}}}, "path like $.A[0].B"},
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

func TestFaultSequence(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{Action: "CreateEditingProject", Sequence: []Outcome{
		{Code: CodeThrottlingUser}, {Code: CodeServiceUnavailable}, {OK: true}, {Code: CodeInternalError},
	}}))
	var got []int
	for i := 0; i < 5; i++ {
		status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
		got = append(got, status)
	}
	if want := []int{400, 503, 200, 500, 200}; fmtInts(got) != fmtInts(want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
}

func TestFaultMatchJSON(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{
		Action:    "CreateEditingProject",
		MatchJSON: []JSONMatch{{Param: "Timeline", Path: "$.VideoTracks[0].VideoTrackClips[1].MediaId", Value: "bad"}},
		Code:      "InvalidParameter",
		Message:   "scripted",
	}))
	tl := func(id string) string {
		return `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a"},{"MediaId":"` + id + `"}]}]}`
	}
	status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": tl("good")})
	if status != 200 {
		t.Errorf("other MediaId: status = %d, want 200", status)
	}
	status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": tl("bad")})
	requireError(t, status, body, 400, "InvalidParameter", "scripted")
	if got := s.Calls()[1].Fault; !strings.Contains(got, `Timeline.VideoTracks[0].VideoTrackClips[1].MediaId="bad"`) {
		t.Errorf("journal Fault = %q, want the JSON match described", got)
	}
}

func TestTransportFaults(t *testing.T) {
	tests := []struct {
		name       string
		transport  Transport
		wantStatus int
		wantBody   string
		stored     int
	}{
		{"html502", TransportHTML502, 502, "<title>502 Bad Gateway</title>", 0},
		{"html504", TransportHTML504, 504, "504 Gateway Time-out", 0},
		{"html414", TransportHTML414, 414, "414 Request-URI Too Large", 0},
		{"truncated", TransportTruncated, 200, `{"RequestId":`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithFaults(Fault{Action: "CreateEditingProject", Transport: tt.transport}))
			rec := httptestRPC(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
			if rec.Code != tt.wantStatus || !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Fatalf("got %d %q, want %d containing %q", rec.Code, rec.Body.String(), tt.wantStatus, tt.wantBody)
			}
			if tt.transport == TransportTruncated && json.Valid(rec.Body.Bytes()) {
				t.Errorf("truncated body %q is valid JSON, want it cut", rec.Body.String())
			}
			if got := len(s.Projects(DefaultAccessKeyId)); got != tt.stored {
				t.Errorf("stored projects = %d, want %d", got, tt.stored)
			}
		})
	}
}

func TestTransportDropClosesConnection(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{Action: "CreateEditingProject", Transport: TransportDrop}))
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	req := signedRequest(t, "CreateEditingProject", map[string]string{"Title": "t"})
	req.RequestURI = ""
	u, _ := url.Parse(ts.URL)
	req.URL.Scheme, req.URL.Host = u.Scheme, u.Host
	_, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		t.Fatal("RoundTrip() error = nil, want the connection closed without an answer")
	}
	if got := s.Calls()[0].Status; got != 0 {
		t.Errorf("journal Status = %d, want 0 (no answer)", got)
	}
}

func TestExplainHeader(t *testing.T) {
	s := newTestServer(t, WithExplain(true), WithFaults(Fault{Action: "GetEditingProject", Times: 1, Code: CodeThrottlingUser}))
	rec := httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	if got := rec.Header().Get("x-icefake-explain"); got != "400; auth: V1 ok; fault: GetEditingProject call #1 -> Throttling.User" {
		t.Errorf("x-icefake-explain = %q", got)
	}
	rec = httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	if got := rec.Header().Get("x-icefake-explain"); got != "404; auth: V1 ok; problem: no project p for tenant testAccessKeyId" {
		t.Errorf("x-icefake-explain = %q", got)
	}
	off := newTestServer(t)
	if got := httptestRPC(t, off, "GetEditingProject", map[string]string{"ProjectId": "p"}).Header().Get("x-icefake-explain"); got != "" {
		t.Errorf("x-icefake-explain without WithExplain = %q, want none", got)
	}
}

func TestFaultOutageWindowOnVirtualClock(t *testing.T) {
	from := DefaultStartTime.Add(time.Minute)
	s := newTestServer(t, WithFaults(Fault{Action: "GetEditingProject", From: from, Until: from.Add(time.Minute), Code: CodeServiceUnavailable}))
	statusAt := func() int {
		status, _ := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
		return status
	}
	var got []int
	got = append(got, statusAt()) // before the window
	s.Advance(time.Minute)
	got = append(got, statusAt()) // at From
	s.Advance(59 * time.Second)
	got = append(got, statusAt()) // inside
	s.Advance(time.Second)
	got = append(got, statusAt()) // at Until: over
	if want := []int{404, 503, 503, 404}; fmtInts(got) != fmtInts(want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", From: from, Until: from, Code: CodeServiceUnavailable}); err == nil || !strings.Contains(err.Error(), "Until must be after From") {
		t.Errorf("empty window: err = %v", err)
	}
}

func TestScenarioRichFaultsApply(t *testing.T) {
	sc, err := scenarios.LoadFile("../scenarios/testdata/valid/rich-faults.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, WithScenario(sc))
	if got := s.Quotas(); len(got) != 1 || got[0].Rate != 30 {
		t.Errorf("Quotas() = %v, want the scenario's SubmitMediaProducingJob quota", got)
	}
	var got []int
	for i := 0; i < 4; i++ {
		status, _ := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t"})
		got = append(got, status)
	}
	if want := []int{400, 503, 200, 200}; fmtInts(got) != fmtInts(want) {
		t.Errorf("sequence statuses = %v, want %v", got, want)
	}
	status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "t", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"broken"}]}]}`})
	requireError(t, status, body, 400, "InvalidParameter", "scripted")
	if rec := httptestRPC(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"}); rec.Code != 502 {
		t.Errorf("transport html502: status = %d", rec.Code)
	}
	s.SetTime(time.Date(2024, 1, 1, 0, 6, 0, 0, time.UTC))
	status, body = rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	requireError(t, status, body, 503, "ServiceUnavailable")
}

func TestEveryMatchingRuleCountsTheCall(t *testing.T) {
	s := newTestServer(t, WithFaults(
		Fault{Action: "GetEditingProject", Times: 1, Code: CodeThrottlingUser},
		Fault{Action: "GetEditingProject", After: 1, Times: 1, Code: CodeServiceUnavailable},
	))
	var got []int
	for i := 0; i < 3; i++ {
		status, _ := rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
		got = append(got, status)
	}
	// Call 1: rule 1 fires (rule 2 counts it as its After). Call 2: rule 2.
	if want := []int{400, 503, 404}; fmtInts(got) != fmtInts(want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
}

func TestScriptedParameterErrorNamesTheMatchedParameter(t *testing.T) {
	s := newTestServer(t, WithFaults(Fault{Action: "CreateEditingProject", Match: map[string]string{"Title": "bad"}, Code: CodeInvalidParameter}))
	status, body := rpc(t, s, "CreateEditingProject", map[string]string{"Title": "bad"})
	requireError(t, status, body, 400, "InvalidParameter")
	if got := body["Message"]; got != `The specified parameter "Title" is not valid.` {
		t.Errorf("Message = %q", got)
	}
}
