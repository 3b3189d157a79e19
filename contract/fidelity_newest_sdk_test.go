package contract

import (
	"encoding/json"
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewestSDKFields sends and reads the fields the newest SDK (v7.x)
// declares for the implemented Actions and v2.1.0 lacks, through the
// v2.1.0 runtime's generic CallApi (docs/fidelity.md "Fidelity: newest SDK
// fields").
func TestNewestSDKFields(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers a URL the real service cannot reach")
		reg, err := callAPI(tg, "RegisterMediaInfo", apiVersion, map[string]*string{
			"InputURL": tea.String(introURL), "SmartTagTemplateId": tea.String("S00000101-300080"),
		})
		require.NoError(t, err, "RegisterMediaInfo with SmartTagTemplateId")
		mediaID := reg["body"].(map[string]any)["MediaId"].(string)

		t.Run("GetMediaInfo AuthTimeout and ReturnDetailedInfo", func(t *testing.T) {
			out, err := callAPI(tg, "GetMediaInfo", apiVersion, map[string]*string{
				"MediaId": tea.String(mediaID), "AuthTimeout": tea.String("3600"),
				"ReturnDetailedInfo": tea.String(`{"AiRoughData.StandardSmartTagJob": false}`),
			})
			require.NoError(t, err)
			info := out["body"].(map[string]any)["MediaInfo"].(map[string]any)
			assert.Equal(t, mediaID, info["MediaId"], "MediaId")
			for _, bad := range []struct{ name, value, want string }{
				{"AuthTimeout", "soon", `The specified parameter "AuthTimeout" is not valid.`},
				{"ReturnDetailedInfo", "{", `The specified parameter "ReturnDetailedInfo" is not valid.`},
			} {
				_, err := callAPI(tg, "GetMediaInfo", apiVersion, map[string]*string{"MediaId": tea.String(mediaID), bad.name: tea.String(bad.value)})
				env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
				assert.Contains(t, env.Message, bad.want, "Message")
			}
		})

		t.Run("GetMediaProducingJob Progress and UserData", func(t *testing.T) {
			const userData = `{"NotifyAddress":"http://example.com/cb","Key":"Value"}`
			b := mustSubmit(t, tg, &ice.SubmitMediaProducingJobRequest{Timeline: tea.String(timeline342), UserData: tea.String(userData)})
			job := func() map[string]any {
				t.Helper()
				out, err := callAPI(tg, "GetMediaProducingJob", apiVersion, map[string]*string{"JobId": b.JobId})
				require.NoError(t, err)
				return out["body"].(map[string]any)["MediaProducingJob"].(map[string]any)
			}
			j := job()
			assert.Equal(t, json.Number("0"), j["Progress"], "Progress when just submitted")
			assert.Equal(t, userData, j["UserData"], "UserData echoed from Submit")
			assert.NotContains(t, j, "SubJobMaterials", "SubJobMaterials of a job that is no batch sub-job")
			pollUntilDone(t, tg, tea.StringValue(b.JobId))
			j = job()
			assert.Equal(t, "Success", j["Status"], "Status")
			assert.Equal(t, json.Number("100"), j["Progress"], "Progress on Success")
		})
	})
}
