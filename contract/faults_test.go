package contract

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFaultThrottlesSecondCreateOnce loads the scenario fault
// {action: CreateEditingProject, after: 1, times: 1, code: Throttling.User}:
// the 1st create succeeds, the 2nd fails, the 3rd succeeds again.
func TestFaultThrottlesSecondCreateOnce(t *testing.T) {
	forEachTarget(t, throttleSecondCreateScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "faults are scripted by the scenario")
		title := func(i int) *string { return tea.String(fmt.Sprintf("throttle %d", i)) }

		first := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: title(1)})

		_, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: title(2)})
		wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling.User")

		third := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: title(3)})
		assert.NotEqual(t, tea.StringValue(first.ProjectId), tea.StringValue(third.ProjectId), "ProjectIds")

		if tg.srv != nil {
			calls := tg.srv.Calls("CreateEditingProject")
			require.Len(t, calls, 3, "journalled CreateEditingProject calls")
			for i, want := range []int{200, 400, 200} {
				assert.Equal(t, want, calls[i].Status, "call %d status", i+1)
			}
			assert.Equal(t, "Throttling.User", calls[1].Code, "call 2 code")
			assert.NotEmpty(t, calls[1].Fault, "call 2 names the fault that fired")
		}
		if n, ok := projectCount(t, tg); ok {
			assert.Equal(t, 2, n, "projects stored (the throttled call stores none)")
		}
	})
}

// TestFaultThrottleHeaders sends the throttled call by hand to see what the
// SDK hides: the x-acs-retry-after header newer runtimes back off by
// (docs/fidelity.md "Retries": milliseconds).
func TestFaultThrottleHeaders(t *testing.T) {
	forEachTarget(t, throttleSecondCreateScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "faults are scripted by the scenario")
		for i, wantStatus := range []int{http.StatusOK, http.StatusBadRequest, http.StatusOK} {
			resp, body := signedCall(t, tg, "CreateEditingProject", map[string]string{"Title": fmt.Sprintf("raw %d", i+1)})
			require.Equalf(t, wantStatus, resp.StatusCode, "call %d status; body %s", i+1, body)
			if wantStatus != http.StatusBadRequest {
				continue
			}
			var env envelope
			require.NoErrorf(t, json.Unmarshal(body, &env), "body %s", body)
			assert.Equal(t, "Throttling.User", env.Code, "envelope Code")
			assert.Regexp(t, reRequestID, env.RequestId, "envelope RequestId")
			assert.Equal(t, env.RequestId, resp.Header.Get("x-acs-request-id"), "x-acs-request-id header")
			assert.Truef(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"), "Content-Type = %q, want application/json", resp.Header.Get("Content-Type"))
			retry := resp.Header.Get("x-acs-retry-after")
			ms, err := strconv.Atoi(retry)
			assert.NoErrorf(t, err, "x-acs-retry-after = %q, want an integer (ms)", retry)
			assert.Positive(t, ms, "x-acs-retry-after")
		}
	})
}
