// Package popsign holds the server-side primitives icefake uses to verify
// Alibaba Cloud OpenAPI (POP) request signatures, plus small client-side
// helpers for tests that need to send signed requests.
//
// Two schemes are covered:
//
//   - V1: SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, the RPC scheme that
//     Alibaba's docs call "signature V2 for RPC" and Tea SDKs select with
//     SignatureAlgorithm "v2". See [V1StringToSign], [V1Sign], [VerifyV1] and
//     [SignV1Params].
//   - V3: the Authorization header schemes ACS3-HMAC-SHA256 (the SDK default)
//     and ACS3-HMAC-SM3. See [ParseAuthorization], [V3CanonicalRequest],
//     [V3StringToSign], [V3Sign], [VerifyV3] and [SignV3Request].
//     ACS3-RSA-SHA256 is not supported.
//
// Everything here is a pure function of its arguments: no HTTP server, no
// clocks, no nonce store, no credential lookup. Freshness, nonce replay and
// AccessKeyId checks belong to the caller.
//
// Both schemes re-encode the decoded parameters with [PercentEncode] (strict
// RFC 3986) instead of signing the raw query as received, because clients
// differ on the wire: Go Tea sends a space as "+" and "*" as "%2A", Node Tea
// leaves "*!'()" raw, pop-core is strict RFC 3986.
//
// Sources (the published test vectors are reproduced by this package's
// tests; docs/fidelity.md "Signatures" records the decisions):
//
//   - https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism
//   - https://www.alibabacloud.com/help/doc-detail/28139.htm (vector V1-A)
//   - https://help.aliyun.com/document_detail/56189.html (vector V1-B)
//   - https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature
//     (vector V3-A; English at
//     https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)
//   - https://help.aliyun.com/zh/functioncompute/fc/developer-reference/signature-mechanism
//   - SDK code: github.com/alibabacloud-go/openapi-util service/service.go
//     (buildRpcStringToSign, GetAuthorization, getCanonicalHeaders) and
//     its service_test.go.
package popsign
