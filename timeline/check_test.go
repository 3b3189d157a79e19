package timeline

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// fnd is a finding as the tests spell it: rule, path, message; severity
// and fix come from the rule.
func fnd(rule, path, msg string) Finding {
	r, _ := RuleByID(rule)
	return Finding{Rule: rule, Severity: r.Severity, Path: path, Message: msg, Fix: r.Fix}
}

func tracks(n int, track string) string {
	return strings.TrimSuffix(strings.Repeat(track+",", n), ",")
}

func TestCheck(t *testing.T) {
	known := func(ids ...string) func(string) bool {
		return func(id string) bool {
			for _, k := range ids {
				if k == id {
					return true
				}
			}
			return false
		}
	}
	withMedia := CheckOptions{Media: testMedia, KnownMediaID: known("m12", "m60"), KnownMediaURL: known("https://b/a.mp4")}
	oss := `"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/a.mp4"`
	unknownID := fnd(RuleUnknownMediaID, "$.VideoTracks[0].VideoTrackClips[0].MediaId", `MediaId "nope" is not a known medium.`)
	unknownID.Value = "nope"
	unknownURL := fnd(RuleUnknownMediaURL, "$.VideoTracks[0].VideoTrackClips[0].MediaURL", `MediaURL "https://b.oss-cn-shanghai.aliyuncs.com/a.mp4" is not a known file.`)
	unknownURL.Value = "https://b.oss-cn-shanghai.aliyuncs.com/a.mp4"
	tests := []struct {
		name     string
		timeline string
		opts     CheckOptions
		want     []Finding
	}{
		{name: "clean", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"MediaId":"m60","In":1,"Out":5}]}]}`, opts: withMedia},
		{name: "empty document", timeline: `{}`, want: []Finding{fnd(RuleEmptyTimeline, "$", "Both video tracks and audio tracks are empty.")}},
		{name: "subtitles only", timeline: `{"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"hi"}]}]}`,
			want: []Finding{fnd(RuleEmptyTimeline, "$", "Both video tracks and audio tracks are empty.")}},
		{name: "empty track", timeline: `{"VideoTracks":[{"VideoTrackClips":[]}],"AudioTracks":[{"AudioTrackClips":[{` + oss + `}]}],"EffectTracks":[{}]}`,
			want: []Finding{fnd(RuleEmptyTrack, "$.VideoTracks[0]", "The track has no clips."), fnd(RuleEmptyTrack, "$.EffectTracks[0]", "The track has no clips.")}},
		{name: "too many video tracks", timeline: `{"VideoTracks":[` + tracks(101, `{"VideoTrackClips":[{`+oss+`}]}`) + `]}`,
			want: []Finding{fnd(RuleTooManyTracks, "$.VideoTracks", "101 video tracks; the service renders at most 100.")}},
		{name: "100 video tracks are fine", timeline: `{"VideoTracks":[` + tracks(100, `{"VideoTrackClips":[{`+oss+`}]}`) + `]}`},
		{name: "too many subtitle tracks", timeline: `{"VideoTracks":[{"VideoTrackClips":[{` + oss + `}]}],"SubtitleTracks":[` + tracks(101, `{"SubtitleTrackClips":[{"Content":"x"}]}`) + `]}`,
			want: []Finding{fnd(RuleTooManyTracks, "$.SubtitleTracks", "101 subtitle tracks; the service renders at most 100.")}},
		{name: "Out not after In", timeline: `{"VideoTracks":[{"VideoTrackClips":[{` + oss + `,"In":5,"Out":5}]}]}`,
			want: []Finding{fnd(RuleOutNotAfterIn, "$.VideoTracks[0].VideoTrackClips[0].Out", "VideoTrackClip Out 5 is not after In 5.")}},
		{name: "audio TimelineOut before TimelineIn", timeline: `{"AudioTracks":[{"AudioTrackClips":[{` + oss + `,"TimelineIn":4,"TimelineOut":2}]}]}`,
			want: []Finding{fnd(RuleTimelineOutNotIn, "$.AudioTracks[0].AudioTrackClips[0].TimelineOut", "AudioTrackClip TimelineOut 2 is not after TimelineIn 4.")}},
		{name: "unknown MediaId", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope","Out":3}]}]}`, opts: withMedia,
			want: []Finding{unknownID}},
		{name: "MediaId not checked without known media", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"nope"}]}]}`},
		{name: "unknown MediaURL", timeline: `{"VideoTracks":[{"VideoTrackClips":[{` + oss + `}]}]}`, opts: withMedia,
			want: []Finding{unknownURL}},
		{name: "clip without media", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"Type":"Video","Out":3}]}]}`,
			want: []Finding{fnd(RuleClipWithoutMedia, "$.VideoTracks[0].VideoTrackClips[0]", "The clip names no medium.")}},
		{name: "MediaId and MediaURL", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12",` + oss + `}]}]}`, opts: withMedia,
			want: []Finding{fnd(RuleMediaIDAndURL, "$.VideoTracks[0].VideoTrackClips[0]", "The clip has both MediaId and MediaURL.")}},
		{name: "MediaURL not OSS", timeline: `{"VideoTracks":[{"ImageTrackClips":[{"MediaURL":"https://cdn.example.com/a.png","Duration":2}],"VideoTrackClips":[{"MediaURL":"oss://bucket/a.mp4","Out":1}]}]}`,
			want: []Finding{fnd(RuleMediaURLNotOSS, "$.VideoTracks[0].ImageTrackClips[0].MediaURL", `MediaURL "https://cdn.example.com/a.png" is not an OSS URL.`)}},
		{name: "In and Out beyond media", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12","In":13},{"MediaId":"m12","Out":20}]}]}`, opts: withMedia,
			want: []Finding{
				fnd(RuleInBeyondMedia, "$.VideoTracks[0].VideoTrackClips[0].In", "In 13 is at or past the end of the 12.5 s medium."),
				fnd(RuleOutBeyondMedia, "$.VideoTracks[0].VideoTrackClips[1].Out", "Out 20 is past the end of the 12.5 s medium."),
			}},
		{name: "overlap", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12"},{"MediaId":"m12","TimelineIn":10}]}]}`, opts: withMedia,
			want: []Finding{fnd(RuleOverlap, "$.VideoTracks[0].VideoTrackClips[1]", "The clip starts at 10 s, before the previous clip ends at 12.5 s.")}},
		{name: "effects", timeline: `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12","Out":1,"Effects":[{"Type":"Transition"},{"Type":"Transition","Duration":0.5},{"Type":"Background","SubType":"Blur","Radius":2},{"SubType":"x"}]}]}],
			"AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60","Effects":[{"Type":"Volume","Gain":-1},{"Type":"Volume","Gain":0}]}]}]}`, opts: withMedia,
			want: []Finding{
				fnd(RuleTransitionTooLong, "$.VideoTracks[0].VideoTrackClips[0].Effects[0].Duration", "The 1 s transition is not shorter than its 1 s clip."),
				fnd(RuleBlurRadius, "$.VideoTracks[0].VideoTrackClips[0].Effects[2].Radius", "Radius 2 is outside 0.01–1."),
				fnd(RuleEffectWithoutType, "$.VideoTracks[0].VideoTrackClips[0].Effects[3]", "The effect has no Type."),
				fnd(RuleNegativeGain, "$.AudioTracks[0].AudioTrackClips[0].Effects[0].Gain", "Gain -1 is negative."),
			}},
		{name: "subtitle without text", timeline: `{"VideoTracks":[{"VideoTrackClips":[{` + oss + `}]}],"SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text"},{"Type":"Text","Text":"ok"}]}]}`,
			want: []Finding{fnd(RuleSubtitleWithoutTxt, "$.SubtitleTracks[0].SubtitleTrackClips[0]", "A Text subtitle with neither Content nor Text shows nothing.")}},
		{name: "ImageTracks", timeline: `{"ImageTracks":[{"ImageTrackClips":[{` + oss + `,"Duration":2}]}]}`,
			want: []Finding{fnd(RuleImageTracks, "$.ImageTracks", "ImageTracks is deprecated; the service wants image clips in VideoTracks.")}},
		{name: "errors in renderer order", timeline: `{"AudioTracks":[{"AudioTrackClips":[{"MediaId":"nope","In":2,"Out":1}]}],"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m12","TimelineIn":3,"TimelineOut":1}]}]}`,
			opts: CheckOptions{KnownMediaID: known("m12")},
			want: []Finding{
				fnd(RuleTimelineOutNotIn, "$.VideoTracks[0].VideoTrackClips[0].TimelineOut", "VideoTrackClip TimelineOut 1 is not after TimelineIn 3."),
				fnd(RuleOutNotAfterIn, "$.AudioTracks[0].AudioTrackClips[0].Out", "AudioTrackClip Out 1 is not after In 2."),
				func() Finding {
					f := fnd(RuleUnknownMediaID, "$.AudioTracks[0].AudioTrackClips[0].MediaId", `MediaId "nope" is not a known medium.`)
					f.Value = "nope"
					return f
				}(),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Parse(tt.timeline)
			if err != nil {
				t.Fatal(err)
			}
			got := Check(tl, tt.opts)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check:\ngot  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Fix == "" || (r.Severity != SeverityError && r.Severity != SeverityWarning) {
			t.Errorf("rule %+v: needs a summary, a fix and a severity", r)
		}
	}
	if _, ok := RuleByID("no-such-rule"); ok {
		t.Error("RuleByID(no-such-rule) ok, want not found")
	}
}

func TestLocate(t *testing.T) {
	text := "{\n  \"VideoTracks\": [\n    {\"VideoTrackClips\": [{\"MediaId\": \"a\"}, {\"In\": 5, \"Out\": 5}]}\n  ]\n}"
	tests := []struct {
		name, path        string
		wantLine, wantCol int
		wantOK            bool
	}{
		{name: "root", path: "$", wantLine: 1, wantCol: 1, wantOK: true},
		{name: "key", path: "$.VideoTracks", wantLine: 2, wantCol: 18, wantOK: true},
		{name: "deep", path: "$.VideoTracks[0].VideoTrackClips[1].Out", wantLine: 3, wantCol: 61, wantOK: true},
		{name: "array element", path: "$.VideoTracks[0].VideoTrackClips[1]", wantLine: 3, wantCol: 44, wantOK: true},
		{name: "missing key locates the parent", path: "$.VideoTracks[0].VideoTrackClips[0].MediaURL", wantLine: 3, wantCol: 26, wantOK: true},
		{name: "not a path", path: "VideoTracks", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col, ok := Locate(text, tt.path)
			if line != tt.wantLine || col != tt.wantCol || ok != tt.wantOK {
				t.Errorf("Locate(%s) = %d, %d, %v; want %d, %d, %v", tt.path, line, col, ok, tt.wantLine, tt.wantCol, tt.wantOK)
			}
		})
	}
	if _, _, ok := Locate("{", "$.A"); ok {
		t.Error("Locate on broken JSON: ok, want not ok")
	}
}

func BenchmarkCheck(b *testing.B) {
	text, err := os.ReadFile("../contract/testdata/timelines/13-skill-multi-track-audio.json")
	if err != nil {
		b.Fatal(err)
	}
	tl, err := Parse(string(text))
	if err != nil {
		b.Fatal(err)
	}
	opts := CheckOptions{KnownMediaID: func(string) bool { return true }}
	b.ReportAllocs()
	for b.Loop() {
		Check(tl, opts)
	}
}

// TestParseLenientExtensions: fields that other clip kinds use differently
// never fail a Timeline the service accepts.
func TestParseLenientExtensions(t *testing.T) {
	tl, err := Parse(`{"VideoTracks":[{"VideoTrackClips":[
	  {"MediaId":"m","Text":{"a":1},"Effects":[{"Type":"Volume","Gain":"0"},"x",{"Type":"Transition","Duration":"0.5"}]},
	  {"MediaId":"m","Effects":{"Type":"Volume"}}]}]}`)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	c := tl.VideoTracks[0].VideoTrackClips
	want := Effects{{Type: "Volume", Gain: f(0)}, {}, {Type: "Transition", Duration: f(0.5)}}
	if c[0].Text != "" || !reflect.DeepEqual(c[0].Effects, want) || c[1].Effects != nil {
		t.Errorf("clips = %+v, want Text \"\", Effects %+v, then no effects", c, want)
	}
}
