package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// TestWithRealTime: after WithStartTime and WithSeed (as StartT gives them),
// WithRealTime lets the clock follow real time and the IDs be random.
func TestWithRealTime(t *testing.T) {
	newReal := func() *Server { return newTestServer(t, WithRealTime()) }
	before := time.Now()
	a, b := newReal(), newReal()
	now := a.Now()
	after := time.Now()
	if now.Before(before) || now.After(after) {
		t.Errorf("Now() = %v, want real time in [%v, %v]", now, before, after)
	}
	idA := prOK(t, a, "CreateEditingProject", map[string]string{"Title": "t"})["Project"].(map[string]any)["ProjectId"]
	idB := prOK(t, b, "CreateEditingProject", map[string]string{"Title": "t"})["Project"].(map[string]any)["ProjectId"]
	if idA == idB {
		t.Errorf("first ProjectIds of two servers = %v, %v, want random (different)", idA, idB)
	}
	frozen := newTestServer(t)
	if got := frozen.Now(); !got.Equal(DefaultStartTime) {
		t.Errorf("without WithRealTime Now() = %v, want %v", got, DefaultStartTime)
	}
}

func TestWithHostId(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"default: the request's Host", nil, "example.com"},
		{"set", []Option{WithHostId("ice.cn-shanghai.aliyuncs.com")}, "ice.cn-shanghai.aliyuncs.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, newTestServer(t, tt.opts...), "GetEditingProject", map[string]string{"ProjectId": "nope"})
			requireError(t, status, body, 404, "ProjectNotFound")
			if body["HostId"] != tt.want {
				t.Errorf("HostId = %v, want %q", body["HostId"], tt.want)
			}
		})
	}
}

// TestWithClockSkew: a Timestamp within the skew passes, one past it is
// InvalidTimeStamp.Expired; real time comes from WithRealClock.
func TestWithClockSkew(t *testing.T) {
	realNow := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name     string
		opts     []Option
		age      time.Duration
		wantCode string
	}{
		{"default 15 min, 2 min old", nil, 2 * time.Minute, "ProjectNotFound"},
		{"default 15 min, 15 min old", nil, 15 * time.Minute, "ProjectNotFound"},
		{"default 15 min, 16 min old", nil, 16 * time.Minute, "InvalidTimeStamp.Expired"},
		{"1 min, 1 min old", []Option{WithClockSkew(time.Minute)}, time.Minute, "ProjectNotFound"},
		{"1 min, 2 min old", []Option{WithClockSkew(time.Minute)}, 2 * time.Minute, "InvalidTimeStamp.Expired"},
		{"1 min, 2 min ahead", []Option{WithClockSkew(time.Minute)}, -2 * time.Minute, "InvalidTimeStamp.Expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, append(tt.opts, WithRealClock(func() time.Time { return realNow }))...)
			q := v1Query(DefaultAccessKeyId, realNow.Add(-tt.age), "skew")
			popsign.SignV1Params(http.MethodGet, q, DefaultAccessKeySecret)
			status, body := serve(t, s, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
			wantStatus := 400
			if tt.wantCode == "ProjectNotFound" {
				wantStatus = 404
			}
			requireError(t, status, body, wantStatus, tt.wantCode)
		})
	}
}

func TestInternalErrorStrings(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"admin error", adminErrorf(http.StatusNotFound, "NotFound", "no fault rule %d", 7), "NotFound: no fault rule 7"},
		{"transport fault", &transportFault{kind: TransportHTML502}, "transport fault html502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
