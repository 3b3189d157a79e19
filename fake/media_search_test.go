package fake

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSearchMedia: each supported Match form selects exactly the media it
// describes; sorting and paging.
func TestSearchMedia(t *testing.T) {
	s := newProductionServer(t)
	reg := func(name string, extra map[string]string) string {
		return libRegister(t, s, "https://b.oss-cn-shanghai.aliyuncs.com/"+name, extra)
	}
	beach := reg("beach.mp4", map[string]string{"Title": "Summer Beach", "Description": "sand and sea", "MediaTags": "sea,sun", "CateId": "7"})
	s.Advance(time.Second)
	city := reg("city.mp4", map[string]string{"Title": "City lights", "MediaTags": "night"})
	s.Advance(time.Second)
	song := reg("song.mp3", map[string]string{"Title": "beach song", "MediaTags": "sea"})
	s.Advance(time.Second)
	photo := reg("beach.jpg", map[string]string{"Title": "beach photo"})
	s.Advance(time.Second)
	prOK(t, s, "UpdateMediaInfo", map[string]string{"MediaId": beach, "Description": "sand and sea, updated"})
	t0 := DefaultStartTime.UnixMilli()
	ms := func(d time.Duration) string { return strconv.FormatInt(t0+d.Milliseconds(), 10) }

	tests := []struct {
		name   string
		params map[string]string
		want   []string
	}{
		{"no Match: videos, newest first", nil, []string{city, beach}},
		{"title fuzzy, case-insensitive", map[string]string{"Match": "title = 'beach'"}, []string{beach}},
		{"title with == is still fuzzy", map[string]string{"Match": `Title == "BEACH"`}, []string{beach}},
		{"title in audio", map[string]string{"Match": "title = 'beach' and mediaType == 'audio'"}, []string{song}},
		{"image", map[string]string{"Match": "mediaType == 'image'"}, []string{photo}},
		{"audio or video", map[string]string{"Match": "mediaType in ('video','audio')"}, []string{song, city, beach}},
		{"description", map[string]string{"Match": "description = 'updated'"}, []string{beach}},
		{"mediaId", map[string]string{"Match": "mediaId == '" + city + "'"}, []string{city}},
		{"cateId", map[string]string{"Match": "cateId == 7"}, []string{beach}},
		{"status Normal", map[string]string{"Match": "status == 3"}, []string{city, beach}},
		{"status in", map[string]string{"Match": "status in (0,1,2)"}, []string{}},
		{"tags", map[string]string{"Match": "tagList in ('sea','night') and mediaType in ('audio','video')"}, []string{song, city, beach}},
		{"or in parentheses", map[string]string{"Match": "(title = 'city' or description = 'sand') and status == 3"}, []string{city, beach}},
		{"created range closed", map[string]string{"Match": "utcCreate = [" + ms(0) + "," + ms(time.Second) + "]"}, []string{city, beach}},
		{"created range open", map[string]string{"Match": "utcCreate = (" + ms(0) + "," + ms(time.Second) + "]"}, []string{city}},
		{"created range without upper bound", map[string]string{"Match": "utcCreate = ('" + ms(time.Second) + "','')"}, []string{}},
		{"modified range", map[string]string{"Match": "utcModified = [" + ms(4*time.Second) + ",]"}, []string{beach}},
		{"sort ascending", map[string]string{"SortBy": "utcCreate:Asc"}, []string{beach, city}},
		{"sort by modified", map[string]string{"SortBy": "utcModified:Desc"}, []string{beach, city}},
		{"page 2 of 1", map[string]string{"PageNo": "2", "PageSize": "1"}, []string{beach}},
		{"past the end", map[string]string{"PageNo": "3", "PageSize": "1"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := prOK(t, s, "SearchMedia", tt.params)
			if got := mediaIDs(body["MediaInfoList"]); !equalJSON(got, tt.want) {
				t.Errorf("SearchMedia(%v) = %v, want %v", tt.params, got, tt.want)
			}
			if body["Code"] != "200" || body["Success"] != "true" {
				t.Errorf("Code, Success = %v, %v; want 200, true", body["Code"], body["Success"])
			}
		})
	}
	body := prOK(t, s, "SearchMedia", map[string]string{"Match": "mediaId == '" + beach + "'", "PageSize": "1"})
	if body["Total"] != 1.0 {
		t.Errorf("Total = %v, want 1", body["Total"])
	}
	first := body["MediaInfoList"].([]any)[0].(map[string]any)
	mb := first["MediaBasicInfo"].(map[string]any)
	fl := first["FileInfoList"].([]any)
	if mb["Title"] != "Summer Beach" || mb["CateId"] != 7.0 || mb["MediaTags"] != "sea,sun" || mb["TranscodeStatus"] != "Init" ||
		len(fl) != 1 || fl[0].(map[string]any)["FileBasicInfo"].(map[string]any)["FileName"] != "beach.mp4" {
		t.Errorf("MediaInfoList[0] = %v", first)
	}
	if total := prOK(t, s, "SearchMedia", map[string]string{"PageSize": "1"})["Total"]; total != 2.0 {
		t.Errorf("Total of a 1-size page = %v, want 2 (every match)", total)
	}
}

// TestSearchMediaUnsupported: every Match outside the subset, and the
// parameters icefake does not support, are 400 InvalidParameter saying
// what is not supported; never a silent full list.
func TestSearchMediaUnsupported(t *testing.T) {
	s := newProductionServer(t)
	libRegister(t, s, prURL, map[string]string{"Title": "intro"})
	tests := []struct {
		name      string
		params    map[string]string
		fragments []string
	}{
		{"like", map[string]string{"Match": "title like '%intro%'"}, []string{`"Match"`, `"like"`, "not supported"}},
		{"not equal", map[string]string{"Match": "title != 'x'"}, []string{`"Match"`, "'!' at offset 6 is not part of the supported syntax"}},
		{"unknown field", map[string]string{"Match": "name = 'x'"}, []string{`"Match"`, `unknown field "name"`}},
		{"documented field icefake lacks", map[string]string{"Match": "ocrInfo.tracks.content = 'x'"}, []string{`"Match"`, "ocrInfo.tracks.content", "not supported by icefake"}},
		{"or without parentheses", map[string]string{"Match": "title = 'a' or title = 'b'"}, []string{`"Match"`, "inside parentheses"}},
		{"in on title", map[string]string{"Match": "title in ('a')"}, []string{`"Match"`, "title does not support multi-value"}},
		{"in on mediaId", map[string]string{"Match": "mediaId in ('a','b')"}, []string{`"Match"`, "mediaId does not support multi-value"}},
		{"range on status", map[string]string{"Match": "status = (1,3)"}, []string{`"Match"`, "status does not support range"}},
		{"exact on utcCreate", map[string]string{"Match": "utcCreate == 5"}, []string{`"Match"`, "range queries only"}},
		{"tagList exact", map[string]string{"Match": "tagList = 'a'"}, []string{`"Match"`, "multi-value queries only"}},
		{"status not an integer", map[string]string{"Match": "status == 'Normal'"}, []string{`"Match"`, "integers"}},
		{"unquoted string", map[string]string{"Match": "mediaId == abc"}, []string{`"Match"`, "must be quoted"}},
		{"unknown mediaType", map[string]string{"Match": "mediaType == 'movie'"}, []string{`"Match"`, "image, video, audio or text"}},
		{"image with video", map[string]string{"Match": "mediaType in ('image','video')"}, []string{`"Match"`, "images cannot be searched together"}},
		{"fuzzy over 60", map[string]string{"Match": "title = '" + strings.Repeat("中", 61) + "'"}, []string{`"Match"`, "at most 60 characters, got 61"}},
		{"unclosed string", map[string]string{"Match": "title = 'x"}, []string{`"Match"`, "no closing"}},
		{"unclosed parenthesis", map[string]string{"Match": "(title = 'x'"}, []string{`"Match"`, "closing parenthesis"}},
		{"trailing garbage", map[string]string{"Match": "title = 'x' title = 'y'"}, []string{`"Match"`, "and, or the end"}},
		{"dangling and", map[string]string{"Match": "title = 'x' and"}, []string{`"Match"`, "ends where a field name is expected"}},
		{"bad range bound", map[string]string{"Match": "utcCreate = ('yesterday',)"}, []string{`"Match"`, "epoch milliseconds"}},
		{"SortBy field", map[string]string{"SortBy": "title:Asc"}, []string{`"SortBy"`, "title:Asc"}},
		{"PageSize 51", map[string]string{"PageSize": "51"}, []string{"PageSize"}},
		{"ScrollToken", map[string]string{"ScrollToken": "F8C4F642184DBDA5D93907A70AAE0000"}, []string{`"ScrollToken"`, "does not support"}},
		{"SearchLibName", map[string]string{"SearchLibName": "test-1"}, []string{`"SearchLibName"`}},
		{"CustomFilters", map[string]string{"CustomFilters": `{"intField1":12}`}, []string{`"CustomFilters"`}},
		{"EntityId", map[string]string{"EntityId": "e"}, []string{`"EntityId"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := rpc(t, s, "SearchMedia", tt.params)
			requireError(t, status, body, 400, "InvalidParameter", tt.fragments...)
		})
	}
}
