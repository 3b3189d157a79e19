// Package loadtest is icefake's side-by-side load harness (issue 9,
// docs/architecture.md "Performance"): one Go load client that sends
// V1-signed CreateEditingProject calls (a 107-byte Timeline, a fresh
// SignatureNonce each) to any target, and a bare net/http handler answering
// a fixed Project body, the floor every target is compared with.
//
// The command in cmd/benchcompare (make bench-compare, make bench-prism)
// runs the targets in interleaved rounds and prints req/s, p99 and ratios.
// Everything runs on 127.0.0.1 and is bounded in time.
package loadtest
