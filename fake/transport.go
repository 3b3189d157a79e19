package fake

import (
	"net/http"
)

// gatewayPages are the HTML pages the gateway's front tier (Tengine) sends
// for transport-level failures instead of a POP JSON envelope, in the layout
// of docs/fidelity.md "Fidelity: front-end limits".
var gatewayPages = map[Transport]frontEndPage{
	TransportHTML414: pageURITooLarge,
	TransportHTML502: {http.StatusBadGateway, "502 Bad Gateway", "502 Bad Gateway", "The proxy server received an invalid response from an upstream server."},
	TransportHTML504: {http.StatusGatewayTimeout, "504 Gateway Time-out", "504 Gateway Time-out", "The gateway did not receive a timely response from the upstream server or application."},
}

// transportStatus is the status a transport fault answers with, as the
// journal records it: 0 for a dropped connection.
func transportStatus(kind Transport) int {
	return gatewayPages[kind].status
}

// writeTransportFault answers a transport fault.
func (s *Server) writeTransportFault(w http.ResponseWriter, r *http.Request, kind Transport) {
	if page, ok := gatewayPages[kind]; ok {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(page.status)
		_, _ = w.Write(page.render(r.Host, r.URL.Path, s.clock.Now()))
		return
	}
	// TransportDrop: close the connection without answering. Behind a
	// handler that cannot be hijacked (e.g. HTTP/2), abort the response.
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
