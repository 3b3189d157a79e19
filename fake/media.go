package fake

// Media is a media asset icefake knows the length of. The fake cannot probe
// real files, so media durations come from seeds (scenario files,
// WithMedia, Server.AddMedia). Timelines resolve clips against them by MediaId
// or MediaURL to compute a project's Duration.
type Media struct {
	MediaId  string  // ICE/VOD media ID; may be empty when MediaURL is set
	MediaURL string  // OSS or HTTP URL as used in Timeline clips
	Duration float64 // seconds
	Type     string  // video (default), audio, image or text
	Title    string
}

// mediaIndex finds media by MediaId and by MediaURL.
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
