package fake

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func tracks(kind, clipKey string, n, clipsEach int) string {
	clip := `{"MediaId":"m","In":0,"Out":1,"Extra":{"deep":[[1,2],{"a":"b"}]}}`
	var b strings.Builder
	fmt.Fprintf(&b, `{"%s":[`, kind)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Type":"x","%s":[`, clipKey)
		for j := range clipsEach {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(clip)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return b.String()
}

func TestTimelineLimits(t *testing.T) {
	tests := []struct {
		name     string
		timeline string
		wantMsg  string // "" = accepted
	}{
		{"100 video tracks", tracks("VideoTracks", "VideoTrackClips", 100, 1), ""},
		{"101 video tracks", tracks("VideoTracks", "VideoTrackClips", 101, 0),
			`The specified parameter "Timeline" is not valid. VideoTracks has more than 100 tracks; at most 100 of each kind are allowed (docs/fidelity.md "Timeline limits").`},
		{"101 audio tracks", tracks("AudioTracks", "AudioTrackClips", 101, 0), "AudioTracks has more than 100 tracks"},
		{"101 effect tracks", tracks("EffectTracks", "EffectTrackItems", 101, 0), "EffectTracks has more than 100 tracks"},
		{"1000 clips in a track", tracks("VideoTracks", "VideoTrackClips", 1, 1000), ""},
		{"1001 clips in a track", tracks("VideoTracks", "VideoTrackClips", 2, 1001),
			`The specified parameter "Timeline" is not valid. VideoTracks[0].VideoTrackClips has more than 1000 clips; at most 1000 per track are allowed (docs/fidelity.md "Timeline limits").`},
		{"1001 subtitle clips in the second track", `{"SubtitleTracks":[{},` + strings.TrimPrefix(tracks("SubtitleTracks", "SubtitleTrackClips", 1, 1001), `{"SubtitleTracks":[`),
			"SubtitleTracks[1].SubtitleTrackClips has more than 1000 clips"},
		{"10000 clips in all", tracks("VideoTracks", "VideoTrackClips", 10, 1000), ""},
		{"10001 clips in all", tracks("VideoTracks", "VideoTrackClips", 11, 1000),
			"The Timeline has more than 10000 clips; at most 10000 are allowed in all"},
		{"arrays elsewhere are not tracks", `{"Other":[` + strings.Repeat(`1,`, 500) + `1],"VideoTracks":[{"VideoTrackClips":[{"Tags":[` + strings.Repeat(`"x",`, 2000) + `"x"]}]}]}`, ""},
		{"keys that look like tracks inside a clip", `{"VideoTracks":[{"VideoTrackClips":[{"VideoTracks":[` + strings.Repeat(`{},`, 200) + `{}]}]}]}`, ""},
		{"escaped quotes in strings", `{"VideoTracks":[{"VideoTrackClips":[{"Title":"a \"VideoTracks\":[ b"}]}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkTimelineLimits("Timeline", tt.timeline)
			switch {
			case tt.wantMsg == "" && err != nil:
				t.Errorf("error = %v, want none", err)
			case tt.wantMsg != "" && (err == nil || !strings.Contains(err.Error(), tt.wantMsg)):
				t.Errorf("error = %v, want one containing %q", err, tt.wantMsg)
			case tt.wantMsg != "" && CodeOf(err) != CodeInvalidParameter:
				t.Errorf("code = %s, want InvalidParameter", CodeOf(err))
			}
		})
	}
}

// TestTimelineLimitsNeverFail: malformed text, deep nesting and junk are
// passed through (the JSON checks after answer them).
func TestTimelineLimitsNeverFail(t *testing.T) {
	for _, text := range []string{"", "{", "]]]]}}}", `"unterminated`, strings.Repeat("[", 1<<20), `{"VideoTracks":[` + strings.Repeat("[", 1000), `\`, `{"a":tru`} {
		if err := checkTimelineLimits("Timeline", text); err != nil {
			t.Errorf("checkTimelineLimits(%.20q) = %v, want nil", text, err)
		}
	}
}

// TestHugeTimelineIsRefusedCheaply: the million-clip Timeline (11
// MiB and more) is answered 400 through the pipeline before any parsing,
// and nothing is stored.
func TestHugeTimelineIsRefusedCheaply(t *testing.T) {
	s := newTestServer(t, WithAuthMode(AuthOff))
	timeline := tracks("VideoTracks", "VideoTrackClips", 1, 200_000)
	started := time.Now()
	status, body := serve(t, s, formRequest("Action=CreateEditingProject&Version=2020-11-09", "Title=big&Timeline="+timeline))
	elapsed := time.Since(started)
	requireError(t, status, body, 400, "InvalidParameter", "VideoTracks[0].VideoTrackClips has more than 1000 clips")
	if got := len(s.Projects(DefaultAccessKeyId)); got != 0 {
		t.Errorf("projects = %d, want 0", got)
	}
	t.Logf("%d-byte Timeline refused in %v", len(timeline), elapsed)
}
