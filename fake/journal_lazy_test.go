package fake

import (
	"maps"
	"net/url"
	"strings"
	"testing"
)

// TestJournalLazyParamsMatchEager checks that an entry whose Params are
// built when the journal is read holds what journalEntry would have built
// at once, and costs the same bytes.
func TestJournalLazyParamsMatchEager(t *testing.T) {
	big := strings.Repeat("x", MaxJournalValue+1)
	cap64 := strings.Repeat("v", MaxJournalValue)
	if 4*MaxJournalValue != MaxJournalEntry {
		t.Fatalf("the cases assume four whole values fill an entry: MaxJournalValue %d, MaxJournalEntry %d", MaxJournalValue, MaxJournalEntry)
	}
	tests := []struct {
		name     string
		params   url.Values
		message  string
		wantLazy bool
	}{
		{name: "create", params: url.Values{"Title": {"t"}, "Timeline": {`{"VideoTracks":[]}`}}, wantLazy: true},
		{name: "empty value list", params: url.Values{"Title": {}, "ProjectId": {"p"}}, wantLazy: true},
		{name: "no parameters", params: url.Values{}, wantLazy: false},
		{name: "nil parameters", params: nil, wantLazy: false},
		{name: "redacted name", params: url.Values{"SecurityToken": {"s"}, "Title": {"t"}}, wantLazy: false},
		{name: "value over the value cap", params: url.Values{"Timeline": {big}}, wantLazy: false},
		{name: "values over the entry's budget", params: url.Values{"A": {cap64}, "B": {cap64}, "C": {cap64}, "D": {cap64}, "E": {"e"}}, wantLazy: false},
		{name: "values exactly the entry's budget", params: url.Values{"A": {cap64}, "B": {cap64}, "C": {cap64}, "D": {cap64}}, wantLazy: true},
		{name: "message leaves less", params: url.Values{"A": {cap64}, "B": {cap64}, "C": {cap64}, "D": {cap64}}, message: "m", wantLazy: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := journalEntry(Call{Message: tt.message}, tt.params, "")
			if lazy := got.params != nil; lazy != tt.wantLazy {
				t.Errorf("lazy = %v, want %v", lazy, tt.wantLazy)
			}
			gotBytes := entryBytes(&got)
			fillParams(&got)
			cl := &clipper{left: MaxJournalEntry - len(tt.message)}
			want := eagerParams(cl, tt.params)
			if !maps.Equal(got.Params, want) || got.Params == nil {
				t.Errorf("Params (%d names) differ from the eager build (%d names)", len(got.Params), len(want))
			}
			if got.params != nil {
				t.Errorf("params after fillParams = %v, want nil", got.params)
			}
			if wantBytes := entryBytes(&got); gotBytes != wantBytes {
				t.Errorf("entryBytes lazy = %d, filled %d; want equal", gotBytes, wantBytes)
			}
		})
	}
}

// TestJournalBytesStayExact: the byte count kept per entry (so a drop need
// not recount) always equals the sum of what the held calls cost, through
// growth, drops by count and by bytes, tenant removal and clear.
func TestJournalBytesStayExact(t *testing.T) {
	j := newJournal(40, 6000)
	check := func(step string) {
		t.Helper()
		want := 0
		for _, c := range j.calls() {
			want += entryBytes(&heldCall{Call: c})
		}
		if j.bytes != want {
			t.Fatalf("%s: journal bytes = %d, want %d (the held calls' entryBytes)", step, j.bytes, want)
		}
	}
	for i := range 100 {
		tenant := "a"
		if i%3 == 0 {
			tenant = "b"
		}
		c := journalEntry(Call{Tenant: tenant, Message: strings.Repeat("m", i%7*20)}, url.Values{"Title": {strings.Repeat("t", i%11)}}, "")
		j.add(&c)
		if i%10 == 9 {
			check("after add")
		}
	}
	if j.dropped == 0 {
		t.Fatalf("dropped = 0; the case should drop calls")
	}
	j.removeTenant("b")
	check("after removeTenant")
	c := journalEntry(Call{Tenant: "a"}, url.Values{"Title": {"x"}}, "")
	j.add(&c)
	check("after removeTenant and add")
	j.clear()
	check("after clear")
}
