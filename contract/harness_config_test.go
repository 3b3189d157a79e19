package contract

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

// serverConfig is one server setting given both ways: as Go options to the
// embedded fake and as command-line flags to the binary.
type serverConfig struct {
	opts  []fake.Option
	flags []string
}

// forEachFakeWith runs body against the embedded fake and the icefake
// binary, both configured with cfg (the real service cannot be configured,
// so it is not a target here).
func forEachFakeWith(t *testing.T, scenarioYAML string, cfg serverConfig, body func(t *testing.T, tg *target)) {
	t.Helper()
	t.Run("embedded", func(t *testing.T) { body(t, startEmbedded(t, scenarioYAML, cfg.opts...)) })
	t.Run("binary", func(t *testing.T) { body(t, startBinaryArgs(t, scenarioYAML, cfg.flags...)) })
}

// authOffConfig runs the fake with signature checking off.
var authOffConfig = serverConfig{opts: []fake.Option{fake.WithAuthMode(fake.AuthOff)}, flags: []string{"-auth-mode", "off"}}

// postRaw sends a POST to tg at pathAndQuery with body (of contentType, if
// any) through a plain HTTP client, and returns the response (body read and
// closed) and its body: for inputs the SDK cannot send, and to see the
// status and headers of answers the SDK cannot decode.
func postRaw(t *testing.T, tg *target, pathAndQuery, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, tg.protocol+"://"+tg.endpoint+pathAndQuery, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return doRaw(t, req)
}

// doRaw sends req without a proxy and returns the response (body read and
// closed) and its body.
func doRaw(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second}
	resp, err := hc.Do(req)
	require.NoErrorf(t, err, "%s %s", req.Method, req.URL.Path)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

// wantEnvelope asserts a raw answer: the status, a JSON content type, and a
// complete POP error envelope with code; it returns the envelope.
func wantEnvelope(t *testing.T, tg *target, resp *http.Response, body []byte, status int, code string) envelope {
	t.Helper()
	assert.Equal(t, status, resp.StatusCode, "status")
	assert.Equal(t, "application/json;charset=utf-8", resp.Header.Get("Content-Type"), "Content-Type")
	var env envelope
	require.NoErrorf(t, json.Unmarshal(body, &env), "body %s", body)
	assert.Equal(t, code, env.Code, "Code")
	assert.Regexp(t, reRequestID, env.RequestId, "RequestId")
	assert.Equal(t, resp.Header.Get("x-acs-request-id"), env.RequestId, "x-acs-request-id")
	if tg.isFake() {
		assert.Equal(t, tg.endpoint, env.HostId, "HostId")
	}
	assert.NotEmpty(t, env.Message, "Message")
	assert.Equal(t, "https://api.aliyun.com/troubleshoot?q="+url.QueryEscape(code)+"&product=ICE&requestId="+env.RequestId, env.Recommend, "Recommend")
	return env
}
