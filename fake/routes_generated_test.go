package fake

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestGeneratedActions: an Action known only from generated.yaml validates
// its request like the implemented ones, then answers 501 NotImplemented
// naming the Action and how to stub it; an unknown name stays 404
// InvalidAction.NotFound.
func TestGeneratedActions(t *testing.T) {
	tests := []struct {
		name      string
		action    string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"not implemented", "AddCategory", map[string]string{"CateName": "news"}, 501, "NotImplemented",
			[]string{`"AddCategory"`, "stub", "fake.WithStubs", "/_icefake/stubs"}},
		{"no parameters", "GenerateKMSDataKey", nil, 501, "NotImplemented", []string{`"GenerateKMSDataKey"`}},
		{"missing required", "AddCategory", nil, 400, "MissingParameter", []string{"CateName"}},
		{"empty required", "AddCategory", map[string]string{"CateName": ""}, 400, "MissingParameter", []string{"CateName"}},
		{"wrong type", "AddCategory", map[string]string{"CateName": "n", "ParentId": "x"}, 400, "InvalidParameter", []string{"ParentId"}},
		{"wrong enum", "AddCategory", map[string]string{"CateName": "n", "Type": "other"}, 400, "InvalidParameter", []string{"Type"}},
		{"wrong boolean", "ListPublicMediaBasicInfos", map[string]string{"IncludeFileBasicInfo": "maybe"}, 400, "InvalidParameter", []string{"IncludeFileBasicInfo"}},
		{"unknown action", "AddCategories", nil, 404, "InvalidAction.NotFound", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			status, body := rpc(t, s, tt.action, tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
			calls := s.Calls()
			if len(calls) != 1 {
				t.Fatalf("journal has %d calls, want 1", len(calls))
			}
			if got := calls[0]; got.Action != tt.action || got.Status != tt.status || got.Code != tt.code {
				t.Errorf("journal = %s %d %s, want %s %d %s", got.Action, got.Status, got.Code, tt.action, tt.status, tt.code)
			}
		})
	}
}

// TestGeneratedRouteCompiledOnce: a generated Action's route is built on
// first use and reused; ice.yaml's Actions never take the lazy path.
func TestGeneratedRouteCompiledOnce(t *testing.T) {
	const action = "DeleteCategory"
	first, err := lookupRoute(action)
	if err != nil || first == nil {
		t.Fatalf("lookupRoute(%s) = %v, %v; want a route", action, first, err)
	}
	again, _ := lookupRoute(action)
	if again != first {
		t.Errorf("lookupRoute(%s) built a second route", action)
	}
	if rt, _ := lookupRoute("GetMediaInfo"); rt != routeFor("GetMediaInfo") {
		t.Errorf("lookupRoute(GetMediaInfo) is not ice.yaml's route")
	}
	if _, ok := generatedRoutes.Load("GetMediaInfo"); ok {
		t.Errorf("GetMediaInfo was compiled from generated.yaml; ice.yaml is its authority")
	}
	if rt, err := lookupRoute("NoSuchAction"); rt != nil || err != nil {
		t.Errorf("lookupRoute(NoSuchAction) = %v, %v; want nil, nil", rt, err)
	}
}

// TestGeneratedRouteConcurrentFirstUse: concurrent first calls of a
// generated Action share one route and all get 501 (run with -race).
func TestGeneratedRouteConcurrentFirstUse(t *testing.T) {
	const action = "UpdateCategory"
	s := newTestServer(t)
	reqs := make([]*http.Request, 8)
	for i := range reqs {
		reqs[i] = signedRequest(t, action, map[string]string{"CateId": "1", "CateName": "n"})
	}
	var wg sync.WaitGroup
	codes := make([]int, len(reqs))
	rts := make([]*route, len(reqs))
	for i, req := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rts[i], _ = lookupRoute(action)
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			codes[i] = rec.Code
		}()
	}
	wg.Wait()
	for i := range reqs {
		if rts[i] == nil || rts[i] != rts[0] {
			t.Errorf("goroutine %d got route %p, want the one route %p", i, rts[i], rts[0])
		}
		if codes[i] != http.StatusNotImplemented {
			t.Errorf("goroutine %d: status %d, want 501", i, codes[i])
		}
	}
}
