package fake

import (
	"math"
	"strings"
	"testing"
)

// TestSetQuotaNonFinite: SetQuota refuses a NaN or infinite Rate, as a
// scenario's rate is refused, instead of storing a quota whose bucket
// arithmetic is undefined; the Action's quota stays as it was.
func TestSetQuotaNonFinite(t *testing.T) {
	tests := []struct {
		name string
		rate float64
	}{
		{"NaN", math.NaN()},
		{"+Inf", math.Inf(1)},
		{"-Inf", math.Inf(-1)},
		{"zero", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			err := s.SetQuota(Quota{Action: "SearchMedia", Rate: tt.rate})
			if err == nil || !strings.Contains(err.Error(), "Rate must be a finite number > 0") {
				t.Errorf("SetQuota(Rate %g) error = %v, want the finite-rate error", tt.rate, err)
			}
			if s.hasQuota("SearchMedia") {
				t.Errorf("SetQuota(Rate %g) left a quota on SearchMedia", tt.rate)
			}
		})
	}
}
