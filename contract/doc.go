// Package contract holds icefake's contract tests: tests that drive the fake
// through the official Alibaba Cloud ICE Go SDK
// (github.com/alibabacloud-go/ice-20201109/v2) exactly as a user's code would,
// and assert only what the SDK lets a caller see: decoded response fields and
// their Go types, HTTP status codes, and the *tea.SDKError of an error answer
// with its POP envelope (RequestId, HostId, Code, Message, Recommend).
//
// A contract test states what the real service does, so the same test bodies
// run against several targets:
//
//   - embedded: fake.StartT in the test process (frozen clock, seeded IDs);
//   - binary: the cmd/icefake binary, built once per test run and started as a
//     subprocess per test on a free port, with the same scenario file;
//   - real: the real ICE service, only when ICEFAKE_CONTRACT=real and
//     ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and
//     ICEFAKE_REAL_ENDPOINT (e.g. ice.cn-shanghai.aliyuncs.com) are set.
//     Assertions that depend on fake-only state (seeded media, scripted
//     faults, the Go state API) are skipped there, and created projects are
//     deleted afterwards.
//
// The Timeline corpus in testdata/timelines holds Timelines published by
// Alibaba Cloud and public guides, verbatim; cases_test.go keeps the
// expected answer of each next to the test.
//
// This is the only package of the module that imports the official SDK, so
// that embedding the fake never pulls the SDK's dependencies in. It holds no
// code besides this comment: everything else is in _test.go files.
package contract
