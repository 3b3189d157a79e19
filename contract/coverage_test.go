package contract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"

	"github.com/icefake/icefake/fake"
	"github.com/icefake/icefake/openapi"
)

// sdkCoverage maps every editing-project, media-info, media-library and
// media-producing method of the SDK v2.1.0 client to the contract tests that exercise it
// (each must exist in this package); its Action must be in the spec.
var sdkCoverage = map[string][]string{
	"CreateEditingProject":          {"TestCreateEditingProjectReadBack", "TestCreateEditingProjectErrors"},
	"GetEditingProject":             {"TestCreateEditingProjectReadBack", "TestGetEditingProjectErrors"},
	"UpdateEditingProject":          {"TestUpdateEditingProject", "TestUpdateEditingProjectErrors"},
	"DeleteEditingProjects":         {"TestDeleteEditingProjects"},
	"SearchEditingProject":          {"TestSearchEditingProject", "TestSearchEditingProjectErrors"},
	"AddEditingProjectMaterials":    {"TestEditingProjectMaterials", "TestEditingProjectMaterialsErrors", "TestEndToEndProduction"},
	"GetEditingProjectMaterials":    {"TestEditingProjectMaterials", "TestEditingProjectMaterialsErrors"},
	"DeleteEditingProjectMaterials": {"TestEditingProjectMaterials", "TestEditingProjectMaterialsErrors"},
	"RegisterMediaInfo":             {"TestRegisterMediaInfo", "TestRegisterMediaInfoErrors"},
	"GetMediaInfo":                  {"TestGetMediaInfo", "TestRegisterMediaInfo"},
	"SubmitMediaProducingJob":       {"TestSubmitMediaProducingJob", "TestSubmitMediaProducingJobErrors", "TestSubmitMediaProducingJobThrottling"},
	"GetMediaProducingJob":          {"TestGetMediaProducingJob", "TestMediaProducingJobFailures", "TestEndToEndProduction"},
	// media library (contract/media_library_test.go)
	"UpdateMediaInfo":     {"TestMediaLibraryActions", "TestMediaLibraryErrors"},
	"DeleteMediaInfos":    {"TestMediaLibraryActions", "TestMediaLibraryErrors", "TestDeleteMediaUsedByProjectThroughSDK"},
	"BatchGetMediaInfos":  {"TestMediaLibraryActions", "TestMediaLibraryErrors"},
	"ListMediaBasicInfos": {"TestMediaLibraryActions", "TestMediaLibraryErrors"},
	"SearchMedia":         {"TestMediaLibraryActions", "TestMediaLibraryErrors"},
	"UploadMediaByURL":    {"TestUploadMediaByURLThroughSDK", "TestMediaLibraryErrors"},
	"GetUrlUploadInfos":   {"TestUploadMediaByURLThroughSDK", "TestMediaLibraryErrors"},
}

// sdkOutOfScope are the matching SDK methods icefake does not implement
// (issue 4 covers the editing-project lifecycle and what production needs).
// Each is absent from ice.yaml but known from the SDK's model
// (generated.yaml), so the fake answers 501 NotImplemented unless a stub
// answers (TestEverySDKMethodReachesIcefake).
var sdkOutOfScope = map[string]string{
	"GetMediaInfoJob":        "media-info (probe) jobs: the fake cannot probe files",
	"SubmitMediaInfoJob":     "media-info (probe) jobs: the fake cannot probe files",
	"SubmitSyncMediaInfoJob": "media-info (probe) jobs: the fake cannot probe files",
	"ListMediaInfoJobs":      "media-info (probe) jobs: the fake cannot probe files",
	"GetPublicMediaInfo":     "public media library",
	"SearchPublicMediaInfo":  "public media library",
	// media library methods icefake does not implement
	"ListPublicMediaBasicInfos": "public media library",
	"SearchMediaByFace":         "face search needs media analysis icefake does not run",
	"SearchMediaClipByFace":     "face search needs media analysis icefake does not run",
}

// sdkMethodsInScope returns the methods of *ice.Client whose names name an
// editing project, a media-producing job, media info or the media library
// (basic infos, search, URL uploads), without the
// …WithOptions variants.
func sdkMethodsInScope() []string {
	var out []string
	typ := reflect.TypeFor[*ice.Client]()
	for i := range typ.NumMethod() {
		name := typ.Method(i).Name
		if strings.HasSuffix(name, "WithOptions") {
			continue
		}
		if strings.Contains(name, "EditingProject") || strings.Contains(name, "MediaProducingJob") || strings.Contains(name, "MediaInfo") ||
			strings.Contains(name, "MediaBasicInfo") || strings.Contains(name, "SearchMedia") || strings.Contains(name, "UploadMediaByURL") ||
			strings.Contains(name, "UrlUpload") {
			out = append(out, name)
		}
	}
	return out
}

// contractTests returns the Test functions declared in this package's
// _test.go files, and the names of every method called on anything (x.M()).
func contractTests(t *testing.T) (tests, called map[string]bool) {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("glob *_test.go = %v, %v", files, err)
	}
	fset := token.NewFileSet()
	tests, called = map[string]bool{}, map[string]bool{}
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
				tests[fn.Name.Name] = true
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					called[sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	return tests, called
}

// TestSDKMethodsCovered fails when an in-scope SDK method has no contract
// test (a listed Test function that exists, and a call of the method in
// this package) or no Action in the spec, or is neither covered nor
// excluded.
func TestSDKMethodsCovered(t *testing.T) {
	methods := sdkMethodsInScope()
	if len(methods) < len(sdkCoverage) {
		t.Fatalf("found %d SDK methods (%v), fewer than the %d covered: the filter is broken", len(methods), methods, len(sdkCoverage))
	}
	tests, called := contractTests(t)
	spec := openapi.MustLoad()
	for _, m := range methods {
		names, covered := sdkCoverage[m]
		_, excluded := sdkOutOfScope[m]
		switch {
		case covered && excluded:
			t.Errorf("%s is both covered and excluded", m)
		case excluded:
			if spec.Operations[m] != nil {
				t.Errorf("%s is excluded as out of scope, but the spec describes it: cover it instead", m)
			}
		case !covered:
			t.Errorf("SDK method %s has no contract test: add it to sdkCoverage with its tests, or to sdkOutOfScope with a reason", m)
		default:
			if spec.Operations[m] == nil {
				t.Errorf("SDK method %s: the spec has no Action %s", m, m)
			}
			for _, name := range names {
				if !tests[name] {
					t.Errorf("SDK method %s: contract test %s does not exist", m, name)
				}
			}
			if !called[m] {
				t.Errorf("SDK method %s: no contract test file calls it", m)
			}
		}
	}
	for m := range sdkCoverage {
		if !slices.Contains(methods, m) {
			t.Errorf("sdkCoverage names %s, which is not an in-scope method of the SDK client", m)
		}
	}
	for m := range sdkOutOfScope {
		if !slices.Contains(methods, m) {
			t.Errorf("sdkOutOfScope names %s, which is not an in-scope method of the SDK client", m)
		}
	}
}

// sdkStatus is how icefake answers the Action of one SDK method.
type sdkStatus string

const (
	// sdkImplemented: a handler of icefake answers it.
	sdkImplemented sdkStatus = "implemented"
	// sdkStubbable: the merged spec knows it (spec only): icefake validates
	// its parameters and answers 501 NotImplemented unless a stub answers.
	sdkStubbable sdkStatus = "stubbable"
	// sdkUnknown: not in the merged spec: 404 InvalidAction.NotFound.
	sdkUnknown sdkStatus = "unknown"
)

// sdkReport classifies the Action of every Action method of the SDK v2.1.0
// client (sdkActionMethods): implemented, stubbable or unknown.
func sdkReport(spec *openapi.Spec) map[string]sdkStatus {
	implemented := fake.SupportedActions()
	out := map[string]sdkStatus{}
	for _, m := range sdkActionMethods() {
		switch {
		case slices.Contains(implemented, m.name):
			out[m.name] = sdkImplemented
		case spec.Known(m.name):
			out[m.name] = sdkStubbable
		default:
			out[m.name] = sdkUnknown
		}
	}
	return out
}

// sdkCounts counts a report by status.
func sdkCounts(report map[string]sdkStatus) map[sdkStatus]int {
	n := map[sdkStatus]int{}
	for _, st := range report {
		n[st]++
	}
	return n
}

// TestSDKCoverageReport reports every method of the SDK v2.1.0 client as
// implemented, stubbable (spec only) or unknown, and fails on an unknown
// one; the methods sdkCoverage names are implemented and those
// sdkOutOfScope names stubbable. The README's supported-Actions table is
// rendered from the same report (TestREADMEActionsTable).
func TestSDKCoverageReport(t *testing.T) {
	spec := openapi.MustLoad()
	report := sdkReport(spec)
	if len(report) < 190 {
		t.Fatalf("report covers %d SDK methods, want SDK v2.1.0's 192", len(report))
	}
	byStatus := map[sdkStatus][]string{}
	for m, st := range report {
		byStatus[st] = append(byStatus[st], m)
	}
	for _, ms := range byStatus {
		slices.Sort(ms)
	}
	t.Logf("SDK v2.1.0 methods: %d implemented %v; %d stubbable; %d unknown",
		len(byStatus[sdkImplemented]), byStatus[sdkImplemented], len(byStatus[sdkStubbable]), len(byStatus[sdkUnknown]))
	if u := byStatus[sdkUnknown]; len(u) > 0 {
		t.Errorf("SDK v2.1.0 methods whose Action the merged spec lacks (404 InvalidAction.NotFound): %v", u)
	}
	for m := range sdkCoverage {
		if report[m] != sdkImplemented {
			t.Errorf("sdkCoverage names %s, reported %q, want implemented", m, report[m])
		}
	}
	for m := range sdkOutOfScope {
		if report[m] != sdkStubbable {
			t.Errorf("sdkOutOfScope names %s, reported %q, want stubbable", m, report[m])
		}
	}
	for _, a := range fake.SupportedActions() {
		if _, inV2 := report[a]; !inV2 && openapi.GeneratedOnlyIn(a) == "" && !slices.Contains(openapi.GeneratedActions(), a) {
			t.Errorf("implemented Action %s is in neither SDK v2.1.0 nor the newest SDK's model", a)
		}
	}
}
