package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"
)

// The merged spec as one document, for clients and tools
// (GET /_icefake/openapi.yaml and .json): ice.yaml as written, with the
// path item of every Action only generated.yaml has appended to its
// paths. Built on first request and cached; nothing is compiled.

var mergedDocument = sync.OnceValue(func() []byte { return mergeDocuments(document, generated()) })

// MergedBytes returns the merged spec as one OpenAPI 3 document (YAML):
// openapi/ice.yaml with every other Action of openapi/generated.yaml added
// to its paths, so ice.yaml wins for the Actions it describes. It holds
// every Action of KnownActions. The bytes are built once per process; the
// result is a copy.
func MergedBytes() []byte { return append([]byte(nil), mergedDocument()...) }

var mergedJSON = sync.OnceValues(func() ([]byte, error) { return yamlToJSON(mergedDocument()) })

// MergedJSON returns the document of MergedBytes as indented JSON, built
// once per process. It errors only if that document is not YAML a JSON
// value can hold, which the package tests rule out.
func MergedJSON() ([]byte, error) {
	b, err := mergedJSON()
	return append([]byte(nil), b...), err
}

// mergeDocuments inserts g's path items for the Actions hand lacks at the
// end of hand's top-level paths mapping.
func mergeDocuments(hand []byte, g *generatedIndex) []byte {
	start := bytes.Index(hand, []byte("\npaths:\n"))
	if start < 0 {
		return append([]byte(nil), hand...)
	}
	// The paths mapping ends at the next top-level key (a line that starts
	// with neither a space nor a comment), or at the end of the document.
	end := len(hand)
	for off := start + len("\npaths:\n"); off < len(hand); {
		if c := hand[off]; c != ' ' && c != '#' && c != '\n' {
			end = off
			break
		}
		nl := bytes.IndexByte(hand[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	// Keep the blank lines before the next key after the inserted items.
	for end > start && hand[end-1] == '\n' && end-2 >= 0 && hand[end-2] == '\n' {
		end--
	}
	// hand's own path items: lines "  /{Action}:".
	have := map[string]bool{}
	for _, line := range bytes.Split(hand[start:end], []byte("\n")) {
		if name, ok := bytes.CutPrefix(line, []byte("  /")); ok {
			if name, ok := bytes.CutSuffix(name, []byte(":")); ok {
				have[string(name)] = true
			}
		}
	}
	var b bytes.Buffer
	b.Grow(len(hand) + len(generatedDocument))
	b.Write(hand[:end])
	fmt.Fprintf(&b, "  # The Actions below are generated.yaml's (%s %s at commit %s): known, validated, answered\n", g.source.Repository, g.source.Tag, g.source.Commit)
	b.WriteString("  # 501 NotImplemented unless a stub answers them.\n")
	for _, a := range g.actions {
		if !have[a] {
			b.Write(g.blocks[a])
		}
	}
	b.Write(hand[end:])
	return b.Bytes()
}

// yamlToJSON re-encodes a YAML document as indented JSON (aliases
// resolved, mapping keys as strings).
func yamlToJSON(data []byte) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("openapi: merged document: %w", err)
	}
	v, err := jsonValue(&root)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(v, "", "  ")
}

func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := jsonValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	default:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("openapi: merged document line %d: %w", n.Line, err)
		}
		return v, nil
	}
}
