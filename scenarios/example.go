package scenarios

import _ "embed"

// ExampleYAML is example.yaml: the test credential pair, the media of the
// ICE documentation examples, and a fault throttling the second
// CreateEditingProject call once.
//
//go:embed example.yaml
var ExampleYAML []byte
