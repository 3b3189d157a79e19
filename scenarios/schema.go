package scenarios

import _ "embed"

// SchemaJSON is scenario.schema.json: a JSON Schema (draft 2020-12) of the
// scenario format, for editors and other tools. Point YAML editors at it
// with a first line such as
//
//	# yaml-language-server: $schema=scenario.schema.json
//
// It describes every key with its type and allowed values (the Actions and
// error codes of the spec, generated from it), so editors can complete and
// check a file; Parse remains the authority and checks more (duplicate keys
// and entries, JSON texts, time windows, parameters of other Actions).
//
//go:embed scenario.schema.json
var SchemaJSON []byte
