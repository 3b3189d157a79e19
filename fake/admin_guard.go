package fake

import (
	"net"
	"net/http"
	"slices"
	"strings"
)

// WithAdminAllowedHosts names the extra Host names (without port) under
// which the admin API answers, e.g. a container's service name; "*" allows
// every Host. Without it the admin API answers only a Host that is an IP
// address, localhost or *.localhost, so a web page cannot reach it through
// a DNS name it controls (DNS rebinding; docs/fidelity.md "Admin API
// safety"). Others get 403 ForbiddenHost. Default: none.
func WithAdminAllowedHosts(hosts ...string) Option {
	return func(c *config) {
		for _, h := range hosts {
			if h = normalHost(h); h != "" {
				c.adminHosts = append(c.adminHosts, h)
			}
		}
	}
}

// adminGuard refuses admin requests a web page could have made: an Origin
// header other than the server's own (403 ForbiddenOrigin) and a Host that
// is not allowed (403 ForbiddenHost; WithAdminAllowedHosts). Clients that
// are not browsers send no Origin and are unaffected.
func (s *Server) adminGuard(r *http.Request) *adminError {
	if origin, sent := r.Header["Origin"]; sent {
		o := strings.ToLower(strings.TrimSpace(origin[0]))
		host := strings.ToLower(r.Host)
		if o != "http://"+host && o != "https://"+host {
			return adminErrorf(http.StatusForbidden, "ForbiddenOrigin",
				"Origin %q is not this server (%s): the admin API does not answer web pages of other origins", origin[0], r.Host)
		}
	}
	if !s.adminHostAllowed(r.Host) {
		return adminErrorf(http.StatusForbidden, "ForbiddenHost",
			"Host %q is not allowed for the admin API: use an IP address or localhost, or start icefake with -admin-allowed-hosts %s (WithAdminAllowedHosts)",
			r.Host, normalHost(r.Host))
	}
	return nil
}

func (s *Server) adminHostAllowed(hostport string) bool {
	h := normalHost(hostport)
	switch {
	case h == "", net.ParseIP(h) != nil, h == "localhost", strings.HasSuffix(h, ".localhost"):
		return true
	}
	return slices.Contains(s.cfg.adminHosts, h) || slices.Contains(s.cfg.adminHosts, "*")
}

// normalHost is a Host header's name: port, brackets and a trailing dot
// removed, lower case.
func normalHost(hostport string) string {
	h := strings.TrimSpace(hostport)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.ToLower(strings.TrimSuffix(h, "."))
}
