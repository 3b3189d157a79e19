package proxy

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/scenarios"
)

// normalise drops what differs on every call: the RequestId, wherever it
// appears, and the HostId (the host the client called).
func normalise(t *testing.T, body string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("answer is not JSON: %s", body)
	}
	id, _ := m["RequestId"].(string)
	delete(m, "RequestId")
	delete(m, "HostId")
	b, _ := json.Marshal(m)
	if id != "" {
		return strings.ReplaceAll(string(b), id, "<RequestId>")
	}
	return string(b)
}

// TestRecordingReplays records a session (media, a seeded project, a
// scripted 503, a 404, a validation error) and replays the same calls
// against a fresh fake loaded with the recording: every answer is the
// same but for the RequestId.
func TestRecordingReplays(t *testing.T) {
	const fault = `faults:
  - action: GetEditingProject
    after: 1
    times: 1
    code: ServiceUnavailable
`
	up := httptest.NewServer(newUpstream(t, fault))
	t.Cleanup(up.Close)
	p, base, _ := startProxy(t, up.URL, Options{})
	session := []struct {
		action string
		params map[string]string
		status int
	}{
		{"GetMediaInfo", map[string]string{"MediaId": mediaID}, 200},
		{"GetEditingProject", map[string]string{"ProjectId": projectID}, 200},
		{"GetEditingProject", map[string]string{"ProjectId": projectID}, 503},
		{"GetEditingProject", map[string]string{"ProjectId": unknownID}, 404},
		{"GetEditingProject", map[string]string{"ProjectId": projectID}, 200},
		{"CreateEditingProject", map[string]string{"Description": "no title"}, 400},
	}
	var answers []string
	for _, c := range session {
		status, body := call(t, &http.Client{}, base, c.action, c.params)
		if status != c.status {
			t.Fatalf("%s through the proxy = %d %s, want %d", c.action, status, body, c.status)
		}
		answers = append(answers, body)
	}
	var rec strings.Builder
	if err := p.WriteScenario(&rec); err != nil {
		t.Fatal(err)
	}
	want := `# Recorded by icefake proxy from ` + up.URL + `: 6 calls.
version: 1
media:
  - mediaId: "****4d7cf14dc7b83b0e801c****"
    mediaURL: "https://b.oss-cn-shanghai.aliyuncs.com/a.mp4"
    duration: 12.5
    type: "video"
    title: "a.mp4"
    size: 1000
    width: 1280
    height: 720
projects:
  - title: "Seeded"
    tenant: "testAccessKeyId"
    projectId: "0123456789abcdef0123456789abcdef"
    timeline: "{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"****4d7cf14dc7b83b0e801c****\"}]}]}"
    projectType: "EditingProject"
    status: "Editing"
    createTime: "2023-12-31T09:00:00Z"
    modifiedTime: "2023-12-31T09:00:00Z"
    createSource: "OpenAPI"
faults:
  - action: GetEditingProject
    sequence:
      - ok: true
      - code: "ServiceUnavailable"
        message: "The request has failed due to a temporary failure of the server."
      - code: "ProjectNotFound"
        message: "The specified project not found"
`
	if rec.String() != want {
		t.Errorf("recording:\n%s\nwant:\n%s", rec.String(), want)
	}

	sc, err := scenarios.Parse("recorded.yaml", []byte(rec.String()))
	if err != nil {
		t.Fatalf("the recording does not load: %v", err)
	}
	replay, err := fake.New(fake.WithStartTime(fake.DefaultStartTime), fake.WithSeed(1), fake.WithScenario(sc))
	if err != nil {
		t.Fatal(err)
	}
	rs := httptest.NewServer(replay)
	t.Cleanup(rs.Close)
	for i, c := range session {
		status, body := call(t, &http.Client{}, rs.URL, c.action, c.params)
		if status != c.status || normalise(t, body) != normalise(t, answers[i]) {
			t.Errorf("replayed call %d (%s) = %d %s\nrecorded %d %s", i+1, c.action, status, normalise(t, body), c.status, normalise(t, answers[i]))
		}
	}
}
