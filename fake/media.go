package fake

import (
	"time"
)

// Media is a media file icefake knows the facts of. The fake cannot probe
// real files, so durations, sizes and dimensions come from seeds (scenario
// files, WithMedia, Server.AddMedia). Seeds are shared by every tenant:
//
//   - a seed with a MediaId is a media asset every tenant can see
//     (GetMediaInfo, Timeline clips naming that MediaId);
//   - a seed with a MediaURL describes the file at that URL: Timeline clips
//     naming the URL, and media a tenant registers with that InputURL
//     (RegisterMediaInfo), get its Duration, Size, Width and Height.
type Media struct {
	MediaId  string  // ICE/VOD media ID; may be empty when MediaURL is set
	MediaURL string  // OSS or HTTP URL as used in Timeline clips and InputURL
	Duration float64 // seconds
	Type     string  // video (default), audio, image or text
	Title    string
	Size     int64 // bytes; 0 = unknown
	Width    int   // pixels; 0 = unknown
	Height   int   // pixels; 0 = unknown
	// File and stream facts GetMediaInfo reports (docs/fidelity.md
	// "Fidelity: GetMediaInfo file and stream info"); "" or 0 = the
	// default for the media type and file extension.
	Format     string  // container as ffprobe names it, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
	Bitrate    float64 // kbit/s of the whole file; 0 = from Size and Duration
	FPS        float64 // video frames per second
	VideoCodec string  // ffprobe codec name, e.g. "h264"; "none" = no video stream
	AudioCodec string  // e.g. "aac"; "none" = no audio stream
}

// mediaIndex finds seeded media by MediaId and by MediaURL.
type mediaIndex struct {
	byID  map[string]Media
	byURL map[string]Media
}

func newMediaIndex() mediaIndex {
	return mediaIndex{byID: map[string]Media{}, byURL: map[string]Media{}}
}

func (m mediaIndex) add(md Media) {
	if md.Type == "" {
		md.Type = "video"
	}
	if md.MediaId != "" {
		m.byID[md.MediaId] = md
	}
	if md.MediaURL != "" {
		m.byURL[md.MediaURL] = md
	}
}

// duration returns the known duration of the clip's media.
func (m mediaIndex) duration(mediaID, mediaURL string) (float64, bool) {
	if mediaID != "" {
		md, ok := m.byID[mediaID]
		return md.Duration, ok
	}
	if mediaURL != "" {
		md, ok := m.byURL[mediaURL]
		return md.Duration, ok
	}
	return 0, false
}

// addMedia registers media shared by every tenant.
func (st *store) addMedia(md ...Media) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, m := range md {
		st.media.add(m)
	}
}

// mediaLookup resolves a Timeline clip's media to a duration
// (timelineDuration).
type mediaLookup interface {
	duration(mediaID, mediaURL string) (float64, bool)
}

// tenantMedia is what one tenant's Timelines resolve against: its
// registered media (and produced outputs) first, then the shared seeds.
// Callers hold st.mu (read or write) while they use it.
type tenantMedia struct {
	st  *store
	t   *tenantProduction // nil when the tenant has no media or jobs yet
	cs  *categories       // nil when the tenant has no categories (categories.go)
	now time.Time
}

// tenantMedia returns tenant's view at now; the caller holds st.mu.
func (st *store) tenantMedia(tenant string, now time.Time) tenantMedia {
	var tp *tenantProduction
	if t := st.tenants[tenant]; t != nil {
		tp = t.prod
	}
	return tenantMedia{st: st, t: tp, cs: st.categoriesOf(tenant), now: now}
}

func (v tenantMedia) duration(mediaID, mediaURL string) (float64, bool) {
	if mediaID != "" {
		if a := v.asset(mediaID); a != nil {
			f, ok := v.file(a)
			return f.Duration, ok && f.Duration > 0
		}
		return v.st.media.duration(mediaID, "")
	}
	if mediaURL != "" {
		if a := v.assetByURL(mediaURL); a != nil {
			f, ok := v.file(a)
			return f.Duration, ok && f.Duration > 0
		}
		return v.st.media.duration("", mediaURL)
	}
	return 0, false
}

// asset returns the tenant's registered or produced medium id, or nil.
func (v tenantMedia) asset(id string) *mediaAsset {
	if v.t == nil {
		return nil
	}
	return v.t.assets[id]
}

// assetByURL returns the tenant's medium whose InputURL is url, or nil.
func (v tenantMedia) assetByURL(url string) *mediaAsset {
	if v.t == nil {
		return nil
	}
	return v.t.assetURL[url]
}

// knownID reports whether a clip's MediaId names a medium the tenant can
// use: one it registered or produced, or a seed.
func (v tenantMedia) knownID(id string) bool {
	if v.asset(id) != nil {
		return true
	}
	_, ok := v.st.media.byID[id]
	return ok
}

// knownURL reports whether a clip's MediaURL is a file icefake knows: a
// registered or produced medium's InputURL, or a seed.
func (v tenantMedia) knownURL(url string) bool {
	if v.assetByURL(url) != nil {
		return true
	}
	_, ok := v.st.media.byURL[url]
	return ok
}

// file returns what is known of a medium's file: for a registered medium the
// seed describing its InputURL; for a produced medium its job's output once
// the job succeeded. ok is false when nothing is known.
func (v tenantMedia) file(a *mediaAsset) (Media, bool) {
	if a.jobID != "" {
		j := v.t.jobs[a.jobID]
		if j == nil || j.phaseAt(v.now) != jobSuccess {
			return Media{}, false
		}
		return Media{MediaId: a.MediaId, MediaURL: a.InputURL, Duration: j.Duration, Type: a.MediaType, Width: j.Width, Height: j.Height}, true
	}
	if a.upload != nil {
		return a.upload.file(v)
	}
	m, ok := v.st.media.byURL[a.InputURL]
	return m, ok
}
