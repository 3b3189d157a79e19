package contract

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// retryCase is one scripted sequence and the retry options the SDK calls
// it with.
type retryCase struct {
	name string // also the Title the case's fault matches
	// steps are the sequence's outcomes, in scenario YAML flow style.
	steps []string
	// runtime is what CreateEditingProjectWithOptions gets; nil calls the
	// plain CreateEditingProject (an empty RuntimeOptions: no retries).
	runtime *service.RuntimeOptions
	// requests is how many requests the fake must see.
	requests int
	// status and code are the final error; status 0 = the call succeeds.
	status int
	code   string
	// stored is how many projects the calls leave behind.
	stored int
	// dropped: a connection is dropped, whose journal entry may lag the
	// client's error (TestFaultKindDropJournalled), so only the fault
	// rule's count is checked.
	dropped bool
}

// autoretry returns RuntimeOptions with Autoretry on and MaxAttempts n
// (nil for n < 0: the runtime's default, 3).
func autoretry(n int) *service.RuntimeOptions {
	r := &service.RuntimeOptions{Autoretry: tea.Bool(true)}
	if n >= 0 {
		r.MaxAttempts = tea.Int(n)
	}
	return r
}

const (
	stepUnavailable = "{code: ServiceUnavailable}"
	stepOK          = "{ok: true}"
)

// retryCases pin darabonba-openapi v2.0.2's retry loop (tea v1.1.19
// AllowRetry/Retryable, docs/fidelity.md "Signatures"): with Autoretry, any error
// that is not a *tea.SDKError, or an SDKError with status >= 500, is retried
// while the retry count is <= MaxAttempts, so MaxAttempts n allows n+1
// requests; an SDKError below 500 (Throttling.User at 400, even at 429) is
// never retried; without Autoretry nothing is. Backoff is off by default,
// so retries follow at once.
var retryCases = []retryCase{
	{name: "503 503 ok, MaxAttempts 3", steps: []string{stepUnavailable, stepUnavailable, stepOK},
		runtime: autoretry(3), requests: 3, stored: 1},
	{name: "4 x 503, MaxAttempts 3", steps: []string{stepUnavailable, stepUnavailable, stepUnavailable, stepUnavailable, stepOK},
		runtime: autoretry(3), requests: 4, status: 503, code: "ServiceUnavailable"},
	{name: "4 x 503, default MaxAttempts", steps: []string{stepUnavailable, stepUnavailable, stepUnavailable, stepUnavailable, stepOK},
		runtime: autoretry(-1), requests: 4, status: 503, code: "ServiceUnavailable"},
	{name: "503 503 ok, MaxAttempts 1", steps: []string{stepUnavailable, stepUnavailable, stepOK},
		runtime: autoretry(1), requests: 2, status: 503, code: "ServiceUnavailable"},
	{name: "500 ok", steps: []string{"{code: InternalError}", stepOK},
		runtime: autoretry(3), requests: 2, stored: 1},
	{name: "Throttling.User 400 is not retried", steps: []string{"{code: Throttling.User}", stepOK},
		runtime: autoretry(3), requests: 1, status: 400, code: "Throttling.User"},
	{name: "Throttling.User 429 is not retried", steps: []string{"{code: Throttling.User, status: 429}", stepOK},
		runtime: autoretry(3), requests: 1, status: 429, code: "Throttling.User"},
	{name: "without Autoretry", steps: []string{stepUnavailable, stepOK},
		runtime: nil, requests: 1, status: 503, code: "ServiceUnavailable"},
	{name: "Autoretry false", steps: []string{stepUnavailable, stepOK},
		runtime: &service.RuntimeOptions{Autoretry: tea.Bool(false), MaxAttempts: tea.Int(3)}, requests: 1, status: 503, code: "ServiceUnavailable"},
	// Errors that are not SDKErrors are retried, whatever the status.
	{name: "html502 ok", steps: []string{"{transport: html502}", stepOK},
		runtime: autoretry(3), requests: 2, stored: 1},
	{name: "html414 ok", steps: []string{"{transport: html414}", stepOK},
		runtime: autoretry(3), requests: 2, stored: 1},
	{name: "drop ok", steps: []string{"{transport: drop}", stepOK},
		runtime: autoretry(3), requests: 2, stored: 1, dropped: true},
	// A truncated answer was handled: the retry creates a second project.
	{name: "truncated ok", steps: []string{"{transport: truncated}", stepOK},
		runtime: autoretry(3), requests: 2, stored: 2},
}

// retryScenario scripts each case's sequence on CreateEditingProject calls
// with the case's Title.
func retryScenario(cases []retryCase) string {
	var b strings.Builder
	b.WriteString(twoTenantsScenario + "faults:\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "  - action: CreateEditingProject\n    match: {Title: %q}\n    sequence: [%s]\n", c.name, strings.Join(c.steps, ", "))
	}
	return b.String()
}

// TestSDKRetryOptions runs each scripted sequence through the SDK with the
// case's RuntimeOptions and counts the requests the fake journalled.
func TestSDKRetryOptions(t *testing.T) {
	forEachTarget(t, retryScenario(retryCases), func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "faults are scripted by the scenario")
		for _, tt := range retryCases {
			t.Run(tt.name, func(t *testing.T) {
				req := &ice.CreateEditingProjectRequest{Title: tea.String(tt.name)}
				var err error
				if tt.runtime == nil {
					_, err = tg.client.CreateEditingProject(req)
				} else {
					_, err = tg.client.CreateEditingProjectWithOptions(req, tt.runtime)
				}
				if tt.status == 0 {
					assert.NoError(t, err, "CreateEditingProject")
				} else {
					wantAPIError(t, tg, err, tt.status, tt.code)
				}
				assert.Equal(t, tt.requests, seenTitled(t, tg, tt.name), "requests the fault rule counted")
				if !tt.dropped {
					calls := journalTitled(t, tg, "CreateEditingProject", tt.name)
					assert.Len(t, calls, tt.requests, "journalled requests; statuses %v", callStatuses(calls))
				}
				assert.Len(t, findTitled(t, tg, tt.name), tt.stored, "stored projects")
			})
		}
	})
}

// TestSDKRetryAfterSequence: the retry succeeds on the call the sequence
// allows, and the calls the retries used up are gone: a later call with
// the same script goes straight through.
func TestSDKRetryAfterSequence(t *testing.T) {
	scenario := twoTenantsScenario + `faults:
  - action: CreateEditingProject
    sequence: [` + strings.Join([]string{stepUnavailable, stepUnavailable, stepOK}, ", ") + `]
`
	forEachTarget(t, scenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "faults are scripted by the scenario")
		resp, err := tg.client.CreateEditingProjectWithOptions(&ice.CreateEditingProjectRequest{Title: tea.String("retried")}, autoretry(3))
		require.NoError(t, err, "CreateEditingProject with Autoretry")
		assert.Equal(t, int32(http.StatusOK), tea.Int32Value(resp.StatusCode), "status")
		assert.Equal(t, "retried", tea.StringValue(resp.Body.Project.Title), "Title")

		mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("after")})
		calls := journalOf(t, tg, "CreateEditingProject")
		assert.Equal(t, []int{503, 503, 200, 200}, callStatuses(calls), "journalled statuses")
		if tg.srv != nil {
			assert.Equal(t, 4, tg.srv.CallCount("CreateEditingProject"), "CallCount")
		}
	})
}
