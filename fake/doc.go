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
// Every request goes through one pipeline (DESIGN.md): envelope (GET or POST
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
// Fidelity: where the vendor's behaviour is UNCONFIRMED, icefake follows
// DESIGN.md and the README's fidelity section lists each choice. Signatures
// are not verified yet: any AccessKeyId is accepted and names the tenant.
//
// A Server is safe for concurrent use by many goroutines.
package fake
