package openapi

import "github.com/getkin/kin-openapi/openapi3"

// AuthExtension marks an operation the ICE SDK sends unsigned: its method
// uses AuthType "Anonymous" (cmd/specgen copies it from the SDK's model into
// generated.yaml; ice.yaml carries it for the Actions it describes). Its
// only value is AuthAnonymous. Such an Action takes an unsigned call, and a
// signed one is still verified (docs/fidelity.md "Anonymous Actions").
const AuthExtension = "x-icefake-auth"

// AuthAnonymous is the value of AuthExtension for an unsigned Action.
const AuthAnonymous = "anonymous"

// Anonymous reports whether op is marked x-icefake-auth: anonymous.
func Anonymous(op *openapi3.Operation) bool {
	if op == nil {
		return false
	}
	v, _ := op.Extensions[AuthExtension].(string)
	return v == AuthAnonymous
}
