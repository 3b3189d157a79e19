package contract

import (
	"encoding/json"
	"errors"
	"regexp"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

var (
	// reRequestID: uppercase UUID 8-4-4-4-12 (ICE API reference: error codes).
	reRequestID = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)
	// reProjectID: 32 lowercase hex characters (docs/fidelity.md "State and semantics").
	reProjectID = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// wireTime is the layout of CreateTime/ModifiedTime (API reference: CreateEditingProject).
const wireTime = "2006-01-02T15:04:05Z"

// envelope is the POP error body (ICE API reference: error codes) as the SDK hands it over
// in SDKError.Data, with the statusCode the SDK adds.
type envelope struct {
	RequestId  string
	HostId     string
	Code       string
	Message    string
	Recommend  string
	StatusCode int `json:"statusCode"`
}

// wantAPIError asserts that err is the SDK's *tea.SDKError for an HTTP
// status/code answer whose body is a complete POP envelope, and returns the
// envelope.
func wantAPIError(t *testing.T, tg *target, err error, status int, code string) envelope {
	t.Helper()
	var se *tea.SDKError
	require.Truef(t, errors.As(err, &se), "err = %T %v, want *tea.SDKError", err, err)
	assert.Equal(t, code, tea.StringValue(se.Code), "SDKError.Code")
	assert.Equal(t, status, tea.IntValue(se.StatusCode), "SDKError.StatusCode")
	var env envelope
	require.NoErrorf(t, json.Unmarshal([]byte(tea.StringValue(se.Data)), &env), "SDKError.Data = %q, want JSON", tea.StringValue(se.Data))
	assert.Regexp(t, reRequestID, env.RequestId, "envelope RequestId")
	assert.NotEmpty(t, env.HostId, "envelope HostId")
	if tg.isFake() {
		assert.Equal(t, tg.endpoint, env.HostId, "envelope HostId (default: the request's Host)")
	}
	assert.Equal(t, code, env.Code, "envelope Code")
	assert.NotEmpty(t, env.Message, "envelope Message")
	assert.NotEmpty(t, env.Recommend, "envelope Recommend")
	assert.Equal(t, status, env.StatusCode, "envelope statusCode")
	return env
}

// checkTime asserts a CreateTime/ModifiedTime: exactly fake.DefaultStartTime
// on the embedded fake (StartT freezes its clock), else a valid
// yyyy-MM-ddTHH:mm:ssZ between notBefore and now (with slack for clocks).
func (tg *target) checkTime(t *testing.T, field string, got *string, notBefore time.Time) {
	t.Helper()
	s := tea.StringValue(got)
	if tg.srv != nil {
		assert.Equal(t, fake.DefaultStartTime.Format(wireTime), s, field)
		return
	}
	at, err := time.Parse(wireTime, s)
	if !assert.NoErrorf(t, err, "%s = %q, want layout %s", field, s, wireTime) {
		return
	}
	slack := 2 * time.Second
	if !tg.isFake() {
		slack = 5 * time.Minute
	}
	lo, hi := notBefore.Add(-slack), time.Now().Add(slack)
	assert.Truef(t, !at.Before(lo) && !at.After(hi), "%s = %s, want within [%s, %s]", field, s, lo.Format(wireTime), hi.Format(wireTime))
}

// mustCreate calls CreateEditingProject, fails the test on error, checks the
// response envelope (status 200, RequestId, x-acs-request-id, ProjectId)
// and returns the decoded project.
func mustCreate(t *testing.T, tg *target, req *ice.CreateEditingProjectRequest) *ice.CreateEditingProjectResponseBodyProject {
	t.Helper()
	resp, err := tg.client.CreateEditingProject(req)
	require.NoError(t, err, "CreateEditingProject")
	require.NotNil(t, resp.Body)
	require.NotNil(t, resp.Body.Project, "CreateEditingProject: Project")
	tg.track(t, tea.StringValue(resp.Body.Project.ProjectId))
	assert.Equal(t, int32(200), tea.Int32Value(resp.StatusCode), "CreateEditingProject status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "CreateEditingProject RequestId")
	assert.Equal(t, tea.StringValue(resp.Body.RequestId), tea.StringValue(resp.Headers["x-acs-request-id"]), "x-acs-request-id header")
	assert.Regexp(t, reProjectID, tea.StringValue(resp.Body.Project.ProjectId), "CreateEditingProject ProjectId")
	return resp.Body.Project
}

// mustGet calls GetEditingProject, fails the test on error, checks the
// response envelope and returns the decoded project.
func mustGet(t *testing.T, tg *target, projectID string) *ice.GetEditingProjectResponseBodyProject {
	t.Helper()
	resp, err := tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(projectID)})
	require.NoErrorf(t, err, "GetEditingProject(%s)", projectID)
	require.NotNil(t, resp.Body)
	require.NotNil(t, resp.Body.Project, "GetEditingProject: Project")
	assert.Equal(t, int32(200), tea.Int32Value(resp.StatusCode), "GetEditingProject status")
	assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId), "GetEditingProject RequestId")
	assert.Equal(t, tea.StringValue(resp.Body.RequestId), tea.StringValue(resp.Headers["x-acs-request-id"]), "x-acs-request-id header")
	return resp.Body.Project
}

// asGet is what GetEditingProject must return for a project Create answered
// with p: the same fields, but Status as its name, no StatusName, and
// Duration as the integer the SDK decodes (truncated, ICE API reference: POP RPC protocol).
func asGet(p *ice.CreateEditingProjectResponseBodyProject) *ice.GetEditingProjectResponseBodyProject {
	g := &ice.GetEditingProjectResponseBodyProject{
		BusinessConfig: p.BusinessConfig,
		BusinessStatus: p.BusinessStatus,
		ClipsParam:     p.ClipsParam,
		CoverURL:       p.CoverURL,
		CreateSource:   p.CreateSource,
		CreateTime:     p.CreateTime,
		Description:    p.Description,
		ModifiedSource: p.ModifiedSource,
		ModifiedTime:   p.ModifiedTime,
		ProjectId:      p.ProjectId,
		ProjectType:    p.ProjectType,
		Status:         p.StatusName,
		TemplateId:     p.TemplateId,
		TemplateType:   p.TemplateType,
		Timeline:       p.Timeline,
		Title:          p.Title,
	}
	if p.Duration != nil {
		g.Duration = tea.Int64(int64(*p.Duration))
	}
	return g
}

// projectCount returns how many live projects tg's tenant has: from the Go
// state API on the embedded fake, from SearchEditingProject's TotalCount on
// the binary. ok is false on the real service, whose account may hold other
// projects.
func projectCount(t *testing.T, tg *target) (n int, ok bool) {
	t.Helper()
	switch {
	case tg.srv != nil:
		return len(tg.srv.Projects(tg.keyID)), true
	case !tg.isFake():
		return 0, false
	}
	resp, err := tg.client.SearchEditingProject(&ice.SearchEditingProjectRequest{})
	require.NoError(t, err, "SearchEditingProject (counting projects)")
	require.NotNil(t, resp.Body.TotalCount, "SearchEditingProject TotalCount")
	return int(*resp.Body.TotalCount), true
}
