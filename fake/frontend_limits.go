package fake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Front-end limits: the vendor's front tier (Tengine) refuses over-large
// requests with its own HTML pages before the API sees them
// (docs/fidelity.md "Fidelity: front-end limits"). The numbers are not
// published; each is a flag and an option.
const (
	// DefaultMaxURIBytes bounds the request target (path and query) of an
	// API request; longer → 414 HTML page. UNCONFIRMED: a 2019 capture shows
	// the 414 for a base64 image of 55 KB or more in the query
	// (https://github.com/aliyun/openapi-core-nodejs-sdk/issues/55); the
	// number itself is not published.
	DefaultMaxURIBytes = 128 << 10
	// DefaultMaxHeaderBytes bounds the request's header lines (names,
	// values, ": " and CRLF, the request line excluded); more → 400 HTML page
	// "Request Header Or Cookie Too Large". UNCONFIRMED: Tengine's default
	// header buffers (4 × 8 KiB).
	DefaultMaxHeaderBytes = 32 << 10
	// DefaultMaxBodyBytes bounds a request body; more → 413 HTML page.
	// UNCONFIRMED. It is also the largest accepted setting.
	DefaultMaxBodyBytes = maxBodyBytes
)

// WithMaxURIBytes sets the front end's request-target limit in bytes;
// n <= 0 selects the default. Default: DefaultMaxURIBytes (128 KiB).
func WithMaxURIBytes(n int) Option { return func(c *config) { c.maxURIBytes = n } }

// WithMaxHeaderBytes sets the front end's header limit in bytes; n <= 0
// selects the default. Default: DefaultMaxHeaderBytes (32 KiB).
func WithMaxHeaderBytes(n int) Option { return func(c *config) { c.maxHeaderBytes = n } }

// WithMaxBodyBytes sets the front end's body limit in bytes; n <= 0 or more
// than DefaultMaxBodyBytes selects DefaultMaxBodyBytes (32 MiB).
func WithMaxBodyBytes(n int64) Option { return func(c *config) { c.maxBodyBytes = n } }

// FrontEndLimits returns the request-target, header and body limits in
// force, in bytes.
func (s *Server) FrontEndLimits() (uri, header int, body int64) {
	uri, header, body = s.cfg.maxURIBytes, s.cfg.maxHeaderBytes, s.cfg.maxBodyBytes
	if uri <= 0 {
		uri = DefaultMaxURIBytes
	}
	if header <= 0 {
		header = DefaultMaxHeaderBytes
	}
	if body <= 0 || body > DefaultMaxBodyBytes {
		body = DefaultMaxBodyBytes
	}
	return uri, header, body
}

// frontEndPage is one of the front end's HTML error pages (Tengine's
// detailed layout, as captured in the issue above).
type frontEndPage struct {
	status   int
	title    string // <title>
	heading  string // <h1>
	sentence string // first sentence of the paragraph
}

var (
	pageURITooLarge    = frontEndPage{http.StatusRequestURITooLong, "414 Request-URI Too Large", "414 Request-URI Too Large", "The requested URL's length exceeds the capacity limit for this server."}
	pageHeaderTooLarge = frontEndPage{http.StatusBadRequest, "400 Request Header Or Cookie Too Large", "400 Bad Request", "Request header or cookie too large."}
	pageBodyTooLarge   = frontEndPage{http.StatusRequestEntityTooLarge, "413 Request Entity Too Large", "413 Request Entity Too Large", "The data value transmitted exceeds the capacity limit."}
)

// render returns the page for a request to host and path at time at.
func (p frontEndPage) render(host, path string, at time.Time) []byte {
	var b strings.Builder
	for _, line := range []string{
		`<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">`,
		`<html>`,
		`<head><title>` + p.title + `</title></head>`,
		`<body bgcolor="white">`,
		`<h1>` + p.heading + `</h1>`,
		`<p>` + p.sentence + ` Sorry for the inconvenience.<br/>`,
		`Please report this message and include the following information to us.<br/>`,
		`Thank you very much!</p>`,
		`<table>`,
		`<tr>`, `<td>URL:</td>`, `<td>http://` + htmlEscape(host+path) + `</td>`, `</tr>`,
		`<tr>`, `<td>Server:</td>`, `<td>icefake</td>`, `</tr>`,
		`<tr>`, `<td>Date:</td>`, `<td>` + at.UTC().Format("2006/01/02 15:04:05") + `</td>`, `</tr>`,
		`</table>`,
		`<hr/>Powered by Tengine</body>`,
		`</html>`,
	} {
		b.WriteString(line)
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// headerBytes is the size of r's header lines as sent: "Name: value\r\n"
// for each value, Host included.
func headerBytes(r *http.Request) int {
	n := len("Host: \r\n") + len(r.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// frontEnd answers, as the front end would, an API request over a limit,
// and reports whether it did. A body of unknown length (chunked) is read
// here, up to the limit, and handed on from memory.
func (s *Server) frontEnd(w http.ResponseWriter, r *http.Request) bool {
	maxURI, maxHeader, maxBody := s.FrontEndLimits()
	target := r.RequestURI
	if target == "" {
		target = r.URL.RequestURI()
	}
	var (
		page   frontEndPage
		reason string
	)
	switch {
	case len(target) > maxURI:
		page, reason = pageURITooLarge, fmt.Sprintf("the request target has %d bytes; the front end allows %d (-max-uri-bytes)", len(target), maxURI)
	case headerBytes(r) > maxHeader:
		page, reason = pageHeaderTooLarge, fmt.Sprintf("the header lines have %d bytes; the front end allows %d (-max-header-bytes)", headerBytes(r), maxHeader)
	case r.ContentLength > maxBody:
		page, reason = pageBodyTooLarge, fmt.Sprintf("the body has %d bytes; the front end allows %d (-max-body-bytes)", r.ContentLength, maxBody)
	case r.ContentLength < 0 && r.Body != nil:
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err == nil && int64(len(body)) > maxBody {
			page, reason = pageBodyTooLarge, fmt.Sprintf("the chunked body has more than %d bytes; the front end allows %d (-max-body-bytes)", maxBody, maxBody)
			break
		}
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
		return false
	default:
		return false
	}
	c := &call{RequestId: s.ids.requestID(), Method: r.Method, Now: s.clock.Now(), problem: "front end: " + reason}
	if q := r.URL.Query(); q != nil {
		c.Action = q.Get("Action")
	}
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Connection", "close")
	w.WriteHeader(page.status)
	_, _ = w.Write(page.render(r.Host, r.URL.Path, c.Now))
	s.record(c, page.status, nil, 0)
	return true
}

// errReader returns err (nil: io.EOF) once the buffered body is read, so
// a read error on a chunked body still reaches the envelope reader.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}

// HTTPHeaderLimit is the http.Server MaxHeaderBytes that lets requests up
// to the front-end limits reach the handler (net/http counts the request
// line in it, and adds 4 KiB of its own); set it on a server you run the
// Handler in, or net/http answers larger requests itself with a plain-text
// 431 (Start and the icefake binary set it).
func (s *Server) HTTPHeaderLimit() int {
	uri, header, _ := s.FrontEndLimits()
	return max(uri+header+4096, http.DefaultMaxHeaderBytes)
}
