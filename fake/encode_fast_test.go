package fake

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestProjectResponseJSONMatchesMarshal fills every field of
// projectResponse (by reflection, so a field added later is covered) with
// empty, plain and awkward values and wants appendJSON to write exactly
// json.Marshal's bytes.
func TestProjectResponseJSONMatchesMarshal(t *testing.T) {
	strs := []string{"", "load test project", "<b>&amp;</b>", "q\"uote\\slash", "\x00\b\f\n\r\t\x1f\x7f", "é中😀", "\u2028\u2029", "bad\xff\xc3", `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m","In":0,"Out":9}]}]}`}
	floats := []float64{0, math.Copysign(0, -1), 9, 12.3456, 1e-6, 9.9e-7, 1e-7, 1e20, 1e21, 3.5e22, -2.5e-9, math.MaxFloat64}
	statuses := []any{1, 2, -3, "Editing", "<x>"}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		var r projectResponse
		r.RequestId = strs[rng.IntN(len(strs))]
		v := reflect.ValueOf(&r.Project).Elem()
		for f := range v.NumField() {
			switch fv := v.Field(f); fv.Kind() {
			case reflect.String:
				fv.SetString(strs[rng.IntN(len(strs))])
			case reflect.Float64:
				fv.SetFloat(floats[rng.IntN(len(floats))])
			case reflect.Interface:
				fv.Set(reflect.ValueOf(statuses[rng.IntN(len(statuses))]))
			default:
				t.Fatalf("projectBody.%s: kind %s; teach this test and appendJSON about it", v.Type().Field(f).Name, fv.Kind())
			}
		}
		want, err := json.Marshal(&r)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := r.appendJSON(nil)
		if !ok {
			t.Fatalf("case %d: appendJSON declined %+v", i, r)
		}
		if string(got) != string(want) {
			t.Fatalf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestProjectResponseJSONDeclines checks the values appendJSON leaves to
// json.Marshal.
func TestProjectResponseJSONDeclines(t *testing.T) {
	tests := []struct {
		name string
		p    projectBody
	}{
		{name: "NaN duration", p: projectBody{Duration: math.NaN(), Status: 1}},
		{name: "infinite duration", p: projectBody{Duration: math.Inf(1), Status: 1}},
		{name: "nil status", p: projectBody{}},
		{name: "float status", p: projectBody{Status: 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := projectResponse{Project: tt.p}
			if _, ok := r.appendJSON(nil); ok {
				t.Errorf("appendJSON: got ok, want a decline")
			}
		})
	}
}
