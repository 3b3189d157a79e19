package contract

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake/popsign"
)

// apiVersion is the ICE API version the SDK sends.
const apiVersion = "2020-11-09"

// callAPI sends an RPC call with any Action and Version through the SDK's
// generic openapi Client.CallApi (which the ice client embeds), exactly as a
// generated operation would.
func callAPI(tg *target, action, version string, query map[string]*string) (map[string]any, error) {
	params := &openapiclient.Params{
		Action:      tea.String(action),
		Version:     tea.String(version),
		Protocol:    tea.String("HTTPS"), // Config.Protocol overrides it
		Pathname:    tea.String("/"),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	req := &openapiclient.OpenApiRequest{Query: query}
	return tg.client.CallApi(params, req, &service.RuntimeOptions{})
}

// signedCall sends one RPC call by hand, V1-signed as the SDK signs it
// (docs/fidelity.md "Signatures"), and returns the response (body read) and its body:
// unlike the SDK, it shows the headers of an error answer.
func signedCall(t *testing.T, tg *target, action string, params map[string]string) (*http.Response, []byte) {
	t.Helper()
	v := url.Values{}
	for k, x := range params {
		v.Set(k, x)
	}
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	v.Set("Action", action)
	v.Set("Version", apiVersion)
	v.Set("Format", "json")
	v.Set("AccessKeyId", tg.keyID)
	v.Set("SignatureMethod", popsign.V1SignatureMethod)
	v.Set("SignatureVersion", popsign.V1SignatureVersion)
	v.Set("SignatureNonce", hex.EncodeToString(nonce))
	v.Set("Timestamp", time.Now().UTC().Format(wireTime))
	popsign.SignV1Params(http.MethodPost, v, tg.secret)

	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, tg.protocol+"://"+tg.endpoint+"/?"+v.Encode(), nil)
	require.NoError(t, err)
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if tg.isFake() {
		tr.Proxy = nil
	}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	resp, err := hc.Do(req)
	require.NoErrorf(t, err, "POST %s", action)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}
