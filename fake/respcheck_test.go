package fake

func init() {
	// Every response the package's tests produce is checked by both the
	// fast path and kin-openapi; a body the fast path accepts and
	// kin-openapi rejects panics the test.
	respCrossCheck = true
}
