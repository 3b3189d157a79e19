package fake

import (
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestProjectRecSize pins the compact record at 96 bytes, a Go size class:
// a field added later must not silently move every project into the next
// class (docs/architecture.md "Performance").
func TestProjectRecSize(t *testing.T) {
	if got, want := unsafe.Sizeof(projectRec{}), uintptr(96); got != want {
		t.Errorf("unsafe.Sizeof(projectRec{}) = %d, want %d", got, want)
	}
}

// TestProjectRecRoundTrip checks Project → record → Project over every
// field, the rare ones, values outside projectNames, zero values and the
// extremes of the times the store accepts.
func TestProjectRecRoundTrip(t *testing.T) {
	id := "0123456789abcdef0123456789abcdef"
	at := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	tests := []struct {
		name     string
		p        Project
		wantMore bool // whether the record needs its projectMore
	}{
		{"zero but the id", Project{ProjectId: id}, false},
		{"created over the API", Project{
			ProjectId: id, Title: "Summer trip 7 - final", Timeline: `{"VideoTracks":[]}`, Duration: 12.5,
			Status: StatusEditing, CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject",
			CreateTime: at, ModifiedTime: at.Add(time.Second),
		}, false},
		{"every field", Project{
			ProjectId: id, Title: "t", Description: "d", Timeline: "{}", TemplateId: "tpl", TemplateType: "VETemplate",
			ClipsParam: `{"a":1}`, CoverURL: "https://x/c.jpg", MaterialMaps: `{"video":"m1"}`, Duration: 1e7,
			Status: StatusProduceFailed, CreateSource: "LiveEditingOpenAPI", ModifiedSource: "WebSDK",
			CreateTime: at, ModifiedTime: at, ProjectType: "LiveEditingProject",
			BusinessConfig: `{"OutputMediaConfig":{"StorageLocation":"b"}}`, BusinessStatus: "Reserving",
			ErrorCode: "E", ErrorMessage: "m",
		}, true},
		{"only a rare field", Project{ProjectId: id, ErrorMessage: "m"}, true},
		{"names outside the table", Project{ProjectId: id, CreateSource: "Other", ModifiedSource: "Else", ProjectType: "Third"}, true},
		{"each status", Project{ProjectId: id, Status: StatusDeleted, CreateSource: "AliyunConsole", ModifiedSource: "LiveEditingConsole"}, false},
		{"year 0", Project{ProjectId: id, CreateTime: minClockTime, ModifiedTime: minClockTime.Add(time.Nanosecond)}, false},
		{"year 9999", Project{ProjectId: id, CreateTime: maxClockTime, ModifiedTime: maxClockTime.Add(999999999)}, false},
		{"before 1970", Project{ProjectId: id, CreateTime: time.Date(1900, 1, 1, 0, 0, 0, 5, time.UTC)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newProjectRec(&tt.p)
			if got := r.project(); got != tt.p {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.p)
			}
			if got := r.more != nil; got != tt.wantMore {
				t.Errorf("record has its projectMore: %v, want %v", got, tt.wantMore)
			}
			if got, want := r.createSec, tt.p.CreateTime.Unix(); got != want {
				t.Errorf("createSec = %d, want %d", got, want)
			}
		})
	}
}

// TestProjectRecSetKeepsSeq checks that set, which changeProject uses,
// keeps the record's position in its tenant's order.
func TestProjectRecSetKeepsSeq(t *testing.T) {
	p := Project{ProjectId: strings.Repeat("a", 32), Title: "a"}
	r := newProjectRec(&p)
	r.seq = 42
	p.Title = "b"
	r.set(&p)
	if got, want := r.seq, int32(42); got != want {
		t.Errorf("seq = %d, want %d", got, want)
	}
	if got, want := r.title, "b"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

// TestParseProjectKey checks which ProjectId texts have a key: exactly 32
// lowercase hex characters, as every stored project's.
func TestParseProjectKey(t *testing.T) {
	tests := []struct {
		name, id string
		ok       bool
	}{
		{"lowercase hex", "0123456789abcdef0123456789abcdef", true},
		{"uppercase", "0123456789ABCDEF0123456789abcdef", false},
		{"short", "0123456789abcdef", false},
		{"long", "0123456789abcdef0123456789abcdef0", false},
		{"not hex", "0123456789abcdeg0123456789abcdef", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := parseProjectKey(tt.id)
			if ok != tt.ok {
				t.Fatalf("parseProjectKey(%q) ok = %v, want %v", tt.id, ok, tt.ok)
			}
			if ok && k.String() != tt.id {
				t.Errorf("key of %q prints %q", tt.id, k.String())
			}
			if !ok && k != (projectKey{}) {
				t.Errorf("parseProjectKey(%q) = %v, want the zero key", tt.id, k)
			}
		})
	}
}
