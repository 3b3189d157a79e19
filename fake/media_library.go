package fake

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The media library Actions over the tenant's media (registered, produced
// and uploaded; docs/fidelity.md "Media library"): UpdateMediaInfo,
// DeleteMediaInfos, BatchGetMediaInfos and ListMediaBasicInfos. SearchMedia
// is in media_search.go, the URL uploads in media_upload.go. Every answer is
// rendered from the medium's mediaView, as GetMediaInfo's is.

// maxDeleteMedia is DeleteMediaInfos' limit (API reference: "at most 20
// media assets at a time").
const maxDeleteMedia = 20

// libraryBasicInfo is the MediaBasicInfo of ListMediaBasicInfos,
// SearchMedia and BatchGetMediaInfos: GetMediaInfo's fields plus
// TranscodeStatus, all strings except CateId (SDK v2.1.0).
type libraryBasicInfo struct {
	MediaId         string `json:"MediaId"`
	InputURL        string `json:"InputURL,omitempty"`
	MediaType       string `json:"MediaType,omitempty"`
	BusinessType    string `json:"BusinessType,omitempty"`
	Source          string `json:"Source,omitempty"`
	Title           string `json:"Title,omitempty"`
	Description     string `json:"Description,omitempty"`
	MediaTags       string `json:"MediaTags,omitempty"`
	CoverURL        string `json:"CoverURL,omitempty"`
	UserData        string `json:"UserData,omitempty"`
	Category        string `json:"Category,omitempty"`
	Status          string `json:"Status"`
	TranscodeStatus string `json:"TranscodeStatus,omitempty"`
	CreateTime      string `json:"CreateTime,omitempty"`
	ModifiedTime    string `json:"ModifiedTime,omitempty"`
	Biz             string `json:"Biz,omitempty"`
	CateId          *int64 `json:"CateId,omitempty"`
	// CateName is in SearchMedia's model only (newest SDK
	// search_media_response_body_model.go); the other Actions drop it.
	CateName    string `json:"CateName,omitempty"`
	ReferenceId string `json:"ReferenceId,omitempty"`
}

type libraryMediaInfo struct {
	MediaId        string           `json:"MediaId"`
	MediaBasicInfo libraryBasicInfo `json:"MediaBasicInfo"`
	FileInfoList   []fileInfoBody   `json:"FileInfoList,omitempty"` // GetMediaInfo's file shape
}

// library renders the view for the library Actions: files adds the
// FileInfoList's FileBasicInfo, streams its stream lists too.
func (mv mediaView) library(region string, files, streams bool) libraryMediaInfo {
	b := mv.body(region)
	mb := b.MediaBasicInfo
	out := libraryMediaInfo{MediaId: mv.MediaId, MediaBasicInfo: libraryBasicInfo{
		MediaId: mb.MediaId, InputURL: mb.InputURL, MediaType: mb.MediaType, BusinessType: mb.BusinessType, Source: mb.Source,
		Title: mb.Title, Description: mb.Description, MediaTags: mb.MediaTags, CoverURL: mb.CoverURL, UserData: mb.UserData,
		Category: mb.Category, Status: mb.Status, TranscodeStatus: mv.transcodeStatus(), CreateTime: mb.CreateTime,
		ModifiedTime: mb.ModifiedTime, Biz: mb.Biz, CateId: mb.CateId, CateName: mb.CateName, ReferenceId: mb.ReferenceId,
	}}
	if !files {
		return out
	}
	for _, f := range b.FileInfoList {
		if !streams {
			f = fileInfoBody{FileBasicInfo: f.FileBasicInfo}
		}
		out.FileInfoList = append(out.FileInfoList, f)
	}
	return out
}

// libraryViews returns the views of the tenant's own media (registered,
// produced, uploaded; not seeds) at now, oldest first (CreateTime, then
// MediaId). Callers hold st.mu.
func (st *store) libraryViews(tenant string, now time.Time) []mediaView {
	media := st.tenantMedia(tenant, now)
	if media.t == nil {
		return nil
	}
	out := make([]mediaView, 0, len(media.t.assets))
	for _, a := range media.t.assets {
		out = append(out, media.assetView(a))
	}
	slices.SortFunc(out, func(a, b mediaView) int {
		if d := a.CreateTime.Compare(b.CreateTime); d != 0 {
			return d
		}
		return strings.Compare(a.MediaId, b.MediaId)
	})
	return out
}

type updateMediaInfoResponse struct {
	meta
	MediaId string `json:"MediaId"`
}

// updateMediaInfo changes the given (non-empty) fields of one of the
// tenant's media, found by MediaId, else InputURL. MediaTags replace the
// tags, or with AppendTags=true are added to them (at most 16 in all).
// Seeded media are read-only: 404 ResourceNotFound, as for unknown media.
func (s *Server) updateMediaInfo(c *call) (response, error) {
	p := c.Params
	id, inputURL := p.Get("MediaId"), p.Get("InputURL")
	if id == "" && inputURL == "" {
		e := missingParameter("MediaId")
		e.Message += " One of MediaId and InputURL is required."
		return nil, e
	}
	if err := checkMediaFields(p); err != nil {
		return nil, err
	}
	var cateID *int64
	if v := p.Get("CateId"); v != "" {
		n, _ := strconv.ParseInt(v, 10, 64) // the spec checked it
		cateID = &n
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	// productionRead: a call that finds nothing stores nothing, not even
	// an empty tenant.
	tp := st.productionRead(c.Tenant)
	var a *mediaAsset
	what := "MediaId " + strconv.Quote(id)
	if id == "" {
		what = "InputURL " + strconv.Quote(inputURL)
	}
	if tp != nil {
		a = tp.assets[id]
		if id == "" {
			a = tp.assetURL[inputURL]
		}
	}
	if a == nil {
		return nil, mediaNotFound(what, c.Tenant)
	}
	tags := a.MediaTags
	if v := p.Get("MediaTags"); v != "" {
		tags = v
		if appendTags, _ := strconv.ParseBool(p.Get("AppendTags")); appendTags && a.MediaTags != "" {
			tags = a.MediaTags + "," + v
			if err := checkTags(tags); err != nil {
				return nil, err
			}
		}
	}
	ref := p.Get("ReferenceId")
	if other := tp.assetRef[ref]; ref != "" && other != nil && other != a {
		return nil, invalidParameter("ReferenceId", "The ReferenceId is already used by media %s.", other.MediaId)
	}
	for name, field := range map[string]*string{"Title": &a.Title, "Description": &a.Description, "CoverURL": &a.CoverURL,
		"UserData": &a.UserData, "BusinessType": &a.BusinessType, "Category": &a.Category} {
		if v := p.Get(name); v != "" {
			*field = v
		}
	}
	a.MediaTags = tags
	if cateID != nil {
		a.CateId = cateID
	}
	if ref != "" && ref != a.ReferenceId {
		if tp.assetRef[a.ReferenceId] == a {
			delete(tp.assetRef, a.ReferenceId)
		}
		a.ReferenceId = ref
		tp.assetRef[ref] = a
	}
	a.ModifiedTime = c.Now
	return &updateMediaInfoResponse{MediaId: a.MediaId}, nil
}

type deleteMediaInfosResponse struct {
	meta
	ForbiddenList []string `json:"ForbiddenList"`
	IgnoredList   []string `json:"IgnoredList"`
}

// deleteMediaInfos deletes media of the tenant by MediaIds, else InputURLs
// (at most 20). Seeded media are listed in ForbiddenList, IDs and URLs
// naming nothing in IgnoredList. Projects whose Timeline or materials name
// a deleted medium keep them (docs/fidelity.md "Media library").
func (s *Server) deleteMediaInfos(c *call) (response, error) {
	name, keys, err := listParam(c, "MediaIds", "InputURLs", maxDeleteMedia)
	if err != nil {
		return nil, err
	}
	out := &deleteMediaInfosResponse{ForbiddenList: []string{}, IgnoredList: []string{}}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	tp := st.productionRead(c.Tenant) // nil: the tenant has no media; nothing is stored
	for _, k := range keys {
		var a *mediaAsset
		if tp != nil {
			a = tp.assets[k]
			if name == "InputURLs" {
				a = tp.assetURL[k]
			}
		}
		if a == nil {
			if _, seeded := st.media.byID[k]; seeded && name == "MediaIds" {
				out.ForbiddenList = append(out.ForbiddenList, k)
			} else if _, seeded := st.media.byURL[k]; seeded && name == "InputURLs" {
				out.ForbiddenList = append(out.ForbiddenList, k)
			} else {
				out.IgnoredList = append(out.IgnoredList, k)
			}
			continue
		}
		delete(tp.assets, a.MediaId)
		if tp.assetURL[a.InputURL] == a {
			delete(tp.assetURL, a.InputURL)
		}
		if a.ReferenceId != "" && tp.assetRef[a.ReferenceId] == a {
			delete(tp.assetRef, a.ReferenceId)
		}
	}
	return out, nil
}

type batchGetMediaInfosResponse struct {
	meta
	MediaInfos  []libraryMediaInfo `json:"MediaInfos"`
	IgnoredList []string           `json:"IgnoredList"`
}

// batchGetMediaInfos answers the media of MediaIds the tenant sees (its own
// and seeds) in the order asked, each once; others are listed in
// IgnoredList. AdditionType FileInfo adds the FileInfoList with its
// streams; DynamicMetaData adds nothing (icefake keeps none).
func (s *Server) batchGetMediaInfos(c *call) (response, error) {
	ids := splitCommaIDs(c.Params.Get("MediaIds"))
	if len(ids) == 0 {
		return nil, missingParameter("MediaIds")
	}
	files := false
	for _, t := range splitCommaIDs(c.Params.Get("AdditionType")) {
		switch t {
		case "FileInfo":
			files = true
		case "DynamicMetaData":
		default:
			return nil, invalidParameter("AdditionType", "%q is not FileInfo or DynamicMetaData.", t)
		}
	}
	out := &batchGetMediaInfosResponse{MediaInfos: []libraryMediaInfo{}, IgnoredList: []string{}}
	region := s.Region()
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	media := s.store.tenantMedia(c.Tenant, c.Now)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		mv, ok := media.view(id)
		if !ok {
			out.IgnoredList = append(out.IgnoredList, id)
			continue
		}
		info := mv.library(region, files, true)
		// not in BatchGetMediaInfos' model
		info.MediaBasicInfo.CateId, info.MediaBasicInfo.CateName, info.MediaBasicInfo.ReferenceId = nil, "", ""
		for i := range info.FileInfoList {
			info.FileInfoList[i].FileBasicInfo.CreateTime, info.FileInfoList[i].FileBasicInfo.ModifiedTime = "", ""
		}
		out.MediaInfos = append(out.MediaInfos, info)
	}
	return out, nil
}

type listMediaBasicInfosResponse struct {
	meta
	MediaInfos []libraryMediaInfo `json:"MediaInfos"`
	TotalCount int64              `json:"TotalCount"`
	MaxResults int                `json:"MaxResults"`
	NextToken  string             `json:"NextToken,omitempty"`
}

// mediaListFilter is ListMediaBasicInfos' filters.
type mediaListFilter struct {
	mediaType, source, businessType, status, mediaID string
	// after (exclusive) and until (inclusive) bound CreateTime; zero = open.
	after, until time.Time
}

func (f *mediaListFilter) match(mv *mediaView) bool {
	return (f.mediaType == "" || mv.MediaType == f.mediaType) && (f.source == "" || mv.Source == f.source) &&
		(f.businessType == "" || mv.BusinessType == f.businessType) && (f.status == "" || mv.Status == f.status) &&
		(f.mediaID == "" || mv.MediaId == f.mediaID) &&
		(f.after.IsZero() || mv.CreateTime.After(f.after)) && (f.until.IsZero() || !mv.CreateTime.After(f.until))
}

func (f *mediaListFilter) binding(tenant string, desc bool) uint32 {
	h := sha256.New()
	for _, part := range []string{tenant, f.mediaType, f.source, f.businessType, f.status, f.mediaID,
		strconv.FormatInt(f.after.Unix(), 10), strconv.FormatInt(f.until.Unix(), 10), strconv.FormatBool(desc)} {
		h.Write([]byte(strconv.Itoa(len(part)) + ":" + part))
	}
	return binary.BigEndian.Uint32(h.Sum(nil))
}

func timeParam(c *call, name string) (time.Time, error) {
	v := c.Params.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02T15:04:05Z", v)
	if err != nil {
		return time.Time{}, invalidParameter(name, "%q is not a UTC time yyyy-MM-ddTHH:mm:ssZ.", v)
	}
	return t, nil
}

// listMediaBasicInfos pages the tenant's media matching the filters by
// CreateTime (SortBy desc, the default, or asc) with NextToken cursors.
func (s *Server) listMediaBasicInfos(c *call) (response, error) {
	p := c.Params
	f := mediaListFilter{mediaType: p.Get("MediaType"), source: p.Get("Source"), businessType: p.Get("BusinessType"),
		status: p.Get("Status"), mediaID: p.Get("MediaId")}
	var err error
	if f.after, err = timeParam(c, "StartTime"); err != nil {
		return nil, err
	}
	if f.until, err = timeParam(c, "EndTime"); err != nil {
		return nil, err
	}
	size, err := intParam(c, "MaxResults", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	desc := p.Get("SortBy") != "asc"
	binding := f.binding(c.Tenant, desc)
	var from *mediaCursor
	if tok := p.Get("NextToken"); tok != "" {
		cur, err := decodeMediaToken(tok, binding, c.Now, s.cfg.pageTokenTTL, s.tokenKey)
		if err != nil {
			return nil, err
		}
		from = &cur
	}
	files := p.Get("IncludeFileBasicInfo") == "true"
	region := s.Region()
	s.store.mu.RLock()
	views := s.store.libraryViews(c.Tenant, c.Now)
	s.store.mu.RUnlock()
	if desc {
		slices.Reverse(views)
	}
	out := &listMediaBasicInfosResponse{MediaInfos: []libraryMediaInfo{}, MaxResults: size}
	var last *mediaView
	for i := range views {
		mv := &views[i]
		if !f.match(mv) {
			continue
		}
		out.TotalCount++
		switch {
		case from != nil && !from.passed(mv, desc):
		case len(out.MediaInfos) < size:
			info := mv.library(region, files, false)
			info.MediaBasicInfo.CateName = "" // not in ListMediaBasicInfos' model
			out.MediaInfos = append(out.MediaInfos, info)
			last = mv
		case out.NextToken == "":
			out.NextToken = encodeMediaToken(mediaCursor{last.CreateTime.UnixNano(), last.MediaId}, binding, c.Now, s.tokenKey)
		}
	}
	return out, nil
}

// mediaCursor is the last medium of a ListMediaBasicInfos page.
type mediaCursor struct {
	nano int64
	id   string
}

// passed reports whether mv comes after the cursor in the listing order.
func (m mediaCursor) passed(mv *mediaView, desc bool) bool {
	d := int64(0)
	if n := mv.CreateTime.UnixNano(); n != m.nano {
		d = 1
		if n < m.nano {
			d = -1
		}
	} else {
		d = int64(strings.Compare(mv.MediaId, m.id))
	}
	if desc {
		return d < 0
	}
	return d > 0
}

// A ListMediaBasicInfos NextToken is a page token (page_token.go) whose
// cursor is the last medium's CreateTime in nanoseconds (8 bytes) and its
// MediaId.
func encodeMediaToken(c mediaCursor, binding uint32, now time.Time, key []byte) string {
	cur := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(c.id)), uint64(c.nano))
	return sealPageToken(binding, now, append(cur, c.id...), key)
}

func decodeMediaToken(tok string, binding uint32, now time.Time, ttl time.Duration, key []byte) (mediaCursor, error) {
	cur, err := openPageToken(tok, binding, now, ttl, key, "MediaType, Source, BusinessType, Status, MediaId, StartTime, EndTime and SortBy")
	if err != nil {
		return mediaCursor{}, err
	}
	if len(cur) < 8 {
		return mediaCursor{}, malformedPageToken()
	}
	return mediaCursor{nano: int64(binary.BigEndian.Uint64(cur[0:8])), id: string(cur[8:])}, nil
}
