package contract

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake/popsign"
)

// gbkTitle is the GBK encoding of 测试 ("test"): B2 E2 CA D4, not UTF-8.
const gbkTitle = "\xb2\xe2\xca\xd4"

// fffdEchoed is how four U+FFFD appear inside the server's V1
// string-to-sign: percent-encoded once as a parameter, then again as part
// of the string-to-sign (https://github.com/aliyun/alibaba-cloud-sdk-go/issues/87).
var fffdEchoed = strings.Repeat("%25EF%25BF%25BD", 4)

// reV3Mismatch is the V3 SignatureDoesNotMatch message: the catalogue
// sentence, then the server's string-to-sign in brackets, its newline kept
// (https://github.com/aliyun/alibabacloud-csharp-sdk/issues/40).
var reV3Mismatch = regexp.MustCompile(`\ASpecified signature does not match our calculation\. server StringToSign is \[ACS3-HMAC-SHA256\n[0-9a-f]{64}\]\z`)

// gbkParams are CreateEditingProject's parameters with the GBK Title,
// V1-signed over the raw bytes (percent-encoded byte for byte), as a client
// that never decodes its input signs them.
func gbkParams(tg *target) url.Values {
	v := url.Values{
		"Action": {"CreateEditingProject"}, "Version": {apiVersion}, "Format": {"json"},
		"AccessKeyId": {tg.keyID}, "SignatureMethod": {popsign.V1SignatureMethod}, "SignatureVersion": {popsign.V1SignatureVersion},
		"SignatureNonce": {randomNonce()}, "Timestamp": {time.Now().UTC().Format(wireTime)},
		"Title": {gbkTitle},
	}
	popsign.SignV1Params(http.MethodPost, v, tg.secret)
	return v
}

// TestInvalidUTF8IsASignatureMismatch sends a Title that is not UTF-8 (GBK
// bytes, %B2%E2%CA%D4) signed over its raw bytes, V1 and V3, with a raw
// client (the SDK cannot send such bytes, see
// TestInvalidUTF8ThroughTheSDK). The gateway decodes the parameter as UTF-8,
// U+FFFD for each bad byte, before it signs, so the answer is 400
// SignatureDoesNotMatch echoing its string-to-sign (docs/fidelity.md
// "Fidelity: invalid UTF-8 in parameters"; "Fidelity: V3
// SignatureDoesNotMatch wording").
func TestInvalidUTF8IsASignatureMismatch(t *testing.T) {
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the echo's exact form is the fake's rendering of one public capture")
		t.Run("V1", func(t *testing.T) {
			v := gbkParams(tg)
			require.Contains(t, v.Encode(), "Title=%B2%E2%CA%D4", "the raw bytes are sent")
			server := url.Values{}
			for k, vs := range v {
				server[k] = vs
			}
			server.Set("Title", strings.Repeat("\uFFFD", 4))
			wantSTS := popsign.V1StringToSign(http.MethodPost, server)
			require.Contains(t, wantSTS, "%26Title%3D"+fffdEchoed+"%26Version%3D2020-11-09")

			resp, body := postRaw(t, tg, "/?"+v.Encode(), "", "")
			env := wantEnvelope(t, tg, resp, body, http.StatusBadRequest, "SignatureDoesNotMatch")
			assert.Equal(t, "Specified signature does not match our calculation. server string to sign is:"+wantSTS, env.Message, "Message")
		})
		t.Run("V3 ACS3-HMAC-SHA256", func(t *testing.T) {
			req := mustRequest(t, http.MethodPost, tg.protocol+"://"+tg.endpoint+"/?Title=%B2%E2%CA%D4", nil)
			req.Header.Set("x-acs-action", "CreateEditingProject")
			req.Header.Set("x-acs-version", apiVersion)
			req.Header.Set("x-acs-date", time.Now().UTC().Format(wireTime))
			req.Header.Set("x-acs-signature-nonce", randomNonce())
			auth, err := popsign.SignV3Request(req, nil, popsign.AlgHMACSHA256, tg.keyID, tg.secret)
			require.NoError(t, err)
			cr := popsign.V3CanonicalRequest(http.MethodPost, "/", url.Values{"Title": {strings.Repeat("\uFFFD", 4)}}, req.Header, tg.endpoint, auth.SignedHeaders, popsign.HashHex(popsign.AlgHMACSHA256, nil))

			resp, body := doRaw(t, req)
			env := wantEnvelope(t, tg, resp, body, http.StatusBadRequest, "SignatureDoesNotMatch")
			assert.Regexp(t, reV3Mismatch, env.Message, "Message")
			assert.Equal(t, "Specified signature does not match our calculation. server StringToSign is ["+popsign.V3StringToSign(popsign.AlgHMACSHA256, cr)+"]", env.Message, "Message")
		})
		if tg.srv != nil {
			assert.Empty(t, tg.srv.Projects(tg.keyID), "projects stored by rejected calls")
		}
	})
}

// TestInvalidUTF8SignedAsTheGatewayReadsIt signs the GBK Title as the
// gateway reads it (four U+FFFD) but sends the raw bytes: the signature
// matches, and the project is stored with the gateway's reading.
func TestInvalidUTF8SignedAsTheGatewayReadsIt(t *testing.T) {
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "inferred from the echo, never observed")
		v := gbkParams(tg)
		v.Set("Title", strings.Repeat("\uFFFD", 4))
		popsign.SignV1Params(http.MethodPost, v, tg.secret)
		v.Set("Title", gbkTitle)
		resp, body := postRaw(t, tg, "/?"+v.Encode(), "", "")
		require.Equalf(t, http.StatusOK, resp.StatusCode, "status; body %s", body)
		if tg.srv != nil {
			ps := tg.srv.Projects(tg.keyID)
			require.Len(t, ps, 1, "projects")
			assert.Equal(t, strings.Repeat("\uFFFD", 4), ps[0].Title, "stored Title")
		}
	})
}

// TestInvalidUTF8ThroughTheSDK: the Go SDK v2.1.0 cannot send bytes that are
// not UTF-8. Its request goes through encoding/json (tea.ToMap), which
// replaces each bad byte with U+FFFD before signing, so the call succeeds
// and the Title reads back as four U+FFFD, under any auth mode.
func TestInvalidUTF8ThroughTheSDK(t *testing.T) {
	check := func(t *testing.T, tg *target) {
		res, err := tg.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String(gbkTitle)})
		require.NoError(t, err)
		id := tea.StringValue(res.Body.Project.ProjectId)
		tg.track(t, id)
		assert.Equal(t, strings.Repeat("\uFFFD", 4), tea.StringValue(res.Body.Project.Title), "Create Title")
	}
	t.Run("enforce", func(t *testing.T) { forEachTarget(t, "", check) })
	t.Run("auth off", func(t *testing.T) { forEachFakeWith(t, "", authOffConfig, check) })
}

// TestInvalidUTF8WithAuthOff: with -auth-mode off nothing is signed, and a
// value that is not UTF-8 stays 400 InvalidParameter naming it.
func TestInvalidUTF8WithAuthOff(t *testing.T) {
	forEachFakeWith(t, "", authOffConfig, func(t *testing.T, tg *target) {
		resp, body := postRaw(t, tg, "/?Action=CreateEditingProject&Version="+apiVersion+"&Title=%B2%E2%CA%D4", "", "")
		env := wantEnvelope(t, tg, resp, body, http.StatusBadRequest, "InvalidParameter")
		assert.Equal(t, `The specified parameter "Title" is not valid. The value is not valid UTF-8.`, env.Message, "Message")
		if tg.srv != nil {
			assert.Empty(t, tg.srv.Projects(tg.keyID), "projects stored by a rejected call")
		}
	})
}
