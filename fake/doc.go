// Package fake is icefake: an in-memory, high-fidelity fake of Alibaba Cloud
// ICE (Intelligent Media Services, API 2020-11-09) editing projects, for tests
// that use the official SDK github.com/alibabacloud-go/ice-20201109/v2 (or
// any POP client) unchanged.
//
// Quick start in a Go test:
//
//	srv := fake.StartT(t, fake.WithMedia(fake.Media{MediaId: "m1", Duration: 12.5}))
//	c := srv.ClientConfig()
//	client, _ := ice.NewClient(&openapi.Config{AccessKeyId: &c.AccessKeyId,
//		AccessKeySecret: &c.AccessKeySecret, Endpoint: &c.Endpoint, Protocol: &c.Protocol})
//	res, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("t")})
//
// Every request goes through one pipeline (docs/architecture.md): envelope (GET or POST
// on "/", URL query and form or JSON body merged, Action/Version) →
// authentication → route → validation against the embedded OpenAPI document
// (package openapi) → scripted faults → handler → JSON encoding with an
// uppercase-UUID RequestId → response self-check against the spec → journal.
// Errors are answered in the POP envelope (RequestId, HostId, Code, Message,
// Recommend) with the vendor's codes and statuses.
//
// State is per tenant (the caller's AccessKeyId) and lives in memory; direct
// methods (Project, Projects, AddMedia, Reset, Apply) seed and inspect it
// without HTTP. Time comes from one virtual clock (SetTime, Advance); StartT
// freezes it at DefaultStartTime and seeds IDs, so output is stable.
//
// Authentication: signatures are verified (RPC V1 HMAC-SHA1 and V3
// ACS3-HMAC-SHA256/SM3), with Timestamp skew and SignatureNonce replay
// checks, against the credentials the server knows (WithCredentials,
// scenario credentials; DefaultAccessKeyId by default). WithAuthMode selects
// enforce (default), log or off. The AccessKeyId names the tenant.
//
// Fidelity: where the vendor's documentation is silent, icefake follows the
// decisions recorded in docs/fidelity.md, each marked UNCONFIRMED where the
// public evidence is thin.
//
// A Server is safe for concurrent use by many goroutines.
package fake
