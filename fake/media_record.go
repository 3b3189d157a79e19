package fake

import (
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// One media record, two renderings: GetMediaInfo's MediaInfo and the
// MediaInfos of Add/GetEditingProjectMaterials are both built from the
// mediaView of a medium (docs/fidelity.md "Fidelity: materials resolve
// registered media", "Fidelity: GetMediaInfo file and stream info").

// codecInfo is what ffprobe prints for a codec.
type codecInfo struct{ long, tag, tagHex, profile string }

var codecs = map[string]codecInfo{
	"h264":      {"H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10", "avc1", "0x31637661", "High"},
	"hevc":      {"H.265 / HEVC (High Efficiency Video Coding)", "hvc1", "0x31637668", "Main"},
	"aac":       {"AAC (Advanced Audio Coding)", "mp4a", "0x6134706d", "LC"},
	"mp3":       {"MP3 (MPEG audio layer 3)", "[0][0][0][0]", "0x0000", ""},
	"mjpeg":     {"Motion JPEG", "[0][0][0][0]", "0x0000", "Baseline"},
	"png":       {"PNG (Portable Network Graphics) image", "[0][0][0][0]", "0x0000", ""},
	"subrip":    {"SubRip subtitle", "[0][0][0][0]", "0x0000", ""},
	"ass":       {"ASS (Advanced SSA) subtitle", "[0][0][0][0]", "0x0000", ""},
	"webvtt":    {"WebVTT subtitle", "[0][0][0][0]", "0x0000", ""},
	"pcm_s16le": {"PCM signed 16-bit little-endian", "[1][0][0][0]", "0x0001", ""},
}

// fileDefaults are the container and codecs icefake reports for a medium
// whose file it cannot probe, by media type and file extension
// (UNCONFIRMED: plausible ffprobe output for such files).
func fileDefaults(mediaType, name string) (format, video, audio, subtitle string) {
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	switch mediaType {
	case "audio":
		switch ext {
		case "mp3":
			return "mp3", "", "mp3", ""
		case "wav":
			return "wav", "", "pcm_s16le", ""
		}
		return "mov,mp4,m4a,3gp,3g2,mj2", "", "aac", ""
	case "image":
		if ext == "png" {
			return "png_pipe", "png", "", ""
		}
		return "image2", "mjpeg", "", ""
	case "text":
		switch ext {
		case "ass", "ssa":
			return "ass", "", "", "ass"
		case "vtt":
			return "webvtt", "", "", "webvtt"
		}
		return "srt", "", "", "subrip"
	}
	switch ext {
	case "flv":
		return "flv", "h264", "aac", ""
	case "mkv", "webm":
		return "matroska,webm", "h264", "aac", ""
	case "ts", "m3u8":
		return "mpegts", "h264", "aac", ""
	}
	return "mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", ""
}

// streamBody is one entry of VideoStreamInfoList, AudioStreamInfoList or
// SubtitleStreamInfoList; every field a string (SDK v2.1.0).
type streamBody struct {
	Index          string `json:"Index"`
	CodecName      string `json:"CodecName"`
	CodecLongName  string `json:"CodecLongName,omitempty"`
	CodecTagString string `json:"CodecTagString,omitempty"`
	CodecTag       string `json:"CodecTag,omitempty"`
	CodecTimeBase  string `json:"CodecTimeBase,omitempty"`
	Profile        string `json:"Profile,omitempty"`
	Timebase       string `json:"Timebase,omitempty"`
	StartTime      string `json:"StartTime,omitempty"`
	Duration       string `json:"Duration,omitempty"`
	Bitrate        string `json:"Bitrate,omitempty"`
	Lang           string `json:"Lang,omitempty"`
	// Video.
	Width      string `json:"Width,omitempty"`
	Height     string `json:"Height,omitempty"`
	Fps        string `json:"Fps,omitempty"`
	AvgFPS     string `json:"AvgFPS,omitempty"`
	PixFmt     string `json:"PixFmt,omitempty"`
	Sar        string `json:"Sar,omitempty"`
	Dar        string `json:"Dar,omitempty"`
	HasBFrames string `json:"HasBFrames,omitempty"`
	Level      string `json:"Level,omitempty"`
	Rotate     string `json:"Rotate,omitempty"`
	NumFrames  string `json:"NumFrames,omitempty"`
	NbFrames   string `json:"Nb_frames,omitempty"`
	// Audio.
	SampleFmt     string `json:"SampleFmt,omitempty"`
	SampleRate    string `json:"SampleRate,omitempty"`
	Channels      string `json:"Channels,omitempty"`
	ChannelLayout string `json:"ChannelLayout,omitempty"`
}

// fileFacts is the file part of a media record as both renderings show it.
type fileFacts struct {
	FormatName, Bitrate, Region string
	Video, Audio, Subtitle      []streamBody
}

func decimals(v float64, n int) string { return strconv.FormatFloat(v, 'f', n, 64) }

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// facts derives the file facts of the view: the seeded values where given,
// else the defaults of fileDefaults; the region from an OSS host, or the
// service region for an oss:// URL.
func (mv mediaView) facts(region string) fileFacts {
	f := mv.File
	format, vcodec, acodec, scodec := fileDefaults(mv.MediaType, mv.FileName)
	if f.Format != "" {
		format = f.Format
	}
	if f.VideoCodec != "" {
		vcodec = f.VideoCodec
	}
	if f.AudioCodec != "" {
		acodec = f.AudioCodec
	}
	out := fileFacts{FormatName: format}
	if u, err := url.Parse(mv.FileURL); err == nil {
		if m := ossRegion.FindStringSubmatch(u.Hostname()); m != nil {
			out.Region = m[1]
		} else if u.Scheme == "oss" {
			out.Region = region
		}
	}
	bitrate := f.Bitrate
	if bitrate == 0 && f.Size > 0 && f.Duration > 0 {
		bitrate = float64(f.Size) * 8 / f.Duration / 1000
	}
	if bitrate > 0 {
		out.Bitrate = decimals(bitrate, 2)
	}
	dur, start := "", "0.000000"
	if f.Duration > 0 {
		dur = decimals(f.Duration, 6)
	}
	index := 0
	if vcodec != "" && vcodec != "none" {
		ci := codecs[vcodec]
		fps := f.FPS
		if fps == 0 {
			fps = 25
		}
		v := streamBody{
			Index: strconv.Itoa(index), CodecName: vcodec, CodecLongName: ci.long, CodecTagString: ci.tag, CodecTag: ci.tagHex,
			Profile: ci.profile, Timebase: "1/12800", CodecTimeBase: "1/" + decimals(fps*2, 0), StartTime: start, Duration: dur,
			Lang: "und", Fps: decimals(fps, 1), AvgFPS: decimals(fps, 1), PixFmt: "yuv420p", Sar: "1:1", HasBFrames: "2", Level: "31", Rotate: "0",
		}
		if mv.MediaType == "image" {
			v.Timebase, v.CodecTimeBase, v.HasBFrames, v.Level, v.Duration, v.StartTime = "1/25", "1/25", "0", "-99", "", ""
			v.PixFmt = "yuvj420p"
			if vcodec == "png" {
				v.PixFmt = "rgba"
			}
		}
		if f.Width > 0 && f.Height > 0 {
			g := gcd(f.Width, f.Height)
			v.Width, v.Height, v.Dar = strconv.Itoa(f.Width), strconv.Itoa(f.Height), strconv.Itoa(f.Width/g)+":"+strconv.Itoa(f.Height/g)
		}
		if f.Duration > 0 && mv.MediaType != "image" {
			n := strconv.FormatInt(int64(math.Round(f.Duration*fps)), 10)
			v.NumFrames, v.NbFrames = n, n
		}
		if bitrate > 0 && mv.MediaType != "image" {
			ab := 0.0
			if acodec != "" && acodec != "none" {
				ab = 128
			}
			v.Bitrate = decimals(max(bitrate-ab, bitrate/2), 2)
		}
		out.Video = []streamBody{v}
		index++
	}
	if acodec != "" && acodec != "none" {
		ci := codecs[acodec]
		a := streamBody{
			Index: strconv.Itoa(index), CodecName: acodec, CodecLongName: ci.long, CodecTagString: ci.tag, CodecTag: ci.tagHex,
			Profile: ci.profile, Timebase: "1/44100", CodecTimeBase: "1/44100", StartTime: start, Duration: dur, Lang: "und",
			SampleFmt: "fltp", SampleRate: "44100", Channels: "2", ChannelLayout: "stereo", Bitrate: "128.00",
		}
		if acodec == "pcm_s16le" {
			a.SampleFmt, a.Bitrate = "s16", "1411.20"
		}
		out.Audio = []streamBody{a}
		index++
	}
	if scodec != "" {
		ci := codecs[scodec]
		out.Subtitle = []streamBody{{
			Index: strconv.Itoa(index), CodecName: scodec, CodecLongName: ci.long, CodecTagString: ci.tag, CodecTag: ci.tagHex,
			Timebase: "1/1000", CodecTimeBase: "0/1", StartTime: start, Duration: dur, Lang: "und",
		}}
	}
	return out
}

// material renders the view as a MediaInfos entry of the material
// operations, from the same record and facts as GetMediaInfo (body).
func (mv mediaView) material(region string) materialMediaInfo {
	b := mv.body(region)
	mb := b.MediaBasicInfo
	info := materialMediaInfo{
		MediaId: mv.MediaId,
		MediaBasicInfo: materialMediaBasicInfo{
			MediaId: mb.MediaId, InputURL: mb.InputURL, MediaType: mb.MediaType, BusinessType: mb.BusinessType,
			Source: mb.Source, Title: mb.Title, Description: mb.Description, Category: mb.Category,
			MediaTags: mb.MediaTags, CoverURL: mb.CoverURL, UserData: mb.UserData, Status: mb.Status,
			TranscodeStatus: mv.transcodeStatus(), CreateTime: mb.CreateTime, ModifiedTime: mb.ModifiedTime,
		},
	}
	if info.MediaBasicInfo.MediaType == "" {
		info.MediaBasicInfo.MediaType = "video"
	}
	for _, fi := range b.FileInfoList {
		f := fi.FileBasicInfo
		info.FileInfoList = append(info.FileInfoList, materialFileInfo{FileBasicInfo: materialFileBasicInfo{
			FileName: f.FileName, FileStatus: f.FileStatus, FileType: f.FileType, FileSize: f.FileSize, FileUrl: f.FileUrl,
			Region: f.Region, FormatName: f.FormatName, Duration: f.Duration, Bitrate: f.Bitrate, Width: f.Width, Height: f.Height,
		}})
	}
	return info
}

// transcodeStatus is the reference example's value for media nothing was
// transcoded for ("Init").
func (mv mediaView) transcodeStatus() string { return "Init" }
