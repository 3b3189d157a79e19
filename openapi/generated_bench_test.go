package openapi

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// BenchmarkGeneratedEager loads and validates all of generated.yaml at
// once, as an eager start-up would; compare with BenchmarkGeneratedLazy.
func BenchmarkGeneratedEager(b *testing.B) {
	for b.Loop() {
		doc, err := openapi3.NewLoader().LoadFromData(generatedDocument)
		if err != nil {
			b.Fatal(err)
		}
		if err := doc.Validate(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGeneratedLazy is what icefake does instead: index
// generated.yaml (once per process) and compile one Action on first use.
func BenchmarkGeneratedLazy(b *testing.B) {
	for b.Loop() {
		g := indexGenerated(generatedDocument)
		if _, _, err := compileGenerated(g, "AddCategory"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGeneratedIndex is the part of BenchmarkGeneratedLazy a process
// pays once, whatever Actions it serves.
func BenchmarkGeneratedIndex(b *testing.B) {
	for b.Loop() {
		indexGenerated(generatedDocument)
	}
}

// BenchmarkMergedDocument builds the merged document
// /_icefake/openapi.yaml serves (once per process, on its first request),
// from an indexed generated.yaml; BenchmarkMergedJSON adds the JSON form.
func BenchmarkMergedDocument(b *testing.B) {
	g := indexGenerated(generatedDocument)
	for b.Loop() {
		mergeDocuments(document, g)
	}
}

func BenchmarkMergedJSON(b *testing.B) {
	merged := mergeDocuments(document, indexGenerated(generatedDocument))
	for b.Loop() {
		if _, err := yamlToJSON(merged); err != nil {
			b.Fatal(err)
		}
	}
}
