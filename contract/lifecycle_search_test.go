package contract

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contract tests of SearchEditingProject (SDK v2.1.0) and
// ListEditingProjects (newer SDKs; called through the generic client), ICE API reference: SearchEditingProject, ListEditingProjects, docs/fidelity.md "Lifecycle"

// searchFixture creates, in this order: two drafts, a project with a
// Timeline (Editing), a live project and one from a Timeline template. It
// returns the Create answers in creation order.
func searchFixture(t *testing.T, tg *target) []*ice.CreateEditingProjectResponseBodyProject {
	t.Helper()
	return []*ice.CreateEditingProjectResponseBodyProject{
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("Search draft one"), Description: tea.String("d")}),
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("Search draft two"), CoverURL: tea.String(docCoverURL)}),
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("Search timeline"), Timeline: tea.String(timeline342)}),
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{
			Title: tea.String("Search live"), ProjectType: tea.String("LiveEditingProject"), BusinessConfig: tea.String(liveBusinessConfig),
		}),
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{
			Title: tea.String("Search template"), TemplateId: tea.String(tlTemplateID), ClipsParam: tea.String(docClipsParam),
		}),
	}
}

// asSearchItem is what Search lists for a project Create answered with p:
// Get's fields without TemplateId and ClipsParam, Duration an integer.
func asSearchItem(p *ice.CreateEditingProjectResponseBodyProject) *ice.SearchEditingProjectResponseBodyProjectList {
	g := asGet(p)
	return &ice.SearchEditingProjectResponseBodyProjectList{
		BusinessConfig: g.BusinessConfig, BusinessStatus: g.BusinessStatus, CoverURL: g.CoverURL,
		CreateSource: g.CreateSource, CreateTime: g.CreateTime, Description: g.Description, Duration: g.Duration,
		ModifiedSource: g.ModifiedSource, ModifiedTime: g.ModifiedTime, ProjectId: g.ProjectId,
		ProjectType: g.ProjectType, Status: g.Status, TemplateType: g.TemplateType, Timeline: g.Timeline, Title: g.Title,
	}
}

// pick returns the items of ps at idx, in that order.
func pick[T any](ps []T, idx ...int) []T {
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, ps[i])
	}
	return out
}

func TestSearchEditingProject(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "exact lists need a tenant with no other projects, and the seeded template")
		created := searchFixture(t, tg)
		items := make([]*ice.SearchEditingProjectResponseBodyProjectList, len(created))
		for i, p := range created {
			items[i] = asSearchItem(p)
		}
		first, last := tea.StringValue(created[0].CreateTime), tea.StringValue(created[4].CreateTime)
		at := func(s string, d time.Duration) *string {
			tm, err := time.Parse(wireTime, s)
			require.NoError(t, err)
			return tea.String(tm.Add(d).Format(wireTime))
		}
		tests := []struct {
			name          string
			req           *ice.SearchEditingProjectRequest
			want          []int // indexes into items, in answer order
			wantTotal     int64
			wantMax       int64
			wantNextToken *string
		}{
			{"defaults: newest first", &ice.SearchEditingProjectRequest{}, []int{4, 3, 2, 1, 0}, 5, 10, nil},
			{"oldest first", &ice.SearchEditingProjectRequest{SortBy: tea.String("CreationTime:Asc")}, []int{0, 1, 2, 3, 4}, 5, 10, nil},
			{"first page of 2", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(2)}, []int{4, 3}, 5, 2, tea.String("2")},
			{"second page of 2", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(2), PageNo: tea.Int64(2)}, []int{2, 1}, 5, 2, tea.String("3")},
			{"last page of 2", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(2), PageNo: tea.Int64(3)}, []int{0}, 5, 2, nil},
			{"past the end", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(2), PageNo: tea.Int64(4)}, []int{}, 5, 2, nil},
			{"status Draft (the live project has no Timeline)", &ice.SearchEditingProjectRequest{Status: tea.String("Draft")}, []int{3, 1, 0}, 3, 10, nil},
			{"status list", &ice.SearchEditingProjectRequest{Status: tea.String("Editing,Draft"), SortBy: tea.String("CreationTime:Asc")}, []int{0, 1, 2, 3, 4}, 5, 10, nil},
			{"status Produced", &ice.SearchEditingProjectRequest{Status: tea.String("Produced")}, []int{}, 0, 10, nil},
			{"live projects", &ice.SearchEditingProjectRequest{ProjectType: tea.String("LiveEditingProject")}, []int{3}, 1, 10, nil},
			{"normal projects", &ice.SearchEditingProjectRequest{ProjectType: tea.String("EditingProject"), PageSize: tea.Int64(3)}, []int{4, 2, 1}, 4, 3, tea.String("2")},
			{"created by the live API", &ice.SearchEditingProjectRequest{CreateSource: tea.String("LiveEditingOpenAPI")}, []int{3}, 1, 10, nil},
			{"created in the console", &ice.SearchEditingProjectRequest{CreateSource: tea.String("AliyunConsole")}, []int{}, 0, 10, nil},
			{"without a template", &ice.SearchEditingProjectRequest{TemplateType: tea.String("None")}, []int{3, 2, 1, 0}, 4, 10, nil},
			{"from a Timeline template", &ice.SearchEditingProjectRequest{TemplateType: tea.String("Timeline")}, []int{4}, 1, 10, nil},
			{"around creation", &ice.SearchEditingProjectRequest{StartTime: at(first, -time.Hour), EndTime: at(last, time.Hour)}, []int{4, 3, 2, 1, 0}, 5, 10, nil},
			{"bounds are inclusive", &ice.SearchEditingProjectRequest{StartTime: at(first, 0), EndTime: at(last, 0)}, []int{4, 3, 2, 1, 0}, 5, 10, nil},
			{"after creation", &ice.SearchEditingProjectRequest{StartTime: at(last, time.Second)}, []int{}, 0, 10, nil},
			{"before creation", &ice.SearchEditingProjectRequest{EndTime: at(first, -time.Second)}, []int{}, 0, 10, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, err := tg.client.SearchEditingProject(tt.req)
				require.NoError(t, err, "SearchEditingProject")
				assert.Equal(t, int32(200), tea.Int32Value(resp.StatusCode), "status")
				assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "RequestId")
				assert.Equal(t, tea.Int64(tt.wantTotal), resp.Body.TotalCount, "TotalCount")
				assert.Equal(t, tea.Int64(tt.wantMax), resp.Body.MaxResults, "MaxResults")
				assert.Equal(t, tt.wantNextToken, resp.Body.NextToken, "NextToken")
				want := pick(items, tt.want...)
				if len(want) == 0 {
					assert.Empty(t, resp.Body.ProjectList, "ProjectList")
					return
				}
				assert.Equal(t, want, resp.Body.ProjectList, "ProjectList")
			})
		}
	})
}

// TestSearchEditingProjectWireShape reads Search's raw JSON through the
// generic client: exactly the documented keys, numbers where the SDK reads
// integers, Status as a name.
func TestSearchEditingProjectWireShape(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("wire shape"), Timeline: tea.String(timeline342), CoverURL: tea.String(docCoverURL)})
		body, err := genericCall(&tg.client.Client, "SearchEditingProject", map[string]*string{
			"PageSize": tea.String("1"), "StartTime": p.CreateTime,
		}, nil)
		require.NoError(t, err, "SearchEditingProject")
		res := body["body"].(map[string]any)
		assert.IsType(t, json.Number(""), res["TotalCount"], "TotalCount")
		assert.Equal(t, json.Number("1"), res["MaxResults"], "MaxResults")
		list := res["ProjectList"].([]any)
		require.NotEmpty(t, list, "ProjectList")
		item := list[0].(map[string]any)
		assert.Equal(t, []string{
			"CoverURL", "CreateSource", "CreateTime", "Duration", "ModifiedSource", "ModifiedTime",
			"ProjectId", "ProjectType", "Status", "Timeline", "Title",
		}, slices.Sorted(maps.Keys(item)), "item keys")
		assert.Equal(t, json.Number("3.42"), item["Duration"], "Duration (a number; SDK v2.1.0 reads 3)")
		assert.Equal(t, "Editing", item["Status"], "Status (a name)")
	})
}

func TestSearchEditingProjectErrors(t *testing.T) {
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		tests := []struct {
			name      string
			req       *ice.SearchEditingProjectRequest
			wantInMsg string
		}{
			{"PageSize 0", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(0)}, "PageSize"},
			{"PageSize 101", &ice.SearchEditingProjectRequest{PageSize: tea.Int64(101)}, "PageSize"},
			{"PageNo 0", &ice.SearchEditingProjectRequest{PageNo: tea.Int64(0)}, "PageNo"},
			{"SortBy", &ice.SearchEditingProjectRequest{SortBy: tea.String("CreationTime:Up")}, "SortBy"},
			{"StartTime without zone", &ice.SearchEditingProjectRequest{StartTime: tea.String("2024-01-01T00:00:00")}, "StartTime"},
			{"EndTime a date", &ice.SearchEditingProjectRequest{EndTime: tea.String("2024-01-01")}, "EndTime"},
			{"EndTime not a time", &ice.SearchEditingProjectRequest{EndTime: tea.String("2024-02-30T25:00:00Z")}, "EndTime"},
			{"Status", &ice.SearchEditingProjectRequest{Status: tea.String("Finished")}, "Status"},
			{"TemplateType", &ice.SearchEditingProjectRequest{TemplateType: tea.String("Other")}, "TemplateType"},
			{"ProjectType", &ice.SearchEditingProjectRequest{ProjectType: tea.String("Other")}, "ProjectType"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tg.client.SearchEditingProject(tt.req)
				env := wantAPIError(t, tg, err, 400, "InvalidParameter")
				assert.Contains(t, env.Message, tt.wantInMsg, "Message")
			})
		}
	})
}

// listCall calls ListEditingProjects through the generic client (it is not
// in SDK v2.1.0) and returns the decoded body or the error.
func listCall(tg *target, query map[string]string) (map[string]any, error) {
	q := map[string]*string{}
	for k, v := range query {
		q[k] = tea.String(v)
	}
	params := &openapiclient.Params{
		Action: tea.String("ListEditingProjects"), Version: tea.String(apiVersion), Protocol: tea.String("HTTP"),
		Pathname: tea.String("/"), Method: tea.String("POST"), AuthType: tea.String("AK"),
		Style: tea.String("RPC"), ReqBodyType: tea.String("formData"), BodyType: tea.String("json"),
	}
	res, err := callGeneric(&tg.client.Client, params, &openapiclient.OpenApiRequest{Query: q})
	if err != nil {
		return nil, err
	}
	body, _ := res["body"].(map[string]any)
	return body, nil
}

// listAll pages through ListEditingProjects and returns every ProjectId,
// checking each page's wire shape.
func listAll(t *testing.T, tg *target, query map[string]string) []string {
	t.Helper()
	q := maps.Clone(query)
	if q == nil {
		q = map[string]string{}
	}
	ids := []string{}
	for range 100 {
		body, err := listCall(tg, q)
		require.NoError(t, err, "ListEditingProjects(%v)", q)
		assert.Regexp(t, reRequestID, body["RequestId"], "RequestId")
		assert.NotContains(t, body, "TotalCount", "List has no TotalCount")
		want := "10"
		if q["MaxResults"] != "" {
			want = q["MaxResults"]
		}
		assert.Equal(t, json.Number(want), body["MaxResults"], "MaxResults (an integer)")
		for _, it := range body["ProjectList"].([]any) {
			item := it.(map[string]any)
			assert.NotContains(t, item, "Duration", "List items have no Duration")
			assert.NotContains(t, item, "Timeline", "List items have no Timeline")
			assert.IsType(t, "", item["Status"], "Status (a name)")
			ids = append(ids, item["ProjectId"].(string))
		}
		tok, _ := body["NextToken"].(string)
		if tok == "" {
			return ids
		}
		q["NextToken"] = tok
	}
	t.Fatalf("ListEditingProjects(%v) did not end within 100 pages", query)
	return nil
}

func ids(ps []*ice.CreateEditingProjectResponseBodyProject, idx ...int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		out = append(out, tea.StringValue(ps[i].ProjectId))
	}
	return out
}

func TestListEditingProjects(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "exact lists need a tenant with no other projects, and the seeded template")
		created := searchFixture(t, tg)
		tests := []struct {
			name  string
			query map[string]string
			want  []int
		}{
			{"defaults", nil, []int{4, 3, 2, 1, 0}},
			{"pages of 2, oldest first", map[string]string{"MaxResults": "2", "SortBy": "CreationTime:Asc"}, []int{0, 1, 2, 3, 4}},
			{"pages of 1", map[string]string{"MaxResults": "1"}, []int{4, 3, 2, 1, 0}},
			{"status", map[string]string{"Status": "Draft", "MaxResults": "1"}, []int{3, 1, 0}},
			{"keyword in titles", map[string]string{"Keyword": "DRAFT", "MaxResults": "1"}, []int{1, 0}},
			{"keyword is a ProjectId", map[string]string{"Keyword": tea.StringValue(created[2].ProjectId)}, []int{2}},
			{"template none, normal", map[string]string{"TemplateType": "None", "ProjectType": "EditingProject", "CreateSource": "OpenAPI"}, []int{2, 1, 0}},
			{"after creation", map[string]string{"StartTime": "2099-01-01T00:00:00Z"}, []int{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assert.Equal(t, ids(created, tt.want...), listAll(t, tg, tt.query), "listed ProjectIds")
			})
		}

		t.Run("item", func(t *testing.T) {
			body, err := listCall(tg, map[string]string{"Keyword": tea.StringValue(created[3].ProjectId)})
			require.NoError(t, err)
			g := asGet(created[3])
			want := map[string]any{
				"ProjectId": tea.StringValue(g.ProjectId), "Title": "Search live", "Status": "Draft",
				"CreateSource": "LiveEditingOpenAPI", "ModifiedSource": "LiveEditingOpenAPI",
				"CreateTime": tea.StringValue(g.CreateTime), "ModifiedTime": tea.StringValue(g.ModifiedTime),
				"ProjectType": "LiveEditingProject", "BusinessConfig": liveBusinessConfig, "BusinessStatus": "Reserving",
			}
			assert.Equal(t, []any{want}, body["ProjectList"], "ProjectList")
			assert.NotContains(t, body, "NextToken", "NextToken on the only page")
		})

		t.Run("stable while projects come and go", func(t *testing.T) {
			body, err := listCall(tg, map[string]string{"MaxResults": "2"})
			require.NoError(t, err)
			tok, _ := body["NextToken"].(string)
			require.NotEmpty(t, tok, "NextToken of the first page")
			added := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("Search added between pages")})
			mustDelete(t, tg, tea.StringValue(created[1].ProjectId))
			rest := listAll(t, tg, map[string]string{"MaxResults": "2", "NextToken": tok})
			assert.Equal(t, ids(created, 2, 0), rest, "pages after the first (newest first: the new project is before them)")
			asc := listAll(t, tg, map[string]string{"SortBy": "CreationTime:Asc", "MaxResults": "4"})
			assert.Equal(t, append(ids(created, 0, 2, 3, 4), tea.StringValue(added.ProjectId)), asc, "oldest first, after the changes")
		})
	})
}

func TestListEditingProjectsErrors(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for range 3 {
			mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("list errors")})
		}
		first, err := listCall(tg, map[string]string{"MaxResults": "1", "Status": "Draft"})
		require.NoError(t, err)
		tok, _ := first["NextToken"].(string)
		require.NotEmpty(t, tok, "NextToken")
		tests := []struct {
			name      string
			query     map[string]string
			wantInMsg string
		}{
			{"token with another Status", map[string]string{"Status": "Editing", "NextToken": tok}, "NextToken"},
			{"token without the Status", map[string]string{"NextToken": tok}, "NextToken"},
			{"token with another SortBy", map[string]string{"Status": "Draft", "SortBy": "CreationTime:Asc", "NextToken": tok}, "NextToken"},
			{"token with a Keyword", map[string]string{"Status": "Draft", "Keyword": "list", "NextToken": tok}, "NextToken"},
			{"malformed token", map[string]string{"NextToken": "not-a-token"}, "NextToken"},
			{"MaxResults 0", map[string]string{"MaxResults": "0"}, "MaxResults"},
			{"MaxResults 101", map[string]string{"MaxResults": "101"}, "MaxResults"},
			{"MaxResults not a number", map[string]string{"MaxResults": "ten"}, "MaxResults"},
			{"SortBy", map[string]string{"SortBy": "Title"}, "SortBy"},
			{"StartTime", map[string]string{"StartTime": "2024-01-01T00:00"}, "StartTime"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.query["NextToken"] == tok {
					tg.fakeOnly(t, "binding tokens to their filters is icefake's choice (UNCONFIRMED)")
				}
				_, err := listCall(tg, tt.query)
				env := wantAPIError(t, tg, err, 400, "InvalidParameter")
				assert.Contains(t, env.Message, tt.wantInMsg, "Message")
			})
		}
		// The token still works with its own filters (MaxResults may change).
		rest := listAll(t, tg, map[string]string{"Status": "Draft", "MaxResults": "5", "NextToken": tok})
		assert.Len(t, rest, 2, "the rest of the listing")
	})
}
