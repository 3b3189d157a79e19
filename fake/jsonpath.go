package fake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// jsonPathStep matches one step of the JSONPath subset faults use: .Name or
// [index].
var jsonPathStep = regexp.MustCompile(`^(?:\.([A-Za-z0-9_-]+)|\[(\d+)\])`)

// parseJSONPath splits $.A[0].B into steps ("A", 0, "B"); names are strings,
// indexes ints.
func parseJSONPath(path string) ([]any, error) {
	rest, ok := strings.CutPrefix(path, "$")
	if !ok {
		return nil, fmt.Errorf("JSONPath %q must start with $", path)
	}
	var steps []any
	for rest != "" {
		m := jsonPathStep.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("JSONPath %q: cannot read %q (use .Name and [index])", path, rest)
		}
		if m[1] != "" {
			steps = append(steps, m[1])
		} else {
			i, _ := strconv.Atoi(m[2])
			steps = append(steps, i)
		}
		rest = rest[len(m[0]):]
	}
	return steps, nil
}

// jsonValueAt returns the value at path inside the JSON text doc, rendered
// as text: strings as they are, other values as JSON. ok is false when doc
// is not JSON or the path leads nowhere.
func jsonValueAt(doc, path string) (string, bool) {
	steps, err := parseJSONPath(path)
	if err != nil || doc == "" {
		return "", false
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	for _, st := range steps {
		switch k := st.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return "", false
			}
			if v, ok = m[k]; !ok {
				return "", false
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return "", false
			}
			v = a[k]
		}
	}
	if s, ok := v.(string); ok {
		return s, true
	}
	b, _ := json.Marshal(v)
	return string(b), true
}
