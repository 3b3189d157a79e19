package timeline_test

import (
	"fmt"

	"github.com/icefake/icefake/timeline"
)

func Example() {
	tl, err := timeline.Parse(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m1"},{"MediaId":"m1","In":2,"Out":5}]}]}`)
	if err != nil {
		panic(err)
	}
	media := timeline.MediaMap{ByID: map[string]float64{"m1": 12.5}}
	fmt.Println("duration:", tl.Duration(media))
	for _, lane := range tl.Layout(media) {
		for _, b := range lane.Boxes {
			fmt.Printf("%s track %d clip %d: %v-%v s\n", lane.Kind, lane.Track, b.Clip, b.Start, b.End)
		}
	}
	// Output:
	// duration: 15.5
	// video track 0 clip 0: 0-12.5 s
	// video track 0 clip 1: 12.5-15.5 s
}
