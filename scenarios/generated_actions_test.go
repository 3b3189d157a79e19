package scenarios

import (
	"testing"
)

// TestRulesOnGeneratedActions: faults: and quotas: name any Action of the
// merged spec, not only ice.yaml's; a match or matchJSON on a generated
// Action is checked against its generated parameters.
func TestRulesOnGeneratedActions(t *testing.T) {
	sc, err := Parse("g.yaml", []byte(`version: 1
faults:
  - {action: SubmitSnapshotJob, code: Throttling, times: 1, match: {Name: thumbs}}
  - {action: GetSnapshotJob, transport: drop}
quotas:
  - {action: GetSnapshotJob, rate: 2, burst: 3}
`))
	if err != nil {
		t.Fatalf("Parse() error = %v", err)
	}
	if got, want := len(sc.Faults), 2; got != want {
		t.Fatalf("faults = %d, want %d", got, want)
	}
	f := sc.Faults[0]
	if f.Action != "SubmitSnapshotJob" || f.Code != "Throttling" || f.Times != 1 || f.Match["Name"] != "thumbs" || f.Line != 3 {
		t.Errorf("faults[0] = %+v, want SubmitSnapshotJob Throttling times 1 match Name=thumbs at line 3", f)
	}
	if got, want := sc.Quotas, []Quota{{Action: "GetSnapshotJob", Rate: 2, Burst: 3, Line: 6}}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("quotas = %+v, want %+v", got, want)
	}

	tests := []struct {
		name string
		yaml string
		want string
	}{
		{
			name: "unknown match key lists the generated parameters",
			yaml: "version: 1\nfaults:\n  - {action: GetSnapshotJob, code: Throttling, match: {Nope: x}}\n",
			want: `t.yaml:3: faults[0].match.Nope: unknown parameter of GetSnapshotJob (known: JobId)`,
		},
		{
			name: "matchJSON on an Action without JSON parameters",
			yaml: "version: 1\nfaults:\n  - {action: GetSnapshotJob, code: Throttling, matchJSON: [{param: JobId, path: $.A, value: 1}]}\n",
			want: `t.yaml:3: faults[0].matchJSON[0].param: "JobId" is not a JSON parameter of GetSnapshotJob (known: )`,
		},
		{
			name: "quota on an unknown Action",
			yaml: "version: 1\nquotas:\n  - {action: GetSnapshotJobs, rate: 1}\n",
			want: `t.yaml:3: quotas[0].action: unknown action "GetSnapshotJobs" (not an Action of the ICE SDK's model; docs/actions.md lists them)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse() error = nil, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse() error =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
