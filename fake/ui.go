package fake

import (
	"bytes"
	"crypto/subtle"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The dashboard: server-rendered HTML pages under /_icefake/ui/ that show
// the fake's state (overview, projects with their Timelines drawn as SVG,
// jobs, the journal) and offer the admin API's controls as forms
// (docs/control-plane.md "Dashboard"). It is served by its own small router
// here, not described in openapi/admin.yaml (that document describes the
// JSON API); serveAdmin hands every path under uiPrefix to serveUI.
//
// Access follows the admin API: off (404) when the admin API is off, and,
// with an admin token, open only to a request that carries it as
// "Authorization: Bearer <token>" or in the uiCookie cookie, which the
// login form (or one visit with ?token=<token>) sets. Forms change state
// only through the admin endpoints themselves (ui_controls.go).

// DashboardPath is where the dashboard is served: open
// http://ADDR/_icefake/ui/ in a browser (docs/control-plane.md "Dashboard").
const DashboardPath = adminPrefix + "ui/"

// uiPrefix is where the dashboard lives.
const uiPrefix = DashboardPath

// isUIPath reports whether path is the dashboard's (serveAdmin hands it to
// serveUI).
func isUIPath(path string) bool {
	return strings.HasPrefix(path, uiPrefix) || path == strings.TrimSuffix(uiPrefix, "/")
}

// uiCookie holds the admin token for a browser (HttpOnly, SameSite=Strict,
// path uiPrefix). It is not named plain "token": cookies are shared by every
// port of a host, and 127.0.0.1 runs many servers.
const uiCookie = "icefake_token"

//go:embed ui
var uiFiles embed.FS

// uiPages returns the page templates, each executed as its own name with
// the shared layout; they are parsed on the first page served, not at
// package init (process start-up, docs/architecture.md "Performance").
var uiPages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(uiFuncs).ParseFS(uiFiles, "ui/*.html"))
})

// uiRoute is one dashboard page or form target. A path ending in "/" after
// its fixed part takes one more segment (the rest of the path) as arg.
type uiRoute struct {
	method string
	path   string
	prefix bool // path is a prefix; the rest is the argument
	open   bool // served without the token (the login form, the stylesheet)
	serve  func(s *Server, w http.ResponseWriter, r *http.Request, arg string)
}

// uiRoutes is filled in init: the form handlers reach serveAdmin, which
// reaches serveUI and so uiRoutes, an initialization cycle for a var.
var uiRoutes []uiRoute

func init() {
	uiRoutes = []uiRoute{
		{method: http.MethodGet, path: uiPrefix, serve: (*Server).uiOverview},
		{method: http.MethodGet, path: uiPrefix + "projects", serve: (*Server).uiProjects},
		{method: http.MethodGet, path: uiPrefix + "projects/", prefix: true, serve: (*Server).uiProject},
		{method: http.MethodGet, path: uiPrefix + "timeline", serve: (*Server).uiTimelineForm},
		{method: http.MethodPost, path: uiPrefix + "timeline", serve: (*Server).uiTimelineDraw},
		{method: http.MethodGet, path: uiPrefix + "jobs", serve: (*Server).uiJobs},
		{method: http.MethodGet, path: uiPrefix + "journal", serve: (*Server).uiJournal},
		{method: http.MethodGet, path: uiPrefix + "calls/", prefix: true, serve: (*Server).uiCall},
		{method: http.MethodPost, path: uiPrefix + "do/reset", serve: (*Server).uiDoReset},
		{method: http.MethodPost, path: uiPrefix + "do/advance", serve: (*Server).uiDoAdvance},
		{method: http.MethodPost, path: uiPrefix + "do/scenario", serve: (*Server).uiDoScenario},
		{method: http.MethodPost, path: uiPrefix + "do/remove-fault", serve: (*Server).uiDoRemoveFault},
		{method: http.MethodGet, path: uiPrefix + "login", open: true, serve: (*Server).uiLoginForm},
		{method: http.MethodPost, path: uiPrefix + "login", open: true, serve: (*Server).uiLogin},
		{method: http.MethodPost, path: uiPrefix + "logout", open: true, serve: (*Server).uiLogout},
		{method: http.MethodGet, path: uiPrefix + "ui.css", open: true, serve: serveUICSS},
	}
}

// serveUI serves the dashboard; serveAdmin calls it for every path under
// uiPrefix.
func (s *Server) serveUI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'; form-action 'self'")
	if r.URL.Path == strings.TrimSuffix(uiPrefix, "/") {
		http.Redirect(w, r, uiPrefix, http.StatusMovedPermanently)
		return
	}
	if s.cfg.adminOff {
		s.uiError(w, r, http.StatusNotFound, "the dashboard is off with the admin API (WithAdmin(false), icefake -admin=false)")
		return
	}
	rt, arg, allowed := matchUIRoute(r)
	if rt == nil {
		if allowed != "" {
			w.Header().Set("Allow", allowed)
			s.uiError(w, r, http.StatusMethodNotAllowed, r.Method+" "+r.URL.Path+": use "+allowed)
			return
		}
		s.uiError(w, r, http.StatusNotFound, "no dashboard page "+r.URL.Path)
		return
	}
	if r.Method == http.MethodPost && !sameOrigin(r) {
		s.uiError(w, r, http.StatusForbidden, "a dashboard form must be posted from the dashboard itself (same Origin)")
		return
	}
	if !rt.open {
		if tok := r.URL.Query().Get("token"); tok != "" && r.Method == http.MethodGet {
			s.uiTokenLink(w, r, tok)
			return
		}
		if !s.uiAuthorized(r) {
			s.uiUnauthorized(w, r, "")
			return
		}
	}
	rt.serve(s, w, r, arg)
}

func matchUIRoute(r *http.Request) (*uiRoute, string, string) {
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	path := r.URL.Path
	var allowed []string
	for i := range uiRoutes {
		rt := &uiRoutes[i]
		arg := ""
		switch {
		case rt.prefix && strings.HasPrefix(path, rt.path) && len(path) > len(rt.path):
			arg = path[len(rt.path):]
		case !rt.prefix && path == rt.path:
		default:
			continue
		}
		if rt.method == method {
			return rt, arg, ""
		}
		allowed = append(allowed, rt.method)
	}
	return nil, "", strings.Join(allowed, ", ")
}

// sameOrigin reports whether a POST comes from a page of this server: its
// Origin (which browsers send with every form POST), or failing that its
// Referer, names the request's own host. A request with neither is refused.
func sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" || src == "null" {
		src = r.Header.Get("Referer")
	}
	u, err := url.Parse(src)
	return src != "" && err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// uiAuthorized reports whether r may see the dashboard: no admin token is
// set, or r carries it as a Bearer header or in the uiCookie cookie.
func (s *Server) uiAuthorized(r *http.Request) bool {
	if s.adminAuthorized(r) {
		return true
	}
	c, err := r.Cookie(uiCookie)
	return err == nil && s.uiTokenOK(c.Value)
}

func (s *Server) uiTokenOK(tok string) bool {
	return s.cfg.adminToken != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.adminToken)) == 1
}

// uiTokenLink serves a GET with ?token=: a right token sets the cookie and
// redirects to the same page without it (so the token leaves the address
// bar and history); a wrong one gets the login form.
func (s *Server) uiTokenLink(w http.ResponseWriter, r *http.Request, tok string) {
	if !s.uiTokenOK(tok) && s.cfg.adminToken != "" {
		s.uiUnauthorized(w, r, "that token is not the server's admin token")
		return
	}
	if s.cfg.adminToken != "" {
		setUICookie(w, tok, false)
	}
	q := r.URL.Query()
	q.Del("token")
	target := r.URL.Path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func setUICookie(w http.ResponseWriter, value string, clear bool) {
	c := &http.Cookie{Name: uiCookie, Value: value, Path: uiPrefix, HttpOnly: true, SameSite: http.SameSiteStrictMode}
	if clear {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

type loginPage struct {
	Next    string
	Problem string
}

// uiUnauthorized answers 401 with the login form.
func (s *Server) uiUnauthorized(w http.ResponseWriter, r *http.Request, problem string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="icefake"`)
	next := r.URL.Path
	if r.Method != http.MethodGet {
		next = uiPrefix
	}
	s.uiRender(w, r, http.StatusUnauthorized, "login", "Sign in", loginPage{Next: next, Problem: problem})
}

func (s *Server) uiLoginForm(w http.ResponseWriter, r *http.Request, _ string) {
	s.uiRender(w, r, http.StatusOK, "login", "Sign in", loginPage{Next: uiNext(r.URL.Query().Get("next"))})
}

// uiLogin checks the posted token, sets the cookie and redirects to next.
func (s *Server) uiLogin(w http.ResponseWriter, r *http.Request, _ string) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.uiError(w, r, http.StatusBadRequest, "the form could not be read: "+err.Error())
		return
	}
	next := uiNext(r.PostForm.Get("next"))
	if s.cfg.adminToken == "" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	tok := strings.TrimSpace(r.PostForm.Get("token"))
	if !s.uiTokenOK(tok) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="icefake"`)
		s.uiRender(w, r, http.StatusUnauthorized, "login", "Sign in", loginPage{Next: next, Problem: "that token is not the server's admin token"})
		return
	}
	setUICookie(w, tok, false)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) uiLogout(w http.ResponseWriter, r *http.Request, _ string) {
	setUICookie(w, "", true)
	http.Redirect(w, r, uiPrefix+"login", http.StatusSeeOther)
}

// uiNext keeps a redirect target inside the dashboard.
func uiNext(next string) string {
	if !strings.HasPrefix(next, uiPrefix) || strings.ContainsAny(next, "\\\r\n") || strings.Contains(next, "//") {
		return uiPrefix
	}
	return next
}

// uiLayout is what the layout template gets around every page.
type uiLayout struct {
	Title  string
	Now    time.Time
	Token  bool // an admin token protects the dashboard (show "sign out")
	Page   string
	Data   any
	Prefix string
}

// uiRender executes page inside the layout and writes it with status.
func (s *Server) uiRender(w http.ResponseWriter, r *http.Request, status int, page, title string, data any) {
	var b bytes.Buffer
	err := uiPages().ExecuteTemplate(&b, "layout", uiLayout{
		Title: title, Now: s.Now(), Token: s.cfg.adminToken != "", Page: page, Data: data, Prefix: uiPrefix,
	})
	if err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString("<!doctype html><title>icefake: error</title><p>rendering the page failed: ")
		template.HTMLEscape(&b, []byte(err.Error()))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b.Bytes())
	}
}

type errorPage struct {
	Status  int
	Message string
	Back    string
}

// uiError is the one place dashboard errors become a page.
func (s *Server) uiError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.uiRender(w, r, status, "error", http.StatusText(status), errorPage{Status: status, Message: msg, Back: uiPrefix})
}

func serveUICSS(_ *Server, w http.ResponseWriter, r *http.Request, _ string) {
	b, _ := uiFiles.ReadFile("ui/ui.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}
