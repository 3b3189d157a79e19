package contract

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/fake/popsign"
)

// Model rules the unit tests of package fake cover, checked here through the
// wire as well, so that they hold for the binary (and, where the rule is the
// vendor's, the real service).

// TestDurationSpeed: a clip lasts (Out − In) / Speed (docs/fidelity.md
// "Duration").
func TestDurationSpeed(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tests := []struct {
			name     string
			clips    string
			wantDur  float32 // Create's Duration
			wantTrnc int64   // Get's, truncated by SDK v2.1.0
		}{
			{"whole 12.5 s medium at Speed 2", `{"MediaId":"` + mediaID12s + `","Speed":2}`, 6.25, 6},
			{"In 2, Out 10 at Speed 0.5", `{"MediaId":"` + mediaID60s + `","In":2,"Out":10,"Speed":0.5}`, 16, 16},
			{"two clips at Speed 4 back to back", `{"MediaId":"` + mediaID12s + `","Speed":4},{"MediaId":"` + mediaID12s + `","Speed":4}`, 6.25, 6},
			{"Speed 1 changes nothing", `{"MediaId":"` + mediaID12s + `","Speed":1}`, 12.5, 12},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tl := `{"VideoTracks":[{"VideoTrackClips":[` + tt.clips + `]}]}`
				p := mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("speed"), Timeline: tea.String(tl)})
				tg.fakeOnly(t, "Duration needs the media seeded")
				assert.Equal(t, tea.Float32(tt.wantDur), p.Duration, "Create Duration (*float32)")
				assert.Equal(t, tea.Int64(tt.wantTrnc), mustGet(t, tg, tea.StringValue(p.ProjectId)).Duration, "Get Duration (*int64)")
			})
		}
	})
}

// TestListTokenTenantBinding: a ListEditingProjects NextToken is bound to the
// tenant that got it (docs/fidelity.md "Lifecycle"): another tenant gets 400
// InvalidParameter naming NextToken, with the same filters.
func TestListTokenTenantBinding(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "needs a second tenant's credentials from the scenario")
		for range 2 {
			mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String("bound")})
		}
		other := *tg
		other.client = tg.clientWith(t, otherKeyID, otherSecret)
		for range 2 {
			_, err := other.client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("theirs")})
			require.NoError(t, err, "other tenant's CreateEditingProject")
		}
		first, err := listCall(tg, map[string]string{"MaxResults": "1"})
		require.NoError(t, err)
		tok, _ := first["NextToken"].(string)
		require.NotEmpty(t, tok, "NextToken")

		_, err = listCall(&other, map[string]string{"MaxResults": "1", "NextToken": tok})
		env := wantAPIError(t, tg, err, 400, "InvalidParameter")
		assert.Contains(t, env.Message, `"NextToken"`, "Message")
		// The owner can still use it.
		assert.Len(t, listAll(t, tg, map[string]string{"MaxResults": "1", "NextToken": tok}), 1, "the rest of the owner's listing")
	})
}

// TestTimestampSkewBound: a V1 Timestamp up to 15 minutes from the server's
// clock, either way, is fresh; past it the answer is 400
// InvalidTimeStamp.Expired (docs/fidelity.md "Signatures"). The bound is
// probed 30 s inside and outside, which no network delay blurs.
func TestTimestampSkewBound(t *testing.T) {
	forEachTarget(t, authScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "hand-made requests against the fake")
		tests := []struct {
			name   string
			offset time.Duration
			status int
			code   string
		}{
			{"14m30s old", -(15*time.Minute - 30*time.Second), 404, "ProjectNotFound"},
			{"14m30s ahead", 15*time.Minute - 30*time.Second, 404, "ProjectNotFound"},
			{"15m30s old", -(15*time.Minute + 30*time.Second), 400, "InvalidTimeStamp.Expired"},
			{"15m30s ahead", 15*time.Minute + 30*time.Second, 400, "InvalidTimeStamp.Expired"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				stamp := func(v url.Values) { v.Set("Timestamp", time.Now().Add(tt.offset).UTC().Format(wireTime)) }
				status, env := rawV1(t, tg, stamp, nil, randomNonce())
				assert.Equal(t, tt.status, status, "status")
				assert.Equal(t, tt.code, env.Code, "Code")
			})
		}
	})
}

// slowQuotaScenario: GetEditingProject once, then once every 2 seconds.
const slowQuotaScenario = twoTenantsScenario + `quotas:
  - action: GetEditingProject
    rate: 0.5
    burst: 1
`

// reRateLimit is the x-ratelimit-user-api header of a throttled call.
var reRateLimit = regexp.MustCompile(`^Limit:1,Remain:0,TimeLeft:(\d+),Reset:(\d+)$`)

// TestQuotaRefillRate: a quota refills Rate tokens a second, so the call
// after the burst is told to come back in 1/Rate seconds, less the time
// since the burst (x-acs-retry-after, milliseconds).
func TestQuotaRefillRate(t *testing.T) {
	forEachTarget(t, slowQuotaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "quotas are set by the scenario")
		send := func() (*http.Response, string) {
			v := url.Values{
				"Action": {"GetEditingProject"}, "Version": {apiVersion}, "Format": {"json"},
				"AccessKeyId": {tg.keyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
				"SignatureNonce": {randomNonce()}, "Timestamp": {time.Now().UTC().Format(wireTime)}, "ProjectId": {"nope"},
			}
			popsign.SignV1Params(http.MethodGet, v, tg.secret)
			hc := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second}
			resp, err := hc.Do(mustRequest(t, http.MethodGet, tg.protocol+"://"+tg.endpoint+"/?"+v.Encode(), nil))
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp, string(body)
		}
		start := time.Now()
		resp, body := send()
		require.Equal(t, 404, resp.StatusCode, "the burst's call: %s", body)
		resp, body = send()
		elapsed := time.Since(start)
		require.Equal(t, 400, resp.StatusCode, "the call after the burst: %s", body)
		require.Contains(t, body, `"Code":"Throttling.User"`)

		retry, err := strconv.Atoi(resp.Header.Get("x-acs-retry-after"))
		require.NoError(t, err, "x-acs-retry-after = %q", resp.Header.Get("x-acs-retry-after"))
		lo := (2*time.Second - elapsed).Milliseconds()
		assert.True(t, int64(retry) >= lo && retry <= 2000, "x-acs-retry-after = %d ms, want within [%d, 2000]: one token every 2 s", retry, lo)
		m := reRateLimit.FindStringSubmatch(resp.Header.Get("x-ratelimit-user-api"))
		if assert.NotNil(t, m, "x-ratelimit-user-api = %q", resp.Header.Get("x-ratelimit-user-api")) {
			assert.Equal(t, strconv.Itoa(retry), m[1], "TimeLeft = x-acs-retry-after")
		}
	})
}

// recorder is a fake.ErrorReporter that keeps the messages.
type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestExpectCallsNearMisses: when too few calls match, ExpectCalls names the
// nearest misses first, each with what differs.
func TestExpectCallsNearMisses(t *testing.T) {
	tg := startEmbedded(t, mediaScenario)
	for _, title := range []string{"alpha", "beta"} {
		mustCreate(t, tg, &ice.CreateEditingProjectRequest{Title: tea.String(title), Description: tea.String("d")})
	}
	_, err := tg.client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(unknownProjectID)})
	wantAPIError(t, tg, err, 404, "ProjectNotFound")

	var r recorder
	ok := tg.srv.ExpectCalls(&r, 1, fake.CallMatch{Action: "CreateEditingProject", Params: map[string]string{"Title": "gamma", "Description": "d"}})
	require.False(t, ok, "ExpectCalls with no matching call")
	require.Len(t, r.msgs, 1, "messages")
	lines := strings.Split(r.msgs[0], "\n")
	require.Len(t, lines, 5, "message %q", r.msgs[0])
	assert.Equal(t, `expected 1 CreateEditingProject with Description="d", Title="gamma"; saw 0`, lines[0])
	assert.Equal(t, "nearest misses:", lines[1])
	want := []*regexp.Regexp{
		regexp.MustCompile(`^  #1 CreateEditingProject 200 RequestId=[0-9A-F-]{36} differs: Title="alpha"$`),
		regexp.MustCompile(`^  #2 CreateEditingProject 200 RequestId=[0-9A-F-]{36} differs: Title="beta"$`),
		regexp.MustCompile(`^  #3 GetEditingProject 404 RequestId=[0-9A-F-]{36} Code=ProjectNotFound differs: Action GetEditingProject, Description absent, Title absent$`),
	}
	for i, re := range want {
		assert.Regexp(t, re, lines[2+i], "near miss %d", i+1)
	}
}
