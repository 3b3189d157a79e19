package openapi

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed admin.yaml
var adminDocument []byte

// AdminPrefix is the path prefix of the admin API: every path of admin.yaml
// starts with it, and no ICE Action path does.
const AdminPrefix = "/_icefake/"

// AdminBytes returns a copy of the embedded OpenAPI 3 document (YAML) of
// icefake's admin HTTP API, the test control plane under /_icefake/.
func AdminBytes() []byte { return append([]byte(nil), adminDocument...) }

var loadAdmin = sync.OnceValues(func() (*openapi3.T, error) { return parseAdmin(adminDocument) })

// LoadAdmin parses and validates the embedded admin document once per
// process and returns the shared, read-only result. Every path starts with
// AdminPrefix and every operation has an operationId naming its
// *fake.Server twin. It errors only if the embedded document is broken,
// which the package tests rule out.
func LoadAdmin() (*openapi3.T, error) { return loadAdmin() }

// MustLoadAdmin is LoadAdmin for package initialisation and tests: it panics
// on error.
func MustLoadAdmin() *openapi3.T {
	doc, err := LoadAdmin()
	if err != nil {
		panic(err)
	}
	return doc
}

func parseAdmin(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("openapi: parse admin.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: validate admin.yaml: %w", err)
	}
	seen := map[string]string{}
	for path, item := range doc.Paths.Map() {
		if !strings.HasPrefix(path, AdminPrefix) {
			return nil, fmt.Errorf("openapi: admin.yaml: path %s is not under %s", path, AdminPrefix)
		}
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("openapi: admin.yaml: %s %s has no operationId", method, path)
			}
			if prev, dup := seen[op.OperationID]; dup {
				return nil, fmt.Errorf("openapi: admin.yaml: operationId %s is used by %s and %s %s", op.OperationID, prev, method, path)
			}
			seen[op.OperationID] = method + " " + path
		}
	}
	return doc, nil
}
