package fake

import (
	"html/template"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/icefake/icefake/openapi"
)

// The descriptions a running server publishes about itself: GET /_icefake/
// (the index), /_icefake/openapi.yaml and .json (the ICE spec every call is
// validated against) and /_icefake/admin/openapi.yaml (the admin API's).

// adminRaw is an admin answer that is not JSON-encoded: the bytes as given.
type adminRaw struct {
	contentType string
	body        []byte
}

// Paths of the published descriptions.
const (
	iceSpecPath     = adminPrefix + "openapi.yaml"
	iceSpecJSONPath = adminPrefix + "openapi.json"
	adminSpecPath   = adminPrefix + "admin/openapi.yaml"
)

// indexEndpoint is one control endpoint in the index.
type indexEndpoint struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	OperationID string `json:"operationId"`
	Summary     string `json:"summary"`
}

// adminIndex is the answer of GET /_icefake/ (schema Index in admin.yaml).
type adminIndex struct {
	Service      string            `json:"service"`
	APIVersion   string            `json:"apiVersion"`
	Descriptions map[string]string `json:"descriptions"`
	Endpoints    []indexEndpoint   `json:"endpoints"`
	Actions      []string          `json:"actions"`
}

// buildIndex lists admin.yaml's operations, sorted by path then method.
var buildIndex = sync.OnceValue(func() adminIndex {
	idx := adminIndex{
		Service:      "icefake",
		APIVersion:   iceSpec().Doc.Info.Version,
		Descriptions: map[string]string{"ice": iceSpecPath, "iceJSON": iceSpecJSONPath, "admin": adminSpecPath},
		Actions:      SupportedActions(),
	}
	for _, rt := range adminRoutes() {
		idx.Endpoints = append(idx.Endpoints, indexEndpoint{
			Method: rt.method, Path: rt.kin.Path, OperationID: rt.kin.Operation.OperationID, Summary: rt.kin.Operation.Summary,
		})
	}
	sort.Slice(idx.Endpoints, func(i, j int) bool {
		a, b := idx.Endpoints[i], idx.Endpoints[j]
		return a.Path < b.Path || a.Path == b.Path && a.Method < b.Method
	})
	return idx
})

var indexPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>icefake</title></head>
<body>
<h1>icefake — Alibaba Cloud ICE {{.APIVersion}}</h1>
<p>API descriptions: <a href="{{.Descriptions.ice}}">ICE (YAML)</a>, <a href="{{.Descriptions.iceJSON}}">ICE (JSON)</a>,
<a href="{{.Descriptions.admin}}">admin API (YAML)</a>.</p>
<p>The <a href="/_icefake/ui/">dashboard</a> shows the server's state, Timelines drawn as tracks, and the journal.</p>
<h2>Control endpoints</h2>
<table>
<thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What it does</th></tr></thead>
<tbody>{{range .Endpoints}}
<tr><td>{{.Method}}</td><td>{{if eq .Method "GET"}}<a href="{{.Path}}">{{.Path}}</a>{{else}}{{.Path}}{{end}}</td><td>{{.Summary}}</td></tr>{{end}}
</tbody></table>
<h2>Actions</h2>
<ul>{{range .Actions}}<li>{{.}}</li>{{end}}</ul>
</body></html>
`))
})

// wantsHTML reports whether the client prefers text/html to JSON, as a
// browser's Accept header does.
func wantsHTML(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	h := strings.Index(accept, "text/html")
	if h < 0 {
		return false
	}
	j := strings.Index(accept, "application/json")
	return j < 0 || h < j
}

func adminIndexHandler(_ *Server, q *adminRequest) (int, any, error) {
	idx := buildIndex()
	if !wantsHTML(q.r) {
		return http.StatusOK, idx, nil
	}
	var b strings.Builder
	if err := indexPage().Execute(&b, idx); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, adminRaw{contentType: "text/html; charset=utf-8", body: []byte(b.String())}, nil
}

// adminIceSpec serves the merged spec: ice.yaml with every other Action of
// the SDK's model (generated.yaml), built on the first request and cached.
func adminIceSpec(_ *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, adminRaw{contentType: "application/yaml", body: openapi.MergedBytes()}, nil
}

func adminIceSpecJSON(_ *Server, _ *adminRequest) (int, any, error) {
	b, err := openapi.MergedJSON()
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, adminRaw{contentType: "application/json", body: b}, nil
}

func adminAdminSpec(_ *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, adminRaw{contentType: "application/yaml", body: openapi.AdminBytes()}, nil
}
