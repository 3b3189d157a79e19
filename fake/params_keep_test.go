package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icefake/icefake/fake/popsign"
)

// formRequest is an unsigned POST with query and form body as given.
func formRequest(query, body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/?"+query, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func TestUnknownParametersAreIgnoredAndNotKept(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff))
	status, body := serve(t, s, formRequest("Action=CreateEditingProject&Version=2020-11-09&Tittle=typo",
		"Title=kept&Junk="+strings.Repeat("j", 1<<20)))
	if status != http.StatusOK {
		t.Fatalf("status = %d %v, want 200", status, body)
	}
	calls := s.Calls("CreateEditingProject")
	if len(calls) != 1 {
		t.Fatalf("journalled calls = %d, want 1", len(calls))
	}
	if got, want := calls[0].Params, map[string]string{"Title": "kept"}; len(got) != 1 || got["Title"] != want["Title"] {
		t.Errorf("journalled Params = %v, want %v", got, want)
	}
	if got, want := calls[0].Ignored, []string{"Junk", "Tittle"}; !slices.Equal(got, want) {
		t.Errorf("journalled Ignored = %q, want %q", got, want)
	}
	if got := s.Projects(DefaultAccessKeyId); len(got) != 1 || got[0].Title != "kept" {
		t.Errorf("stored projects = %+v, want one titled kept", got)
	}
}

func TestIgnoredNamesAreBounded(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		b.WriteString("&X" + strings.Repeat("n", 100) + string(rune('a'+i)) + "=1")
	}
	_, ignored := keptParams(routeFor("GetEditingProject"), mustParseQuery(t, "ProjectId=p"+b.String()))
	if len(ignored) != maxIgnoredNames {
		t.Fatalf("ignored names = %d, want %d", len(ignored), maxIgnoredNames)
	}
	for _, n := range ignored {
		if len(n) > maxIgnoredName+len("…") {
			t.Errorf("ignored name %q is %d bytes, want at most %d plus an ellipsis", n, len(n), maxIgnoredName)
		}
	}
}

func mustParseQuery(t *testing.T, q string) paramList {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return paramListOf(v)
}

func TestRepeatedParameterIsRejected(t *testing.T) {
	const create = "Action=CreateEditingProject&Version=2020-11-09"
	tests := []struct {
		name     string
		query    string
		body     string
		wantName string
		wantN    string
	}{
		{"twice in the query", create + "&Title=alpha&Title=omega", "", "Title", "2 times"},
		{"twice in the body", create, "Title=alpha&Title=omega", "Title", "2 times"},
		{"query and body", create + "&Title=alpha", "Title=omega", "Title", "2 times"},
		{"empty and set", create + "&Description=&Description=x", "", "Description", "2 times"},
		{"an unknown name repeated", create + "&Junk=1", "Junk=2", "Junk", "2 times"},
		{"a common parameter repeated", create + "&Format=json", "Format=xml", "Format", "2 times"},
		{"first name in byte order", create + "&Title=a&Title=b&Description=c&Description=d&Description=e", "", "Description", "3 times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithAuthMode(AuthOff))
			status, body := serve(t, s, formRequest(tt.query, tt.body))
			requireError(t, status, body, 400, "InvalidParameter",
				`The specified parameter "`+tt.wantName+`" is not valid. The parameter is given `+tt.wantN+"; give it once.")
			if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
				t.Errorf("stored projects = %d, want 0", got)
			}
		})
	}
}

// TestRepeatedParameterSignedV1: a V1 signature over Title=alpha&Title=omega
// (the first case) does not create a project with either value.
func TestRepeatedParameterSignedV1(t *testing.T) {
	s := newTestServer(t)
	q := v1Query(DefaultAccessKeyId, time.Now(), "dup-1")
	q.Set("Action", "CreateEditingProject")
	q.Del("ProjectId")
	q["Title"] = []string{"alpha", "omega"}
	popsign.SignV1Params(http.MethodPost, q, DefaultAccessKeySecret)
	status, body := serve(t, s, httptest.NewRequest(http.MethodPost, "/?"+q.Encode(), nil))
	requireError(t, status, body, 400, "InvalidParameter", `"Title"`, "given 2 times")
	if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
		t.Errorf("stored projects = %d, want 0", got)
	}
}

func TestJournalByteBudget(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff), WithJournalBytes(MaxJournalEntry))
	title := strings.Repeat("t", 60000)
	for i := range 10 {
		status, body := serve(t, s, formRequest("Action=CreateEditingProject&Version=2020-11-09", "Title="+string(rune('a'+i))+title))
		if status != http.StatusOK {
			t.Fatalf("call %d = %d %v", i, status, body)
		}
	}
	st := s.JournalStats()
	if st.Entries != 4 || st.Dropped != 6 || st.MaxBytes != MaxJournalEntry || st.MaxCalls != DefaultJournalSize {
		t.Errorf("JournalStats = %+v, want 4 entries, 6 dropped, MaxBytes %d, MaxCalls %d", st, MaxJournalEntry, DefaultJournalSize)
	}
	if st.Bytes > st.MaxBytes || st.Bytes < 4*60000 {
		t.Errorf("JournalStats.Bytes = %d, want from %d to %d", st.Bytes, 4*60000, st.MaxBytes)
	}
	var firsts string
	for _, c := range s.Calls() {
		firsts += c.Params["Title"][:1]
	}
	if firsts != "ghij" {
		t.Errorf("journalled calls' Titles start %q, want the newest four ghij", firsts)
	}
	if got := s.DroppedCalls(); got != 6 {
		t.Errorf("DroppedCalls = %d, want 6", got)
	}
	if got := s.Dump("").Journal; got != st {
		t.Errorf("Dump().Journal = %+v, want %+v", got, st)
	}
}

func TestJournalEntryIsCapped(t *testing.T) {
	big := strings.Repeat("x", 300<<10)
	in := Call{Message: big, Problem: big, Auth: big, Fault: big}
	got := journalEntry(in, url.Values{"Title": {big}, "Description": {big}, "Signature": {big}}, "")
	total := len(got.Message) + len(got.Problem) + len(got.Auth) + len(got.Fault)
	for _, v := range got.Params {
		total += len(v)
	}
	// Each cut value carries a note of at most 30 bytes.
	if limit := MaxJournalEntry + 7*30; total > limit {
		t.Errorf("entry keeps %d bytes, want at most %d", total, limit)
	}
	if got.Params["Signature"] != "<redacted>" {
		t.Errorf("Signature = %.20q, want <redacted>", got.Params["Signature"])
	}
	if want := strings.Repeat("x", MaxJournalValue) + "…(307200 bytes in all)"; got.Message != want {
		t.Errorf("Message is %d bytes, want the first %d plus a note", len(got.Message), MaxJournalValue)
	}
	if !strings.HasPrefix(got.Params["Description"], "…(") && len(got.Params["Description"]) > 30 {
		t.Errorf("Description (after 4 × 64 KiB of other fields) = %.40q…, want only the length note", got.Params["Description"])
	}
}
