package thirdparty_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compile compiles doc (a decoded JSON schema) with a fresh compiler.
func compile(t *testing.T, doc map[string]any) (*jsonschema.Schema, error) {
	t.Helper()
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem://schema.json", doc); err != nil {
		t.Fatalf("AddResource: %v", err)
	}
	return c.Compile("mem://schema.json")
}

// TestJSONSchemaConcurrentFirstCompile runs first in this package's test
// binary, so its compiles are the process's first: they all trigger the
// lazy compilation of the meta-schemas at once (third_party/jsonschema/
// PATCH.md), which -race checks is properly synchronised, and each must
// still see the meta-schema reject an invalid schema.
func TestJSONSchemaConcurrentFirstCompile(t *testing.T) {
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c := jsonschema.NewCompiler()
			url := fmt.Sprintf("mem://s%d.json", i)
			if err := c.AddResource(url, map[string]any{"type": 5.0}); err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = c.Compile(url)
		})
	}
	wg.Wait()
	for i, err := range errs {
		var sve *jsonschema.SchemaValidationError
		if !errors.As(err, &sve) {
			t.Errorf("goroutine %d: Compile error = %v, want a *SchemaValidationError", i, err)
		}
	}
}

// TestJSONSchemaMetaSchemaRejectsInvalidSchema: with the meta-schemas
// compiled lazily, a schema breaking its draft's meta-schema still fails to
// compile, for every draft (2019-09 and 2020-12 check through their
// vocabulary meta-schemas).
func TestJSONSchemaMetaSchemaRejectsInvalidSchema(t *testing.T) {
	drafts := []string{
		"http://json-schema.org/draft-04/schema#",
		"http://json-schema.org/draft-06/schema#",
		"http://json-schema.org/draft-07/schema#",
		"https://json-schema.org/draft/2019-09/schema",
		"https://json-schema.org/draft/2020-12/schema",
	}
	tests := []struct {
		name   string
		schema map[string]any
	}{
		{name: "type is a number", schema: map[string]any{"type": 5.0}},
		{name: "type names no type", schema: map[string]any{"type": "integral"}},
		{name: "minLength negative", schema: map[string]any{"minLength": -1.0}},
		{name: "required not an array", schema: map[string]any{"required": "a"}},
	}
	for _, d := range drafts {
		for _, tt := range tests {
			t.Run(d+"/"+tt.name, func(t *testing.T) {
				doc := map[string]any{"$schema": d}
				for k, v := range tt.schema {
					doc[k] = v
				}
				_, err := compile(t, doc)
				var sve *jsonschema.SchemaValidationError
				if !errors.As(err, &sve) {
					t.Fatalf("Compile error = %v, want a *SchemaValidationError", err)
				}
			})
		}
	}
}

// TestJSONSchemaValidatesInstances: a schema that passes its meta-schema
// compiles and validates instances as before.
func TestJSONSchemaValidatesInstances(t *testing.T) {
	sch, err := compile(t, map[string]any{
		"$schema":    "https://json-schema.org/draft/2020-12/schema",
		"type":       "object",
		"required":   []any{"Title"},
		"properties": map[string]any{"Title": map[string]any{"type": "string", "maxLength": 4.0}},
	})
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	tests := []struct {
		name     string
		instance any
		wantErr  bool
	}{
		{name: "good", instance: map[string]any{"Title": "abcd"}},
		{name: "too long", instance: map[string]any{"Title": "abcde"}, wantErr: true},
		{name: "wrong type", instance: map[string]any{"Title": 5.0}, wantErr: true},
		{name: "missing required", instance: map[string]any{}, wantErr: true},
		{name: "not an object", instance: "x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sch.Validate(tt.instance)
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("Validate(%v) error = %v, want error: %v", tt.instance, err, tt.wantErr)
			}
			var ve *jsonschema.ValidationError
			if tt.wantErr && !errors.As(err, &ve) {
				t.Fatalf("Validate error = %T, want *jsonschema.ValidationError", err)
			}
		})
	}
}
