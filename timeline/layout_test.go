package timeline

import (
	"reflect"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestLayout(t *testing.T) {
	tl, err := Parse(`{
	  "VideoTracks":[
	    {"VideoTrackClips":[{"MediaId":"m12"},{"MediaId":"nope"},{"MediaId":"m60","In":10,"Out":20}],
	     "ImageTrackClips":[{"MediaURL":"https://x/logo.png","TimelineIn":1,"TimelineOut":3}]},
	    {"MainTrack":true,"VideoTrackClips":[{"Type":"GlobalImage","MediaURL":"https://x/g.png"},{"MediaURL":"https://b/a.mp4","TimelineIn":2}]}],
	  "AudioTracks":[{"AudioTrackClips":[{"MediaId":"m60","Out":8,"Speed":2}]}],
	  "SubtitleTracks":[{"SubtitleTrackClips":[{"Type":"Text","Content":"hi","TimelineIn":0,"TimelineOut":2}]}],
	  "EffectTracks":[{"EffectTrackItems":[{"Type":"VFX","SubType":"heartbeat","TimelineIn":1,"TimelineOut":5}]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	got := tl.Layout(testMedia)
	want := []Lane{
		{Kind: KindVideo, Track: 0, Boxes: []Box{
			{Clip: 0, MediaId: "m12", Start: 0, End: 12.5, LengthKnown: true, MediaKnown: true},
			{Clip: 1, MediaId: "nope", Start: 12.5, End: 12.5},
			{Clip: 2, MediaId: "m60", In: f(10), Out: f(20), Start: 12.5, End: 22.5, LengthKnown: true, MediaKnown: true},
		}},
		{Kind: KindImage, Track: 0, Boxes: []Box{
			{Clip: 0, MediaURL: "https://x/logo.png", Start: 1, End: 3, LengthKnown: true},
		}},
		{Kind: KindVideo, Track: 1, Main: true, Boxes: []Box{
			{Clip: 0, MediaURL: "https://x/g.png", Type: "GlobalImage", Global: true},
			{Clip: 1, MediaURL: "https://b/a.mp4", Start: 2, End: 7, LengthKnown: true, MediaKnown: true},
		}},
		{Kind: KindAudio, Track: 0, Boxes: []Box{
			{Clip: 0, MediaId: "m60", Out: f(8), Start: 0, End: 4, LengthKnown: true, MediaKnown: true},
		}},
		{Kind: KindSubtitle, Track: 0, Boxes: []Box{
			{Clip: 0, Type: "Text", Start: 0, End: 2, LengthKnown: true},
		}},
		{Kind: KindEffect, Track: 0, Boxes: []Box{
			{Clip: 0, Type: "VFX", Start: 1, End: 5, LengthKnown: true},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Layout:\ngot  %+v\nwant %+v", got, want)
	}
	// The MainTrack ends the output where its last box ends.
	if d := tl.Duration(testMedia); d != 7 {
		t.Errorf("Duration = %v, want 7 (the MainTrack's end)", d)
	}
}

func TestLayoutImageTracks(t *testing.T) {
	tl, err := Parse(`{"ImageTracks":[{"ImageTrackClips":[{"MediaURL":"https://x/a.png","Duration":3},{"MediaURL":"https://x/b.png","Duration":2}]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	lanes := tl.Layout(NoMedia)
	if len(lanes) != 1 || lanes[0].Kind != KindImage || len(lanes[0].Boxes) != 2 {
		t.Fatalf("Layout = %+v, want one image lane with two boxes", lanes)
	}
	if b := lanes[0].Boxes[1]; b.Start != 3 || b.End != 5 {
		t.Errorf("second image = %v..%v, want 3..5 (back to back)", b.Start, b.End)
	}
}
