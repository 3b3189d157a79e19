package scenarios

import (
	"reflect"
	"testing"
	"time"
)

func TestParseProjects(t *testing.T) {
	got, err := Parse("t.yaml", []byte(`version: 1
projects:
  - title: a
  - tenant: other
    projectId: 0123456789abcdef0123456789abcdef
    title: b
    description: d
    timeline: '{"VideoTracks":[]}'
    coverURL: c
    status: ProduceFailed
    errorCode: E
    errorMessage: M
    createTime: 2024-01-01T08:00:00+08:00
    modifiedTime: "2024-01-02T00:00:00Z"
    createSource: AliyunConsole
  - title: c
    templateId: tpl
    clipsParam: '{}'
    templateType: VETemplate
  - title: d
    projectType: LiveEditingProject
    businessConfig: '{}'
    businessStatus: LiveFinished
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Project{
		{Tenant: DefaultTenant, Title: "a", ProjectType: "EditingProject", Status: "Draft", CreateSource: "OpenAPI", Line: 3},
		{Tenant: "other", ProjectId: "0123456789abcdef0123456789abcdef", Title: "b", Description: "d", Timeline: `{"VideoTracks":[]}`,
			CoverURL: "c", ProjectType: "EditingProject", Status: "ProduceFailed", ErrorCode: "E", ErrorMessage: "M",
			CreateTime:   time.Date(2024, 1, 1, 8, 0, 0, 0, time.FixedZone("", 8*3600)),
			ModifiedTime: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), CreateSource: "AliyunConsole", Line: 4},
		{Tenant: DefaultTenant, Title: "c", TemplateId: "tpl", ClipsParam: "{}", TemplateType: "VETemplate",
			ProjectType: "EditingProject", Status: "Editing", CreateSource: "OpenAPI", Line: 16},
		{Tenant: DefaultTenant, Title: "d", ProjectType: "LiveEditingProject", BusinessConfig: "{}", BusinessStatus: "LiveFinished",
			Status: "Draft", CreateSource: "LiveEditingOpenAPI", Line: 20},
	}
	if len(got.Projects) != len(want) {
		t.Fatalf("Parse() projects = %+v, want %d", got.Projects, len(want))
	}
	for i := range want {
		g, w := got.Projects[i], want[i]
		if !g.CreateTime.Equal(w.CreateTime) || !g.ModifiedTime.Equal(w.ModifiedTime) {
			t.Errorf("projects[%d] times = %v, %v, want %v, %v", i, g.CreateTime, g.ModifiedTime, w.CreateTime, w.ModifiedTime)
		}
		g.CreateTime, g.ModifiedTime, w.CreateTime, w.ModifiedTime = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("projects[%d] =\n%+v\nwant\n%+v", i, g, w)
		}
	}
}

func TestMergeProjects(t *testing.T) {
	a := &Scenario{Name: "a", Version: 1, Projects: []Project{{Title: "a"}}}
	b := &Scenario{Name: "b", Version: 1, Projects: []Project{{Title: "b"}}}
	got := Merge(a, b)
	if len(got.Projects) != 2 || got.Projects[0].Title != "a" || got.Projects[1].Title != "b" {
		t.Errorf("Merge().Projects = %+v, want a's then b's", got.Projects)
	}
	got.Projects[0].Title = "changed"
	if a.Projects[0].Title != "a" {
		t.Errorf("Merge() shares Projects with its input")
	}
}
