package fake

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUIPages(t *testing.T) {
	s, seed := seedUI(t)
	tests := []struct {
		name   string
		target string
		status int
		h1     string
		table  string // id of a table
		rows   int    // its tbody rows
	}{
		{name: "overview", target: uiPrefix, status: 200, h1: "Overview", table: "tenants", rows: 1},
		{name: "overview faults", target: uiPrefix, status: 200, h1: "Overview", table: "faults", rows: 1},
		{name: "projects", target: uiPrefix + "projects", status: 200, h1: "Projects", table: "projects", rows: 2},
		{name: "projects of another tenant", target: uiPrefix + "projects?tenant=nobody", status: 200, h1: "Projects", table: "projects", rows: 1}, // "No project matches."
		{name: "project", target: uiPrefix + "projects/" + DefaultAccessKeyId + "/" + seed.OK, status: 200, h1: "Project " + seed.OK, table: "fields"},
		{name: "jobs", target: uiPrefix + "jobs", status: 200, h1: "Jobs", table: "jobs", rows: 1},
		{name: "journal", target: uiPrefix + "journal", status: 200, h1: "Journal", table: "calls", rows: 4},
		{name: "journal failed only", target: uiPrefix + "journal?status=404", status: 200, h1: "Journal", table: "calls", rows: 1},
		{name: "call", target: uiPrefix + "calls/" + seed.FailedID, status: 200, h1: "Call " + seed.FailedID, table: "params"},
		{name: "timeline form", target: uiPrefix + "timeline", status: 200, h1: "Draw a Timeline"},
		{name: "login form", target: uiPrefix + "login", status: 200, h1: "Sign in"},
		{name: "unknown page", target: uiPrefix + "nope", status: 404, h1: "Not Found"},
		{name: "unknown project", target: uiPrefix + "projects/" + DefaultAccessKeyId + "/nope", status: 404, h1: "Not Found"},
		{name: "project path without id", target: uiPrefix + "projects/" + DefaultAccessKeyId, status: 404, h1: "Not Found"},
		{name: "unknown call", target: uiPrefix + "calls/nope", status: 404, h1: "Not Found"},
		{name: "bad status filter", target: uiPrefix + "journal?status=abc", status: 400, h1: "Journal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := uiGet(t, s, tt.target)
			if r.status != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.target, r.status, tt.status, r.body)
			}
			if got, want := r.header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			if got := r.header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'none'") {
				t.Errorf("Content-Security-Policy = %q, want script-src 'none'", got)
			}
			h1 := find(r.doc, "h1")
			if len(h1) != 1 || text(h1[0]) != tt.h1 {
				t.Fatalf("h1 = %d elements %q, want one %q", len(h1), text(h1[0]), tt.h1)
			}
			if tt.table != "" && tt.rows > 0 {
				if got := len(rows(t, r.doc, tt.table)); got != tt.rows {
					t.Errorf("table #%s rows = %d, want %d", tt.table, got, tt.rows)
				}
			}
			if got := len(find(r.doc, "script")); got != 0 {
				t.Errorf("script elements = %d, want 0", got)
			}
			// Every form control has a label.
			for _, in := range append(find(r.doc, "input"), append(find(r.doc, "select"), find(r.doc, "textarea")...)...) {
				if typ, _ := attr(in, "type"); typ == "hidden" {
					continue
				}
				id, _ := attr(in, "id")
				if id == "" || len(find(r.doc, "label", "for", id)) != 1 {
					t.Errorf("form control %v has no label", in.Attr)
				}
			}
		})
	}
}

func TestUIProjectTimeline(t *testing.T) {
	s, seed := seedUI(t)
	r := uiGet(t, s, uiPrefix+"projects/"+DefaultAccessKeyId+"/"+seed.Hostile)
	if r.status != 200 {
		t.Fatalf("status = %d, want 200", r.status)
	}
	svg := byID(t, r.doc, "timeline-svg")
	boxes := find(svg, "rect", "data-clip", "*")
	type box struct{ x, w, start, end, lane, clip, unknown string }
	var got []box
	for _, b := range boxes {
		var bx box
		bx.x, _ = attr(b, "x")
		bx.w, _ = attr(b, "width")
		bx.start, _ = attr(b, "data-start")
		bx.end, _ = attr(b, "data-end")
		bx.lane, _ = attr(b, "data-lane")
		bx.clip, _ = attr(b, "data-clip")
		bx.unknown, _ = attr(b, "data-unknown")
		got = append(got, bx)
	}
	// The axis spans the 12 s output over 820 px from x = 130.
	want := []box{
		{x: "130", w: "341.67", start: "0", end: "5", lane: "0", clip: "0"},
		{x: "471.67", w: "273.33", start: "5", end: "9", lane: "0", clip: "1"},
		{x: "745", w: "205", start: "9", end: "12", lane: "0", clip: "2", unknown: "true"},
		{x: "130", w: "205", start: "0", end: "3", lane: "1", clip: "0", unknown: "true"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("boxes =\n%v\nwant\n%v", got, want)
	}
	var lanes []string
	for _, g := range find(svg, "g", "data-lane", "*") {
		v, _ := attr(g, "data-lane")
		lanes = append(lanes, v)
	}
	if got, want := strings.Join(lanes, ","), "video 0,audio 0"; got != want {
		t.Errorf("lanes = %q, want %q", got, want)
	}
	labels := text(svg)
	for _, want := range []string{"ui-media-a · In 0 Out 5", "? ui-missing", "? unknown.mp3 · Out 3", "12 s output"} {
		if !strings.Contains(labels, want) {
			t.Errorf("SVG text %q lacks %q", labels, want)
		}
	}
	// The hostile Title is text wherever it shows, never markup.
	if n := len(find(r.doc, "script")); n != 0 {
		t.Errorf("script elements = %d, want 0", n)
	}
	for _, tr := range find(byID(t, r.doc, "fields"), "tr") {
		if th := find(tr, "th"); text(th[0]) == "Title" {
			if got := text(find(tr, "td")[0]); got != uiHostile {
				t.Errorf("Title cell = %q, want %q", got, uiHostile)
			}
		}
	}
	if !strings.Contains(text(byID(t, r.doc, "timeline-json")), `"MediaId": "ui-missing"`) {
		t.Errorf("raw JSON lacks the clip")
	}
}

func TestUIProjectsTable(t *testing.T) {
	s := newTestServer(t)
	for i := range 60 {
		prOK(t, s, "CreateEditingProject", map[string]string{"Title": fmt.Sprintf("p%02d", i)})
		advanceClock(t, s, time.Second)
	}
	tests := []struct {
		name       string
		query      string
		rows       int
		first      string // first row's Title
		next, prev bool
	}{
		{name: "first page", query: "", rows: 50, first: "p00", next: true},
		{name: "second page", query: "page=2", rows: 10, first: "p50", prev: true},
		{name: "page past the end", query: "page=9", rows: 1, prev: true}, // "No project matches."
		{name: "title filter", query: "title=P1", rows: 10, first: "p10"},
		{name: "title descending", query: "sort=title&dir=desc", rows: 50, first: "p59", next: true},
		{name: "created descending", query: "sort=created&dir=desc", rows: 50, first: "p59", next: true},
		{name: "status filter", query: "status=Produced", rows: 1},
		{name: "unknown sort is creation order", query: "sort=nope", rows: 50, first: "p00", next: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := uiGet(t, s, uiPrefix+"projects?"+tt.query)
			rs := rows(t, r.doc, "projects")
			if len(rs) != tt.rows {
				t.Fatalf("rows = %d, want %d", len(rs), tt.rows)
			}
			if tt.first != "" {
				if got := text(find(rs[0], "td", "class", "title")[0]); got != tt.first {
					t.Errorf("first Title = %q, want %q", got, tt.first)
				}
			}
			if got := len(find(r.doc, "a", "rel", "next")) == 1; got != tt.next {
				t.Errorf("next link = %v, want %v", got, tt.next)
			}
			if got := len(find(r.doc, "a", "rel", "prev")) == 1; got != tt.prev {
				t.Errorf("prev link = %v, want %v", got, tt.prev)
			}
		})
	}
	// The sorted column says so to assistive technology.
	r := uiGet(t, s, uiPrefix+"projects?sort=title")
	if got := len(find(r.doc, "th", "aria-sort", "ascending")); got != 1 {
		t.Errorf("th[aria-sort=ascending] = %d, want 1", got)
	}
}

func TestUIAccess(t *testing.T) {
	const tok = "s3cret"
	s, _ := seedUI(t, WithAdminToken(tok))
	off, _ := seedUI(t, WithAdmin(false))
	open, _ := seedUI(t)
	tests := []struct {
		name     string
		s        *Server
		method   string
		target   string
		form     string
		header   []string
		status   int
		location string // want Location
		cookie   string // want Set-Cookie to start with this
	}{
		{name: "no token configured", s: open, method: "GET", target: uiPrefix, status: 200},
		{name: "no credentials", s: s, method: "GET", target: uiPrefix, status: 401},
		{name: "bearer header", s: s, method: "GET", target: uiPrefix, header: []string{"Authorization", "Bearer " + tok}, status: 200},
		{name: "wrong bearer", s: s, method: "GET", target: uiPrefix, header: []string{"Authorization", "Bearer nope"}, status: 401},
		{name: "cookie", s: s, method: "GET", target: uiPrefix + "jobs", header: []string{"Cookie", uiCookie + "=" + tok}, status: 200},
		{name: "wrong cookie", s: s, method: "GET", target: uiPrefix, header: []string{"Cookie", uiCookie + "=nope"}, status: 401},
		{name: "token link", s: s, method: "GET", target: uiPrefix + "journal?status=404&token=" + tok, status: 303,
			location: uiPrefix + "journal?status=404", cookie: uiCookie + "=" + tok + "; Path=/_icefake/ui/; HttpOnly; SameSite=Strict"},
		{name: "wrong token link", s: s, method: "GET", target: uiPrefix + "?token=nope", status: 401},
		{name: "login", s: s, method: "POST", target: uiPrefix + "login", form: "token=" + tok + "&next=" + url.QueryEscape(uiPrefix+"jobs"), status: 303,
			location: uiPrefix + "jobs", cookie: uiCookie + "=" + tok},
		{name: "login keeps next inside the dashboard", s: s, method: "POST", target: uiPrefix + "login", form: "token=" + tok + "&next=https://evil.example/", status: 303,
			location: uiPrefix, cookie: uiCookie + "=" + tok},
		{name: "wrong login", s: s, method: "POST", target: uiPrefix + "login", form: "token=nope", status: 401},
		{name: "logout", s: s, method: "POST", target: uiPrefix + "logout", status: 303, location: uiPrefix + "login", cookie: uiCookie + "=; Path=/_icefake/ui/; Max-Age=0"},
		{name: "stylesheet is open", s: s, method: "GET", target: uiPrefix + "ui.css", status: 200},
		{name: "form without credentials", s: s, method: "POST", target: uiPrefix + "do/reset", status: 401},
		{name: "admin API off", s: off, method: "GET", target: uiPrefix, status: 404},
		{name: "admin API off: login too", s: off, method: "GET", target: uiPrefix + "login", status: 404},
		{name: "cross-origin form", s: open, method: "POST", target: uiPrefix + "do/reset", header: []string{"Origin", "http://evil.example"}, status: 403},
		{name: "form without Origin or Referer", s: open, method: "POST", target: uiPrefix + "do/reset", header: []string{"Origin", ""}, status: 403},
		{name: "form with a same-origin Referer", s: open, method: "POST", target: uiPrefix + "do/reset", header: []string{"Origin", "", "Referer", "http://127.0.0.1:18930/_icefake/ui/"}, status: 303, location: uiPrefix + "?done=reset+everything"},
		{name: "wrong method", s: open, method: "DELETE", target: uiPrefix + "jobs", status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r uiResp
			if tt.method == http.MethodPost {
				r = uiPostForm(t, tt.s, tt.target, tt.form, tt.header...)
			} else {
				r = uiDo(t, tt.s, tt.method, tt.target, "", nil, tt.header...)
			}
			if r.status != tt.status {
				t.Fatalf("%s %s = %d, want %d\n%s", tt.method, tt.target, r.status, tt.status, r.body)
			}
			if got := r.header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if got := r.header.Get("Set-Cookie"); !strings.HasPrefix(got, tt.cookie) || (tt.cookie == "" && got != "") {
				t.Errorf("Set-Cookie = %q, want prefix %q", got, tt.cookie)
			}
			if r.status == http.StatusUnauthorized {
				if got := r.header.Get("WWW-Authenticate"); got != `Bearer realm="icefake"` {
					t.Errorf("WWW-Authenticate = %q", got)
				}
				if n := len(find(r.doc, "input", "name", "token", "type", "password")); n != 1 {
					t.Errorf("401 page token inputs = %d, want the login form", n)
				}
				if strings.Contains(r.body, tok) {
					t.Errorf("the 401 page shows the token")
				}
			}
		})
	}
}

func TestUIControls(t *testing.T) {
	s, seed := seedUI(t)
	jobStatus := func() string {
		t.Helper()
		j, ok := s.Job(DefaultAccessKeyId, seed.JobID)
		if !ok {
			t.Fatalf("job %s is gone", seed.JobID)
		}
		return j.Status
	}
	if got := jobStatus(); got == jobSuccess {
		t.Fatalf("job status = %s before advancing", got)
	}

	// Advance: the admin endpoint's answer, then the job is done.
	r := uiPostForm(t, s, uiPrefix+"do/advance", "by=1h")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != uiPrefix+"?done="+url.QueryEscape("advanced the clock to 2024-01-01T01:00:00Z") {
		t.Fatalf("advance = %d Location %q", r.status, r.header.Get("Location"))
	}
	if got, want := s.Now(), DefaultStartTime.Add(time.Hour); !got.Equal(want) {
		t.Errorf("clock = %v, want %v", got, want)
	}
	if got := jobStatus(); got != jobSuccess {
		t.Errorf("job status = %s, want %s", got, jobSuccess)
	}
	// The note shows on the overview.
	r = uiGet(t, s, uiPrefix+"?done="+url.QueryEscape("advanced the clock to 2024-01-01T01:00:00Z"))
	if got := text(find(r.doc, "p", "class", "done")[0]); got != "Done: advanced the clock to 2024-01-01T01:00:00Z." {
		t.Errorf("note = %q", got)
	}

	errs := []struct {
		name, target, form string
		status             int
		message            string
	}{
		{name: "advance by nonsense", target: "do/advance", form: "by=soon", status: 400, message: `request body: /by: string doesn't match the regular expression`},
		{name: "remove an unknown fault", target: "do/remove-fault", form: "id=99", status: 404, message: "no fault rule 99"},
		{name: "remove a fault without a number", target: "do/remove-fault", form: "id=x", status: 400, message: `fault rule id "x": not a number`},
		{name: "scenario without a name", target: "do/scenario", form: "scenario=" + url.QueryEscape("media: []"), status: 400, message: `query parameter "name" is required`},
		{name: "invalid scenario", target: "do/scenario", form: "name=bad&scenario=" + url.QueryEscape("faults: [{}]"), status: 400, message: "the scenario is invalid"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			r := uiPostForm(t, s, uiPrefix+tt.target, tt.form)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d\n%s", r.status, tt.status, r.body)
			}
			p := find(r.doc, "p", "class", "problem")
			if len(p) != 1 || !strings.Contains(text(p[0]), tt.message) {
				t.Errorf("problem = %q, want it to contain %q", text(p[0]), tt.message)
			}
		})
	}

	// Load a scenario from an uploaded file: it lists on the overview.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("name", "uploaded")
	fw, _ := mw.CreateFormFile("file", "s.yaml")
	fmt.Fprint(fw, "version: 1\nfaults:\n  - action: DeleteEditingProjects\n    code: Throttling.User\n")
	mw.Close()
	r = uiDo(t, s, http.MethodPost, uiPrefix+"do/scenario", mw.FormDataContentType(), &body)
	if r.status != http.StatusSeeOther {
		t.Fatalf("scenario upload = %d\n%s", r.status, r.body)
	}
	if got := s.Scenarios(); len(got) != 1 || got[0].Name != "uploaded" || got[0].Faults != 1 {
		t.Errorf("Scenarios() = %+v, want uploaded with 1 fault", got)
	}
	r = uiGet(t, s, uiPrefix)
	if got := len(rows(t, r.doc, "faults")); got != 2 {
		t.Errorf("fault rows = %d, want 2", got)
	}

	// Remove the seeded fault rule by its id.
	id := s.Faults()[0].ID
	r = uiPostForm(t, s, uiPrefix+"do/remove-fault", fmt.Sprintf("id=%d", id))
	if r.status != http.StatusSeeOther {
		t.Fatalf("remove fault = %d\n%s", r.status, r.body)
	}
	if got := len(s.Faults()); got != 1 {
		t.Errorf("faults = %d, want 1", got)
	}

	// Reset one tenant, then everything.
	r = uiPostForm(t, s, uiPrefix+"do/reset", "tenant="+DefaultAccessKeyId)
	if r.status != http.StatusSeeOther || len(s.Projects(DefaultAccessKeyId)) != 0 {
		t.Errorf("reset tenant = %d, projects left %d", r.status, len(s.Projects(DefaultAccessKeyId)))
	}
	prOK(t, s, "CreateEditingProject", map[string]string{"Title": "again"})
	r = uiPostForm(t, s, uiPrefix+"do/reset", "")
	if r.status != http.StatusSeeOther || len(s.Tenants()) != 0 {
		t.Errorf("reset = %d, tenants left %v", r.status, s.Tenants())
	}
}

func TestUIControlsWithToken(t *testing.T) {
	s, _ := seedUI(t, WithAdminToken("tok"))
	r := uiPostForm(t, s, uiPrefix+"do/advance", "by=90s", "Cookie", uiCookie+"=tok")
	if r.status != http.StatusSeeOther {
		t.Fatalf("advance with the cookie = %d\n%s", r.status, r.body)
	}
	if got, want := s.Now(), DefaultStartTime.Add(90*time.Second); !got.Equal(want) {
		t.Errorf("clock = %v, want %v", got, want)
	}
}

func TestUIJournalCall(t *testing.T) {
	s, seed := seedUI(t)
	r := uiGet(t, s, uiPrefix+"calls/"+seed.FailedID)
	answer := text(byID(t, r.doc, "answer"))
	if got := text(byID(t, r.doc, "call-status")); got != "404" {
		t.Errorf("status = %q, want 404 (answer %q)", got, answer)
	}
	if got := text(byID(t, r.doc, "call-code")); got != string(CodeProjectNotFound) {
		t.Errorf("code = %q, want %s", got, CodeProjectNotFound)
	}
	if got := text(byID(t, r.doc, "call-why")); !strings.Contains(got, "no-such-project") {
		t.Errorf("why = %q, want the reason", got)
	}
	rules := find(byID(t, r.doc, "rules"), "li")
	if len(rules) < 2 || !strings.Contains(text(rules[0]), `ProjectId: the rule wants "p-scripted", the call had "no-such-project"`) {
		t.Errorf("rules = %q", text(byID(t, r.doc, "rules")))
	}
	// Secrets are as the journal keeps them: redacted.
	for _, tr := range rows(t, r.doc, "params") {
		if text(find(tr, "th")[0]) == "Signature" && text(find(tr, "td")[0]) != "<redacted>" {
			t.Errorf("Signature = %q, want <redacted>", text(find(tr, "td")[0]))
		}
	}
}

func TestFaultMisses(t *testing.T) {
	at := DefaultStartTime
	call := Call{Action: "GetEditingProject", Tenant: "k1", Time: at,
		Params: map[string]string{"ProjectId": "p1", "Timeline": `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m1"}]}]}`}}
	tests := []struct {
		name  string
		fault Fault
		want  []string
	}{
		{name: "matches", fault: Fault{Action: "GetEditingProject"}, want: nil},
		{name: "other Action and tenant", fault: Fault{Action: "SearchEditingProject", Tenant: "k2"}, want: []string{
			"Action: the rule wants SearchEditingProject, the call was GetEditingProject",
			"tenant: the rule wants k2, the call was k1"}},
		{name: "parameters", fault: Fault{Action: "GetEditingProject", Match: map[string]string{"ProjectId": "p2", "Title": "t"}}, want: []string{
			`ProjectId: the rule wants "p2", the call had "p1"`,
			`Title: the rule wants "t", the call had none`}},
		{name: "JSON", fault: Fault{Action: "GetEditingProject", MatchJSON: []JSONMatch{
			{Param: "Timeline", Path: "$.VideoTracks[0].VideoTrackClips[0].MediaId", Value: "m2"},
			{Param: "Timeline", Path: "$.AudioTracks[0]", Value: "x"}}}, want: []string{
			`Timeline.VideoTracks[0].VideoTrackClips[0].MediaId: the rule wants "m2", the call had "m1"`,
			`Timeline.AudioTracks[0]: the rule wants "x", the call had nothing there`}},
		{name: "window", fault: Fault{Action: "GetEditingProject", From: at.Add(time.Hour)}, want: []string{
			"time: the rule applies from 2024-01-01T01:00:00Z until (open), the call came at 2024-01-01T00:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := faultMisses(tt.fault, call)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("faultMisses() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestUITimelineForm(t *testing.T) {
	s, _ := seedUI(t)
	tests := []struct {
		name     string
		form     url.Values
		status   int
		boxes    int
		problem  string
		verdict  string
		unknowns int
		rules    []string // the findings table's Rule column
	}{
		{name: "valid", form: url.Values{"timeline": {uiOKTimeline}}, status: 200, boxes: 1, verdict: "A media-producing job would succeed."},
		{name: "unknown media", form: url.Values{"timeline": {uiTimeline}}, status: 200, boxes: 4, unknowns: 2,
			verdict: "A media-producing job would fail: QueryMaterialFailed", rules: []string{"unknown-media-id", "media-url-not-oss"}},
		{name: "not JSON", form: url.Values{"timeline": {"{"}}, status: 422, problem: "timeline: unexpected end of JSON input"},
		{name: "schema violation", form: url.Values{"timeline": {`{"VideoTracks":{}}`}}, status: 422, problem: "timeline: json: cannot unmarshal object"},
		{name: "empty", form: url.Values{"timeline": {" "}}, status: 422, problem: "paste a Timeline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := uiPostForm(t, s, uiPrefix+"timeline", tt.form.Encode())
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d\n%s", r.status, tt.status, r.body)
			}
			if got := len(find(r.doc, "rect", "data-clip", "*")); got != tt.boxes {
				t.Errorf("boxes = %d, want %d", got, tt.boxes)
			}
			if got := len(find(r.doc, "rect", "data-unknown", "true")); got != tt.unknowns {
				t.Errorf("unknown boxes = %d, want %d", got, tt.unknowns)
			}
			if tt.problem != "" && !strings.Contains(text(byID(t, r.doc, "problems")), tt.problem) {
				t.Errorf("problems = %q, want %q", text(byID(t, r.doc, "problems")), tt.problem)
			}
			if tt.verdict != "" && !strings.HasPrefix(text(byID(t, r.doc, "verdict")), tt.verdict) {
				t.Errorf("verdict = %q, want prefix %q", text(byID(t, r.doc, "verdict")), tt.verdict)
			}
			var rules []string
			for _, table := range find(r.doc, "table", "id", "findings") {
				for _, tr := range find(table, "tr") {
					if tds := find(tr, "td"); len(tds) == 5 {
						rules = append(rules, text(tds[1]))
					}
				}
			}
			if !slices.Equal(rules, tt.rules) {
				t.Errorf("finding rules = %q, want %q", rules, tt.rules)
			}
			// The pasted text comes back in the textarea, as text.
			if got := text(byID(t, r.doc, "tl-text")); got != strings.Join(strings.Fields(tt.form.Get("timeline")), " ") {
				t.Errorf("textarea = %q", got)
			}
		})
	}
}

func TestUIOverviewCounts(t *testing.T) {
	s, _ := seedUI(t, WithJournalSize(3))
	r := uiGet(t, s, uiPrefix)
	cells := find(rows(t, r.doc, "tenants")[0], "td")
	var got []string
	for _, c := range cells[:3] {
		got = append(got, text(c))
	}
	// 2 projects; 1 medium (the job's output); 1 job.
	if fmt.Sprint(got) != "[2 1 1]" {
		t.Errorf("tenant counts = %v, want [2 1 1]", got)
	}
	// 4 calls into a journal of 3: 3 held, 1 dropped.
	if got, want := text(byID(t, r.doc, "journal-size")), "3 calls held of 3; 1 dropped."; got != want {
		t.Errorf("journal = %q, want %q", got, want)
	}
	if got, want := text(byID(t, r.doc, "clock-now")), "2024-01-01T00:00:00Z"; got != want {
		t.Errorf("clock = %q, want %q", got, want)
	}
	// Deleted projects are not counted.
	id := s.Projects(DefaultAccessKeyId)[0].ProjectId
	prOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": id})
	r = uiGet(t, s, uiPrefix)
	if got := text(find(rows(t, r.doc, "tenants")[0], "td")[0]); got != "1" {
		t.Errorf("projects after a delete = %q, want 1", got)
	}
}

func TestUIDispatch(t *testing.T) {
	// The admin API next to the dashboard is unchanged: a JSON 404 for an
	// unknown endpoint, the index still JSON.
	s := newTestServer(t)
	r := adminCall(t, s, "GET", "/_icefake/uix", "")
	if r.status != 404 {
		t.Errorf("GET /_icefake/uix = %d, want 404", r.status)
	}
	u := uiGet(t, s, "/_icefake/ui")
	if u.status != http.StatusMovedPermanently || u.header.Get("Location") != uiPrefix {
		t.Errorf("GET /_icefake/ui = %d Location %q, want 301 to %s", u.status, u.header.Get("Location"), uiPrefix)
	}
	r = adminCall(t, s, "GET", "/_icefake/", "")
	if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
		t.Errorf("GET /_icefake/ = %d %s", r.status, r.header.Get("Content-Type"))
	}
}
