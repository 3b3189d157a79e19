package fake

import (
	"fmt"
	"strings"
	"testing"
)

type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func TestExpectCalls(t *testing.T) {
	s := newTestServer(t)
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "y"})
	rpc(t, s, "GetEditingProject", map[string]string{"ProjectId": "p"})
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": "x", "Description": "d"})

	var ok recorder
	if !s.ExpectCalls(&ok, 1, CallMatch{Action: "CreateEditingProject", Params: map[string]string{"Title": "x"}}) || len(ok.msgs) != 0 {
		t.Fatalf("ExpectCalls(match) reported %v, want nothing", ok.msgs)
	}
	var r recorder
	if s.ExpectCalls(&r, 1, CallMatch{Action: "CreateEditingProject", Params: map[string]string{"Title": "z"}}) {
		t.Fatal("ExpectCalls(no match) = true, want false")
	}
	calls := s.Calls()
	want := strings.Join([]string{
		`expected 1 CreateEditingProject with Title="z"; saw 0`,
		`nearest misses:`,
		fmt.Sprintf(`  #1 CreateEditingProject 200 RequestId=%s differs: Title="y"`, calls[0].RequestId),
		fmt.Sprintf(`  #3 CreateEditingProject 200 RequestId=%s differs: Title="x"`, calls[2].RequestId),
		fmt.Sprintf(`  #2 GetEditingProject 404 RequestId=%s Code=ProjectNotFound differs: Action GetEditingProject, Title absent`, calls[1].RequestId),
	}, "\n")
	if len(r.msgs) != 1 || r.msgs[0] != want {
		t.Errorf("message:\n%s\nwant:\n%s", strings.Join(r.msgs, "\n"), want)
	}
	var tooMany recorder
	s.ExpectCalls(&tooMany, 1, CallMatch{Action: "CreateEditingProject", Status: 200})
	if len(tooMany.msgs) != 1 || !strings.HasPrefix(tooMany.msgs[0], "expected 1 CreateEditingProject with status=200; saw 2:\n  #1 CreateEditingProject 200") {
		t.Errorf("too many: %q", tooMany.msgs)
	}
	if got := len(s.MatchingCalls(CallMatch{Code: "ProjectNotFound"})); got != 1 {
		t.Errorf("MatchingCalls(Code=ProjectNotFound) = %d, want 1", got)
	}
}

func TestJournalClipsHugeValues(t *testing.T) {
	s := newTestServer(t)
	title := strings.Repeat("x", MaxJournalValue+10)
	rpc(t, s, "CreateEditingProject", map[string]string{"Title": title})
	got := s.Calls()[0].Params["Title"]
	if want := strings.Repeat("x", MaxJournalValue) + fmt.Sprintf("…(%d bytes in all)", len(title)); got != want {
		t.Errorf("journalled Title has %d bytes, want the first %d plus a note", len(got), MaxJournalValue)
	}
	if p := s.Projects(DefaultAccessKeyId)[0]; p.Title != title {
		t.Errorf("stored Title was cut too; want it whole")
	}
}
