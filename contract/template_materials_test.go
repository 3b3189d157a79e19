package contract

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

// TestGetTemplateMaterials: the files of an advanced template's package
// with URLs valid 30 minutes, through SDK v2.1.0; FileList selects; a
// regular template has none; an unknown one is 404.
func TestGetTemplateMaterials(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "adds a template of the account and reads the virtual clock")
		add, err := tg.client.AddTemplate(&ice.AddTemplateRequest{Name: tea.String("advanced"), Type: tea.String("VETemplate"),
			Config: tea.String(`{"Music":"music.mp3","Layers":[{"Image":"assets/1.jpg"}]}`)})
		require.NoError(t, err, "AddTemplate")
		id := tea.StringValue(add.Body.Template.TemplateId)
		expires := strconv.FormatInt(fake.DefaultStartTime.Add(30*time.Minute).Unix(), 10)
		signed := func(tid, file string) string {
			return "https://ice-template-materials.oss-cn-shanghai.aliyuncs.com/" + tid + "/" + file +
				"?Expires=" + expires + "&OSSAccessKeyId=icefake&Signature=icefake"
		}
		materials := func(req *ice.GetTemplateMaterialsRequest) map[string]string {
			t.Helper()
			resp, err := tg.client.GetTemplateMaterials(req)
			require.NoError(t, err, "GetTemplateMaterials")
			assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId))
			var m map[string]string
			require.NoError(t, json.Unmarshal([]byte(tea.StringValue(resp.Body.MaterialUrls)), &m), "MaterialUrls is JSON text")
			return m
		}
		all := materials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String(id)})
		assert.Equal(t, []string{"assets/1.jpg", "config.json", "music.mp3"}, keysOf(all), "the package's files")
		for file, u := range all {
			assert.Regexp(t, `^https://ice-template-materials\.oss-cn-shanghai\.aliyuncs\.com/`+id+`/`+regexp.QuoteMeta(file)+
				`\?Expires=[0-9]+&OSSAccessKeyId=icefake&Signature=icefake$`, u, file)
		}
		if tg.srv != nil { // the embedded clock is frozen at fake.DefaultStartTime
			assert.Equal(t, signed(id, "music.mp3"), all["music.mp3"], "Expires is 30 minutes after the call")
		}
		got := materials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String(id), FileList: tea.String(`["music.mp3","missing.png"]`)})
		assert.Equal(t, []string{"music.mp3"}, keysOf(got), "FileList")
		assert.Equal(t, []string{"config.json"}, keysOf(materials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String(veTemplateID)})), "seeded VETemplate")
		assert.Empty(t, materials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String(tlTemplateID)}), "a Timeline template has no package")

		_, err = tg.client.GetTemplateMaterials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String("nope")})
		wantAPIError(t, tg, err, 404, "ResourceNotFound")
		_, err = tg.client.GetTemplateMaterials(&ice.GetTemplateMaterialsRequest{TemplateId: tea.String(id), FileList: tea.String("music.mp3")})
		env := wantAPIError(t, tg, err, 400, "InvalidParameter")
		assert.Contains(t, env.Message, "FileList")
		_, err = tg.client.GetTemplateMaterials(&ice.GetTemplateMaterialsRequest{})
		wantAPIError(t, tg, err, 400, "MissingParameter")
	})
}

// keysOf returns m's keys, sorted.
func keysOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
