package fake

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icefake/icefake/scenarios"
)

const (
	seedID1 = "0123456789abcdef0123456789abcdef"
	seedID2 = "11111111111111111111111111111111"
	// seedTL is one clip of the 12.5 s medium prMedia12.
	seedTL = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + prMedia12 + `"}]}]}`
)

func TestSeedProjectDefaults(t *testing.T) {
	s := newProductionServer(t)
	if err := s.AddTemplate(
		Template{TemplateId: "merge", Config: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Video"},{"MediaId":"$Video"}]}]}`},
		Template{TemplateId: "ve", Type: TemplateTypeVETemplate},
	); err != nil {
		t.Fatal(err)
	}
	at := DefaultStartTime.Add(-48 * time.Hour)
	tests := []struct {
		name string
		in   Project
		want Project // ProjectId is checked apart when in has none
	}{
		{
			name: "title only",
			in:   Project{Title: "t"},
			want: Project{Title: "t", Status: StatusDraft, CreateSource: "OpenAPI", ModifiedSource: "OpenAPI",
				ProjectType: "EditingProject", CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "timeline: Editing with its duration",
			in:   Project{ProjectId: seedID1, Title: "t", Timeline: seedTL},
			want: Project{ProjectId: seedID1, Title: "t", Timeline: seedTL, Duration: 12.5, Status: StatusEditing,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "timeline template: filled in, as Create does",
			in:   Project{ProjectId: seedID2, Title: "t", TemplateId: "merge", ClipsParam: `{"Video":"` + prMedia12 + `"}`, Status: StatusProduced},
			want: Project{ProjectId: seedID2, Title: "t", TemplateId: "merge", ClipsParam: `{"Video":"` + prMedia12 + `"}`,
				TemplateType: "Timeline", Duration: 25, Status: StatusProduced,
				Timeline:     `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + prMedia12 + `"},{"MediaId":"` + prMedia12 + `"}]}]}`,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "advanced template: its type, no timeline",
			in:   Project{Title: "t", TemplateId: "ve", ClipsParam: `{}`},
			want: Project{Title: "t", TemplateId: "ve", ClipsParam: `{}`, TemplateType: "VETemplate", Status: StatusEditing,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "unknown template: Timeline type, no timeline",
			in:   Project{Title: "t", TemplateId: "elsewhere", ClipsParam: `{}`, Status: StatusProducing},
			want: Project{Title: "t", TemplateId: "elsewhere", ClipsParam: `{}`, TemplateType: "Timeline", Status: StatusProducing,
				CreateSource: "OpenAPI", ModifiedSource: "OpenAPI", ProjectType: "EditingProject",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "live: its source and business status, as Create does",
			in:   Project{Title: "t", ProjectType: "LiveEditingProject", BusinessConfig: lcLive},
			want: Project{Title: "t", ProjectType: "LiveEditingProject", BusinessConfig: lcLive, BusinessStatus: "Reserving",
				Status: StatusDraft, CreateSource: "LiveEditingOpenAPI", ModifiedSource: "LiveEditingOpenAPI",
				CreateTime: DefaultStartTime, ModifiedTime: DefaultStartTime},
		},
		{
			name: "given times (in UTC), sources, duration and failure kept",
			in: Project{Title: "t", Timeline: seedTL, Duration: 3, Status: StatusProduceFailed, ErrorCode: "InvalidMaterial.NotFound",
				ErrorMessage: "gone", CreateSource: "WebSDK", ModifiedSource: "AliyunConsole",
				CreateTime: at.In(time.FixedZone("CST", 8*3600)), ModifiedTime: at.Add(time.Hour)},
			want: Project{Title: "t", Timeline: seedTL, Duration: 3, Status: StatusProduceFailed, ErrorCode: "InvalidMaterial.NotFound",
				ErrorMessage: "gone", CreateSource: "WebSDK", ModifiedSource: "AliyunConsole", ProjectType: "EditingProject",
				CreateTime: at, ModifiedTime: at.Add(time.Hour)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SeedProject(DefaultAccessKeyId, tt.in)
			if err != nil {
				t.Fatalf("SeedProject() error = %v", err)
			}
			if tt.in.ProjectId == "" {
				if !projectIDPattern.MatchString(got.ProjectId) {
					t.Errorf("generated ProjectId = %q, want 32 lowercase hex", got.ProjectId)
				}
				tt.want.ProjectId = got.ProjectId
			}
			if d := diff(t, tt.want, got); d != "" {
				t.Errorf("SeedProject() (-want +got):\n%s", d)
			}
			stored, ok := s.Project(DefaultAccessKeyId, got.ProjectId)
			if !ok {
				t.Fatalf("Project(%s) not found after SeedProject", got.ProjectId)
			}
			if d := diff(t, got, stored); d != "" {
				t.Errorf("stored project differs from the returned one (-returned +stored):\n%s", d)
			}
			// The wire answers (checked against the spec by the server).
			p := lcGet(t, s, got.ProjectId)
			if p["Status"] != got.Status.String() || p["CreateTime"] != wireTime(got.CreateTime) || p["Title"] != "t" {
				t.Errorf("GetEditingProject = %v, want Status %s, CreateTime %s", p, got.Status, wireTime(got.CreateTime))
			}
		})
	}
	checkIndex(t, s)
}

// TestSeedProjectDeterministic: with a fixed seed, generated ProjectIds
// repeat from run to run.
func TestSeedProjectDeterministic(t *testing.T) {
	ids := func() []string {
		s := newTestServer(t)
		var out []string
		for range 3 {
			p, err := s.SeedProject(DefaultAccessKeyId, Project{Title: "t"})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p.ProjectId)
		}
		return out
	}
	if a, b := ids(), ids(); !slices.Equal(a, b) {
		t.Errorf("ProjectIds differ between runs with seed 1: %v, %v", a, b)
	}
}

func TestSeedProjectErrors(t *testing.T) {
	s := newTestServer(t)
	if _, err := s.SeedProject(DefaultAccessKeyId, Project{ProjectId: seedID1, Title: "taken"}); err != nil {
		t.Fatal(err)
	}
	deleted, err := s.SeedProject(DefaultAccessKeyId, Project{ProjectId: seedID2, Title: "deleted"})
	if err != nil {
		t.Fatal(err)
	}
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": deleted.ProjectId})
	before := s.Projects(DefaultAccessKeyId)
	later := DefaultStartTime.Add(time.Hour)
	tests := []struct {
		name   string
		tenant string
		p      Project
		want   string
	}{
		{"no tenant", "", Project{Title: "t"}, "icefake: project: the tenant (AccessKeyId) is required"},
		{"bad id", DefaultAccessKeyId, Project{ProjectId: "ABC", Title: "t"}, `icefake: project ABC: ProjectId "ABC" is not 32 lowercase hex characters`},
		{"no title", DefaultAccessKeyId, Project{}, "Title is required"},
		{"duplicate", DefaultAccessKeyId, Project{ProjectId: seedID1, Title: "t"}, "tenant testAccessKeyId already has a project with this ProjectId"},
		{"duplicate of a deleted one", DefaultAccessKeyId, Project{ProjectId: seedID2, Title: "t"}, "already had (now deleted) a project"},
		{"deleted status", DefaultAccessKeyId, Project{Title: "t", Status: StatusDeleted}, "Status 7 (Deleted) cannot be seeded"},
		{"unknown status", DefaultAccessKeyId, Project{Title: "t", Status: 6}, "Status 6 (Unknown) cannot be seeded"},
		{"draft with timeline", DefaultAccessKeyId, Project{Title: "t", Status: StatusDraft, Timeline: "{}"}, "a Draft project has no Timeline or TemplateId"},
		{"error code not failed", DefaultAccessKeyId, Project{Title: "t", ErrorCode: "X"}, "belong to a ProduceFailed project, not a Draft one"},
		{"timeline not JSON", DefaultAccessKeyId, Project{Title: "t", Timeline: "{"}, "Timeline is not JSON"},
		{"timeline not an object", DefaultAccessKeyId, Project{Title: "t", Timeline: "[]"}, "Timeline must be a JSON object"},
		{"timeline the API refuses", DefaultAccessKeyId, Project{Title: "t", Timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m","Out":1e308}]}]}`},
			"icefake: project: Timeline: $.VideoTracks[0].VideoTrackClips[0].Out: must be a number of seconds from 0 to 10000000."},
		{"business config the API refuses", DefaultAccessKeyId, Project{Title: "t", ProjectType: "LiveEditingProject", BusinessConfig: `{"OutputMediaConfig":5}`},
			"icefake: project: BusinessConfig: $.OutputMediaConfig: value must be an object."},
		{"material maps the API refuses", DefaultAccessKeyId, Project{Title: "t", MaterialMaps: `{"video":5}`}, "icefake: project: MaterialMaps: $.video: value must be a string."},
		{"clips not an object", DefaultAccessKeyId, Project{Title: "t", TemplateId: "x", ClipsParam: "1"}, "ClipsParam must be a JSON object"},
		{"template without clips", DefaultAccessKeyId, Project{Title: "t", TemplateId: "x"}, "has a ClipsParam"},
		{"clips without template", DefaultAccessKeyId, Project{Title: "t", ClipsParam: "{}"}, "ClipsParam needs a TemplateId"},
		{"template type without template", DefaultAccessKeyId, Project{Title: "t", TemplateType: "Timeline"}, "TemplateType needs a TemplateId"},
		{"bad template type", DefaultAccessKeyId, Project{Title: "t", TemplateId: "x", ClipsParam: "{}", TemplateType: "Nope"}, `unknown TemplateType "Nope" (Timeline, VETemplate)`},
		{"bad project type", DefaultAccessKeyId, Project{Title: "t", ProjectType: "Nope"}, `unknown ProjectType "Nope"`},
		{"business keys on an ordinary project", DefaultAccessKeyId, Project{Title: "t", BusinessStatus: "Reserving"}, "belong to a LiveEditingProject"},
		{"bad business status", DefaultAccessKeyId, Project{Title: "t", ProjectType: "LiveEditingProject", BusinessStatus: "Live"}, `unknown BusinessStatus "Live"`},
		{"bad business config", DefaultAccessKeyId, Project{Title: "t", ProjectType: "LiveEditingProject", BusinessConfig: "[]"}, "BusinessConfig must be a JSON object"},
		{"bad source", DefaultAccessKeyId, Project{Title: "t", CreateSource: "Console"}, `unknown CreateSource "Console"`},
		{"bad modified source", DefaultAccessKeyId, Project{Title: "t", ModifiedSource: "Console"}, `unknown ModifiedSource "Console"`},
		{"bad material maps", DefaultAccessKeyId, Project{Title: "t", MaterialMaps: `{"liveStream":"x"}`}, "icefake: project: MaterialMaps: $.liveStream: must be a JSON-encoded array"},
		{"modified before created", DefaultAccessKeyId, Project{Title: "t", CreateTime: later, ModifiedTime: DefaultStartTime}, "ModifiedTime 2024-01-01T00:00:00Z is before CreateTime 2024-01-01T01:00:00Z"},
		{"modified before the default created", DefaultAccessKeyId, Project{Title: "t", ModifiedTime: DefaultStartTime.Add(-time.Second)}, "is before CreateTime"},
		{"year out of range", DefaultAccessKeyId, Project{Title: "t", CreateTime: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "out of range"},
		{"negative duration", DefaultAccessKeyId, Project{Title: "t", Duration: -1}, "Duration must be a number of seconds >= 0"},
		{"NaN duration", DefaultAccessKeyId, Project{Title: "t", Duration: math.NaN()}, "Duration must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SeedProject(tt.tenant, tt.p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SeedProject() = %+v, %v, want an error containing %q", got, err, tt.want)
			}
		})
	}
	if d := diff(t, before, s.Projects(DefaultAccessKeyId)); d != "" {
		t.Errorf("failed seeds changed the projects (-before +after):\n%s", d)
	}
	if len(s.Tenants()) != 1 {
		t.Errorf("Tenants() = %v, want only %s", s.Tenants(), DefaultAccessKeyId)
	}
	// A template whose ClipsParam does not fill it is an error too.
	if err := s.AddTemplate(Template{TemplateId: "need", Config: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$Video"}]}]}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedProject(DefaultAccessKeyId, Project{Title: "t", TemplateId: "need", ClipsParam: "{}"}); err == nil || !strings.Contains(err.Error(), "template need with its ClipsParam") {
		t.Errorf("SeedProject(unfilled template) error = %v, want one naming the template", err)
	}
}

// TestSeededProjectsThroughTheAPI: seeded projects are found by Search and
// List with every filter, updated, produced and deleted like created ones,
// and the index stays right even when seeds go back in time.
func TestSeededProjectsThroughTheAPI(t *testing.T) {
	s := newProductionServer(t)
	created := lcCreate(t, s, map[string]string{"Title": "created"})
	old := DefaultStartTime.Add(-24 * time.Hour)
	seed := func(p Project) string {
		t.Helper()
		got, err := s.SeedProject(DefaultAccessKeyId, p)
		if err != nil {
			t.Fatal(err)
		}
		return got.ProjectId
	}
	failed := seed(Project{Title: "failed render", Timeline: seedTL, Status: StatusProduceFailed, ErrorCode: "InvalidMaterial.NotFound",
		ErrorMessage: "gone", CreateTime: old})
	producing := seed(Project{Title: "producing", Timeline: seedTL, Status: StatusProducing, CreateSource: "WebSDK", CreateTime: old.Add(time.Minute)})
	live := seed(Project{Title: "live", ProjectType: "LiveEditingProject", BusinessConfig: lcLive, BusinessStatus: "BroadCasting"})
	search := func(params map[string]string) []string {
		params["SortBy"] = "CreationTime:Asc"
		return lcIDs(t, lcOK(t, s, "SearchEditingProject", params))
	}
	if got, want := search(map[string]string{}), []string{failed, producing, created, live}; !slices.Equal(got, want) {
		t.Errorf("Search() = %v, want %v (by creation time)", got, want)
	}
	if got := search(map[string]string{"Status": "ProduceFailed"}); !slices.Equal(got, []string{failed}) {
		t.Errorf("Search(ProduceFailed) = %v, want [%s]", got, failed)
	}
	if got := search(map[string]string{"CreateSource": "WebSDK"}); !slices.Equal(got, []string{producing}) {
		t.Errorf("Search(WebSDK) = %v, want [%s]", got, producing)
	}
	if got := search(map[string]string{"ProjectType": "LiveEditingProject"}); !slices.Equal(got, []string{live}) {
		t.Errorf("Search(live) = %v, want [%s]", got, live)
	}
	if got := search(map[string]string{"EndTime": wireTime(old.Add(time.Minute))}); !slices.Equal(got, []string{failed, producing}) {
		t.Errorf("Search(EndTime) = %v, want [%s %s]", got, failed, producing)
	}
	item := lcOK(t, s, "SearchEditingProject", map[string]string{"Status": "ProduceFailed"})["ProjectList"].([]any)[0].(map[string]any)
	if item["ErrorCode"] != "InvalidMaterial.NotFound" || item["ErrorMessage"] != "gone" || item["Duration"] != 12.5 {
		t.Errorf("ProduceFailed item = %v, want its ErrorCode, ErrorMessage and Duration 12.5", item)
	}
	if got := lcListAll(t, s, map[string]string{"Status": "Producing"}); !slices.Equal(got, []string{producing}) {
		t.Errorf("List(Producing) = %v, want [%s]", got, producing)
	}
	// A seeded project is produced like a created one.
	lcOK(t, s, "SubmitMediaProducingJob", map[string]string{"ProjectId": failed, "OutputMediaConfig": prOutput})
	s.Advance(24 * time.Hour)
	if p, _ := s.Project(DefaultAccessKeyId, failed); p.Status != StatusProduced || p.ErrorCode != "" {
		t.Errorf("after a job, project = %+v, want Produced without ErrorCode", p)
	}
	// The seeded Producing project has no job: it stays Producing.
	if p, _ := s.Project(DefaultAccessKeyId, producing); p.Status != StatusProducing {
		t.Errorf("seeded Producing project = %v, want Producing", p.Status)
	}
	lcOK(t, s, "UpdateEditingProject", map[string]string{"ProjectId": live, "BusinessStatus": "ReservationCanceled"})
	lcOK(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": producing})
	if got := search(map[string]string{"Status": "Producing"}); len(got) != 0 {
		t.Errorf("Search(Producing) after delete = %v, want none", got)
	}
	checkIndex(t, s)
}

func TestApplySeedsProjects(t *testing.T) {
	sc, err := scenarios.LoadFile("../scenarios/testdata/valid/projects.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t)
	s.Advance(time.Hour)
	if err := s.Apply(sc); err != nil {
		t.Fatalf("Apply() error = %v", err)
	}
	now := DefaultStartTime.Add(time.Hour)
	created := time.Date(2023, 12, 31, 9, 0, 0, 0, time.UTC)
	type row struct {
		title, status, source string
		duration              float64
		create, modify        time.Time
	}
	var got []row
	for _, p := range s.Projects(DefaultAccessKeyId) {
		got = append(got, row{p.Title, p.Status.String(), p.CreateSource, p.Duration, p.CreateTime, p.ModifiedTime})
	}
	// Creation order is CreateTime order: the back-dated project first.
	want := []row{
		{"Rough cut", "Editing", "OpenAPI", 12.5, created, created.Add(time.Hour)},
		{"Empty draft", "Draft", "OpenAPI", 0, now, now},
		{"From a template", "Producing", "WebSDK", 12.5, now, now},
		{"Rendered", "Produced", "AliyunConsole", 5, now, now},
		{"Broken render", "ProduceFailed", "OpenAPI", 0, now, now},
	}
	if d := diff(t, want, got); d != "" {
		t.Errorf("Projects(%s) (-want +got):\n%s", DefaultAccessKeyId, d)
	}
	tpl, _ := s.Project(DefaultAccessKeyId, seedID2)
	if tpl.Timeline != `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"clip-1"}]}]}` || tpl.TemplateType != "Timeline" {
		t.Errorf("template project = %+v, want the template filled with its ClipsParam", tpl)
	}
	// The other tenant's project, with the same ProjectId, through its own credentials.
	status, body := prRPCAs(t, s, "tenantB", "tenantBSecret", "GetEditingProject", map[string]string{"ProjectId": seedID1})
	p, _ := body["Project"].(map[string]any)
	if status != 200 || p["Title"] != "Live show" || p["BusinessStatus"] != "BroadCasting" || p["CreateSource"] != "LiveEditingConsole" {
		t.Errorf("tenantB GetEditingProject = %d %v, want the live project", status, body)
	}
	checkIndex(t, s)

	// Applying it again: the fixed ProjectIds are taken; nothing changes.
	before := s.Dump("")
	if err := s.Apply(sc); err == nil || !strings.Contains(err.Error(), "testdata/valid/projects.yaml: projects: icefake: project "+seedID1) {
		t.Errorf("second Apply() error = %v, want the taken ProjectId", err)
	}
	if d := diff(t, before, s.Dump("")); d != "" {
		t.Errorf("a failed Apply changed the state (-before +after):\n%s", d)
	}
}

// TestApplyChecksProjectsFirst: a scenario whose projects are invalid
// applies nothing, not even its credentials and media.
func TestApplyChecksProjectsFirst(t *testing.T) {
	tests := []struct {
		name string
		p    scenarios.Project
		want string
	}{
		{"unknown status", scenarios.Project{Title: "t", Status: "Deleted"}, `x.yaml: projects[1]: icefake: project: unknown Status "Deleted"`},
		{"invalid project", scenarios.Project{Title: "t", Timeline: "[]"}, "x.yaml: projects[1]: icefake: project: Timeline must be a JSON object"},
		{"duplicate in the scenario", scenarios.Project{Title: "t", ProjectId: seedID1}, "x.yaml: projects: icefake: project " + seedID1 + ": seeded twice for tenant testAccessKeyId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			sc := &scenarios.Scenario{Name: "x.yaml", Version: 1,
				Credentials: []scenarios.Credential{{AccessKeyId: "k", AccessKeySecret: "s"}},
				Media:       []scenarios.Media{{MediaId: "m", Duration: 1, Type: "video"}},
				Templates:   []scenarios.Template{{TemplateId: "tpl", Type: "VETemplate"}},
				Faults:      []scenarios.Fault{{Action: "GetEditingProject", Code: "InternalError"}},
				Projects:    []scenarios.Project{{Title: "ok", ProjectId: seedID1}, tt.p},
			}
			err := s.Apply(sc)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Apply() error = %v, want prefix %q", err, tt.want)
			}
			if len(s.Tenants()) != 0 || slices.Contains(s.Credentials(), "k") || len(s.Faults()) != 0 {
				t.Errorf("Apply() applied something: tenants %v, credentials %v, faults %d", s.Tenants(), s.Credentials(), len(s.Faults()))
			}
			if _, ok := s.store.template("tpl"); ok {
				t.Error("Apply() seeded the template")
			}
		})
	}
}

// TestApplyProjectTemplatesFromTheScenario: a project may name a template
// the same scenario seeds; its Duration counts the scenario's media.
func TestApplyProjectTemplatesFromTheScenario(t *testing.T) {
	sc, err := scenarios.Parse("t.yaml", []byte(`version: 1
media:
  - {mediaId: m, duration: 4}
templates:
  - templateId: tpl
    config: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"$V"},{"MediaId":"$V"}]}]}'
projects:
  - {title: a, templateId: tpl, clipsParam: '{"V":"m"}'}
  - {title: b, templateId: tpl, clipsParam: '{}'}
`))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t)
	if err := s.Apply(sc); err == nil || !strings.Contains(err.Error(), "t.yaml: projects[1]: icefake: project: template tpl with its ClipsParam") {
		t.Fatalf("Apply() error = %v, want projects[1]'s unfilled template", err)
	}
	sc.Projects = sc.Projects[:1]
	if err := s.Apply(sc); err != nil {
		t.Fatal(err)
	}
	ps := s.Projects(DefaultAccessKeyId)
	if len(ps) != 1 || ps[0].Duration != 8 || ps[0].Status != StatusEditing {
		t.Errorf("Projects() = %+v, want one Editing project of 8 s", ps)
	}
}

func TestLoadScenarioSeedsProjects(t *testing.T) {
	s := newTestServer(t)
	sc := mustParse(t, "p.yaml", "version: 1\nprojects:\n  - {title: a, projectId: "+seedID1+"}\n  - {title: b}\n")
	if err := s.LoadScenario(sc); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Projects(DefaultAccessKeyId)); got != 2 {
		t.Errorf("after LoadScenario, %d projects, want 2", got)
	}
	// Loading it again would seed seedID1 twice: refused, nothing changes.
	if err := s.LoadScenario(sc); err == nil || !strings.Contains(err.Error(), "already has a project with this ProjectId") {
		t.Errorf("LoadScenario() again error = %v, want the taken ProjectId", err)
	}
	if got := len(s.Projects(DefaultAccessKeyId)); got != 2 {
		t.Errorf("after a refused LoadScenario, %d projects, want 2", got)
	}
	s.Reset()
	if err := s.LoadScenario(sc); err != nil {
		t.Errorf("LoadScenario() after Reset error = %v", err)
	}
}

func TestDefaultTenantIsTheTestKey(t *testing.T) {
	if scenarios.DefaultTenant != DefaultAccessKeyId {
		t.Errorf("scenarios.DefaultTenant = %q, want fake.DefaultAccessKeyId %q", scenarios.DefaultTenant, DefaultAccessKeyId)
	}
}

// TestSeedProjectConcurrent races seeds against creates, updates, searches
// and deletes (run with -race); the index must stay right.
func TestSeedProjectConcurrent(t *testing.T) {
	s := newTestServer(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 25 {
				p, err := s.SeedProject(DefaultAccessKeyId, Project{Title: fmt.Sprintf("seed %d-%d", w, i), Timeline: `{"VideoTracks":[]}`,
					CreateTime: DefaultStartTime.Add(-time.Duration(i) * time.Minute)})
				if err != nil {
					t.Error(err)
					return
				}
				rpc(t, s, "UpdateEditingProject", map[string]string{"ProjectId": p.ProjectId, "Title": "x"})
				rpc(t, s, "SearchEditingProject", map[string]string{"Status": "Editing"})
				if i%5 == 0 {
					rpc(t, s, "DeleteEditingProjects", map[string]string{"ProjectIds": p.ProjectId})
				}
				rpc(t, s, "CreateEditingProject", map[string]string{"Title": "c"})
			}
		})
	}
	wg.Wait()
	if got, want := len(s.Projects(DefaultAccessKeyId)), 4*(25-5)+4*25; got != want {
		t.Errorf("%d live projects, want %d", got, want)
	}
	checkIndex(t, s)
}

// FuzzApplyProjects: a projects list the scenario parser accepts applies
// (unless a template it names cannot be filled), and the default tenant's
// seeded projects come back from Get, Search and List as answers that match
// the spec (the server checks every response against it).
func FuzzApplyProjects(f *testing.F) {
	for _, file := range []string{"../scenarios/testdata/valid/projects.yaml", "../scenarios/testdata/invalid/project-rules.yaml"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("version: 1\nprojects:\n  - {title: t, status: Produced, timeline: '{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"m\",\"Out\":10000000,\"Speed\":0.001}]}]}'}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scenarios.Parse("f.yaml", data)
		if err != nil {
			return
		}
		sc.Credentials, sc.Faults, sc.Quotas = nil, nil, nil // keep the default key; no delays
		s := newTestServer(t)
		if err := s.Apply(sc); err != nil {
			if !strings.Contains(err.Error(), "with its ClipsParam") {
				t.Fatalf("Apply() of a parsed scenario error = %v", err)
			}
			return
		}
		want := 0
		for _, p := range sc.Projects {
			if p.Tenant == DefaultAccessKeyId {
				want++
			}
		}
		ps := s.Projects(DefaultAccessKeyId)
		if len(ps) != want {
			t.Fatalf("%d projects seeded for %s, want %d", len(ps), DefaultAccessKeyId, want)
		}
		for _, p := range ps {
			lcGet(t, s, p.ProjectId)
		}
		if len(ps) > 0 {
			lcOK(t, s, "SearchEditingProject", map[string]string{"PageSize": "100"})
			lcOK(t, s, "ListEditingProjects", map[string]string{"MaxResults": "100"})
		}
		checkIndex(t, s)
	})
}

func TestReplaceScenariosChangesNothingOnASeedConflict(t *testing.T) {
	s := newTestServer(t)
	if _, err := s.InjectFault(Fault{Action: "GetEditingProject", Code: CodeThrottlingUser}); err != nil {
		t.Fatal(err)
	}
	yaml := "version: 1\nprojects:\n  - projectId: 0123456789abcdef0123456789abcdef\n    title: a\n"
	a, err := scenarios.Parse("a.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	b, err := scenarios.Parse("b.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceScenarios(a, b); err == nil {
		t.Fatal("ReplaceScenarios(two scenarios seeding one ProjectId) = nil, want an error")
	}
	if got := len(s.Faults()); got != 1 {
		t.Errorf("fault rules after the refused replace = %d, want the 1 that was there", got)
	}
	if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
		t.Errorf("projects after the refused replace = %d, want 0", got)
	}
}
