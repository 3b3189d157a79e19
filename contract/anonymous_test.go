package contract

import (
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// anonymousStubs answers ListAllPublicMediaTags, which SDK v2.1.0 sends
// unsigned (AuthType Anonymous).
const anonymousStubs = `version: 1
stubs:
  - action: ListAllPublicMediaTags
    match: {BusinessType: sticker}
    response:
      MediaTagList:
        - {MediaTagId: sticker-gif, MediaTagNameEnglish: GIF}
`

// TestAnonymousActionThroughSDK: SDK v2.1.0 sends ListAllPublicMediaTags
// without a signature, so a client with unknown credentials gets the stub's
// answer; GetEditingProject from the same client is refused.
func TestAnonymousActionThroughSDK(t *testing.T) {
	forEachTarget(t, anonymousStubs, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the stub is icefake's")
		stranger := tg.clientWith(t, "nobody", "wrong")
		tags, err := stranger.ListAllPublicMediaTags(&ice.ListAllPublicMediaTagsRequest{BusinessType: tea.String("sticker")})
		require.NoError(t, err, "an unsigned call of an anonymous Action")
		require.Len(t, tags.Body.MediaTagList, 1)
		assert.Equal(t, "sticker-gif", tea.StringValue(tags.Body.MediaTagList[0].MediaTagId))
		assert.Equal(t, "GIF", tea.StringValue(tags.Body.MediaTagList[0].MediaTagNameEnglish))
		assert.Regexp(t, reRequestID, tea.StringValue(tags.Body.RequestId))

		_, err = stranger.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String("p")})
		wantAPIError(t, tg, err, 404, "InvalidAccessKeyId.NotFound")
	})
}
