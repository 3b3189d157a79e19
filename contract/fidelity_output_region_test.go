package contract

import (
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

const outputRegionTimeline = `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/a.mp4","Out":3}]}]}`

// TestOutputLocationChecks: SubmitMediaProducingJob refuses, at submit, an
// output MediaURL outside the service region, an oss:// URL and a non-OSS
// host with 400 InvalidParameter naming OutputMediaConfig.MediaURL, and
// stores nothing (docs/fidelity.md "Fidelity: output location").
func TestOutputLocationChecks(t *testing.T) {
	const prefix = `The specified parameter "OutputMediaConfig.MediaURL" is not valid. `
	tests := []struct {
		name     string
		mediaURL string
		message  string // "" = accepted
	}{
		{name: "same region", mediaURL: "https://bucket.oss-cn-shanghai.aliyuncs.com/o.mp4"},
		{name: "same region, internal endpoint", mediaURL: "http://bucket.oss-cn-shanghai-internal.aliyuncs.com/o.mp4"},
		{name: "other region", mediaURL: "https://bucket.oss-cn-beijing.aliyuncs.com/o.mp4",
			message: prefix + "The output bucket is in cn-beijing; the service region is cn-shanghai, and output must be stored in the same region."},
		{name: "oss scheme", mediaURL: "oss://bucket/o.mp4",
			message: prefix + "The output must be an http(s) OSS URL such as https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4, not oss://."},
		{name: "CDN domain", mediaURL: "https://cdn.example.com/o.mp4",
			message: prefix + `"cdn.example.com" is not an OSS bucket endpoint (bucket.oss-cn-shanghai.aliyuncs.com); CDN and acceleration domains are not allowed.`},
		{name: "acceleration domain", mediaURL: "https://bucket.oss-accelerate.aliyuncs.com/o.mp4",
			message: prefix + "The output bucket is in accelerate; the service region is cn-shanghai, and output must be stored in the same region."},
	}
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
					Timeline:          tea.String(outputRegionTimeline),
					OutputMediaConfig: tea.String(`{"MediaURL":"` + tt.mediaURL + `"}`),
				})
				if tt.message == "" {
					require.NoError(t, err)
					tg.track(t, tea.StringValue(res.Body.ProjectId))
					assert.Regexp(t, reProjectID, tea.StringValue(res.Body.JobId), "JobId")
					return
				}
				env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
				if tg.isFake() {
					assert.Equal(t, tt.message, env.Message, "Message")
				}
			})
		}
		if tg.srv != nil {
			assert.Len(t, tg.srv.Projects(tg.keyID), 2, "projects: only the accepted submits made one")
		}
	})
}

// TestOutputRegionFlag runs the fake as cn-beijing: a Beijing bucket is
// accepted and a Shanghai one refused.
func TestOutputRegionFlag(t *testing.T) {
	cfg := serverConfig{opts: []fake.Option{fake.WithRegion("cn-beijing")}, flags: []string{"-region", "cn-beijing"}}
	forEachFakeWith(t, "", cfg, func(t *testing.T, tg *target) {
		_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
			Timeline: tea.String(outputRegionTimeline), OutputMediaConfig: tea.String(`{"MediaURL":"https://b.oss-cn-beijing.aliyuncs.com/o.mp4"}`),
		})
		require.NoError(t, err)
		_, err = tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
			Timeline: tea.String(outputRegionTimeline), OutputMediaConfig: tea.String(shanghaiOutput),
		})
		env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
		assert.Equal(t, `The specified parameter "OutputMediaConfig.MediaURL" is not valid. The output bucket is in cn-shanghai; the service region is cn-beijing, and output must be stored in the same region.`, env.Message, "Message")
		if tg.srv != nil {
			assert.Equal(t, "cn-beijing", tg.srv.ClientConfig().RegionId, "ClientConfig RegionId")
		}
	})
}
