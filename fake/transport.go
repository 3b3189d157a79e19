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

// transportStatus is the status a transport fault answers with, as the
// journal records it: 0 for a dropped connection.
func transportStatus(kind Transport) int {
	return gatewayPages[kind].status
}

// writeTransportFault answers a transport fault.
func (s *Server) writeTransportFault(w http.ResponseWriter, kind Transport) {
	if page, ok := gatewayPages[kind]; ok {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(page.status)
		_, _ = w.Write([]byte("<html>\r\n<head><title>" + page.title + "</title></head>\r\n<body>\r\n<center><h1>" +
			page.title + "</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"))
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
