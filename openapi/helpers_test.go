package openapi

import "testing"

func TestJSONPath(t *testing.T) {
	tests := []struct {
		name string
		ptr  []string
		want string
	}{
		{"root", nil, "$"},
		{"names and indexes", []string{"VideoTracks", "0", "VideoTrackClips", "12", "In"}, "$.VideoTracks[0].VideoTrackClips[12].In"},
		{"empty token", []string{""}, "$."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JSONPath(tt.ptr); got != tt.want {
				t.Errorf("JSONPath(%q) = %q, want %q", tt.ptr, got, tt.want)
			}
		})
	}
}

func TestEnum(t *testing.T) {
	s := MustLoad()
	if got := s.Enum("ProjectType"); len(got) != 2 || got[0] != "EditingProject" || got[1] != "LiveEditingProject" {
		t.Errorf("Enum(ProjectType) = %v, want [EditingProject LiveEditingProject]", got)
	}
	if got := s.Enum("NoSuchSchema"); got != nil {
		t.Errorf("Enum(NoSuchSchema) = %v, want nil", got)
	}
}
