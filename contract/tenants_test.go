package contract

import (
	"net/http"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTenantIsolation: the AccessKeyId is the tenant (docs/fidelity.md), so a
// ProjectId of another tenant is unknown, both ways.
func TestTenantIsolation(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "needs a second tenant's credentials from the scenario")
		other := tg.clientWith(t, otherKeyID, otherSecret)

		mine := tea.StringValue(mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("mine")}).ProjectId)
		_, err := other.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(mine)})
		wantAPIError(t, tg, err, http.StatusNotFound, "ProjectNotFound")

		resp, err := other.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("theirs")})
		require.NoError(t, err, "other tenant's CreateEditingProject")
		theirs := tea.StringValue(resp.Body.Project.ProjectId)
		_, err = tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(theirs)})
		wantAPIError(t, tg, err, http.StatusNotFound, "ProjectNotFound")

		assert.Equal(t, "mine", tea.StringValue(mustGet(t, tg, mine).Title), "own tenant's Get Title")
		if tg.srv != nil {
			if ps := tg.srv.Projects(otherKeyID); assert.Len(t, ps, 1, "other tenant's projects") {
				assert.Equal(t, "theirs", ps[0].Title, "other tenant's project Title")
			}
		}
		if n, ok := projectCount(t, tg); ok {
			assert.Equal(t, 1, n, "own projects")
		}
	})
}
