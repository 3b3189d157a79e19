package fake

import (
	"strings"
	"testing"
	"time"
)

func TestClockStaysWithinWireYears(t *testing.T) {
	tests := []struct {
		name    string
		do      func(s *Server)
		wantErr bool
	}{
		{"set year 9999", func(s *Server) { s.SetTime(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)) }, false},
		{"advance past 9999", func(s *Server) { s.SetTime(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)); s.Advance(time.Second) }, true},
		{"set before year 0", func(s *Server) { s.SetTime(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)) }, true},
		{"advance before year 0", func(s *Server) { s.SetTime(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)); s.Advance(-time.Second) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			var got any
			func() {
				defer func() { got = recover() }()
				tt.do(s)
			}()
			if (got != nil) != tt.wantErr {
				t.Fatalf("panic = %v, want panic %v", got, tt.wantErr)
			}
			if got != nil && !strings.Contains(got.(error).Error(), "years 0000-9999") {
				t.Errorf("panic = %v, want the range named", got)
			}
			if y := s.Now().Year(); y < 0 || y > 9999 {
				t.Errorf("clock moved to year %d", y)
			}
		})
	}
}

func TestAdminClockOutOfRangeIs400(t *testing.T) {
	s := newTestServer(t)
	for _, tt := range []struct{ path, body string }{
		{"/_icefake/clock/set", `{"time":"9999-12-31T23:59:59Z"}`},
		{"/_icefake/clock/advance", `{"by":"1s"}`},
	} {
		r := adminCall(t, s, "POST", tt.path, tt.body)
		if tt.path == "/_icefake/clock/set" {
			if r.status != 200 {
				t.Fatalf("set 9999: %d %s", r.status, r.body)
			}
			continue
		}
		if r.status != 400 || !strings.Contains(string(r.body), "years 0000-9999") {
			t.Errorf("advance past 9999 = %d %s, want 400 naming the range", r.status, r.body)
		}
	}
	if got := s.Now(); !got.Equal(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("clock = %s, want unchanged", got)
	}
}
