package contract

import (
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedFaultsScenario scripts faults and a quota on Actions icefake
// knows only from the SDK's model: SubmitSnapshotJob (stubbed) and
// GetSnapshotJob (501 NotImplemented).
const generatedFaultsScenario = `version: 1
stubs:
  - action: SubmitSnapshotJob
    response: {JobId: "snap-${Name}"}
faults:
  - {action: SubmitSnapshotJob, times: 1, code: Throttling}
  - {action: GetSnapshotJob, times: 1, code: ServiceUnavailable}
quotas:
  - {action: GetSnapshotJob, rate: 0.001, burst: 2}
`

// TestFaultsOnGeneratedActions: through SDK v2.1.0, a scripted fault fires
// on a stubbed and on a 501 Action, after validation (a call the SDK sends
// without a required parameter gets MissingParameter and does not use the
// fault up), then the stub or 501 answers; the quota throttles the third
// GetSnapshotJob.
func TestFaultsOnGeneratedActions(t *testing.T) {
	forEachTarget(t, generatedFaultsScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "faults and stubs are scripted by the scenario")
		snapshot := &ice.SubmitSnapshotJobRequest{
			Name:           tea.String("thumbs"),
			Input:          &ice.SubmitSnapshotJobRequestInput{Type: tea.String("Media"), Media: tea.String("m-1")},
			Output:         &ice.SubmitSnapshotJobRequestOutput{Type: tea.String("OSS"), Media: tea.String("oss://b/{Count}.jpg")},
			TemplateConfig: &ice.SubmitSnapshotJobRequestTemplateConfig{TemplateId: tea.String("t")},
		}
		_, err := tg.client.SubmitSnapshotJob(&ice.SubmitSnapshotJobRequest{Name: tea.String("thumbs")})
		wantAPIError(t, tg, err, http.StatusBadRequest, "MissingParameter")

		_, err = tg.client.SubmitSnapshotJob(snapshot)
		wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling")
		snap, err := tg.client.SubmitSnapshotJob(snapshot)
		require.NoError(t, err, "after the fault, the stub answers")
		assert.Equal(t, "snap-thumbs", tea.StringValue(snap.Body.JobId))

		get := &ice.GetSnapshotJobRequest{JobId: tea.String("j-1")}
		_, err = tg.client.GetSnapshotJob(get)
		wantAPIError(t, tg, err, http.StatusServiceUnavailable, "ServiceUnavailable")
		_, err = tg.client.GetSnapshotJob(get)
		env := wantAPIError(t, tg, err, http.StatusNotImplemented, "NotImplemented")
		assert.Contains(t, env.Message, `"GetSnapshotJob"`)
		_, err = tg.client.GetSnapshotJob(get)
		wantAPIError(t, tg, err, http.StatusBadRequest, "Throttling.User")

		if tg.srv != nil {
			calls := tg.srv.Calls("SubmitSnapshotJob")
			require.Len(t, calls, 3, "journalled SubmitSnapshotJob calls")
			assert.Equal(t, []string{"MissingParameter", "Throttling", ""}, []string{calls[0].Code, calls[1].Code, calls[2].Code}, "codes")
			assert.NotEmpty(t, calls[1].Fault, "call 2 names the fault that fired")
			assert.NotEmpty(t, calls[2].Stub, "call 3 names the stub that answered")
		}
	})
}
