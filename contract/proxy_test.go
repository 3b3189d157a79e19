package contract

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/proxy"
)

// TestProxyWithTheSDK puts the validating proxy (icefake proxy) between the
// official Go SDK and each target, and runs a session of the SDK's calls
// through it. In front of icefake the proxy must find nothing: the fake
// keeps to its spec and the SDK's requests are what the spec describes.
// In real mode (ICEFAKE_CONTRACT=real) the findings are the drift between
// the real service and the spec, logged for the parity record.
func TestProxyWithTheSDK(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		up, err := url.Parse(tg.protocol + "://" + tg.endpoint)
		require.NoError(t, err)
		p, err := proxy.New(proxy.Options{Upstream: up})
		require.NoError(t, err)
		ps := httptest.NewServer(p)
		t.Cleanup(ps.Close)
		endpoint := strings.TrimPrefix(ps.URL, "http://")
		client, err := ice.NewClient(&openapiclient.Config{
			AccessKeyId: tea.String(tg.keyID), AccessKeySecret: tea.String(tg.secret),
			Endpoint: tea.String(endpoint), Protocol: tea.String("http"), NoProxy: tea.String(endpoint),
		})
		require.NoError(t, err)

		created, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("proxied"),
			Timeline: tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"` + mediaID12s + `"}]}]}`)})
		require.NoError(t, err)
		id := tea.StringValue(created.Body.Project.ProjectId)
		tg.track(t, id)
		_, err = client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
		require.NoError(t, err)
		_, err = client.UpdateEditingProject(&ice.UpdateEditingProjectRequest{ProjectId: tea.String(id), Title: tea.String("proxied 2")})
		require.NoError(t, err)
		_, err = client.SearchEditingProject(&ice.SearchEditingProjectRequest{PageSize: tea.Int64(5)})
		require.NoError(t, err)
		_, err = client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String("ffffffffffffffffffffffffffffffff")})
		require.Error(t, err)
		if tg.isFake() {
			_, err = client.GetMediaInfo(&ice.GetMediaInfoRequest{MediaId: tea.String(mediaID12s)})
			require.NoError(t, err)
			job, err := client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{ProjectId: tea.String(id),
				OutputMediaConfig: tea.String(`{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/out.mp4"}`)})
			require.NoError(t, err)
			_, err = client.GetMediaProducingJob(&ice.GetMediaProducingJobRequest{JobId: job.Body.JobId})
			require.NoError(t, err)
		}
		_, err = client.DeleteEditingProjects(&ice.DeleteEditingProjectsRequest{ProjectIds: tea.String(id)})
		require.NoError(t, err)

		calls := p.Calls()
		require.GreaterOrEqual(t, len(calls), 6, "calls through the proxy")
		for _, c := range calls {
			if len(c.Findings) == 0 {
				continue
			}
			if tg.isFake() {
				t.Errorf("%s %d: findings %+v", c.Action, c.Status, c.Findings)
			} else {
				t.Logf("drift: %s %d: %+v", c.Action, c.Status, c.Findings)
			}
		}
	})
}
