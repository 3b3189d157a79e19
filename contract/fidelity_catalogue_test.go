package contract

import (
	"encoding/base64"
	"net/http"
	"slices"
	"testing"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

// TestCatalogueGaps covers codes a client can meet that the spec's
// per-Action lists used to miss, and the NextToken's documented size
// (docs/fidelity.md "Fidelity: catalogue gaps"). Every embedded-target test
// also checks its journal against the lists (checkCatalogue).
func TestCatalogueGaps(t *testing.T) {
	for _, action := range fake.SupportedActions() {
		for _, code := range []string{"MissingSecurityToken", "InvalidApi.NotFound"} {
			assert.Containsf(t, spec.ActionErrors[action], code, "%s x-icefake-error-codes", action)
		}
	}
	assert.Contains(t, spec.ActionErrors["CreateEditingProject"], "ResourceNotFound", "CreateEditingProject x-icefake-error-codes")

	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		t.Run("unknown TemplateId", func(t *testing.T) {
			_, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{
				Title: tea.String("t"), TemplateId: tea.String("no-such-template"), ClipsParam: tea.String(`{}`),
			})
			env := wantAPIError(t, tg, err, http.StatusNotFound, "ResourceNotFound")
			if tg.isFake() {
				assert.Equal(t, `Resource not found: the template "no-such-template" does not exist.`, env.Message, "Message")
			}
		})
		t.Run("STS key without SecurityToken", func(t *testing.T) {
			tg.fakeOnly(t, "the STS credential comes from the scenario")
			client, err := ice.NewClient(&openapiclient.Config{
				AccessKeyId: tea.String("STS.contract"), AccessKeySecret: tea.String("stsSecret"),
				Endpoint: tea.String(tg.endpoint), Protocol: tea.String(tg.protocol), NoProxy: tea.String(tg.endpoint),
			})
			require.NoError(t, err)
			_, err = client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String("p")})
			env := wantAPIError(t, tg, err, http.StatusBadRequest, "MissingSecurityToken")
			assert.Equal(t, "SecurityToken is mandatory for this action.", env.Message, "Message")
		})
		t.Run("path other than /", func(t *testing.T) {
			tg.fakeOnly(t, "an unsigned request")
			resp, body := postRaw(t, tg, "/v1/ice?Action=GetEditingProject&Version="+apiVersion, "", "")
			env := wantEnvelope(t, tg, resp, body, http.StatusNotFound, "InvalidApi.NotFound")
			assert.Equal(t, "Specified api is not found,please check your url and method.", env.Message, "Message")
		})
		t.Run("ListEditingProjects NextToken", func(t *testing.T) {
			tg.fakeOnly(t, "the token layout is icefake's")
			for _, title := range []string{"a", "b"} {
				res, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String(title)})
				require.NoError(t, err)
				tg.track(t, tea.StringValue(res.Body.Project.ProjectId))
			}
			out, err := callAPI(tg, "ListEditingProjects", apiVersion, map[string]*string{"MaxResults": tea.String("1")})
			require.NoError(t, err)
			tok, _ := out["body"].(map[string]any)["NextToken"].(string)
			raw, err := base64.StdEncoding.DecodeString(tok)
			require.NoErrorf(t, err, "NextToken %q is not standard base64", tok)
			assert.Len(t, raw, 32, "NextToken bytes")
			assert.Len(t, tok, 44, "NextToken characters")
		})
	})
	desc := spec.Operations["ListEditingProjects"].Description
	assert.Contains(t, desc, "standard base64 of 32 bytes", "ListEditingProjects description")
	assert.False(t, slices.Contains(spec.ActionErrors["GetEditingProject"], "ResourceNotFound"), "GetEditingProject answers ProjectNotFound, not ResourceNotFound")
}
