package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/icefake/icefake/timeline"
)

// A Timeline drawn as SVG: one lane per track, each clip a box from its
// start to its end on the output's time axis. The places come from
// timeline.Layout, the same code that computes a project's Duration; this
// file only scales them to pixels.

// Drawing geometry, in SVG user units (pixels).
const (
	tlLabelW = 130 // the lane names' column
	tlPlotW  = 820 // the time axis
	tlLaneH  = 44
	tlAxisH  = 26
	tlBoxH   = 32
	tlMinW   = 4 // a box of unknown or zero length is drawn this wide
)

// tlDrawing is a Timeline ready for the template.
type tlDrawing struct {
	Width, Height int
	Total         float64 // seconds the axis spans
	Duration      float64 // the output duration, as the project's Duration
	Ticks         []tlTick
	Lanes         []tlLane
	Clips         int
	Unknown       int // clips whose media the tenant cannot see
}

type tlTick struct {
	X     float64
	Label string
}

type tlLane struct {
	Y     int
	TextY int
	Name  string // "video 0 (main)"
	Kind  string
	Boxes []tlBox
}

type tlBox struct {
	X, W       float64
	Y, TextY   int
	Lane, Clip int
	Kind       string
	Label      string // what fits in the box
	Title      string // the whole description, shown on hover
	Start, End float64
	Unknown    bool // MediaId/MediaURL the tenant cannot see
	OpenEnded  bool // the length cannot be known
	Global     bool
}

// knownMedia says whether a clip's media exists for the viewer.
type knownMedia interface {
	knownID(id string) bool
	knownURL(url string) bool
}

// drawTimeline lays tl out against media (durations) and known (existence)
// and scales it to the drawing.
func drawTimeline(tl *timeline.Timeline, media timeline.Media, known knownMedia) tlDrawing {
	lanes := tl.Layout(media)
	d := tlDrawing{Duration: tl.Duration(media), Width: tlLabelW + tlPlotW + 10}
	d.Total = d.Duration
	for _, l := range lanes {
		for _, b := range l.Boxes {
			if !b.Global {
				d.Total = math.Max(d.Total, b.End)
			}
		}
	}
	if d.Total <= 0 {
		d.Total = 1
	}
	x := func(t float64) float64 { return round2(tlLabelW + t/d.Total*tlPlotW) }
	d.Height = tlAxisH + len(lanes)*tlLaneH + 4
	d.Ticks = ticks(d.Total, x)
	for li, l := range lanes {
		y := tlAxisH + li*tlLaneH
		name := fmt.Sprintf("%s %d", l.Kind, l.Track)
		if l.Main {
			name += " (main)"
		}
		lane := tlLane{Y: y, TextY: y + tlLaneH/2 + 5, Name: name, Kind: string(l.Kind)}
		for _, b := range l.Boxes {
			start, end := b.Start, b.End
			if b.Global {
				start, end = 0, d.Total
			}
			bx := tlBox{X: x(start), Y: y + (tlLaneH-tlBoxH)/2, TextY: y + tlLaneH/2 + 4, Lane: li, Clip: b.Clip,
				Kind: string(l.Kind), Start: b.Start, End: b.End, OpenEnded: !b.LengthKnown && !b.Global, Global: b.Global}
			bx.W = round2(math.Max(x(end)-bx.X, tlMinW))
			switch {
			case b.MediaId != "":
				bx.Unknown = known == nil || !known.knownID(b.MediaId)
			case b.MediaURL != "":
				bx.Unknown = known == nil || !known.knownURL(b.MediaURL)
			}
			bx.Title, bx.Label = boxText(b, bx)
			bx.Label = fitText(bx.Label, bx.W)
			d.Clips++
			if bx.Unknown {
				d.Unknown++
			}
			lane.Boxes = append(lane.Boxes, bx)
		}
		d.Lanes = append(d.Lanes, lane)
	}
	return d
}

// boxText returns a box's full description and its short label.
func boxText(b timeline.Box, bx tlBox) (title, label string) {
	what := b.MediaId
	if what == "" && b.MediaURL != "" {
		what = path.Base(b.MediaURL)
	}
	if what == "" {
		what = b.Type
	}
	if what == "" {
		what = "clip"
	}
	label = what
	var parts []string
	if b.MediaId != "" {
		parts = append(parts, "MediaId "+b.MediaId)
	}
	if b.MediaURL != "" {
		parts = append(parts, "MediaURL "+b.MediaURL)
	}
	if b.Type != "" {
		parts = append(parts, "Type "+b.Type)
	}
	var io []string
	if b.In != nil {
		io = append(io, "In "+secs(*b.In))
	}
	if b.Out != nil {
		io = append(io, "Out "+secs(*b.Out))
	}
	if len(io) > 0 {
		label += " · " + strings.Join(io, " ")
		parts = append(parts, strings.Join(io, " "))
	}
	switch {
	case b.Global:
		parts = append(parts, "global: spans the output")
	case !b.LengthKnown:
		parts = append(parts, fmt.Sprintf("at %ss, length unknown", secs(b.Start)))
	default:
		parts = append(parts, fmt.Sprintf("%ss → %ss", secs(b.Start), secs(b.End)))
	}
	if bx.Unknown {
		label = "? " + label
		parts = append(parts, "unknown media")
	}
	return strings.Join(parts, "; "), label
}

// fitText cuts s to what fits in w pixels at the drawing's font size.
func fitText(s string, w float64) string {
	n := int((w - 8) / 6.6)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 2 {
		return ""
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ticks returns about 8 round marks over [0, total].
func ticks(total float64, x func(float64) float64) []tlTick {
	step := niceStep(total / 8)
	var out []tlTick
	for t := 0.0; t <= total+step/1e6; t += step {
		out = append(out, tlTick{X: x(t), Label: secs(t) + "s"})
	}
	return out
}

func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// secs formats seconds without trailing zeros: 2, 2.5, 0.04.
func secs(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// prettyJSON indents JSON text; text that is not JSON is returned as is.
func prettyJSON(text string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(text), "", "  "); err != nil {
		return text
	}
	return b.String()
}
