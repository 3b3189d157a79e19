package fake

import (
	"encoding/json"
	"strings"
	"testing"
)

func categoryStub() Stub {
	return Stub{Action: "AddCategory", Response: map[string]any{
		"Category": map[string]any{"CateId": 7, "CateName": "${CateName}", "Level": 0, "ParentId": -1, "Type": "default"},
	}}
}

// TestStubAnswers: a stub answers a known Action (here the implemented
// AddCategory) with its canned body, RequestId filled in and ${Param}
// taken from the call; After and Times bound it, and calls it does not
// answer reach the handler (CateIds from 1); the journal names the rule.
func TestStubAnswers(t *testing.T) {
	limited := categoryStub()
	limited.After, limited.Times = 1, 1
	matched := categoryStub()
	matched.Match = map[string]string{"Type": "material"}
	matched.Response = map[string]any{"Category": map[string]any{"CateId": 9}}
	tests := []struct {
		name     string
		stubs    []Stub
		calls    []map[string]string
		want     []int  // HTTP status per call
		wantStub []bool // per successful call: answered by the stub
		wantID   []any  // Category.CateId per successful call, in order
	}{
		{"every call", []Stub{categoryStub()}, []map[string]string{{"CateName": "news"}, {"CateName": "news"}}, []int{200, 200}, []bool{true, true}, []any{7.0, 7.0}},
		{"after and times", []Stub{limited}, []map[string]string{{"CateName": "a"}, {"CateName": "b"}, {"CateName": "c"}}, []int{200, 200, 200}, []bool{false, true, false}, []any{1.0, 7.0, 2.0}},
		{"match", []Stub{matched}, []map[string]string{{"CateName": "a"}, {"CateName": "b", "Type": "material"}}, []int{200, 200}, []bool{false, true}, []any{1.0, 9.0}},
		{"validation first", []Stub{categoryStub()}, []map[string]string{{}}, []int{400}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, WithStubs(tt.stubs...))
			var ids []any
			for i, p := range tt.calls {
				status, body := rpc(t, s, "AddCategory", p)
				if status != tt.want[i] {
					t.Fatalf("call %d = %d %v, want %d", i, status, body, tt.want[i])
				}
				if status != 200 {
					continue
				}
				cat := body["Category"].(map[string]any)
				ids = append(ids, cat["CateId"])
				if name, ok := cat["CateName"]; ok && name != p["CateName"] {
					t.Errorf("CateName = %v, want the request's %q", name, p["CateName"])
				}
				want := ""
				if tt.wantStub[len(ids)-1] {
					want = "stub 1"
				}
				if got := s.Calls()[i].Stub; got != want {
					t.Errorf("call %d: journal Stub = %q, want %q", i, got, want)
				}
			}
			if len(ids) != len(tt.wantID) {
				t.Fatalf("CateIds = %v, want %v", ids, tt.wantID)
			}
			for i := range ids {
				if ids[i] != tt.wantID[i] {
					t.Errorf("CateIds = %v, want %v", ids, tt.wantID)
				}
			}
		})
	}
}

// TestStubOverImplementedAction: a stub takes precedence over a handler
// (a real answer, edited, makes a valid stub); removing it brings the
// handler back.
func TestStubOverImplementedAction(t *testing.T) {
	s := newTestServer(t)
	created := mustRPC(t, s, 200, "CreateEditingProject", map[string]string{"Title": "real"})
	id := created["Project"].(map[string]any)["ProjectId"].(string)
	real := mustRPC(t, s, 200, "GetEditingProject", map[string]string{"ProjectId": id})
	delete(real, "RequestId")
	real["Project"].(map[string]any)["Title"] = "From a stub"
	remove, err := s.InjectStub(Stub{Action: "GetEditingProject", Match: map[string]string{"ProjectId": id}, Response: real})
	if err != nil {
		t.Fatal(err)
	}
	real["Project"].(map[string]any)["Title"] = "changed after InjectStub"
	body := mustRPC(t, s, 200, "GetEditingProject", map[string]string{"ProjectId": id})
	if got, want := body["Project"].(map[string]any)["Title"], "From a stub"; got != want {
		t.Fatalf("stubbed Title = %v, want %v", got, want)
	}
	if got := s.Stubs()[0]; got.Seen != 1 || got.Answered != 1 {
		t.Errorf("StubInfo = %+v, want Seen 1 Answered 1", got)
	}
	remove()
	body = mustRPC(t, s, 200, "GetEditingProject", map[string]string{"ProjectId": id})
	if got, want := body["Project"].(map[string]any)["Title"], "real"; got != want {
		t.Errorf("Title after remove = %v, want %v", got, want)
	}
	if len(s.Stubs()) != 0 {
		t.Errorf("Stubs() = %v after remove, want none", s.Stubs())
	}
}

// TestStubInvalid: InjectStub rejects, naming the problem, stubs that could
// not answer as the SDK decodes.
func TestStubInvalid(t *testing.T) {
	tests := []struct {
		name string
		stub Stub
		want string
	}{
		{"unknown action", Stub{Action: "AddCategories", Response: map[string]any{}}, `unknown Action "AddCategories"`},
		{"no response", Stub{Action: "AddCategory"}, "needs a Response"},
		{"unknown field", Stub{Action: "AddCategory", Response: map[string]any{"Categroy": map[string]any{}}}, `$: unknown field "Categroy"`},
		{"nested unknown field", Stub{Action: "AddCategory", Response: map[string]any{"Category": map[string]any{"Id": 1}}}, `$.Category: unknown field "Id"`},
		{"wrong type", Stub{Action: "AddCategory", Response: map[string]any{"Category": map[string]any{"CateId": "seven"}}}, `$.Category.CateId: must be an integer, got the string "seven"`},
		{"fraction for integer", Stub{Action: "AddCategory", Response: map[string]any{"Category": map[string]any{"CateId": 1.5}}}, `$.Category.CateId: must be an integer, got 1.5`},
		{"array expected", Stub{Action: "GetCategories", Response: map[string]any{"SubCategories": map[string]any{"Category": map[string]any{}}}}, `$.SubCategories.Category: must be an array, got an object`},
		{"pattern and required", Stub{Action: "GetEditingProject", Response: map[string]any{"Project": map[string]any{"ProjectId": "p1"}}}, `$.Project.ProjectId: string doesn't match the regular expression "^[0-9a-f]{32}$"; $.Project.Title: property "Title" is missing`},
		{"RequestId", Stub{Action: "AddCategory", Response: map[string]any{"RequestId": "x"}}, "$.RequestId: icefake fills in RequestId"},
		{"match unknown parameter", Stub{Action: "AddCategory", Match: map[string]string{"Nope": "1"}, Response: map[string]any{}}, `Match "Nope" is not a parameter`},
		{"template unknown parameter", Stub{Action: "AddCategory", Response: map[string]any{"Category": map[string]any{"CateName": "${Nope}"}}}, "${Nope} is not a parameter"},
		{"negative times", Stub{Action: "AddCategory", Times: -1, Response: map[string]any{}}, "must not be negative"},
		{"hand-written schema", Stub{Action: "GetEditingProject", Response: map[string]any{"Project": map[string]any{"Duration": "long"}}}, "$.Project.Duration: must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			_, err := s.InjectStub(tt.stub)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("InjectStub error = %v, want it to contain %q", err, tt.want)
			}
			if len(s.Stubs()) != 0 {
				t.Errorf("a rejected stub was stored: %v", s.Stubs())
			}
			if _, err := New(WithStubs(tt.stub)); err == nil {
				t.Errorf("New(WithStubs(invalid)) = nil error")
			}
		})
	}
}

const stubScenarioYAML = `version: 1
stubs:
  - action: AddCategory
    response:
      Category: {CateId: 3, CateName: "${CateName}"}
`

// TestScenarioStubs: a scenario's stubs answer calls, are tagged with the
// scenario (at start and when loaded) and leave with it.
func TestScenarioStubs(t *testing.T) {
	s := newTestServer(t, WithScenario(mustParse(t, "start.yaml", stubScenarioYAML)))
	if got := s.Stubs(); len(got) != 1 || got[0].Source != "start.yaml" {
		t.Fatalf("Stubs() = %+v, want one rule from start.yaml", got)
	}
	body := mustRPC(t, s, 200, "AddCategory", map[string]string{"CateName": "news"})
	if got, want := body["Category"], map[string]any{"CateId": 3.0, "CateName": "news"}; !equalJSON(got, want) {
		t.Errorf("Category = %v, want %v", got, want)
	}
	if err := s.LoadScenario(mustParse(t, "more.yaml", stubScenarioYAML)); err != nil {
		t.Fatal(err)
	}
	if got := scenarioNamed(s, "more.yaml").Stubs; got != 1 {
		t.Errorf("ScenarioInfo.Stubs = %d, want 1", got)
	}
	if err := s.RemoveScenario("start.yaml"); err != nil {
		t.Fatal(err)
	}
	if got := s.Stubs(); len(got) != 1 || got[0].Source != "more.yaml" {
		t.Errorf("Stubs() after RemoveScenario(start.yaml) = %+v, want more.yaml's rule", got)
	}
	if err := s.RemoveScenario("more.yaml"); err != nil {
		t.Fatal(err)
	}
	body = mustRPC(t, s, 200, "AddCategory", map[string]string{"CateName": "news"})
	if got, want := body["Category"], map[string]any{"CateId": 1.0, "CateName": "news", "Level": 0.0, "ParentId": -1.0, "Type": "default"}; !equalJSON(got, want) {
		t.Errorf("Category without stubs = %v, want the handler's %v", got, want)
	}
}

func equalJSON(a, b any) bool {
	return string(marshalAny(a)) == string(marshalAny(b))
}

func marshalAny(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
