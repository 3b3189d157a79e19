package contract

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/openapi"
)

// allActionsStubs gives two Actions icefake does not implement and one it
// does (GetCategories) a canned answer; the SDK must decode it.
const allActionsStubs = `version: 1
stubs:
  - action: SubmitSnapshotJob
    response: {JobId: "snap-${Name}"}
  - action: GetCategories
    response:
      Category: {CateId: 4, CateName: root, Level: 0, ParentId: -1, Type: default}
      SubCategories:
        Category:
          - {CateId: 5, CateName: child, Level: 1, ParentId: 4, SubTotal: 0, Type: default}
      SubTotal: 1
  - action: ListSnapshotJobs
    response:
      Jobs:
        - {JobId: snap-1, Name: canned, Status: Success}
      NextPageToken: next
`

// sdkMethod is one Action method of the SDK v2.1.0 client.
type sdkMethod struct {
	name string
	fn   reflect.Method
	req  reflect.Type // request struct, nil for Actions without parameters
}

// sdkActionMethods lists X(request *XRequest) (*XResponse, error) and
// X() (*XResponse, error) of *ice.Client, sorted.
func sdkActionMethods() []sdkMethod {
	var out []sdkMethod
	typ := reflect.TypeFor[*ice.Client]()
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		ft := m.Type
		if strings.HasSuffix(m.Name, "WithOptions") || ft.NumOut() != 2 || ft.Out(0).Kind() != reflect.Pointer ||
			ft.Out(0).Elem().Name() != m.Name+"Response" || ft.NumIn() > 2 {
			continue
		}
		sm := sdkMethod{name: m.Name, fn: m}
		if ft.NumIn() == 2 {
			sm.req = ft.In(1).Elem()
		}
		out = append(out, sm)
	}
	return out
}

// minimalRequest fills the fields a call needs to pass validation: those
// the SDK marks require:"true" and those the merged spec requires, each
// with a value of its type (an enum's first value).
func minimalRequest(t *testing.T, m sdkMethod, op *openapi3.Operation) reflect.Value {
	t.Helper()
	req := reflect.New(m.req)
	for i := range m.req.NumField() {
		f := m.req.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		p := op.Parameters.GetByInAndName("query", name)
		if f.Tag.Get("require") != "true" && (p == nil || !p.Required) {
			continue
		}
		var enum []any
		isJSON := false
		if p != nil {
			isJSON = p.Content != nil
			if p.Schema != nil && p.Schema.Value != nil {
				enum = p.Schema.Value.Enum
			}
		}
		req.Elem().Field(i).Set(sampleValue(t, f.Type, enum, isJSON))
	}
	return req
}

func sampleValue(t *testing.T, typ reflect.Type, enum []any, isJSON bool) reflect.Value {
	t.Helper()
	v := reflect.New(typ.Elem())
	switch typ.Elem().Kind() {
	case reflect.String:
		s := "x"
		if isJSON {
			s = "{}"
		}
		if len(enum) > 0 {
			s, _ = enum[0].(string)
		}
		v.Elem().SetString(s)
	case reflect.Int32, reflect.Int64, reflect.Int:
		n := int64(1)
		if len(enum) > 0 {
			if f, ok := enum[0].(float64); ok {
				n = int64(f)
			}
		}
		v.Elem().SetInt(n)
	case reflect.Float32, reflect.Float64:
		v.Elem().SetFloat(1)
	case reflect.Bool:
		v.Elem().SetBool(true)
	case reflect.Struct:
	default:
		if typ.Kind() == reflect.Slice {
			return reflect.MakeSlice(typ, 0, 0)
		}
		t.Fatalf("no sample value for %s", typ)
	}
	return v
}

// TestEverySDKMethodReachesIcefake calls every Action method of SDK v2.1.0
// through the SDK on both icefake targets: an implemented Action gets a
// real answer (success or a service error, never NotImplemented), a
// stubbed one the stub's answer as the SDK decodes it, and every other one
// 501 NotImplemented naming the Action; none gets InvalidAction.NotFound.
func TestEverySDKMethodReachesIcefake(t *testing.T) {
	spec := openapi.MustLoad()
	methods := sdkActionMethods()
	require.GreaterOrEqual(t, len(methods), 190, "SDK v2.1.0 Action methods")
	implemented := fake.SupportedActions()
	stubbed := map[string]bool{"SubmitSnapshotJob": true, "ListSnapshotJobs": true} // GetCategories' and ListMediaBasicInfos' stubs: implemented
	// The SDK sends these unsigned (AuthType Anonymous); icefake takes them
	// unsigned and answers 501 like any other unimplemented Action
	// (docs/fidelity.md "Anonymous Actions").
	anonymous := map[string]bool{}
	for _, a := range spec.AnonymousActions() {
		anonymous[a] = true
	}
	forEachTarget(t, allActionsStubs, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "501 NotImplemented and stubs are icefake's")
		counts := map[string]int{}
		for _, m := range methods {
			_, op, _, err := spec.MergedOperation(m.name)
			if !assert.NoErrorf(t, err, "%s is not in the merged spec", m.name) {
				continue
			}
			args := []reflect.Value{reflect.ValueOf(tg.client)}
			if m.req != nil {
				args = append(args, minimalRequest(t, m, op))
			}
			out := m.fn.Func.Call(args)
			callErr, _ := out[1].Interface().(error)
			var se *tea.SDKError
			isSDK := errors.As(callErr, &se)
			switch {
			case slices.Contains(implemented, m.name):
				counts["implemented"]++
				if callErr != nil {
					assert.Truef(t, isSDK, "%s: err = %v, want a service answer", m.name, callErr)
					if isSDK {
						assert.NotContainsf(t, []string{"NotImplemented", "InvalidAction.NotFound"}, tea.StringValue(se.Code), "%s: %s", m.name, tea.StringValue(se.Message))
					}
				}
			case stubbed[m.name]:
				counts["stubbed"]++
				assert.NoErrorf(t, callErr, "%s (stubbed)", m.name)
			default:
				counts["not implemented"]++
				if anonymous[m.name] {
					counts["anonymous"]++
				}
				if assert.Truef(t, isSDK, "%s: err = %v, want 501 NotImplemented", m.name, callErr) {
					assert.Equalf(t, "NotImplemented", tea.StringValue(se.Code), "%s: %s", m.name, tea.StringValue(se.Message))
					assert.Equalf(t, 501, tea.IntValue(se.StatusCode), "%s status", m.name)
					assert.Containsf(t, tea.StringValue(se.Message), `"`+m.name+`"`, "%s message names the Action", m.name)
				}
			}
		}
		t.Logf("SDK v2.1.0 methods: %d (%v)", len(methods), counts)
		// ListEditingProjects came after v2.1.0.
		assert.Equal(t, len(implemented)-1, counts["implemented"], "implemented Actions in SDK v2.1.0")
		assert.Equal(t, len(stubbed), counts["stubbed"], "stubbed Actions in SDK v2.1.0")
		// GetPublicMediaInfo, ListAllPublicMediaTags, ListPublicMediaBasicInfos;
		// v2.1.0 sends the last two unsigned and still signs GetPublicMediaInfo
		// (the newest SDK does not): both reach the Action.
		assert.Equal(t, 3, counts["anonymous"], "anonymous Actions in SDK v2.1.0 answered 501")
		if tg.srv != nil {
			for _, a := range []string{"ListAllPublicMediaTags", "ListPublicMediaBasicInfos"} {
				calls := tg.srv.Calls(a)
				if assert.Lenf(t, calls, 1, "%s calls", a) {
					assert.Equalf(t, "anonymous", calls[0].Auth, "%s journal Auth", a)
					assert.Equalf(t, "", calls[0].Tenant, "%s journal Tenant", a)
				}
			}
		}
	})
}

// TestStubsThroughSDK: stubbed answers decode in the SDK with their values,
// ${Param} filled from the request.
func TestStubsThroughSDK(t *testing.T) {
	forEachTarget(t, allActionsStubs, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "stubs are icefake's")
		snap, err := tg.client.SubmitSnapshotJob(&ice.SubmitSnapshotJobRequest{
			Name:           tea.String("thumbs"),
			Input:          &ice.SubmitSnapshotJobRequestInput{Type: tea.String("Media"), Media: tea.String("m-1")},
			Output:         &ice.SubmitSnapshotJobRequestOutput{Type: tea.String("OSS"), Media: tea.String("oss://b/{Count}.jpg")},
			TemplateConfig: &ice.SubmitSnapshotJobRequestTemplateConfig{TemplateId: tea.String("t")},
		})
		require.NoError(t, err)
		assert.Equal(t, "snap-thumbs", tea.StringValue(snap.Body.JobId))
		assert.Regexp(t, reRequestID, tea.StringValue(snap.Body.RequestId))

		cats, err := tg.client.GetCategories(&ice.GetCategoriesRequest{})
		require.NoError(t, err)
		assert.Equal(t, int64(4), tea.Int64Value(cats.Body.Category.CateId))
		require.Len(t, cats.Body.SubCategories.Category, 1)
		assert.Equal(t, "child", tea.StringValue(cats.Body.SubCategories.Category[0].CateName))
		assert.Equal(t, int64(1), tea.Int64Value(cats.Body.SubTotal))

		list, err := tg.client.ListSnapshotJobs(&ice.ListSnapshotJobsRequest{})
		require.NoError(t, err)
		require.Len(t, list.Body.Jobs, 1)
		assert.Equal(t, "canned", tea.StringValue(list.Body.Jobs[0].Name))
		assert.Equal(t, "next", tea.StringValue(list.Body.NextPageToken))

		_, err = tg.client.CreateDNADB(&ice.CreateDNADBRequest{Name: tea.String("news")})
		env := wantAPIError(t, tg, err, 501, "NotImplemented")
		assert.Contains(t, env.Message, `"CreateDNADB"`)
	})
}
