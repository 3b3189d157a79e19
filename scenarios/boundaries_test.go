package scenarios

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestParseBoundariesAccepted pins the values exactly at each limit that
// Parse accepts.
func TestParseBoundariesAccepted(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		get  func(sc *Scenario) any
		want any
	}{
		{
			name: "after 0 (fail from the first call)",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, after: 0, code: InternalError}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].After },
			want: 0,
		},
		{
			name: "burst 0 (the fake then sizes the bucket ceil(rate))",
			yaml: "version: 1\nquotas:\n  - {action: GetEditingProject, rate: 1, burst: 0}\n",
			get:  func(sc *Scenario) any { return sc.Quotas[0] },
			want: Quota{Action: "GetEditingProject", Rate: 1, Burst: 0, Line: 3},
		},
		{
			name: "status 400",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, status: 400}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].Status },
			want: 400,
		},
		{
			name: "status 599",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, status: 599}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].Status },
			want: 599,
		},
		{
			name: "delay of exactly MaxDelay",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, delay: 10m}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].Delay },
			want: MaxDelay,
		},
		{
			name: "sequence step delay of exactly MaxDelay",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, sequence: [{ok: true, delay: 600s}]}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].Sequence[0].Delay },
			want: MaxDelay,
		},
		{
			name: "media duration of exactly MaxSeconds",
			yaml: "version: 1\nmedia:\n  - {mediaId: m, duration: 10000000}\n",
			get:  func(sc *Scenario) any { return sc.Media[0].Duration },
			want: float64(MaxSeconds),
		},
		{
			name: "VETemplate with an empty config",
			yaml: "version: 1\ntemplates:\n  - {templateId: ve, type: VETemplate, config: ''}\n  - {templateId: ve2, type: VETemplate, config: '  '}\n",
			get:  func(sc *Scenario) any { return []string{sc.Templates[0].Config, sc.Templates[1].Config} },
			want: []string{"", "  "},
		},
		{
			name: "createTime in year 0000 (UTC)",
			yaml: "version: 1\nprojects:\n  - {title: a, createTime: '0000-01-01T00:00:00Z'}\n",
			get:  func(sc *Scenario) any { return sc.Projects[0].CreateTime.UTC() },
			want: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		{
			name: "createTime and modifiedTime in year 9999 (UTC)",
			yaml: "version: 1\nprojects:\n  - {title: a, createTime: '9999-12-31T23:59:59Z', modifiedTime: '9999-12-31T23:59:59Z'}\n",
			get:  func(sc *Scenario) any { return sc.Projects[0].ModifiedTime.UTC() },
			want: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		},
		{
			name: "a 40-character value is quoted whole",
			yaml: "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, match: {ProjectId: '" + strings.Repeat("p", 40) + "'}}\n",
			get:  func(sc *Scenario) any { return sc.Faults[0].Match["ProjectId"] },
			want: strings.Repeat("p", 40),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("t.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse() error = %v, want nil", err)
			}
			if got := tt.get(sc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestParseBoundariesRejected pins the first value past each limit, and the
// documents that are no scenario at all.
func TestParseBoundariesRejected(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"document null", "null\n", "t.yaml:1: version: required (the only version is 1)"},
		{"document ~", "~\n", "t.yaml:1: version: required (the only version is 1)"},
		{"document ~ after a comment", "# nothing\n~\n", "t.yaml:2: version: required (the only version is 1)"},
		{"after -1", "version: 1\nfaults:\n  - {action: GetEditingProject, after: -1, code: InternalError}\n",
			"t.yaml:3: faults[0].after: must be >= 0, got -1"},
		{"burst -1", "version: 1\nquotas:\n  - {action: GetEditingProject, rate: 1, burst: -1}\n",
			"t.yaml:3: quotas[0].burst: must be >= 0, got -1"},
		{"status 399", "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, status: 399}\n",
			"t.yaml:3: faults[0].status: must be an error status between 400 and 599, got 399"},
		{"status 600", "version: 1\nfaults:\n  - {action: GetEditingProject, code: InternalError, status: 600}\n",
			"t.yaml:3: faults[0].status: must be an error status between 400 and 599, got 600"},
		{"delay a nanosecond over MaxDelay", "version: 1\nfaults:\n  - {action: GetEditingProject, delay: 600000000001ns}\n",
			"t.yaml:3: faults[0].delay: must be at most 10m0s, got 600000000001ns"},
		{"media duration over MaxSeconds", "version: 1\nmedia:\n  - {mediaId: m, duration: 10000000.001}\n",
			"t.yaml:3: media[0].duration: must be from 0 to 10000000 seconds, got 10000000.001"},
		{"Timeline template with an empty config", "version: 1\ntemplates:\n  - {templateId: t, config: ''}\n",
			"t.yaml:3: templates[0].config: not JSON: unexpected end of JSON input"},
		{"Timeline template with a blank config", "version: 1\ntemplates:\n  - {templateId: t, type: Timeline, config: ' '}\n",
			"t.yaml:3: templates[0].config: not JSON: unexpected end of JSON input"},
		{"createTime in year -1 (UTC)", "version: 1\nprojects:\n  - {title: a, createTime: '0000-01-01T00:00:00+01:00'}\n",
			`t.yaml:3: projects[0].createTime: "0000-01-01T00:00:00+01:00" is out of range: the year in UTC must be 0000-9999`},
		{"createTime in year 10000 (UTC)", "version: 1\nprojects:\n  - {title: a, createTime: '9999-12-31T23:30:00-01:00'}\n",
			`t.yaml:3: projects[0].createTime: "9999-12-31T23:30:00-01:00" is out of range: the year in UTC must be 0000-9999`},
		{"a 41-character value is clipped to 40 and …", "version: 1\nmedia:\n  - {mediaId: m, duration: 1, type: '" + strings.Repeat("é", 41) + "'}\n",
			`t.yaml:3: media[0].type: unknown media type "` + strings.Repeat("é", 40) + `…" (allowed: video, audio, image, text)`},
		{"a 40-character value is not clipped", "version: 1\nmedia:\n  - {mediaId: m, duration: 1, type: '" + strings.Repeat("é", 40) + "'}\n",
			`t.yaml:3: media[0].type: unknown media type "` + strings.Repeat("é", 40) + `" (allowed: video, audio, image, text)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("t.yaml", []byte(tt.yaml))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse() = %+v, %v, want the error %q", sc, err, tt.want)
			}
		})
	}
}
