package fake

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// addCat adds a category and returns its CateId.
func addCat(t *testing.T, s *Server, params map[string]string) int64 {
	t.Helper()
	cat := prOK(t, s, "AddCategory", params)["Category"].(map[string]any)
	return int64(cat["CateId"].(float64))
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

// TestCategoryActionsLifecycle: AddCategory → GetCategories →
// UpdateCategory → DeleteCategory on a three-level tree, exact bodies.
func TestCategoryActionsLifecycle(t *testing.T) {
	s := newProductionServer(t, WithCredentials(otherTenant))
	root := prOK(t, s, "AddCategory", map[string]string{"CateName": "News"})["Category"]
	if want := map[string]any{"CateId": 1.0, "CateName": "News", "Level": 0.0, "ParentId": -1.0, "Type": "default"}; !equalJSON(root, want) {
		t.Errorf("AddCategory root = %v, want %v", root, want)
	}
	child := prOK(t, s, "AddCategory", map[string]string{"CateName": "Sports", "ParentId": "1"})["Category"]
	if want := map[string]any{"CateId": 2.0, "CateName": "Sports", "Level": 1.0, "ParentId": 1.0, "Type": "default"}; !equalJSON(child, want) {
		t.Errorf("AddCategory child = %v, want %v", child, want)
	}
	s.Advance(time.Minute)
	addCat(t, s, map[string]string{"CateName": "Football", "ParentId": "2"}) // 3, level 2
	addCat(t, s, map[string]string{"CateName": "Weather", "ParentId": "1"})  // 4, newer than Sports
	addCat(t, s, map[string]string{"CateName": "Clips", "Type": "material"}) // 5
	addCat(t, s, map[string]string{"CateName": "Zero", "ParentId": "0"})     // 6: ParentId < 1 is the top level

	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{"top level, newest first", nil, `{"SubCategories":{"Category":[
			{"CateId":6,"CateName":"Zero","Level":0,"ParentId":-1,"SubTotal":0,"Type":"default"},
			{"CateId":1,"CateName":"News","Level":0,"ParentId":-1,"SubTotal":2,"Type":"default"}]},"SubTotal":2}`},
		{"top level of material", map[string]string{"Type": "material"}, `{"SubCategories":{"Category":[
			{"CateId":5,"CateName":"Clips","Level":0,"ParentId":-1,"SubTotal":0,"Type":"material"}]},"SubTotal":1}`},
		{"one category, ascending", map[string]string{"CateId": "1", "SortBy": "CreationTime:Asc"}, `{
			"Category":{"CateId":1,"CateName":"News","Level":0,"ParentId":-1,"Type":"default"},
			"SubCategories":{"Category":[
			{"CateId":2,"CateName":"Sports","Level":1,"ParentId":1,"SubTotal":1,"Type":"default"},
			{"CateId":4,"CateName":"Weather","Level":1,"ParentId":1,"SubTotal":0,"Type":"default"}]},"SubTotal":2}`},
		{"one category, descending", map[string]string{"CateId": "1"}, `{
			"Category":{"CateId":1,"CateName":"News","Level":0,"ParentId":-1,"Type":"default"},
			"SubCategories":{"Category":[
			{"CateId":4,"CateName":"Weather","Level":1,"ParentId":1,"SubTotal":0,"Type":"default"},
			{"CateId":2,"CateName":"Sports","Level":1,"ParentId":1,"SubTotal":1,"Type":"default"}]},"SubTotal":2}`},
		{"level 3 leaf", map[string]string{"CateId": "3", "Type": "default"}, `{
			"Category":{"CateId":3,"CateName":"Football","Level":2,"ParentId":2,"Type":"default"},
			"SubCategories":{"Category":[]},"SubTotal":0}`},
		{"past the last page", map[string]string{"CateId": "1", "PageNo": "2", "PageSize": "10"}, `{
			"Category":{"CateId":1,"CateName":"News","Level":0,"ParentId":-1,"Type":"default"},
			"SubCategories":{"Category":[]},"SubTotal":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := prOK(t, s, "GetCategories", tt.params)
			delete(got, "RequestId")
			prEqual(t, "GetCategories", got, tt.want)
		})
	}
	if status, body := rpcAs(t, s, otherTenant.AccessKeyId, otherTenant.AccessKeySecret, "GetCategories", map[string]string{"CateId": "1"}); status != 404 {
		t.Errorf("another tenant's GetCategories(1) = %d %v, want 404", status, body)
	}

	prOK(t, s, "UpdateCategory", map[string]string{"CateId": "2", "CateName": "Sport"})
	got := prOK(t, s, "GetCategories", map[string]string{"CateId": "2"})["Category"]
	if want := map[string]any{"CateId": 2.0, "CateName": "Sport", "Level": 1.0, "ParentId": 1.0, "Type": "default"}; !equalJSON(got, want) {
		t.Errorf("after UpdateCategory: %v, want %v", got, want)
	}

	prOK(t, s, "DeleteCategory", map[string]string{"CateId": "2"})
	for _, id := range []string{"2", "3"} {
		status, body := rpc(t, s, "GetCategories", map[string]string{"CateId": id})
		requireError(t, status, body, 404, "InvalidCateId.NotFound", "CateId "+id)
	}
	after := prOK(t, s, "GetCategories", map[string]string{"CateId": "1"})
	if subs := after["SubCategories"].(map[string]any)["Category"].([]any); after["SubTotal"] != 1.0 || len(subs) != 1 || subs[0].(map[string]any)["CateId"] != 4.0 {
		t.Errorf("GetCategories(1) after deleting 2 = %v, want only Weather (4)", after)
	}
	if next := addCat(t, s, map[string]string{"CateName": "New"}); next != 7 {
		t.Errorf("CateId after a delete = %d, want 7 (IDs are not reused)", next)
	}
}

// TestCategoryLimits: three levels, 100 categories per level, the parent's
// Type; nothing stored by a refused call.
func TestCategoryLimits(t *testing.T) {
	s := newProductionServer(t)
	l1 := addCat(t, s, map[string]string{"CateName": "l1"})
	l2 := addCat(t, s, map[string]string{"CateName": "l2", "ParentId": idStr(l1)})
	l3 := addCat(t, s, map[string]string{"CateName": "l3", "ParentId": idStr(l2)})
	mat := addCat(t, s, map[string]string{"CateName": "m", "Type": "material"})
	sub := prOK(t, s, "AddCategory", map[string]string{"CateName": "m2", "ParentId": idStr(mat)})["Category"].(map[string]any)
	if sub["Type"] != "material" || sub["Level"] != 1.0 {
		t.Errorf("a material category's child = %v, want Type material Level 1", sub)
	}
	for i := range 99 {
		addCat(t, s, map[string]string{"CateName": "c" + strconv.Itoa(i), "ParentId": idStr(l1)}) // l1 now has 100
	}
	for i := range 99 {
		addCat(t, s, map[string]string{"CateName": "r" + strconv.Itoa(i)}) // the default top level now has 100
	}
	tests := []struct {
		name      string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"fourth level", map[string]string{"CateName": "l4", "ParentId": idStr(l3)}, 400, "LevelExceededMax", []string{"3 levels"}},
		{"101st child", map[string]string{"CateName": "x", "ParentId": idStr(l1)}, 400, "SubTotalExceededMax", []string{"100"}},
		{"101st top-level category", map[string]string{"CateName": "x"}, 400, "SubTotalExceededMax", nil},
		{"unknown parent", map[string]string{"CateName": "x", "ParentId": "999"}, 404, "InvalidCateId.NotFound", []string{"CateId 999"}},
		{"Type other than the parent's", map[string]string{"CateName": "x", "ParentId": idStr(mat), "Type": "default"}, 400, "InvalidParameter", []string{`"Type"`, "material"}},
		{"name over 64 bytes", map[string]string{"CateName": strings.Repeat("é", 33)}, 400, "InvalidParameter", []string{`"CateName"`, "66"}},
		{"no name", map[string]string{"ParentId": idStr(l1)}, 400, "MissingParameter", []string{"CateName"}},
		{"ParentId not an integer", map[string]string{"CateName": "x", "ParentId": "one"}, 400, "InvalidParameter", []string{"ParentId"}},
		{"unknown Type", map[string]string{"CateName": "x", "Type": "video"}, 400, "InvalidParameter", []string{"Type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "AddCategory", tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
	material := addCat(t, s, map[string]string{"CateName": "room on another Type's top level", "Type": "material"})
	if got := prOK(t, s, "GetCategories", map[string]string{"CateId": idStr(l1), "PageSize": "100"})["SubTotal"]; got != 100.0 {
		t.Errorf("SubTotal of l1 = %v, want 100 (refused calls store nothing)", got)
	}
	if material != mat+1+99+99+1 {
		t.Errorf("CateId after refused calls = %d, want %d (refused calls take no ID)", material, mat+1+99+99+1)
	}
}

// TestCategoryActionsErrors: bad input and unknown IDs get the service's
// errors and change nothing.
func TestCategoryActionsErrors(t *testing.T) {
	s := newProductionServer(t)
	id := addCat(t, s, map[string]string{"CateName": "keep", "Type": "material"})
	tests := []struct {
		name      string
		action    string
		params    map[string]string
		status    int
		code      string
		fragments []string
	}{
		{"Get unknown", "GetCategories", map[string]string{"CateId": "42"}, 404, "InvalidCateId.NotFound", []string{"CateId 42"}},
		{"Get of another Type", "GetCategories", map[string]string{"CateId": idStr(id), "Type": "default"}, 404, "InvalidCateId.NotFound", nil},
		{"Get PageSize below 10", "GetCategories", map[string]string{"PageSize": "5"}, 400, "InvalidParameter", []string{"PageSize"}},
		{"Get PageSize over 100", "GetCategories", map[string]string{"PageSize": "101"}, 400, "InvalidParameter", []string{"PageSize"}},
		{"Get PageNo 0", "GetCategories", map[string]string{"PageNo": "0"}, 400, "InvalidParameter", []string{"PageNo"}},
		{"Get unknown SortBy", "GetCategories", map[string]string{"SortBy": "Name"}, 400, "InvalidParameter", []string{"SortBy"}},
		{"Update unknown", "UpdateCategory", map[string]string{"CateId": "42", "CateName": "x"}, 404, "InvalidCateId.NotFound", []string{"CateId 42"}},
		{"Update without name", "UpdateCategory", map[string]string{"CateId": idStr(id)}, 400, "MissingParameter", []string{"CateName"}},
		{"Update without id", "UpdateCategory", map[string]string{"CateName": "x"}, 400, "MissingParameter", []string{"CateId"}},
		{"Update name too long", "UpdateCategory", map[string]string{"CateId": idStr(id), "CateName": strings.Repeat("a", 65)}, 400, "InvalidParameter", []string{`"CateName"`}},
		{"Delete unknown", "DeleteCategory", map[string]string{"CateId": "42"}, 404, "InvalidCateId.NotFound", []string{"CateId 42"}},
		{"Delete without id", "DeleteCategory", nil, 400, "MissingParameter", []string{"CateId"}},
		{"Delete id not an integer", "DeleteCategory", map[string]string{"CateId": "x"}, 400, "InvalidParameter", []string{"CateId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, tt.action, tt.params)
			requireError(t, status, body, tt.status, tt.code, tt.fragments...)
		})
	}
	got := prOK(t, s, "GetCategories", map[string]string{"CateId": idStr(id)})["Category"].(map[string]any)
	if got["CateName"] != "keep" {
		t.Errorf("a failed UpdateCategory changed the category: %v", got)
	}
}

// TestMediaCateName: a medium's CateId resolves to its category's CateName
// in GetMediaInfo, follows renames, and is cleared when the category (or
// an ancestor) is deleted; an unknown CateId stays without a CateName.
func TestMediaCateName(t *testing.T) {
	s := newProductionServer(t)
	top := addCat(t, s, map[string]string{"CateName": "Top"})
	leaf := addCat(t, s, map[string]string{"CateName": "Leaf", "ParentId": idStr(top)})
	register := func(url, cate string) string {
		return prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": url, "CateId": cate}), "MediaId")
	}
	inLeaf := register(prURL, idStr(leaf))
	unknown := register("https://example-bucket.oss-cn-shanghai.aliyuncs.com/other.mp4", "3048")
	basic := func(id string) map[string]any {
		t.Helper()
		return prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": id})["MediaInfo"].(map[string]any)["MediaBasicInfo"].(map[string]any)
	}
	steps := []struct {
		name     string
		do       func()
		media    string
		wantID   any
		wantName any
	}{
		{"registered in a category", func() {}, inLeaf, float64(leaf), "Leaf"},
		{"unknown CateId", func() {}, unknown, 3048.0, nil},
		{"after a rename", func() { prOK(t, s, "UpdateCategory", map[string]string{"CateId": idStr(leaf), "CateName": "Renamed"}) }, inLeaf, float64(leaf), "Renamed"},
		{"after deleting the parent", func() { prOK(t, s, "DeleteCategory", map[string]string{"CateId": idStr(top)}) }, inLeaf, nil, nil},
	}
	for _, st := range steps {
		st.do()
		b := basic(st.media)
		if b["CateId"] != st.wantID || b["CateName"] != st.wantName {
			t.Errorf("%s: CateId %v CateName %v, want %v %v", st.name, b["CateId"], b["CateName"], st.wantID, st.wantName)
		}
	}
}

// TestCategoriesReset: Reset and ResetTenant drop a tenant's categories;
// CateIds start from 1 again.
func TestCategoriesReset(t *testing.T) {
	for _, tt := range []struct {
		name  string
		reset func(s *Server)
	}{
		{"Reset", (*Server).Reset},
		{"ResetTenant", func(s *Server) { s.ResetTenant(DefaultAccessKeyId) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newProductionServer(t)
			addCat(t, s, map[string]string{"CateName": "a"})
			addCat(t, s, map[string]string{"CateName": "b"})
			tt.reset(s)
			status, body := rpc(t, s, "GetCategories", map[string]string{"CateId": "1"})
			requireError(t, status, body, 404, "InvalidCateId.NotFound")
			if id := addCat(t, s, map[string]string{"CateName": "c"}); id != 1 {
				t.Errorf("first CateId after %s = %d, want 1", tt.name, id)
			}
		})
	}
}

// TestMediaLibraryCateName: the media-library answers carry CateId and
// CateName as each Action's model has them (SearchMedia both,
// ListMediaBasicInfos CateId only, BatchGetMediaInfos neither), and
// UpdateMediaInfo moves a medium between categories.
func TestMediaLibraryCateName(t *testing.T) {
	s := newProductionServer(t)
	news := addCat(t, s, map[string]string{"CateName": "News"})
	sport := addCat(t, s, map[string]string{"CateName": "Sport"})
	id := prString(t, prOK(t, s, "RegisterMediaInfo", map[string]string{"InputURL": prURL, "CateId": idStr(news)}), "MediaId")
	first := func(body map[string]any, list string) map[string]any {
		t.Helper()
		items, _ := body[list].([]any)
		if len(items) != 1 {
			t.Fatalf("%s: %d items, want 1: %v", list, len(items), body)
		}
		return items[0].(map[string]any)["MediaBasicInfo"].(map[string]any)
	}
	tests := []struct {
		name     string
		got      func() map[string]any
		wantID   any
		wantName any
	}{
		{"ListMediaBasicInfos", func() map[string]any {
			return first(prOK(t, s, "ListMediaBasicInfos", map[string]string{"MediaId": id}), "MediaInfos")
		}, float64(news), nil},
		{"BatchGetMediaInfos", func() map[string]any {
			return first(prOK(t, s, "BatchGetMediaInfos", map[string]string{"MediaIds": id}), "MediaInfos")
		}, nil, nil},
		{"SearchMedia by cateId", func() map[string]any {
			return first(prOK(t, s, "SearchMedia", map[string]string{"Match": "cateId = " + idStr(news)}), "MediaInfoList")
		}, float64(news), "News"},
		{"GetMediaInfo after UpdateMediaInfo CateId", func() map[string]any {
			prOK(t, s, "UpdateMediaInfo", map[string]string{"MediaId": id, "CateId": idStr(sport)})
			return prOK(t, s, "GetMediaInfo", map[string]string{"MediaId": id})["MediaInfo"].(map[string]any)["MediaBasicInfo"].(map[string]any)
		}, float64(sport), "Sport"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.got()
			if b["CateId"] != tt.wantID || b["CateName"] != tt.wantName {
				t.Errorf("CateId %v CateName %v, want %v %v", b["CateId"], b["CateName"], tt.wantID, tt.wantName)
			}
		})
	}
}
