package contract

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake/popsign"
)

// nonceCall is one hand-signed GetEditingProject carrying a chosen nonce.
type nonceCall struct {
	v3         bool // ACS3-HMAC-SHA256 (x-acs-signature-nonce) instead of V1 (SignatureNonce)
	ak, secret string
}

// sendWithNonce signs c's GetEditingProject with nonce and sends it to tg.
func sendWithNonce(t *testing.T, tg *target, c nonceCall, nonce string) (int, envelope) {
	t.Helper()
	base := tg.protocol + "://" + tg.endpoint + "/"
	if !c.v3 {
		v := url.Values{
			"Action": {"GetEditingProject"}, "Version": {apiVersion}, "Format": {"json"},
			"AccessKeyId": {c.ak}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
			"SignatureNonce": {nonce}, "Timestamp": {time.Now().UTC().Format(wireTime)}, "ProjectId": {"nope"},
		}
		popsign.SignV1Params(http.MethodGet, v, c.secret)
		return rawDo(t, tg, mustRequest(t, http.MethodGet, base+"?"+v.Encode(), nil))
	}
	req := mustRequest(t, http.MethodPost, base+"?ProjectId=nope", nil)
	req.Header.Set("x-acs-action", "GetEditingProject")
	req.Header.Set("x-acs-version", apiVersion)
	req.Header.Set("x-acs-date", time.Now().UTC().Format(wireTime))
	req.Header.Set("x-acs-signature-nonce", nonce)
	_, err := popsign.SignV3Request(req, nil, popsign.AlgHMACSHA256, c.ak, c.secret)
	require.NoError(t, err)
	return rawDo(t, tg, req)
}

// TestSignatureNonceScope: the gateway remembers a SignatureNonce per
// AccessKeyId (docs/fidelity.md "SignatureNonce scope"). The same nonce from
// two AccessKeyIds is accepted twice; from one AccessKeyId, under V1 or V3,
// the second call is 400 SignatureNonceUsed.
func TestSignatureNonceScope(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "the second AccessKeyId comes from the scenario")
		a1 := nonceCall{ak: tg.keyID, secret: tg.secret}
		b1 := nonceCall{ak: "tenantB", secret: "secretB"}
		a3 := nonceCall{v3: true, ak: tg.keyID, secret: tg.secret}
		b3 := nonceCall{v3: true, ak: "tenantB", secret: "secretB"}
		tests := []struct {
			name          string
			first, second nonceCall
			status        int
			code          string
		}{
			{"V1 two AccessKeyIds", a1, b1, 404, "ProjectNotFound"},
			{"V3 two AccessKeyIds", a3, b3, 404, "ProjectNotFound"},
			{"V1 then V3 two AccessKeyIds", a1, b3, 404, "ProjectNotFound"},
			{"V1 one AccessKeyId", b1, b1, 400, "SignatureNonceUsed"},
			{"V3 one AccessKeyId", a3, a3, 400, "SignatureNonceUsed"},
			{"V3 then V1 one AccessKeyId", b3, b1, 400, "SignatureNonceUsed"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				nonce := randomNonce()
				status, env := sendWithNonce(t, tg, tt.first, nonce)
				require.Equal(t, 404, status, "first call's status")
				require.Equal(t, "ProjectNotFound", env.Code, "first call's Code")
				status, env = sendWithNonce(t, tg, tt.second, nonce)
				assert.Equal(t, tt.status, status, "second call's status")
				assert.Equal(t, tt.code, env.Code, "second call's Code")
				if tt.code == "SignatureNonceUsed" {
					assert.Equal(t, "Specified signature nonce was used already.", env.Message, "Message")
				}
			})
		}
	})
}
