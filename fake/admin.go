package fake

import (
	"encoding/json"
	"net/http"
	"time"
)

// adminPrefix is where the test control plane lives, on the same listener.
const adminPrefix = "/_icefake/"

// serveAdmin serves the control plane. For now: GET /_icefake/healthz.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case adminPrefix + "healthz":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeAdminJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use GET"})
			return
		}
		writeAdminJSON(w, http.StatusOK, map[string]any{
			"status":     "ok",
			"apiVersion": spec.Doc.Info.Version,
			"actions":    SupportedActions(),
			"uptime":     time.Since(startedAt).Round(time.Second).String(),
		})
	default:
		writeAdminJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control endpoint " + r.URL.Path})
	}
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
