package timeline

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// pathStep matches one step of a finding's path: .Name or [index].
var pathStep = regexp.MustCompile(`^(?:\.([A-Za-z0-9_]+)|\[(\d+)\])`)

// Locate returns the 1-based line and column where the value at path (a
// Finding's Path, e.g. $.VideoTracks[0].VideoTrackClips[1].Out) starts in
// the JSON text. When the path leads nowhere (a missing key), it locates
// the deepest value that exists; ok is false only when text is not JSON or
// path is not a path.
func Locate(text, path string) (line, col int, ok bool) {
	rest, found := strings.CutPrefix(path, "$")
	if !found || !json.Valid([]byte(text)) {
		return 0, 0, false
	}
	var steps []string
	for rest != "" {
		m := pathStep.FindStringSubmatch(rest)
		if m == nil {
			return 0, 0, false
		}
		steps = append(steps, m[0])
		rest = rest[len(m[0]):]
	}
	dec := json.NewDecoder(strings.NewReader(text))
	off, ok := locate(dec, text, steps)
	if !ok {
		return 0, 0, false
	}
	before := text[:off]
	return strings.Count(before, "\n") + 1, off - strings.LastIndexByte(before, '\n'), true
}

// locate reads the value the decoder is at and returns the offset where
// the value at steps starts (or the deepest existing one).
func locate(dec *json.Decoder, text string, steps []string) (int, bool) {
	start := valueStart(text, int(dec.InputOffset()))
	if len(steps) == 0 {
		return start, true
	}
	tok, err := dec.Token()
	if err != nil {
		return 0, false
	}
	step := steps[0]
	switch tok {
	case json.Delim('{'):
		key, isKey := strings.CutPrefix(step, ".")
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return 0, false
			}
			if isKey && kt == key {
				return locate(dec, text, steps[1:])
			}
			if err := skip(dec); err != nil {
				return 0, false
			}
		}
	case json.Delim('['):
		want, err := strconv.Atoi(strings.Trim(step, "[]"))
		if err != nil || !strings.HasPrefix(step, "[") {
			return start, true
		}
		for i := 0; dec.More(); i++ {
			if i == want {
				return locate(dec, text, steps[1:])
			}
			if err := skip(dec); err != nil {
				return 0, false
			}
		}
	}
	return start, true
}

// valueStart skips the separators json.Decoder leaves before a value.
func valueStart(text string, off int) int {
	for off < len(text) && strings.IndexByte(" \t\r\n,:", text[off]) >= 0 {
		off++
	}
	return off
}

// skip reads one whole value.
func skip(dec *json.Decoder) error {
	var v json.RawMessage
	return dec.Decode(&v)
}
