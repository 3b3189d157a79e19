package benchdata

import "testing"

func TestTitle(t *testing.T) {
	tests := []struct {
		name string
		n    uint64
		want string
	}{
		{name: "first", n: 0, want: "Summer trip 0 - rough cut"},
		{name: "wraps both lists", n: 36, want: "Product launch teaser 36 - rough cut"},
		{name: "a million and one", n: 1_000_001, want: "Weekly vlog 1000001 - v2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Title(tt.n)
			if got != tt.want {
				t.Errorf("Title(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func TestProjects(t *testing.T) {
	tests := []struct {
		name, env string
		want      int
		wantErr   bool
	}{
		{name: "unset", env: "", want: 7},
		{name: "set", env: "1000000", want: 1000000},
		{name: "zero", env: "0", wantErr: true},
		{name: "not a number", env: "1e6", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(ProjectsEnv, tt.env)
			got, err := Projects(7)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("Projects(7) = %d, %v; want %d, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
