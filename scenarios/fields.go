package scenarios

import (
	"net/url"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/icefake/icefake/openapi"
)

var (
	credentialKeys = []string{"accessKeyId", "accessKeySecret", "securityToken"}
	mediaKeys      = []string{"mediaId", "mediaURL", "duration", "type", "title", "size", "width", "height", "format", "bitrate", "fps", "videoCodec", "audioCodec"}

	// mediaTypes are the values Media.Type may take.
	mediaTypes = []string{"video", "audio", "image", "text"}
)

func (p *parser) credentials(n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	seen := map[string]int{}
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, credentialKeys)
		if !ok {
			continue
		}
		c := Credential{Line: item.Line}
		for _, f := range fields {
			kp := child(ip, f.key.Value)
			v, ok := p.str(f.val, kp)
			if !ok {
				continue
			}
			if v == "" {
				p.errorf(f.val.Line, kp, "must not be empty")
				continue
			}
			switch f.key.Value {
			case "accessKeyId":
				c.AccessKeyId = v
				if first, dup := seen[v]; dup {
					p.errorf(f.val.Line, kp, "duplicate accessKeyId %q (first at line %d)", v, first)
				}
				seen[v] = f.val.Line
			case "accessKeySecret":
				c.AccessKeySecret = v
			case "securityToken":
				c.SecurityToken = v
			}
		}
		p.require(fields, item, ip, "accessKeyId", "accessKeySecret")
		sc.Credentials = append(sc.Credentials, c)
	}
}

func (p *parser) media(n *yaml.Node, path string, sc *Scenario) {
	items, _ := p.sequence(n, path)
	seenID, seenURL := map[string]int{}, map[string]int{}
	for i, item := range items {
		ip := index(path, i)
		fields, ok := p.mapping(item, ip, mediaKeys)
		if !ok {
			continue
		}
		m := Media{Type: "video", Line: item.Line}
		for _, f := range fields {
			kp := child(ip, f.key.Value)
			switch f.key.Value {
			case "size", "width", "height":
				v := p.nonNegative(f.val, kp)
				switch f.key.Value {
				case "size":
					m.Size = int64(v)
				case "width":
					m.Width = v
				case "height":
					m.Height = v
				}
				continue
			}
			if f.key.Value == "bitrate" || f.key.Value == "fps" {
				if v, ok := p.number(f.val, kp); ok {
					if v < 0 {
						p.errorf(f.val.Line, kp, "must be >= 0, got %s", f.val.Value)
					}
					if f.key.Value == "bitrate" {
						m.Bitrate = v
					} else {
						m.FPS = v
					}
				}
				continue
			}
			if f.key.Value == "duration" {
				if v, ok := p.number(f.val, kp); ok {
					if v < 0 || v > MaxSeconds {
						p.errorf(f.val.Line, kp, "must be from 0 to %d seconds, got %s", MaxSeconds, f.val.Value)
					}
					m.Duration = v
				}
				continue
			}
			v, ok := p.str(f.val, kp)
			if !ok {
				continue
			}
			switch f.key.Value {
			case "mediaId":
				m.MediaId = v
				p.unique(seenID, v, f.val, kp, "mediaId")
			case "mediaURL":
				m.MediaURL = v
				if u, err := url.Parse(v); err != nil || u.Scheme == "" || u.Host == "" {
					p.errorf(f.val.Line, kp, "%q is not an absolute URL (scheme://host/path)", clip(v))
				}
				p.unique(seenURL, v, f.val, kp, "mediaURL")
			case "type":
				if !slices.Contains(mediaTypes, v) {
					p.errorf(f.val.Line, kp, "unknown media type %q (allowed: %s)", clip(v), strings.Join(mediaTypes, ", "))
				}
				m.Type = v
			case "title":
				m.Title = v
			case "format":
				m.Format = v
			case "videoCodec":
				m.VideoCodec = v
			case "audioCodec":
				m.AudioCodec = v
			}
		}
		if !has(fields, "mediaId") && !has(fields, "mediaURL") {
			p.errorf(item.Line, ip, "one of mediaId and mediaURL is required")
		}
		p.require(fields, item, ip, "duration")
		sc.Media = append(sc.Media, m)
	}
}

// unique records that v, the value of key at n, must not repeat in seen.
func (p *parser) unique(seen map[string]int, v string, n *yaml.Node, path, key string) {
	if v == "" {
		p.errorf(n.Line, path, "must not be empty")
		return
	}
	if first, dup := seen[v]; dup {
		p.errorf(n.Line, path, "duplicate %s %q (first at line %d)", key, clip(v), first)
		return
	}
	seen[v] = n.Line
}

// code checks that v names a catalogue code answered over HTTP.
func (p *parser) code(spec *openapi.Spec, v string, n *yaml.Node, path string) {
	ec, ok := spec.Errors[v]
	switch {
	case !ok:
		var known []string
		for _, c := range spec.Codes() {
			if !spec.Errors[c].Job {
				known = append(known, c)
			}
		}
		p.errorf(n.Line, path, "unknown error code %q (known: %s)", clip(v), strings.Join(known, ", "))
	case ec.Job:
		p.errorf(n.Line, path, "%q is a job-only code: it appears only in a failed media-producing job, never as an HTTP error", v)
	}
}

// match reads the exact parameter values of a fault. op is nil when the
// fault's action is missing or unknown; its keys are then not checked.
func (p *parser) match(op *openapi3.Operation, action string, n *yaml.Node, path string) map[string]string {
	fields, ok := p.mapping(n, path, nil)
	if !ok || len(fields) == 0 {
		return nil
	}
	var params []string
	if op != nil {
		for _, ref := range op.Parameters {
			if ref != nil && ref.Value != nil {
				params = append(params, ref.Value.Name)
			}
		}
		slices.Sort(params)
	}
	out := make(map[string]string, len(fields))
	for _, kv := range fields {
		kp := child(path, kv.key.Value)
		if op != nil && !slices.Contains(params, kv.key.Value) {
			if len(params) == 0 {
				p.errorf(kv.key.Line, kp, "%s takes no parameters", action)
			} else {
				p.errorf(kv.key.Line, kp, "unknown parameter of %s (known: %s)", action, strings.Join(params, ", "))
			}
			continue
		}
		if v, ok := p.text(kv.val, kp); ok {
			out[kv.key.Value] = v
		}
	}
	return out
}

// require records an error for each of keys missing from fields.
func (p *parser) require(fields []field, n *yaml.Node, path string, keys ...string) {
	for _, key := range keys {
		if !has(fields, key) {
			p.errorf(n.Line, child(path, key), "required")
		}
	}
}

func has(fields []field, key string) bool {
	_, ok := lookup(fields, key)
	return ok
}

func lookup(fields []field, key string) (field, bool) {
	for _, f := range fields {
		if f.key.Value == key {
			return f, true
		}
	}
	return field{}, false
}
