package fake

// The MediaInfos entries of Add/GetEditingProjectMaterials (API reference: GetEditingProjectMaterials// SDK v2.1.0 types every field as a string). They differ from GetMediaInfo's
// MediaInfo: no Biz/CateId/ReferenceId, but Category, Snapshots,
// SpriteImages, TranscodeStatus and DeletedTime.

type materialMediaInfo struct {
	MediaId        string                 `json:"MediaId"`
	MediaBasicInfo materialMediaBasicInfo `json:"MediaBasicInfo"`
	FileInfoList   []materialFileInfo     `json:"FileInfoList,omitempty"`
}

type materialMediaBasicInfo struct {
	MediaId         string `json:"MediaId"`
	InputURL        string `json:"InputURL,omitempty"`
	MediaType       string `json:"MediaType"`
	BusinessType    string `json:"BusinessType,omitempty"`
	Source          string `json:"Source,omitempty"`
	Title           string `json:"Title,omitempty"`
	Description     string `json:"Description,omitempty"`
	Category        string `json:"Category,omitempty"`
	MediaTags       string `json:"MediaTags,omitempty"`
	CoverURL        string `json:"CoverURL,omitempty"`
	UserData        string `json:"UserData,omitempty"`
	Snapshots       string `json:"Snapshots,omitempty"`
	SpriteImages    string `json:"SpriteImages,omitempty"`
	Status          string `json:"Status"`
	TranscodeStatus string `json:"TranscodeStatus,omitempty"`
	CreateTime      string `json:"CreateTime,omitempty"`
	ModifiedTime    string `json:"ModifiedTime,omitempty"`
	DeletedTime     string `json:"DeletedTime,omitempty"`
}

type materialFileInfo struct {
	FileBasicInfo materialFileBasicInfo `json:"FileBasicInfo"`
}

type materialFileBasicInfo struct {
	FileName   string `json:"FileName,omitempty"`
	FileStatus string `json:"FileStatus,omitempty"`
	FileType   string `json:"FileType,omitempty"`
	FileSize   string `json:"FileSize,omitempty"`
	FileUrl    string `json:"FileUrl,omitempty"`
	Region     string `json:"Region,omitempty"`
	FormatName string `json:"FormatName,omitempty"`
	Duration   string `json:"Duration,omitempty"`
	Bitrate    string `json:"Bitrate,omitempty"`
	Width      string `json:"Width,omitempty"`
	Height     string `json:"Height,omitempty"`
}

// mediaInfoFor describes media id, associated with one of tenant's projects
// as kind (video, audio, image, subtitle or text), for the material
// operations: a medium the tenant registered or produced, or a seed, is
// rendered from the same record as GetMediaInfo (mediaView.material); any
// other ID gets only MediaBasicInfo{MediaId, MediaType: kind, Status:
// "Normal"}.
func (s *Server) mediaInfoFor(tenant, id, kind string) materialMediaInfo {
	if mv, ok := s.mediaInfo(tenant, id); ok {
		return mv.material(s.Region())
	}
	return materialMediaInfo{
		MediaId:        id,
		MediaBasicInfo: materialMediaBasicInfo{MediaId: id, MediaType: kind, Status: "Normal"},
	}
}
