package contract

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake/popsign"
)

// authScenario accepts a second tenant and an STS credential besides the
// default pair.
const authScenario = `version: 1
credentials:
  - accessKeyId: tenantB
    accessKeySecret: secretB
  - accessKeyId: STS.contract
    accessKeySecret: stsSecret
    securityToken: "CAIS+sts/token=="
`

// awkward are titles and timelines that break naive signers: spaces, '+',
// '*', '~', "!'()", '%', Chinese text, emoji.
var awkward = []string{
	"plain",
	"a b+c*d~e",
	"!'()*",
	"100% & =?#",
	"中文标题 项目",
	"emoji 🎬🎞️",
}

func awkwardTimeline(s string) string {
	b, _ := json.Marshal(s)
	return `{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/` + url.PathEscape(s) + `.mp4","Out":3}]}],"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":` + string(b) + `}]}]}`
}

// signatureAlgorithms are the ways the official Go SDK can sign: V1 (the
// ice v2.1.0 client's default, SignatureAlgorithm "v2") and V3.
var signatureAlgorithms = []struct {
	name string
	alg  string // client.SignatureAlgorithm; "" keeps the client's default
}{
	{"V1 HMAC-SHA1", ""},
	{"V3 ACS3-HMAC-SHA256", popsign.AlgHMACSHA256},
	{"V3 ACS3-HMAC-SM3", popsign.AlgHMACSM3},
}

func TestSignedCreateAndGetWithAwkwardValues(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		for _, sa := range signatureAlgorithms {
			t.Run(sa.name, func(t *testing.T) {
				client := tg.newClient(t)
				if sa.alg != "" {
					client.SignatureAlgorithm = tea.String(sa.alg)
				}
				for _, s := range awkward {
					res, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{
						Title:       tea.String(s),
						Description: tea.String(""), // an empty optional value is signed as "Description="
						Timeline:    tea.String(awkwardTimeline(s)),
					})
					require.NoErrorf(t, err, "CreateEditingProject(%q)", s)
					id := tea.StringValue(res.Body.Project.ProjectId)
					tg.track(t, id)
					got, err := client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
					require.NoError(t, err)
					assert.Equal(t, s, tea.StringValue(got.Body.Project.Title), "Title")
					assert.Equal(t, awkwardTimeline(s), tea.StringValue(got.Body.Project.Timeline), "Timeline")
					assert.Equal(t, "", tea.StringValue(got.Body.Project.Description), "Description")
					assert.Equal(t, int64(3), tea.Int64Value(got.Body.Project.Duration), "Duration")
				}
			})
		}
	})
}

// TestGenericClientTimelineInFormBody sends Timeline in an
// application/x-www-form-urlencoded body, as ICE SDKs >= v3.1.0 do
// (ICE API reference: POP RPC protocol), through the darabonba-openapi generic client, signed
// V1 and V3.
func TestGenericClientTimelineInFormBody(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		for _, sa := range []string{"v2", popsign.AlgHMACSHA256} {
			t.Run(sa, func(t *testing.T) {
				c, err := openapiclient.NewClient(&openapiclient.Config{
					AccessKeyId: tea.String(tg.keyID), AccessKeySecret: tea.String(tg.secret),
					Endpoint: tea.String(tg.endpoint), Protocol: tea.String(tg.protocol),
					NoProxy: tea.String(tg.endpoint),
				})
				require.NoError(t, err)
				c.SignatureAlgorithm = tea.String(sa)
				timeline := awkwardTimeline("form body 表单 + * ~")
				body, err := genericCall(c, "CreateEditingProject",
					map[string]*string{"Title": tea.String("form * title")},
					map[string]any{"Timeline": timeline})
				require.NoError(t, err)
				project := body["body"].(map[string]any)["Project"].(map[string]any)
				id := project["ProjectId"].(string)
				tg.track(t, id)
				assert.Equal(t, timeline, project["Timeline"], "Timeline round trip")
				assert.Equal(t, json.Number("2"), project["Status"], "Status (a number in Create)")
			})
		}
	})
}

func genericCall(c *openapiclient.Client, action string, query map[string]*string, form map[string]any) (map[string]any, error) {
	params := &openapiclient.Params{
		Action: tea.String(action), Version: tea.String(apiVersion), Protocol: tea.String("HTTPS"),
		Pathname: tea.String("/"), Method: tea.String("POST"), AuthType: tea.String("AK"),
		Style: tea.String("RPC"), ReqBodyType: tea.String("formData"), BodyType: tea.String("json"),
	}
	return callGeneric(c, params, &openapiclient.OpenApiRequest{Query: query, Body: form})
}

// callGeneric is Client.CallApi with an empty RuntimeOptions, as generated
// operations pass.
func callGeneric(c *openapiclient.Client, params *openapiclient.Params, req *openapiclient.OpenApiRequest) (map[string]any, error) {
	return c.CallApi(params, req, &service.RuntimeOptions{})
}

func TestSTSCredentials(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "STS credentials come from the scenario")
		cfg := &openapiclient.Config{
			AccessKeyId: tea.String("STS.contract"), AccessKeySecret: tea.String("stsSecret"),
			SecurityToken: tea.String("CAIS+sts/token=="),
			Endpoint:      tea.String(tg.endpoint), Protocol: tea.String(tg.protocol), NoProxy: tea.String(tg.endpoint),
		}
		for _, sa := range signatureAlgorithms {
			t.Run(sa.name, func(t *testing.T) {
				client, err := ice.NewClient(cfg)
				require.NoError(t, err)
				if sa.alg != "" {
					client.SignatureAlgorithm = tea.String(sa.alg)
				}
				res, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("sts")})
				require.NoError(t, err)
				_, err = client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: res.Body.Project.ProjectId})
				require.NoError(t, err)
			})
		}
		bad := *cfg
		bad.SecurityToken = tea.String("not-the-token")
		client, err := ice.NewClient(&bad)
		require.NoError(t, err)
		_, err = client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("sts")})
		wantAPIError(t, tg, err, 400, "InvalidSecurityToken.Malformed")
	})
}

func TestAuthErrorsThroughSDK(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "credentials are the fake's")
		tests := []struct {
			name, ak, secret, alg string
			status                int
			code                  string
			msg                   string
		}{
			{"V1 wrong secret", tg.keyID, "wrong", "", 400, "SignatureDoesNotMatch", "server string to sign is:POST&%2F&AccessKeyId%3D"},
			{"V3 wrong secret", tg.keyID, "wrong", popsign.AlgHMACSHA256, 400, "SignatureDoesNotMatch", "server StringToSign is [ACS3-HMAC-SHA256\n"},
			{"V1 unknown key", "nobody", "x", "", 404, "InvalidAccessKeyId.NotFound", ""},
			{"V3 unknown key", "nobody", "x", popsign.AlgHMACSHA256, 404, "InvalidAccessKeyId.NotFound", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				client, err := ice.NewClient(&openapiclient.Config{
					AccessKeyId: tea.String(tt.ak), AccessKeySecret: tea.String(tt.secret),
					Endpoint: tea.String(tg.endpoint), Protocol: tea.String(tg.protocol), NoProxy: tea.String(tg.endpoint),
				})
				require.NoError(t, err)
				if tt.alg != "" {
					client.SignatureAlgorithm = tea.String(tt.alg)
				}
				_, err = client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("x")})
				env := wantAPIError(t, tg, err, tt.status, tt.code)
				assert.Contains(t, env.Message, tt.msg)
			})
		}
		if tg.srv != nil {
			assert.Empty(t, tg.srv.Projects(tg.keyID), "rejected calls store nothing")
		}
	})
}

// rawV1 sends a hand-signed V1 GetEditingProject; edit runs before signing,
// tamper after. It returns the status and the decoded envelope.
func rawV1(t *testing.T, tg *target, edit, tamper func(url.Values), nonce string) (int, envelope) {
	t.Helper()
	v := url.Values{
		"Action": {"GetEditingProject"}, "Version": {apiVersion}, "Format": {"json"},
		"AccessKeyId": {tg.keyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {nonce}, "Timestamp": {time.Now().UTC().Format(wireTime)}, "ProjectId": {"nope"},
	}
	if edit != nil {
		edit(v)
	}
	popsign.SignV1Params(http.MethodGet, v, tg.secret)
	if tamper != nil {
		tamper(v)
	}
	return rawDo(t, tg, mustRequest(t, http.MethodGet, tg.protocol+"://"+tg.endpoint+"/?"+v.Encode(), nil))
}

func mustRequest(t *testing.T, method, u string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, u, body)
	require.NoError(t, err)
	return req
}

func rawDo(t *testing.T, tg *target, req *http.Request) (int, envelope) {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second}
	resp, err := hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var env envelope
	body, _ := io.ReadAll(resp.Body)
	require.NoErrorf(t, json.Unmarshal(body, &env), "body %s", body)
	assert.Regexp(t, reRequestID, env.RequestId)
	assert.Equal(t, tg.endpoint, env.HostId)
	assert.NotEmpty(t, env.Message)
	assert.Contains(t, env.Recommend, "q="+env.Code)
	return resp.StatusCode, env
}

func randomNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func TestAuthErrorsOnTheWire(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "hand-made requests against the fake")
		stamp := func(d time.Duration) func(url.Values) {
			return func(v url.Values) { v.Set("Timestamp", time.Now().Add(d).UTC().Format(wireTime)) }
		}
		tests := []struct {
			name        string
			edit, after func(url.Values)
			status      int
			code        string
		}{
			{"valid", nil, nil, 404, "ProjectNotFound"},
			{"expired timestamp", stamp(-20 * time.Minute), nil, 400, "InvalidTimeStamp.Expired"},
			{"timestamp from the future", stamp(20 * time.Minute), nil, 400, "InvalidTimeStamp.Expired"},
			{"malformed timestamp", func(v url.Values) { v.Set("Timestamp", "29/11/2026 10:00") }, nil, 400, "InvalidTimeStamp.Format"},
			{"tampered parameter", nil, func(v url.Values) { v.Set("ProjectId", "other") }, 400, "SignatureDoesNotMatch"},
			{"missing signature", nil, func(v url.Values) { v.Del("Signature") }, 400, "MissingSignature"},
			{"missing nonce", func(v url.Values) { v.Del("SignatureNonce") }, nil, 400, "MissingSignatureNonce"},
			{"missing timestamp", func(v url.Values) { v.Del("Timestamp") }, nil, 400, "MissingTimestamp"},
			{"missing AccessKeyId", func(v url.Values) { v.Del("AccessKeyId") }, nil, 400, "MissingAccessKeyId"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, env := rawV1(t, tg, tt.edit, tt.after, randomNonce())
				assert.Equal(t, tt.status, status, "status")
				assert.Equal(t, tt.code, env.Code, "Code")
			})
		}
		t.Run("replayed request", func(t *testing.T) {
			nonce := randomNonce()
			v := url.Values{
				"Action": {"GetEditingProject"}, "Version": {apiVersion}, "AccessKeyId": {tg.keyID},
				"SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"}, "SignatureNonce": {nonce},
				"Timestamp": {time.Now().UTC().Format(wireTime)}, "ProjectId": {"nope"},
			}
			popsign.SignV1Params(http.MethodGet, v, tg.secret)
			u := tg.protocol + "://" + tg.endpoint + "/?" + v.Encode()
			status, env := rawDo(t, tg, mustRequest(t, http.MethodGet, u, nil))
			assert.Equal(t, 404, status)
			assert.Equal(t, "ProjectNotFound", env.Code)
			status, env = rawDo(t, tg, mustRequest(t, http.MethodGet, u, nil))
			assert.Equal(t, 400, status)
			assert.Equal(t, "SignatureNonceUsed", env.Code)
		})
		t.Run("V3 missing x-acs-signature-nonce", func(t *testing.T) {
			req := mustRequest(t, http.MethodPost, tg.protocol+"://"+tg.endpoint+"/?ProjectId=nope", nil)
			req.Header.Set("x-acs-action", "GetEditingProject")
			req.Header.Set("x-acs-version", apiVersion)
			req.Header.Set("x-acs-date", time.Now().UTC().Format(wireTime))
			_, err := popsign.SignV3Request(req, nil, popsign.AlgHMACSHA256, tg.keyID, tg.secret)
			require.NoError(t, err)
			status, env := rawDo(t, tg, req)
			assert.Equal(t, 400, status)
			assert.Equal(t, "MissingSignatureNonce", env.Code)
		})
		t.Run("V3 incomplete Authorization", func(t *testing.T) {
			req := mustRequest(t, http.MethodPost, tg.protocol+"://"+tg.endpoint+"/?ProjectId=nope", nil)
			req.Header.Set("x-acs-action", "GetEditingProject")
			req.Header.Set("x-acs-version", apiVersion)
			req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+tg.keyID+",SignedHeaders=host")
			status, env := rawDo(t, tg, req)
			assert.Equal(t, 400, status)
			assert.Equal(t, "IncompleteSignature", env.Code)
		})
	})
}
