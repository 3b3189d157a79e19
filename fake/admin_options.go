package fake

// WithAdmin turns the admin HTTP API under /_icefake/ (reset, scenarios,
// faults, clock, journal, state) on or off. Off, every admin endpoint but
// GET /_icefake/healthz answers 404 AdminDisabled; the Go methods keep
// working. Default: on.
func WithAdmin(enabled bool) Option { return func(c *config) { c.adminOff = !enabled } }

// WithAdminToken protects the admin HTTP API: every admin endpoint but
// GET /_icefake/healthz then needs the header "Authorization: Bearer
// <token>" and answers 401 Unauthorized without it. Default: "" (no token).
func WithAdminToken(token string) Option { return func(c *config) { c.adminToken = token } }
