package fake

import (
	"testing"
	"time"
)

func TestJobProgress(t *testing.T) {
	j := &job{queuing: DefaultStartTime, processing: DefaultStartTime.Add(time.Second), done: DefaultStartTime.Add(11 * time.Second)}
	failed := *j
	failed.code = "QueryMaterialFailed"
	tests := []struct {
		name string
		j    *job
		at   time.Duration
		want int32
	}{
		{"queuing", j, 0, 0},
		{"processing starts", j, time.Second, 0},
		{"half way", j, 6 * time.Second, 50},
		{"just before the end", j, 11*time.Second - time.Millisecond, 99},
		{"success", j, 11 * time.Second, 100},
		{"failed", &failed, time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.j.progressAt(DefaultStartTime.Add(tt.at)); got != tt.want {
				t.Errorf("progressAt(+%v) = %d, want %d", tt.at, got, tt.want)
			}
		})
	}
}
