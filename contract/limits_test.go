package contract

import (
	"errors"
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateEditingProjectDurationBeyondSDKTypes sends valid Timelines whose
// duration does not fit the SDK's types (Create's *float32, Get's *int64).
// Whatever the service decides, the SDK must be able to read the answer:
// either the project is created and both Create and Get decode, or the call
// fails with 400 InvalidParameter naming Timeline and stores nothing. A 5xx
// or an answer the SDK cannot decode breaks every caller.
func TestCreateEditingProjectDurationBeyondSDKTypes(t *testing.T) {
	tests := []struct {
		name     string
		timeline string
	}{
		{name: "clip lengths summing past float64", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"x","Out":1e308},{"MediaId":"x","Out":1e308}]}]}`},
		{name: "clip length past float32", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"x","Out":1e39}]}]}`},
		{name: "clip length past int64", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"x","Out":1e19}]}]}`},
	}
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before, counted := projectCount(t, tg)
				resp, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String(tc.name), Timeline: tea.String(tc.timeline)})
				if err != nil {
					var se *tea.SDKError
					require.Truef(t, errors.As(err, &se), "CreateEditingProject = %v\nthe SDK cannot decode the answer; want a decodable success or 400 InvalidParameter", err)
					env := wantAPIError(t, tg, err, http.StatusBadRequest, "InvalidParameter")
					assert.Contains(t, env.Message, "Timeline", "envelope Message")
					if after, _ := projectCount(t, tg); counted {
						assert.Equal(t, before, after, "projects stored by a failed create")
					}
					return
				}
				id := tea.StringValue(resp.Body.Project.ProjectId)
				tg.track(t, id)
				_, err = tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
				assert.NoError(t, err, "GetEditingProject of a project Create accepted")
			})
		}
	})
}
