package fake

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// URL upload jobs (UploadMediaByURL, GetUrlUploadInfos; docs/fidelity.md
// "Media library"). An upload creates its medium at once (Preparing); the
// job runs on the virtual clock: PENDING for uploadQueued, PROCESSING until
// uploadTakes after its creation, then SUCCESS (the medium is Normal, with
// the facts of the seed describing the source URL, as a registered medium
// has) or FAIL (the medium is PrepareFail).

// Upload timing on the virtual clock (UNCONFIRMED; the service's depends on
// the file).
const (
	uploadQueued = 2 * time.Second
	uploadTakes  = 10 * time.Second
	// maxUploadURLs is UploadMediaByURL's limit, maxUploadQuery
	// GetUrlUploadInfos' (API reference).
	maxUploadURLs  = 20
	maxUploadQuery = 10
)

type uploadPhase int

const (
	uploadPending uploadPhase = iota
	uploadProcessing
	uploadSuccess
	uploadFailed
)

// uploadStatus names the phases as GetUrlUploadInfos' Status.
var uploadStatus = [...]string{uploadPending: "PENDING", uploadProcessing: "PROCESSING", uploadSuccess: "SUCCESS", uploadFailed: "FAIL"}

// urlUpload is one URL upload job.
type urlUpload struct {
	JobId, MediaId, SourceURL, UserData string
	Created, done                       time.Time
	// failCode and failMessage are set when the job will fail.
	failCode, failMessage string
}

// tenantUploads holds a tenant's upload jobs by JobId and by source URL (in
// creation order).
type tenantUploads struct {
	byID  map[string]*urlUpload
	byURL map[string][]*urlUpload
}

func (u *urlUpload) phaseAt(now time.Time) uploadPhase {
	switch {
	case now.Before(u.Created.Add(uploadQueued)):
		return uploadPending
	case now.Before(u.done):
		return uploadProcessing
	case u.failCode != "":
		return uploadFailed
	}
	return uploadSuccess
}

// settle sets the medium's Status and ModifiedTime from the job at now and
// reports whether its file is there (the job succeeded).
func (u *urlUpload) settle(mv *mediaView, now time.Time) bool {
	switch u.phaseAt(now) {
	case uploadSuccess:
		mv.ModifiedTime = u.done
		return true
	case uploadFailed:
		mv.Status, mv.ModifiedTime = "PrepareFail", u.done
	default:
		mv.Status = "Preparing"
	}
	mv.HasFile = false
	return false
}

// file is what is known of an uploaded medium's file at v.now: the seed
// describing its source URL once the job succeeded.
func (u *urlUpload) file(v tenantMedia) (Media, bool) {
	if u.phaseAt(v.now) != uploadSuccess {
		return Media{}, false
	}
	m, ok := v.st.media.byURL[u.SourceURL]
	return m, ok
}

// uploadMeta is one entry of UploadMediaByURL's MediaMetaData.
type uploadMeta struct {
	SourceURL     string `json:"SourceURL"`
	Title         string `json:"Title"`
	Description   string `json:"Description"`
	CoverURL      string `json:"CoverURL"`
	Tags          string `json:"Tags"`
	BusinessType  string `json:"BusinessType"`
	MediaType     string `json:"MediaType"`
	FileExtension string `json:"FileExtension"`
	CateId        *int64 `json:"CateId"`
}

// uploadTarget is UploadMediaByURL's UploadTargetConfig.
type uploadTarget struct {
	StorageType     string `json:"StorageType"`
	StorageLocation string `json:"StorageLocation"`
}

type uploadJobBody struct {
	JobId     string `json:"JobId"`
	MediaId   string `json:"MediaId"`
	SourceURL string `json:"SourceURL"`
}

type uploadMediaByURLResponse struct {
	meta
	UploadJobs []uploadJobBody `json:"UploadJobs"`
}

// listParam reads the comma-separated list parameter first, else second
// (first wins when it names anything), at most limit entries. It returns
// the name read and its entries; neither given is 400 MissingParameter
// naming first, over limit 400 InvalidParameter naming the one read.
func listParam(c *call, first, second string, limit int) (string, []string, error) {
	name := first
	keys := splitCommaIDs(c.Params.Get(name))
	if len(keys) == 0 {
		name = second
		keys = splitCommaIDs(c.Params.Get(name))
	}
	if len(keys) == 0 {
		e := missingParameter(first)
		e.Message += " One of " + first + " and " + second + " is required."
		return "", nil, e
	}
	if len(keys) > limit {
		return "", nil, invalidParameter(name, "At most %d, got %d.", limit, len(keys))
	}
	return name, keys, nil
}

// uploadMediaByURL starts one upload job per URL of UploadURLs (at most
// 20, absolute http or https URLs). MediaMetaData entries apply to the URL
// equal to their SourceURL; others are ignored. The file extension
// (MediaMetaData FileExtension, else the URL's) must be a media format
// icefake knows, else the job fails (ErrorCode InvalidFileExtension).
func (s *Server) uploadMediaByURL(c *call) (response, error) {
	p := c.Params
	urls := splitCommaIDs(p.Get("UploadURLs"))
	if len(urls) == 0 {
		return nil, missingParameter("UploadURLs")
	}
	if len(urls) > maxUploadURLs {
		return nil, invalidParameter("UploadURLs", "At most %d URLs, got %d.", maxUploadURLs, len(urls))
	}
	for _, u := range urls {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return nil, invalidParameter("UploadURLs", "%q is not an http(s) URL of a media file.", u)
		}
	}
	metas := map[string]uploadMeta{}
	if v := p.Get("MediaMetaData"); v != "" {
		var list []uploadMeta
		if err := json.Unmarshal([]byte(v), &list); err != nil {
			return nil, invalidParameter("MediaMetaData", "A JSON array of objects such as [{\"SourceURL\":\"https://a/b.mp4\",\"Title\":\"t\"}]: %v.", err)
		}
		for _, m := range list {
			fields := url.Values{"Title": {m.Title}, "Description": {m.Description}, "CoverURL": {m.CoverURL}, "MediaTags": {m.Tags}}
			if err := checkMediaFields(fields); err != nil {
				return nil, invalidParameter("MediaMetaData", "The entry for %s: %s", m.SourceURL, err.(*APIError).Message)
			}
			metas[m.SourceURL] = m
		}
	}
	var target uploadTarget
	if v := p.Get("UploadTargetConfig"); v != "" {
		_ = json.Unmarshal([]byte(v), &target) // the spec checked its shape
		if l := target.StorageLocation; l != "" && !isHostName(l) {
			return nil, invalidParameter("UploadTargetConfig", "StorageLocation %q is not a storage domain such as outin-xxx.oss-cn-shanghai.aliyuncs.com.", l)
		}
	}
	host := target.StorageLocation
	if host == "" {
		sum := sha256.Sum256([]byte(c.Tenant))
		host = "outin-" + hex.EncodeToString(sum[:8]) + ".oss-" + s.Region() + ".aliyuncs.com"
	}

	out := &uploadMediaByURLResponse{UploadJobs: []uploadJobBody{}}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	tp := st.production(c.Tenant)
	ts := st.tenant(c.Tenant)
	if ts.uploads == nil {
		ts.uploads = &tenantUploads{byID: map[string]*urlUpload{}, byURL: map[string][]*urlUpload{}}
	}
	for _, src := range urls {
		m := metas[src]
		u := &urlUpload{JobId: s.ids.resourceID(), MediaId: s.ids.resourceID(), SourceURL: src, UserData: p.Get("UserData"),
			Created: c.Now, done: c.Now.Add(uploadTakes)}
		name := fileName(src)
		ext := strings.ToLower(strings.TrimPrefix(cmp.Or(m.FileExtension, path.Ext(name)), "."))
		typ := cmp.Or(m.MediaType, mediaTypes[ext])
		if seed, ok := st.media.byURL[src]; ok && m.MediaType == "" {
			typ = seed.Type
		}
		if mediaTypes[ext] == "" {
			u.failCode, u.failMessage = "InvalidFileExtension", "The source URL has no media file extension ("+strconv.Quote(ext)+"); give FileExtension in MediaMetaData."
		}
		stem := strings.TrimSuffix(name, path.Ext(name))
		file := cmp.Or(stem, u.JobId) + "." + cmp.Or(ext, "mp4")
		a := &mediaAsset{
			// The file name is one escaped path segment: a source name or
			// FileExtension with "/", "," or spaces cannot break the URL.
			MediaId: u.MediaId, InputURL: "https://" + host + "/sv/" + u.JobId[:8] + "-" + u.JobId[8:20] + "/" + url.PathEscape(file), fileName: file,
			MediaType: typ, BusinessType: m.BusinessType, Title: cmp.Or(m.Title, stem, u.JobId), Description: m.Description,
			CoverURL: m.CoverURL, MediaTags: m.Tags, CateId: m.CateId, CreateTime: c.Now, ModifiedTime: c.Now, upload: u,
		}
		tp.assets[a.MediaId] = a
		tp.assetURL[a.InputURL] = a
		ts.uploads.byID[u.JobId] = u
		ts.uploads.byURL[src] = append(ts.uploads.byURL[src], u)
		out.UploadJobs = append(out.UploadJobs, uploadJobBody{JobId: u.JobId, MediaId: u.MediaId, SourceURL: src})
	}
	return out, nil
}

type urlUploadInfo struct {
	JobId        string `json:"JobId"`
	MediaId      string `json:"MediaId"`
	UploadURL    string `json:"UploadURL"`
	Status       string `json:"Status"`
	CreationTime string `json:"CreationTime"`
	CompleteTime string `json:"CompleteTime,omitempty"`
	FileSize     string `json:"FileSize,omitempty"`
	ErrorCode    string `json:"ErrorCode,omitempty"`
	ErrorMessage string `json:"ErrorMessage,omitempty"`
	UserData     string `json:"UserData,omitempty"`
}

type getUrlUploadInfosResponse struct {
	meta
	URLUploadInfoList []urlUploadInfo `json:"URLUploadInfoList"`
	NonExists         []string        `json:"NonExists"`
}

func (u *urlUpload) info(st *store, now time.Time) urlUploadInfo {
	ph := u.phaseAt(now)
	out := urlUploadInfo{JobId: u.JobId, MediaId: u.MediaId, UploadURL: u.SourceURL, Status: uploadStatus[ph],
		CreationTime: wireTime(u.Created), UserData: u.UserData}
	switch ph {
	case uploadSuccess:
		out.CompleteTime = wireTime(u.done)
		if m, ok := st.media.byURL[u.SourceURL]; ok && m.Size > 0 {
			out.FileSize = strconv.FormatInt(m.Size, 10)
		}
	case uploadFailed:
		out.CompleteTime, out.ErrorCode, out.ErrorMessage = wireTime(u.done), u.failCode, u.failMessage
	}
	return out
}

// getUrlUploadInfos answers the tenant's upload jobs by JobIds, else by
// UploadURLs (every job of each URL, oldest first); at most 10 of either.
// IDs and URLs with no job are listed in NonExists.
func (s *Server) getUrlUploadInfos(c *call) (response, error) {
	name, keys, err := listParam(c, "JobIds", "UploadURLs", maxUploadQuery)
	if err != nil {
		return nil, err
	}
	out := &getUrlUploadInfosResponse{URLUploadInfoList: []urlUploadInfo{}, NonExists: []string{}}
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var ups *tenantUploads
	if ts := s.store.tenants[c.Tenant]; ts != nil {
		ups = ts.uploads
	}
	for _, k := range keys {
		var found []*urlUpload
		if ups != nil {
			if name == "JobIds" {
				if u := ups.byID[k]; u != nil {
					found = []*urlUpload{u}
				}
			} else {
				found = ups.byURL[k]
			}
		}
		if len(found) == 0 {
			out.NonExists = append(out.NonExists, k)
		}
		for _, u := range found {
			out.URLUploadInfoList = append(out.URLUploadInfoList, u.info(s.store, c.Now))
		}
	}
	return out, nil
}

// isHostName reports whether h is a DNS host name: dot-separated labels of
// 1-63 letters, digits and hyphens, not starting or ending with a hyphen,
// 253 bytes at most. UploadTargetConfig's StorageLocation is one (an OSS
// domain); it becomes the host of the uploaded medium's InputURL.
func isHostName(h string) bool {
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		}
	}
	return true
}
