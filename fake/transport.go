package fake

import (
	"net/http"
)

// gatewayPages are the HTML bodies the gateway (an nginx-style front) sends
// for transport-level failures instead of a POP JSON envelope.
var gatewayPages = map[Transport]struct {
	status int
	title  string
}{
	TransportHTML414: {http.StatusRequestURITooLong, "414 Request-URI Too Large"},
	TransportHTML502: {http.StatusBadGateway, "502 Bad Gateway"},
	TransportHTML504: {http.StatusGatewayTimeout, "504 Gateway Time-out"},
}

// writeTransportFault answers a transport fault and returns the status the
// journal records (0 for a dropped connection).
func (s *Server) writeTransportFault(w http.ResponseWriter, kind Transport) int {
	if page, ok := gatewayPages[kind]; ok {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(page.status)
		_, _ = w.Write([]byte("<html>\r\n<head><title>" + page.title + "</title></head>\r\n<body>\r\n<center><h1>" +
			page.title + "</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"))
		return page.status
	}
	// TransportDrop: close the connection without answering. Behind a
	// handler that cannot be hijacked (e.g. HTTP/2), abort the response.
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return 0
		}
	}
	panic(http.ErrAbortHandler)
}
