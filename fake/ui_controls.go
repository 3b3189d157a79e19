package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The dashboard's controls. Each form is turned into the admin API request
// that does the same (POST /_icefake/reset, POST /_icefake/clock/advance,
// POST /_icefake/scenarios, DELETE /_icefake/faults/{id}) and that request
// is served by serveAdmin itself, so a form changes state exactly as the
// endpoint does, with the same checks and error messages. Success redirects
// back with a one-line note (POST/redirect/GET); an admin error is shown
// with the admin API's status.

// uiAdmin serves one admin request on behalf of a dashboard form r (already
// authorized) and returns the admin API's status and decoded JSON answer.
func (s *Server) uiAdmin(r *http.Request, method, target, contentType string, body []byte) (int, map[string]any) {
	req, err := http.NewRequestWithContext(r.Context(), method, target, bytes.NewReader(body))
	if err != nil {
		return http.StatusBadRequest, map[string]any{"error": err.Error()}
	}
	req.Host = r.Host
	req.RemoteAddr = r.RemoteAddr
	for _, h := range []string{"Origin", "Referer", "User-Agent"} {
		if v := r.Header.Get(h); v != "" {
			req.Header.Set(h, v)
		}
	}
	// Every admin write the dashboard makes says what its body is, even
	// an empty one.
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	if s.cfg.adminToken != "" {
		req.Header.Set("Authorization", "Bearer "+s.cfg.adminToken)
	}
	rec := &uiRecorder{header: http.Header{}, status: http.StatusOK}
	s.serveAdmin(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.body.Bytes(), &out); err != nil {
		out = map[string]any{"error": strings.TrimSpace(rec.body.String())}
	}
	return rec.status, out
}

// uiRecorder is the http.ResponseWriter uiAdmin hands serveAdmin.
type uiRecorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (w *uiRecorder) Header() http.Header { return w.header }

func (w *uiRecorder) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
}

func (w *uiRecorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

// uiDone redirects a successful form back to the overview with a note, or
// shows the admin API's error.
func (s *Server) uiDone(w http.ResponseWriter, r *http.Request, status int, answer map[string]any, note string) {
	if status >= 300 {
		msg, _ := answer["error"].(string)
		if errs, ok := answer["errors"].([]any); ok && len(errs) > 1 {
			for _, e := range errs {
				msg += "\n" + fmt.Sprint(e)
			}
		}
		s.uiError(w, r, status, msg)
		return
	}
	http.Redirect(w, r, uiPrefix+"?done="+url.QueryEscape(note), http.StatusSeeOther)
}

func (s *Server) uiForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminBody)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxAdminBody)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		s.uiError(w, r, http.StatusBadRequest, "the form could not be read: "+err.Error())
		return false
	}
	return true
}

// uiDoReset resets everything, or one tenant (form field tenant).
func (s *Server) uiDoReset(w http.ResponseWriter, r *http.Request, _ string) {
	if !s.uiForm(w, r) {
		return
	}
	target, note := adminPrefix+"reset", "reset everything"
	if t := strings.TrimSpace(r.PostForm.Get("tenant")); t != "" {
		target += "?tenant=" + url.QueryEscape(t)
		note = "reset tenant " + t
	}
	status, answer := s.uiAdmin(r, http.MethodPost, target, "", nil)
	s.uiDone(w, r, status, answer, note)
}

// uiDoAdvance advances the virtual clock by the form's by (a Go duration).
func (s *Server) uiDoAdvance(w http.ResponseWriter, r *http.Request, _ string) {
	if !s.uiForm(w, r) {
		return
	}
	body, _ := json.Marshal(map[string]string{"by": strings.TrimSpace(r.PostForm.Get("by"))})
	status, answer := s.uiAdmin(r, http.MethodPost, adminPrefix+"clock/advance", "application/json", body)
	s.uiDone(w, r, status, answer, fmt.Sprintf("advanced the clock to %v", answer["now"]))
}

// uiDoScenario loads a scenario document: the uploaded file (field file) or
// the pasted text (field scenario), under the form's name.
func (s *Server) uiDoScenario(w http.ResponseWriter, r *http.Request, _ string) {
	if !s.uiForm(w, r) {
		return
	}
	doc := []byte(r.PostForm.Get("scenario"))
	if f, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			s.uiError(w, r, http.StatusBadRequest, "reading the uploaded file: "+err.Error())
			return
		}
		if len(bytes.TrimSpace(b)) > 0 {
			doc = b
		}
	} else if !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart) {
		s.uiError(w, r, http.StatusBadRequest, "reading the uploaded file: "+err.Error())
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	target := adminPrefix + "scenarios"
	if name != "" {
		target += "?name=" + url.QueryEscape(name)
	}
	status, answer := s.uiAdmin(r, http.MethodPost, target, "application/yaml", doc)
	s.uiDone(w, r, status, answer, fmt.Sprintf("loaded scenario %v", answer["name"]))
}

// uiDoRemoveFault removes the fault rule the form's id names.
func (s *Server) uiDoRemoveFault(w http.ResponseWriter, r *http.Request, _ string) {
	if !s.uiForm(w, r) {
		return
	}
	id := strings.TrimSpace(r.PostForm.Get("id"))
	if _, err := strconv.Atoi(id); err != nil {
		s.uiError(w, r, http.StatusBadRequest, fmt.Sprintf("fault rule id %q: not a number", id))
		return
	}
	status, answer := s.uiAdmin(r, http.MethodDelete, adminPrefix+"faults/"+id, "", nil)
	s.uiDone(w, r, status, answer, "removed fault rule "+id)
}
