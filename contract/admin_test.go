package contract

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminThrottleYAML is the scenario the story loads over HTTP: the 2nd
// CreateEditingProject call is throttled, once.
const adminThrottleYAML = `version: 1
faults:
  - action: CreateEditingProject
    after: 1
    times: 1
    code: Throttling.User
`

// TestAdminHTTPStory drives a complete scripted story against the icefake
// binary through the admin HTTP API only, with plain net/http and no Go
// helper of package fake: load a scenario, call through the official SDK,
// read the journal, move the virtual clock, reset.
func TestAdminHTTPStory(t *testing.T) {
	tg := startBinary(t, "")
	admin := &adminClient{t: t, base: "http://" + tg.endpoint}

	// 1. Load the scenario.
	var info struct {
		Name         string `json:"name"`
		Faults       int    `json:"faults"`
		ActiveFaults int    `json:"activeFaults"`
	}
	admin.do(http.MethodPost, "/_icefake/scenarios?name=throttle.yaml", "application/yaml", adminThrottleYAML, http.StatusCreated, &info)
	assert.Equal(t, "throttle.yaml", info.Name, "loaded scenario name")
	assert.Equal(t, 1, info.Faults, "loaded scenario faults")
	assert.Equal(t, 1, info.ActiveFaults, "loaded scenario active faults")

	var clock struct {
		Now    time.Time `json:"now"`
		Frozen bool      `json:"frozen"`
	}
	admin.do(http.MethodGet, "/_icefake/clock", "", "", http.StatusOK, &clock)
	assert.False(t, clock.Frozen, "the standalone server's clock follows real time")

	// 2. Call through the SDK: ok, throttled, ok.
	first := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("story 1")})
	_, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("story 2")})
	wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling.User")
	mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("story 3")})

	// 3. Read the journal.
	type call struct {
		Action string
		Tenant string
		Params map[string]string
		Status int
		Code   string
		Fault  string
	}
	var journal struct {
		Calls   []call `json:"calls"`
		Dropped int    `json:"dropped"`
	}
	admin.do(http.MethodGet, "/_icefake/journal?action=CreateEditingProject", "", "", http.StatusOK, &journal)
	require.Len(t, journal.Calls, 3, "journalled CreateEditingProject calls")
	for i, want := range []struct {
		status int
		code   string
	}{{200, ""}, {400, "Throttling.User"}, {200, ""}} {
		c := journal.Calls[i]
		assert.Equal(t, want.status, c.Status, "call %d Status", i+1)
		assert.Equal(t, want.code, c.Code, "call %d Code", i+1)
		assert.Equal(t, tg.keyID, c.Tenant, "call %d Tenant", i+1)
		assert.Equal(t, "story "+string(rune('1'+i)), c.Params["Title"], "call %d Title", i+1)
	}
	assert.NotEmpty(t, journal.Calls[1].Fault, "the throttled call names the fault that fired")
	assert.Equal(t, 0, journal.Dropped, "dropped")

	var throttled struct{ Calls []call }
	admin.do(http.MethodGet, "/_icefake/journal?code=Throttling.User", "", "", http.StatusOK, &throttled)
	assert.Len(t, throttled.Calls, 1, "journal filtered by code")

	// 4. Advance the virtual clock by an hour: new projects are an hour on.
	var advanced struct {
		Now time.Time `json:"now"`
	}
	admin.do(http.MethodPost, "/_icefake/clock/advance", "application/json", `{"by":"1h"}`, http.StatusOK, &advanced)
	assert.GreaterOrEqual(t, advanced.Now.Sub(clock.Now), time.Hour, "clock after advance")

	later := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("story 4")})
	t1, err := time.Parse(wireTime, tea.StringValue(first.CreateTime))
	require.NoError(t, err, "first CreateTime")
	t4, err := time.Parse(wireTime, tea.StringValue(later.CreateTime))
	require.NoError(t, err, "later CreateTime")
	moved := t4.Sub(t1)
	assert.Truef(t, moved >= time.Hour && moved < time.Hour+time.Minute,
		"CreateTime moved by %v (from %s to %s), want 1h plus the seconds the test took", moved, t1.Format(wireTime), t4.Format(wireTime))

	type project struct {
		ProjectId  string
		Title      string
		CreateTime time.Time
	}
	var state struct {
		Tenants map[string]struct {
			Projects []project `json:"projects"`
		} `json:"tenants"`
		Credentials []string `json:"credentials"`
	}
	admin.do(http.MethodGet, "/_icefake/state?tenant="+tg.keyID, "", "", http.StatusOK, &state)
	projects := state.Tenants[tg.keyID].Projects
	require.Len(t, projects, 3, "stored projects (the throttled call stored none)")
	assert.Equal(t, tea.StringValue(later.ProjectId), projects[2].ProjectId, "latest project")
	// The dump shows the time as stored; the API answers it in whole seconds.
	assert.Equal(t, t4, projects[2].CreateTime.Truncate(time.Second), "latest project CreateTime in the state dump")
	assert.Contains(t, state.Credentials, tg.keyID, "state credentials")

	// 5. Reset: the journal and the state are empty; the fault rule stays
	// with its counter zeroed, so the script plays again.
	admin.do(http.MethodPost, "/_icefake/reset", "", "", http.StatusOK, nil)
	journal.Calls = nil
	admin.do(http.MethodGet, "/_icefake/journal", "", "", http.StatusOK, &journal)
	assert.Empty(t, journal.Calls, "journal after reset")
	assert.Equal(t, 0, journal.Dropped, "dropped after reset")
	state.Tenants = nil
	admin.do(http.MethodGet, "/_icefake/state", "", "", http.StatusOK, &state)
	assert.NotNil(t, state.Tenants, "state tenants after reset")
	assert.Empty(t, state.Tenants, "state tenants after reset")

	var faults struct {
		Faults []struct {
			ID     int    `json:"id"`
			Seen   int    `json:"seen"`
			Source string `json:"source"`
		} `json:"faults"`
	}
	admin.do(http.MethodGet, "/_icefake/faults", "", "", http.StatusOK, &faults)
	require.Len(t, faults.Faults, 1, "fault rules after reset")
	assert.Equal(t, "throttle.yaml", faults.Faults[0].Source, "fault source")
	assert.Equal(t, 0, faults.Faults[0].Seen, "calls the rule counted after reset")

	mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("again 1")})
	_, err = tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("again 2")})
	wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling.User")
	mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("again 3")})

	// Removing the scenario takes its rule out.
	admin.do(http.MethodDelete, "/_icefake/scenarios/throttle.yaml", "", "", http.StatusOK, nil)
	admin.do(http.MethodGet, "/_icefake/faults", "", "", http.StatusOK, &faults)
	assert.Empty(t, faults.Faults, "fault rules after removing the scenario")
}

// TestAdminHTTPQuotas lists, sets and removes quotas over HTTP on the
// binary, and sees a scenario's quota counted and taken out with it.
func TestAdminHTTPQuotas(t *testing.T) {
	tg := startBinary(t, "")
	admin := &adminClient{t: t, base: "http://" + tg.endpoint}
	type quota struct {
		Action string  `json:"action"`
		Rate   float64 `json:"rate"`
		Burst  int     `json:"burst"`
	}
	type quotaList struct {
		Quotas []quota `json:"quotas"`
	}
	published := quota{Action: "SubmitMediaProducingJob", Rate: 30, Burst: 30}
	listed := func(name string) []quota {
		var got quotaList
		admin.do(http.MethodGet, "/_icefake/quotas", "", "", http.StatusOK, &got)
		return got.Quotas
	}
	assert.Equal(t, []quota{published}, listed("at start"), "quotas at start")

	// One call per 1000 s: the second is throttled.
	var set quota
	admin.do(http.MethodPut, "/_icefake/quotas/GetEditingProject", "application/json", `{"rate":0.001,"burst":1}`, http.StatusOK, &set)
	assert.Equal(t, quota{Action: "GetEditingProject", Rate: 0.001, Burst: 1}, set, "PUT answer")
	assert.Equal(t, []quota{set, published}, listed("after PUT"), "quotas after PUT")
	get := &ice.GetEditingProjectRequest{ProjectId: tea.String("00000000000000000000000000000000")}
	_, err := tg.client.GetEditingProject(get)
	wantAPIError(t, tg, err, http.StatusNotFound, "ProjectNotFound")
	_, err = tg.client.GetEditingProject(get)
	wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling.User")

	var e struct {
		Error string `json:"error"`
		Code  string `json:"code"`
	}
	admin.do(http.MethodPut, "/_icefake/quotas/GetEditingProject", "application/json", `{"rate":0}`, http.StatusBadRequest, &e)
	assert.Equal(t, "request body: /rate: number must be more than 0", e.Error, "rate 0")
	admin.do(http.MethodDelete, "/_icefake/quotas/GetEditingProject", "", "", http.StatusOK, nil)
	_, err = tg.client.GetEditingProject(get)
	wantAPIError(t, tg, err, http.StatusNotFound, "ProjectNotFound")
	admin.do(http.MethodDelete, "/_icefake/quotas/GetEditingProject", "", "", http.StatusNotFound, &e)
	assert.Equal(t, `no quota is set for "GetEditingProject"`, e.Error, "second DELETE")

	// A scenario's quota is counted, and goes with it.
	var info struct {
		Quotas int `json:"quotas"`
	}
	admin.do(http.MethodPost, "/_icefake/scenarios?name=q.yaml", "application/yaml", "version: 1\nquotas:\n  - action: SubmitMediaProducingJob\n    rate: 1\n", http.StatusCreated, &info)
	assert.Equal(t, 1, info.Quotas, "scenario quotas")
	assert.Equal(t, []quota{{Action: "SubmitMediaProducingJob", Rate: 1}}, listed("after loading"), "quotas with the scenario")
	admin.do(http.MethodDelete, "/_icefake/scenarios/q.yaml", "", "", http.StatusOK, nil)
	assert.Equal(t, []quota{published}, listed("after removing"), "quotas after removing the scenario")
}

// TestAdminHTTPErrors checks the admin API's error answers on the binary:
// a scenario with problems is refused with every one of them listed.
func TestAdminHTTPErrors(t *testing.T) {
	tg := startBinary(t, "")
	admin := &adminClient{t: t, base: "http://" + tg.endpoint}
	var e struct {
		Error  string   `json:"error"`
		Code   string   `json:"code"`
		Errors []string `json:"errors"`
	}
	admin.do(http.MethodPost, "/_icefake/scenarios?name=bad.yaml", "application/yaml",
		"version: 1\nfaults:\n  - action: CreateEditingProject\n    code: Throttle\n    after: -1\n", http.StatusBadRequest, &e)
	assert.Equal(t, "InvalidScenario", e.Code, "code")
	assert.Equal(t, []string{
		`bad.yaml:4: faults[0].code: unknown error code "Throttle" (known: …)`,
		"bad.yaml:5: faults[0].after: must be >= 0, got -1",
	}, shortenKnown(e.Errors), "errors")

	e = struct {
		Error  string   `json:"error"`
		Code   string   `json:"code"`
		Errors []string `json:"errors"`
	}{}
	admin.do(http.MethodPost, "/_icefake/clock/advance", "application/json", `{"by":"soon"}`, http.StatusBadRequest, &e)
	assert.Equal(t, "InvalidRequest", e.Code, "code")
	// A scenario upload without name=.
	admin.do(http.MethodPost, "/_icefake/scenarios", "application/yaml", adminThrottleYAML, http.StatusBadRequest, &e)
	assert.Equal(t, `query parameter "name" is required`, e.Error, "error without name=")
	// A scenario as plain curl --data-binary labels it (a form type a web page can send) is refused.
	admin.do(http.MethodPost, "/_icefake/scenarios?name=x", "application/x-www-form-urlencoded", adminThrottleYAML, http.StatusUnsupportedMediaType, &e)
	assert.Equal(t, "UnsupportedMediaType", e.Code, "code for a form-typed scenario")
	admin.do(http.MethodPost, "/_icefake/clock/advance", "application/xml", `{"by":"1h"}`, http.StatusUnsupportedMediaType, &e)
	assert.Equal(t, "UnsupportedMediaType", e.Code, "code for XML")
	admin.do(http.MethodGet, "/_icefake/nope", "", "", http.StatusNotFound, &e)
	assert.Equal(t, "NotFound", e.Code, "code")
}

// shortenKnown cuts the list of known codes the parser appends, as the
// scenarios package's golden files do.
func shortenKnown(errs []string) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		if before, _, cut := strings.Cut(e, "(known: "); cut {
			e = before + "(known: …)"
		}
		out[i] = e
	}
	return out
}

// adminClient calls the admin API with plain net/http.
type adminClient struct {
	t    *testing.T
	base string
}

// do sends one request, requires wantStatus and a JSON answer, and decodes
// it into out (unless nil).
func (a *adminClient) do(method, path, contentType, body string, wantStatus int, out any) {
	a.t.Helper()
	req, err := http.NewRequestWithContext(a.t.Context(), method, a.base+path, strings.NewReader(body))
	require.NoError(a.t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 10 * time.Second}
	resp, err := hc.Do(req)
	require.NoErrorf(a.t, err, "%s %s", method, path)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	require.Equalf(a.t, wantStatus, resp.StatusCode, "%s %s: body %s", method, path, b)
	require.Equalf(a.t, "application/json", resp.Header.Get("Content-Type"), "%s %s Content-Type", method, path)
	if out != nil {
		require.NoErrorf(a.t, json.Unmarshal(b, out), "%s %s: body %s", method, path, b)
	}
}
