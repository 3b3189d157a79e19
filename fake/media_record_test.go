package fake

import (
	"testing"
)

func TestMediaStreams(t *testing.T) {
	tests := []struct {
		name                   string
		view                   mediaView
		format, bitrate        string
		video, audio, subtitle string // codec names, "" = no such stream
		videoFps, dar, frames  string
		audioIndex             string
	}{
		{
			name:   "video defaults",
			view:   mediaView{MediaType: "video", FileName: "a.mp4", File: Media{Duration: 10, Size: 1_250_000, Width: 1920, Height: 1080}},
			format: "mov,mp4,m4a,3gp,3g2,mj2", bitrate: "1000.00", video: "h264", audio: "aac", videoFps: "25.0", dar: "16:9", frames: "250", audioIndex: "1",
		},
		{
			name: "seeded facts win",
			view: mediaView{MediaType: "video", FileName: "a.mp4", File: Media{Duration: 2, Width: 720, Height: 1280, Format: "matroska,webm",
				Bitrate: 3000, FPS: 30, VideoCodec: "hevc", AudioCodec: "none"}},
			format: "matroska,webm", bitrate: "3000.00", video: "hevc", videoFps: "30.0", dar: "9:16", frames: "60",
		},
		{name: "mp3", view: mediaView{MediaType: "audio", FileName: "b.mp3", File: Media{Duration: 3}}, format: "mp3", audio: "mp3", audioIndex: "0"},
		{name: "png", view: mediaView{MediaType: "image", FileName: "c.png", File: Media{Width: 10, Height: 20}}, format: "png_pipe", video: "png", videoFps: "25.0", dar: "1:2"},
		{name: "srt", view: mediaView{MediaType: "text", FileName: "d.srt"}, format: "srt", subtitle: "subrip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.view.facts("cn-shanghai")
			if f.FormatName != tt.format || f.Bitrate != tt.bitrate {
				t.Errorf("FormatName, Bitrate = %q, %q; want %q, %q", f.FormatName, f.Bitrate, tt.format, tt.bitrate)
			}
			check := func(kind string, got []streamBody, codec string) *streamBody {
				t.Helper()
				if codec == "" {
					if len(got) != 0 {
						t.Errorf("%s streams = %+v, want none", kind, got)
					}
					return nil
				}
				if len(got) != 1 || got[0].CodecName != codec || got[0].CodecLongName == "" {
					t.Errorf("%s streams = %+v, want one %s with its long name", kind, got, codec)
					return nil
				}
				return &got[0]
			}
			if v := check("video", f.Video, tt.video); v != nil {
				if v.Fps != tt.videoFps || v.Dar != tt.dar || v.NumFrames != tt.frames || v.Index != "0" {
					t.Errorf("video Fps, Dar, NumFrames, Index = %q, %q, %q, %q; want %q, %q, %q, 0", v.Fps, v.Dar, v.NumFrames, v.Index, tt.videoFps, tt.dar, tt.frames)
				}
			}
			if a := check("audio", f.Audio, tt.audio); a != nil && (a.Index != tt.audioIndex || a.SampleRate != "44100" || a.Channels != "2") {
				t.Errorf("audio Index, SampleRate, Channels = %q, %q, %q; want %q, 44100, 2", a.Index, a.SampleRate, a.Channels, tt.audioIndex)
			}
			check("subtitle", f.Subtitle, tt.subtitle)
		})
	}
}

func TestMediaFactsRegion(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"OSS host", "https://b.oss-cn-beijing.aliyuncs.com/a.mp4", "cn-beijing"},
		{"internal OSS host", "http://b.oss-cn-hangzhou-internal.aliyuncs.com/a.mp4", "cn-hangzhou"},
		{"oss scheme: the service region", "oss://b/a.mp4", "cn-shenzhen"},
		{"other host", "https://cdn.example.com/a.mp4", ""},
		{"no file URL", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (mediaView{MediaType: "video", FileURL: tt.url}).facts("cn-shenzhen").Region; got != tt.want {
				t.Errorf("Region = %q, want %q", got, tt.want)
			}
		})
	}
}
