package fake

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// mediaAsset is a medium a tenant registered (RegisterMediaInfo) or
// produced (SubmitMediaProducingJob output). Its file facts are not stored:
// they are read from the seed describing its InputURL, or from its job
// (tenantMedia.file), so that later seeds and job progress show.
type mediaAsset struct {
	MediaId        string
	InputURL       string
	MediaType      string
	BusinessType   string
	Title          string
	Description    string
	CoverURL       string
	MediaTags      string
	UserData       string
	ReferenceId    string
	RegisterConfig string
	WorkflowId     string
	// SmartTagTemplateId is stored, not acted on (newest SDK).
	SmartTagTemplateId string
	CateId             *int64
	CreateTime         time.Time
	ModifiedTime       time.Time
	// jobID is the producing job of an output medium ("" for registered).
	jobID string
	// fileName is a vod-media output's or a URL upload's FileName (the
	// upload's InputURL holds it escaped).
	fileName string
	// Category is UpdateMediaInfo's Category; "" = the media type.
	Category string
	// upload is the URL upload job filling an uploaded medium
	// (media_upload.go); nil for registered and produced media.
	upload *urlUpload
}

// mediaView is everything icefake can say about one medium at one time:
// what GetMediaInfo returns, and what other responses (e.g.
// GetEditingProjectMaterials' MediaInfos) can be built from.
type mediaView struct {
	MediaId      string
	InputURL     string
	MediaType    string
	BusinessType string
	Source       string // oss or vod
	Title        string
	Description  string
	MediaTags    string
	CoverURL     string
	UserData     string
	ReferenceId  string
	Category     string // "" = MediaType
	CateId       *int64
	// CateName names CateId's category; "" when the tenant has none with
	// that ID (categories.go).
	CateName string
	// Status is Normal, or Preparing/PrepareFail for an output whose job
	// runs or failed.
	Status string
	// CreateTime and ModifiedTime are zero for seeded media.
	CreateTime, ModifiedTime time.Time
	// HasFile reports whether File holds the file's facts (FileInfoList).
	HasFile bool
	// File has Duration, Size, Width and Height where known (0 = unknown).
	File Media
	// FileName and FileURL name the file.
	FileName, FileURL string
}

// mediaView returns what tenant sees of medium id at now: a medium it
// registered or produced, else a seed with that MediaId. Callers hold st.mu.
func (v tenantMedia) view(id string) (mediaView, bool) {
	if a := v.asset(id); a != nil {
		return v.assetView(a), true
	}
	if m, ok := v.st.media.byID[id]; ok {
		return seedView(m), true
	}
	return mediaView{}, false
}

// viewByURL returns what tenant sees of the medium whose InputURL is u.
func (v tenantMedia) viewByURL(u string) (mediaView, bool) {
	if a := v.assetByURL(u); a != nil {
		return v.assetView(a), true
	}
	if m, ok := v.st.media.byURL[u]; ok && m.MediaId != "" {
		return seedView(m), true
	}
	return mediaView{}, false
}

func (v tenantMedia) assetView(a *mediaAsset) mediaView {
	mv := mediaView{
		MediaId: a.MediaId, InputURL: a.InputURL, MediaType: a.MediaType, BusinessType: a.BusinessType,
		Source: sourceOf(a.InputURL), Title: a.Title, Description: a.Description, MediaTags: a.MediaTags,
		CoverURL: a.CoverURL, UserData: a.UserData, ReferenceId: a.ReferenceId, Category: a.Category, CateId: a.CateId, CateName: v.cs.nameOf(a.CateId),
		Status: "Normal", CreateTime: a.CreateTime, ModifiedTime: a.ModifiedTime,
		FileName: fileName(a.InputURL), FileURL: a.InputURL,
	}
	if a.fileName != "" {
		mv.FileName = a.fileName
	}
	if a.upload != nil && !a.upload.settle(&mv, v.now) {
		return mv // no file until the upload succeeds
	}
	f, known := v.file(a)
	if a.jobID != "" {
		j := v.t.jobs[a.jobID]
		switch j.phaseAt(v.now) {
		case jobSuccess:
			mv.ModifiedTime = j.done
		case jobFailed:
			mv.Status, mv.ModifiedTime = "PrepareFail", j.done
		default:
			mv.Status = "Preparing"
		}
		mv.HasFile, mv.File = known, f
		return mv
	}
	mv.HasFile = true
	if known {
		mv.File = f
	}
	return mv
}

func seedView(m Media) mediaView {
	return mediaView{
		MediaId: m.MediaId, InputURL: m.MediaURL, MediaType: m.Type, Source: sourceOf(m.MediaURL), // "" without a URL
		Title: m.Title, Status: "Normal", HasFile: true, File: m, FileName: fileName(m.MediaURL), FileURL: m.MediaURL,
	}
}

func sourceOf(inputURL string) string {
	if inputURL == "" {
		return "" // a medium seeded by ID only has no known storage
	}
	if strings.HasPrefix(inputURL, "vod://") {
		return "vod"
	}
	return "oss"
}

func fileName(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return path.Base(u)
	}
	if p.Path == "" || p.Path == "/" {
		return ""
	}
	return path.Base(p.Path)
}

// ossRegion finds the region of an OSS endpoint URL
// (bucket.oss-cn-shanghai.aliyuncs.com → cn-shanghai).
var ossRegion = regexp.MustCompile(`\.oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$`)

// mediaTypes maps file extensions to the MediaType RegisterMediaInfo infers
// for an OSS InputURL when none is given (API reference: RegisterMediaInfo).
var mediaTypes = map[string]string{}

func init() {
	for typ, exts := range map[string]string{
		"video": "mp4 mov flv avi mkv wmv m3u8 ts webm mpg mpeg 3gp m4v mxf f4v rm rmvb vob",
		"audio": "mp3 wav aac m4a flac ogg wma amr ape opus",
		"image": "jpg jpeg png gif bmp webp tif tiff heic svg",
		"text":  "srt ass ssa vtt txt lrc",
	} {
		for _, e := range strings.Fields(exts) {
			mediaTypes[e] = typ
		}
	}
}

// inferMediaType returns the MediaType of u's extension, or "".
func inferMediaType(u string) string {
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(fileName(u))), ".")
	return mediaTypes[ext]
}

// checkMediaFields checks the documented byte limits of a medium's
// descriptive parameters (RegisterMediaInfo, UpdateMediaInfo): Title 128,
// Description 1024, CoverURL 128, UserData 1024, Category 64, MediaTags at
// most 16 comma-separated tags of at most 32 bytes; 400 InvalidParameter
// naming the parameter.
func checkMediaFields(p url.Values) error {
	for _, lim := range []struct {
		name string
		max  int
	}{{"Title", 128}, {"Description", 1024}, {"CoverURL", 128}, {"UserData", 1024}, {"Category", 64}} {
		if n := len(p.Get(lim.name)); n > lim.max {
			return invalidParameter(lim.name, "At most %d bytes, got %d.", lim.max, n)
		}
	}
	return checkTags(p.Get("MediaTags"))
}

// checkTags checks a comma-separated tag list: at most 16 tags of at most
// 32 bytes each.
func checkTags(tags string) error {
	if tags == "" {
		return nil
	}
	list := strings.Split(tags, ",")
	if len(list) > 16 {
		return invalidParameter("MediaTags", "At most 16 tags, got %d.", len(list))
	}
	for _, t := range list {
		if len(t) > 32 {
			return invalidParameter("MediaTags", "A tag has at most 32 bytes, %q has %d.", t, len(t))
		}
	}
	return nil
}

type registerMediaInfoResponse struct {
	meta
	MediaId string `json:"MediaId"`
}

// registerMediaInfo follows API reference: RegisterMediaInfo (see the operation's
// description in the spec for icefake's choices).
func (s *Server) registerMediaInfo(c *call) (response, error) {
	p := c.Params
	inputURL := p.Get("InputURL")
	if u, err := url.Parse(inputURL); err != nil || u.Scheme == "" || u.Host == "" {
		return nil, invalidParameter("InputURL", "%q is not an absolute URL such as https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4, oss://bucket/a.mp4 or vod://<mediaId>.", inputURL)
	}
	if err := checkMediaFields(p); err != nil {
		return nil, err
	}
	overwrite, _ := strconv.ParseBool(p.Get("Overwrite")) // schema-valid
	a := &mediaAsset{
		InputURL: inputURL, MediaType: p.Get("MediaType"), BusinessType: p.Get("BusinessType"),
		Title: p.Get("Title"), Description: p.Get("Description"), CoverURL: p.Get("CoverURL"),
		MediaTags: p.Get("MediaTags"), UserData: p.Get("UserData"), ReferenceId: p.Get("ReferenceId"),
		RegisterConfig: p.Get("RegisterConfig"), WorkflowId: p.Get("WorkflowId"), SmartTagTemplateId: p.Get("SmartTagTemplateId"),
		CreateTime: c.Now, ModifiedTime: c.Now,
	}
	if v := p.Get("CateId"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, invalidParameter("CateId", "%q is not an int64.", v)
		}
		a.CateId = &n
	}
	if a.Title == "" {
		a.Title = wireTime(c.Now)
	}
	token, fp := p.Get("ClientToken"), fingerprint(p)
	newID := s.ids.resourceID()

	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	tp := st.production(c.Tenant)
	if ids, replayed, err := tp.replay(c.Action, token, fp); err != nil || replayed {
		if err != nil {
			return nil, err
		}
		return &registerMediaInfoResponse{MediaId: ids[0]}, nil
	}
	old := tp.assetURL[inputURL]
	if old != nil && !overwrite {
		e := invalidParameter("InputURL", "The URL is already registered as media %s; set Overwrite=true to replace it.", old.MediaId)
		e.Explain = "duplicate InputURL " + inputURL
		return nil, e
	}
	if ref := a.ReferenceId; ref != "" {
		if other := tp.assetRef[ref]; other != nil && other != old {
			return nil, invalidParameter("ReferenceId", "The ReferenceId is already used by media %s.", other.MediaId)
		}
	}
	if a.MediaType == "" {
		if seed, ok := st.media.byURL[inputURL]; ok {
			a.MediaType = seed.Type
		} else {
			a.MediaType = inferMediaType(inputURL)
		}
	}
	if old != nil {
		delete(tp.assets, old.MediaId)
		delete(tp.assetURL, old.InputURL)
		if old.ReferenceId != "" && tp.assetRef[old.ReferenceId] == old {
			delete(tp.assetRef, old.ReferenceId)
		}
	}
	a.MediaId = newID
	tp.assets[a.MediaId] = a
	tp.assetURL[a.InputURL] = a
	if a.ReferenceId != "" {
		tp.assetRef[a.ReferenceId] = a
	}
	tp.remember(c.Action, token, fp, [4]string{a.MediaId})
	return &registerMediaInfoResponse{MediaId: a.MediaId}, nil
}

// GetMediaInfo wire shapes (SDK v2.1.0): strings everywhere except CateId.
type mediaBasicInfoBody struct {
	MediaId      string `json:"MediaId"`
	InputURL     string `json:"InputURL,omitempty"`
	MediaType    string `json:"MediaType,omitempty"`
	BusinessType string `json:"BusinessType,omitempty"`
	Source       string `json:"Source,omitempty"`
	Title        string `json:"Title,omitempty"`
	Description  string `json:"Description,omitempty"`
	MediaTags    string `json:"MediaTags,omitempty"`
	CoverURL     string `json:"CoverURL,omitempty"`
	UserData     string `json:"UserData,omitempty"`
	Category     string `json:"Category,omitempty"`
	Status       string `json:"Status"`
	CreateTime   string `json:"CreateTime,omitempty"`
	ModifiedTime string `json:"ModifiedTime,omitempty"`
	Biz          string `json:"Biz"`
	CateId       *int64 `json:"CateId,omitempty"`
	CateName     string `json:"CateName,omitempty"`
	ReferenceId  string `json:"ReferenceId,omitempty"`
}

type fileBasicInfoBody struct {
	FileName     string `json:"FileName,omitempty"`
	FileStatus   string `json:"FileStatus"`
	FileType     string `json:"FileType"`
	FileSize     string `json:"FileSize,omitempty"`
	FileUrl      string `json:"FileUrl,omitempty"`
	Region       string `json:"Region,omitempty"`
	FormatName   string `json:"FormatName,omitempty"`
	Duration     string `json:"Duration,omitempty"`
	Bitrate      string `json:"Bitrate,omitempty"`
	Width        string `json:"Width,omitempty"`
	Height       string `json:"Height,omitempty"`
	CreateTime   string `json:"CreateTime,omitempty"`
	ModifiedTime string `json:"ModifiedTime,omitempty"`
}

type fileInfoBody struct {
	FileBasicInfo          fileBasicInfoBody `json:"FileBasicInfo"`
	VideoStreamInfoList    []streamBody      `json:"VideoStreamInfoList,omitempty"`
	AudioStreamInfoList    []streamBody      `json:"AudioStreamInfoList,omitempty"`
	SubtitleStreamInfoList []streamBody      `json:"SubtitleStreamInfoList,omitempty"`
}

type mediaInfoBody struct {
	MediaId        string             `json:"MediaId"`
	MediaBasicInfo mediaBasicInfoBody `json:"MediaBasicInfo"`
	FileInfoList   []fileInfoBody     `json:"FileInfoList"`
}

type getMediaInfoResponse struct {
	meta
	MediaInfo mediaInfoBody `json:"MediaInfo"`
}

// optTime formats t, or "" for the zero time.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return wireTime(t)
}

// body renders the view as GetMediaInfo's MediaInfo, region being the
// service region (for oss:// files). File numbers are strings as ffprobe
// prints them: Duration with 6 decimals ("216.206667"), Bitrate in kbit/s
// with 2 ("1132.68", seeded or from size and duration); see facts for the
// format and streams.
func (mv mediaView) body(region string) mediaInfoBody {
	b := mediaInfoBody{
		MediaId: mv.MediaId,
		MediaBasicInfo: mediaBasicInfoBody{
			MediaId: mv.MediaId, InputURL: mv.InputURL, MediaType: mv.MediaType, BusinessType: mv.BusinessType,
			Source: mv.Source, Title: mv.Title, Description: mv.Description, MediaTags: mv.MediaTags,
			CoverURL: mv.CoverURL, UserData: mv.UserData, Category: cmp.Or(mv.Category, mv.MediaType), Status: mv.Status,
			CreateTime: optTime(mv.CreateTime), ModifiedTime: optTime(mv.ModifiedTime),
			Biz: "ICE", CateId: mv.CateId, CateName: mv.CateName, ReferenceId: mv.ReferenceId,
		},
		FileInfoList: []fileInfoBody{},
	}
	if !mv.HasFile {
		return b
	}
	facts := mv.facts(region)
	f := fileBasicInfoBody{
		FileName: mv.FileName, FileStatus: "Normal", FileType: "source_file", FileUrl: mv.FileURL,
		CreateTime: optTime(mv.CreateTime), ModifiedTime: optTime(mv.ModifiedTime),
		Region: facts.Region, FormatName: facts.FormatName, Bitrate: facts.Bitrate,
	}
	if mv.File.Duration > 0 {
		f.Duration = strconv.FormatFloat(mv.File.Duration, 'f', 6, 64)
	}
	if mv.File.Size > 0 {
		f.FileSize = strconv.FormatInt(mv.File.Size, 10)
	}
	if mv.File.Width > 0 {
		f.Width = strconv.Itoa(mv.File.Width)
	}
	if mv.File.Height > 0 {
		f.Height = strconv.Itoa(mv.File.Height)
	}
	b.FileInfoList = append(b.FileInfoList, fileInfoBody{
		FileBasicInfo: f, VideoStreamInfoList: facts.Video, AudioStreamInfoList: facts.Audio, SubtitleStreamInfoList: facts.Subtitle,
	})
	return b
}

// mediaInfo returns what tenant sees of medium id now (GetMediaInfo by
// MediaId): a medium it registered or produced, or a seed with that
// MediaId. Other handlers (e.g. GetEditingProjectMaterials) use it to
// describe media.
func (s *Server) mediaInfo(tenant, id string) (mediaView, bool) {
	now := s.clock.Now()
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	return s.store.tenantMedia(tenant, now).view(id)
}

// getMediaInfo follows API reference: GetMediaInfo: MediaId wins over InputURL;
// neither → 400 MissingParameter (MediaId); unknown → 404 ResourceNotFound
// (icefake's choice; the real code is UNCONFIRMED).
func (s *Server) getMediaInfo(c *call) (response, error) {
	id, inputURL := c.Params.Get("MediaId"), c.Params.Get("InputURL")
	if id == "" && inputURL == "" {
		e := missingParameter("MediaId")
		e.Message += " One of MediaId and InputURL is required."
		return nil, e
	}
	s.store.mu.RLock()
	media := s.store.tenantMedia(c.Tenant, c.Now)
	var (
		mv mediaView
		ok bool
	)
	if id != "" {
		mv, ok = media.view(id)
	} else {
		mv, ok = media.viewByURL(inputURL)
	}
	s.store.mu.RUnlock()
	if !ok {
		what := fmt.Sprintf("MediaId %q", id)
		if id == "" {
			what = fmt.Sprintf("InputURL %q", inputURL)
		}
		return nil, mediaNotFound(what, c.Tenant)
	}
	return &getMediaInfoResponse{MediaInfo: mv.body(s.Region())}, nil
}

// mediaNotFound is 404 ResourceNotFound for a medium the tenant does not
// have; what names how it was asked for (`MediaId "…"`, `InputURL "…"`).
func mediaNotFound(what, tenant string) *APIError {
	e := NewError(CodeResourceNotFound)
	e.Message += ": no media with " + what + "."
	e.Explain = "no media with " + what + " for tenant " + tenant
	return e
}
