package fake

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/icefake/icefake/openapi"
)

func init() {
	// Every response the package's tests produce is checked by both the
	// fast path and kin-openapi; a body the fast path accepts and
	// kin-openapi rejects panics the test.
	respCrossCheck = true
	reqCrossCheck = true
}

// TestResponseFastPathCoversEveryAction: every Action's 200 schema compiles,
// so no success body takes the slow path.
func TestResponseFastPathCoversEveryAction(t *testing.T) {
	for _, a := range iceSpec().Actions() {
		if routeFor(a).okBody == nil {
			t.Errorf("%s: 200 body schema not compiled for the fast path", a)
		}
	}
}

// TestResponseFastPathAgreesWithKin generates bodies from each 200 schema,
// valid and mutated, and checks the fast path never accepts a body
// kin-openapi rejects, and accepts the valid ones.
func TestResponseFastPathAgreesWithKin(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	r := httptest.NewRequest("POST", "/", nil)
	for _, a := range iceSpec().Actions() {
		rt := routeFor(a)
		schema := rt.op.Responses.Status(200).Value.Content.Get("application/json").Schema.Value
		accepted, rejected := 0, 0
		for i := range 200 {
			v := genValue(t, rng, schema)
			mutated := i%4 != 0
			if mutated {
				v = mutate(rng, v, 0)
			}
			body, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			fast := rt.okBody.validJSON(body)
			kinErr := checkResponse(context.Background(), rt, r, 200, body)
			if fast && kinErr != nil {
				t.Fatalf("%s: fast path accepts a body kin-openapi rejects (%v):\n%s", a, kinErr, body)
			}
			if !mutated && !fast {
				t.Fatalf("%s: fast path does not accept a valid body (kin: %v):\n%s", a, kinErr, body)
			}
			if fast {
				accepted++
			} else {
				rejected++
			}
		}
		if accepted == 0 || rejected == 0 {
			t.Errorf("%s: accepted %d, rejected %d; want some of each", a, accepted, rejected)
		}
	}
}

// patternSamples are strings that match the spec's patterns.
var patternSamples = []string{
	"6AE6783F-4FBD-491B-AEB8-8B73A48ED247", "dbe5882e2579683432c1bfc525454add", "2024-01-01T00:00:00Z",
	"1024", "12.500000", "12.50", "a,b", "Draft, Editing",
}

func genValue(t *testing.T, rng *rand.Rand, s *openapi3.Schema) any {
	t.Helper()
	if s.Type == nil {
		return map[string]any{"k": "v"}
	}
	switch {
	case s.Type.Is("object"):
		out := map[string]any{}
		for name, p := range s.Properties {
			if slices.Contains(s.Required, name) || rng.IntN(2) == 0 {
				out[name] = genValue(t, rng, p.Value)
			}
		}
		return out
	case s.Type.Is("array"):
		out := []any{}
		for range rng.IntN(3) {
			if s.Items != nil {
				out = append(out, genValue(t, rng, s.Items.Value))
			} else {
				out = append(out, "x")
			}
		}
		return out
	case s.Type.Is("string"):
		if len(s.Enum) > 0 {
			return s.Enum[rng.IntN(len(s.Enum))]
		}
		if s.Pattern != "" {
			re := regexp.MustCompile(s.Pattern)
			for _, c := range patternSamples {
				if re.MatchString(c) {
					return c
				}
			}
			t.Fatalf("no pattern sample matches %q; add one", s.Pattern)
		}
		return []string{"title", "Ünïcode — ✓", `quote " and <tag> & \ back`, "x"}[rng.IntN(4)]
	case s.Type.Is("integer"), s.Type.Is("number"):
		if len(s.Enum) > 0 {
			return s.Enum[rng.IntN(len(s.Enum))]
		}
		lo, hi := 0.0, 1000.0
		if s.Min != nil {
			lo = *s.Min
		}
		if s.Max != nil {
			hi = *s.Max
		}
		v := lo + float64(rng.IntN(int(hi-lo)+1))
		if s.Type.Is("number") && v < hi && rng.IntN(2) == 0 {
			v += 0.25
		}
		return v
	case s.Type.Is("boolean"):
		return rng.IntN(2) == 0
	}
	t.Fatalf("unsupported schema type %v", s.Type)
	return nil
}

// mutate changes one random place of v, possibly into something invalid.
func mutate(rng *rand.Rand, v any, depth int) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		switch op := rng.IntN(5); {
		case op == 0 && len(keys) > 0:
			delete(x, keys[rng.IntN(len(keys))])
		case op == 1:
			x["Unknown"] = "u"
		case len(keys) > 0:
			k := keys[rng.IntN(len(keys))]
			x[k] = mutate(rng, x[k], depth+1)
		default:
			return scalarMutation(rng)
		}
		return x
	case []any:
		if len(x) > 0 && rng.IntN(3) > 0 {
			i := rng.IntN(len(x))
			x[i] = mutate(rng, x[i], depth+1)
			return x
		}
		return append(x, scalarMutation(rng))
	}
	return scalarMutation(rng)
}

func scalarMutation(rng *rand.Rand) any {
	return []any{nil, true, -1.0, 0.5, 3.0, 1e300, "", "bogus", "2024-01-01 00:00:00",
		"DBE5882E2579683432C1BFC525454ADD", map[string]any{}, []any{}, "Draft", "Editing", 7.0, 101.0}[rng.IntN(16)]
}

// TestAPIVersionIsTheSpecs: healthz answers openapi.APIVersion without
// loading the spec; it must be the spec's info.version.
func TestAPIVersionIsTheSpecs(t *testing.T) {
	if got, want := iceSpec().Doc.Info.Version, openapi.APIVersion; got != want {
		t.Errorf("spec info.version = %q, want %q", got, want)
	}
}

// TestRequestFastPathAgreesWithKin generates parameter sets for every
// Action from its parameter schemas, valid and mutated (JSON texts also cut
// and spliced byte-wise), and checks the validation fast path never accepts
// a request the full validation rejects, and accepts the valid ones.
func TestRequestFastPathAgreesWithKin(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	r := httptest.NewRequest("POST", "/", nil)
	queryMutations := []string{"abc", "-1", "1.5", "+3", "0x10", "TRUE", "1e3", "99999999999999999999", "Draft", " x", "2024-01-01T00:00:00Z"}
	for _, a := range iceSpec().Actions() {
		rt := routeFor(a)
		if rt.fastReq == nil {
			t.Errorf("%s: parameters not compiled for the fast path", a)
			continue
		}
		accepted, rejected := 0, 0
		for i := range 200 {
			mutated := i%4 != 0
			q := url.Values{}
			for _, ref := range rt.op.Parameters {
				p := ref.Value
				if !p.Required && rng.IntN(2) == 0 {
					continue
				}
				var text string
				if p.Content != nil {
					v := genValue(t, rng, p.Content.Get("application/json").Schema.Value)
					if mutated && rng.IntN(2) == 0 {
						v = mutate(rng, v, 0)
					}
					b, _ := json.Marshal(v)
					text = string(b)
					if mutated && rng.IntN(3) == 0 && len(text) > 2 {
						k := rng.IntN(len(text))
						text = text[:k] + string("{}[],:\"\\ 0-.e"[rng.IntN(13)]) + text[min(len(text), k+rng.IntN(2)):]
					}
				} else {
					switch v := genValue(t, rng, p.Schema.Value).(type) {
					case float64:
						text = strconv.FormatFloat(v, 'f', -1, 64)
					case bool:
						text = strconv.FormatBool(v)
					case string:
						text = v
					}
					if mutated && rng.IntN(3) == 0 {
						text = queryMutations[rng.IntN(len(queryMutations))]
					}
				}
				if text != "" {
					q.Set(p.Name, text)
				}
			}
			if mutated && rng.IntN(8) == 0 {
				for k := range q {
					q.Add(k, q.Get(k)) // a parameter given twice
					break
				}
			}
			fast := rt.fastReq.valid(q)
			fullErr := validateFully(context.Background(), rt, r, q)
			if fast && fullErr != nil {
				t.Fatalf("%s: fast path accepts a request the full validation rejects (%v): %v", a, fullErr, q)
			}
			if !mutated && !fast && fullErr == nil {
				t.Fatalf("%s: fast path does not accept a valid request: %v", a, q)
			}
			if fast {
				accepted++
			} else {
				rejected++
			}
		}
		if accepted == 0 {
			t.Errorf("%s: fast path accepted none of 200 requests", a)
		}
		_ = rejected
	}
}
