package contract

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
)

// bigTimeline returns a valid Timeline of n clips, about 90 bytes each, in
// video tracks of at most 500 clips (within icefake's clip limits,
// docs/fidelity.md "Timeline limits").
func bigTimeline(n int) string {
	var tracks []string
	for start := 0; start < n; start += 500 {
		clips := make([]string, 0, 500)
		for i := start; i < min(n, start+500); i++ {
			clips = append(clips, fmt.Sprintf(`{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/clips/clip-%06d.mp4","In":0,"Out":1}`, i))
		}
		tracks = append(tracks, `{"VideoTrackClips":[`+strings.Join(clips, ",")+`]}`)
	}
	return `{"VideoTracks":[` + strings.Join(tracks, ",") + `]}`
}

const shanghaiOutput = `{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/o.mp4"}`

// wantHTMLError asserts the Go SDK's error for a front-end HTML page: the
// bare *json.SyntaxError of decoding it (the runtime decodes every 4xx/5xx
// body as JSON, so the status is lost).
func wantHTMLError(t *testing.T, err error) {
	t.Helper()
	var syn *json.SyntaxError
	require.Truef(t, errors.As(err, &syn), "err = %T %v, want *json.SyntaxError", err, err)
	assert.Equal(t, "invalid character '<' looking for beginning of value", syn.Error(), "SyntaxError")
	assert.Equal(t, int64(1), syn.Offset, "SyntaxError.Offset")
}

// wantPage asserts a front-end HTML page: status, content type, title,
// heading and footer.
func wantPage(t *testing.T, resp *http.Response, body []byte, status int, title, heading string) {
	t.Helper()
	assert.Equal(t, status, resp.StatusCode, "status")
	assert.Equal(t, "text/html", resp.Header.Get("Content-Type"), "Content-Type")
	page := string(body)
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html>\r\n<head><title>"+title+"</title></head>\r\n"), "page head:\n%s", page)
	assert.Contains(t, page, "\r\n<h1>"+heading+"</h1>\r\n", "page heading")
	assert.True(t, strings.HasSuffix(page, "<hr/>Powered by Tengine</body>\r\n</html>\r\n"), "page footer:\n%s", page)
}

// TestFrontEndLimits: requests over the front end's limits get its HTML
// pages (414, 400, 413), not JSON, before the API sees them; the same
// parameters in a form body pass (docs/fidelity.md "Fidelity: front-end
// limits").
func TestFrontEndLimits(t *testing.T) {
	timeline := bigTimeline(1700)
	require.Greater(t, len(timeline), 150_000, "Timeline bytes")
	forEachTarget(t, "", func(t *testing.T, tg *target) {
		t.Run("Timeline in the query (SDK v2.1.0)", func(t *testing.T) {
			_, err := tg.client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
				Timeline: tea.String(timeline), OutputMediaConfig: tea.String(shanghaiOutput),
			})
			wantHTMLError(t, err)
		})
		t.Run("Timeline in a form body", func(t *testing.T) {
			out, err := genericCall(&tg.newClient(t).Client, "SubmitMediaProducingJob",
				map[string]*string{"OutputMediaConfig": tea.String(shanghaiOutput)},
				map[string]any{"Timeline": timeline})
			require.NoError(t, err)
			body := out["body"].(map[string]any)
			assert.Regexp(t, reProjectID, body["JobId"], "JobId")
			tg.track(t, body["ProjectId"].(string))
		})
		tg.fakeOnly(t, "the pages' exact layout and the journal are the fake's")
		t.Run("raw: URI over the limit", func(t *testing.T) {
			q := url.Values{"Action": {"SubmitMediaProducingJob"}, "Version": {apiVersion}, "Timeline": {timeline}, "OutputMediaConfig": {shanghaiOutput}}
			resp, body := postRaw(t, tg, "/?"+q.Encode(), "", "")
			wantPage(t, resp, body, http.StatusRequestURITooLong, "414 Request-URI Too Large", "414 Request-URI Too Large")
			assert.Contains(t, string(body), "<p>The requested URL's length exceeds the capacity limit for this server.", "page text")
		})
		// The SDK's RPC calls send no caller headers, so only a raw client
		// can exceed the header limit.
		t.Run("raw: header lines over the limit", func(t *testing.T) {
			req := mustRequest(t, http.MethodPost, tg.protocol+"://"+tg.endpoint+"/?Action=GetEditingProject", nil)
			req.Header.Set("x-big", strings.Repeat("h", fake.DefaultMaxHeaderBytes))
			resp, body := doRaw(t, req)
			wantPage(t, resp, body, http.StatusBadRequest, "400 Request Header Or Cookie Too Large", "400 Bad Request")
		})
		if tg.srv != nil {
			calls := tg.srv.Calls()
			last := calls[len(calls)-2:]
			assert.Equal(t, 414, last[0].Status, "journalled status of the long URI")
			assert.Equal(t, "SubmitMediaProducingJob", last[0].Action, "journalled Action")
			assert.Contains(t, last[0].Problem, "front end: the request target has ", "journalled Problem")
			assert.Equal(t, 400, last[1].Status, "journalled status of the large header")
		}
	})
}

// TestFrontEndBodyLimit lowers the body limit to 4 KiB: a larger form body
// gets the 413 page, by Content-Length or chunked.
func TestFrontEndBodyLimit(t *testing.T) {
	cfg := serverConfig{opts: []fake.Option{fake.WithMaxBodyBytes(4096)}, flags: []string{"-max-body-bytes", "4096"}}
	timeline := bigTimeline(60)
	require.Greater(t, len(timeline), 4096)
	forEachFakeWith(t, "", cfg, func(t *testing.T, tg *target) {
		t.Run("SDK", func(t *testing.T) {
			_, err := genericCall(&tg.newClient(t).Client, "CreateEditingProject",
				map[string]*string{"Title": tea.String("t")}, map[string]any{"Timeline": timeline})
			wantHTMLError(t, err)
		})
		form := url.Values{"Action": {"CreateEditingProject"}, "Version": {apiVersion}, "Title": {"t"}, "Timeline": {timeline}}.Encode()
		t.Run("raw with Content-Length", func(t *testing.T) {
			resp, body := postRaw(t, tg, "/", "application/x-www-form-urlencoded", form)
			wantPage(t, resp, body, http.StatusRequestEntityTooLarge, "413 Request Entity Too Large", "413 Request Entity Too Large")
		})
		t.Run("raw chunked", func(t *testing.T) {
			req := mustRequest(t, http.MethodPost, tg.protocol+"://"+tg.endpoint+"/", io.MultiReader(strings.NewReader(form)))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.ContentLength = -1
			resp, body := doRaw(t, req)
			wantPage(t, resp, body, http.StatusRequestEntityTooLarge, "413 Request Entity Too Large", "413 Request Entity Too Large")
		})
		t.Run("under the limit", func(t *testing.T) {
			_, err := genericCall(&tg.newClient(t).Client, "CreateEditingProject",
				map[string]*string{"Title": tea.String("t")}, map[string]any{"Timeline": bigTimeline(2)})
			require.NoError(t, err)
		})
	})
}
