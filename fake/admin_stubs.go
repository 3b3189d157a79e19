package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Admin handlers of the stub rules (stubs.go), twins of Stubs, InjectStub,
// ClearStubs and RemoveStub.

type stubList struct {
	Stubs []StubInfo `json:"stubs"`
}

func adminStubs(s *Server, _ *adminRequest) (int, any, error) {
	return http.StatusOK, stubList{s.Stubs()}, nil
}

func adminInjectStub(s *Server, q *adminRequest) (int, any, error) {
	var st Stub
	dec := json.NewDecoder(bytes.NewReader(q.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidRequest", "request body: %v", err)
	}
	// Twin of InjectStub, which returns a remover rather than the id.
	id, err := s.injectStub(st, "")
	if err != nil {
		return 0, nil, adminErrorf(http.StatusBadRequest, "InvalidStub", "%s", strings.TrimPrefix(err.Error(), "icefake: "))
	}
	for _, si := range s.Stubs() {
		if si.ID == id {
			return http.StatusCreated, si, nil
		}
	}
	return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "stub %d was removed while it was added", id)
}

func adminRemoveStub(s *Server, q *adminRequest) (int, any, error) {
	id, err := strconv.Atoi(q.path["id"])
	if err != nil || !s.RemoveStub(id) {
		return 0, nil, adminErrorf(http.StatusNotFound, "NotFound", "no stub rule %s", q.path["id"])
	}
	return http.StatusOK, okAnswer, nil
}

func adminClearStubs(s *Server, _ *adminRequest) (int, any, error) {
	s.ClearStubs()
	return http.StatusOK, okAnswer, nil
}
