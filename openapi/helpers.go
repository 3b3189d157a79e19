package openapi

import (
	"fmt"
	"strings"
)

// Enum returns the enum of the component schema name as strings, in the
// document's order; nil when there is no such schema.
func (s *Spec) Enum(name string) []string {
	ref := s.Doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		return nil
	}
	out := make([]string, 0, len(ref.Value.Enum))
	for _, v := range ref.Value.Enum {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// JSONPath renders a JSON pointer's tokens as the path icefake's messages
// use, e.g. ["VideoTracks","0","In"] → $.VideoTracks[0].In.
func JSONPath(ptr []string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, p := range ptr {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			b.WriteString("[" + p + "]")
			continue
		}
		b.WriteString("." + p)
	}
	return b.String()
}
