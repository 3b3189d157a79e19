package fake

import (
	"math"
	"strconv"

	"github.com/icefake/icefake/internal/jsonquote"
)

// jsonAppender is a success body that writes its own JSON, byte for byte as
// json.Marshal writes it (docs/architecture.md "Performance"); ok is false
// when it cannot (the pipeline then calls json.Marshal). The self-check
// reads the bytes either way.
type jsonAppender interface {
	appendJSON(dst []byte) (out []byte, ok bool)
}

// appendJSON implements jsonAppender (TestProjectResponseJSONMatchesMarshal).
func (r *projectResponse) appendJSON(dst []byte) ([]byte, bool) {
	dst = append(dst, `{"RequestId":`...)
	dst = appendJSONText(dst, r.RequestId)
	dst = append(dst, `,"Project":`...)
	dst, ok := r.Project.appendJSON(dst)
	return append(dst, '}'), ok
}

func (p *projectBody) appendJSON(dst []byte) ([]byte, bool) {
	str := func(name, v string, omitEmpty bool) {
		if omitEmpty && v == "" {
			return
		}
		dst = append(dst, ',', '"')
		dst = append(dst, name...)
		dst = append(dst, '"', ':')
		dst = appendJSONText(dst, v)
	}
	dst = append(dst, `{"ProjectId":`...)
	dst = appendJSONText(dst, p.ProjectId)
	str("Title", p.Title, false)
	str("Description", p.Description, true)
	str("Timeline", p.Timeline, true)
	str("TemplateId", p.TemplateId, true)
	str("TemplateType", p.TemplateType, true)
	str("ClipsParam", p.ClipsParam, true)
	str("CoverURL", p.CoverURL, true)
	if math.IsInf(p.Duration, 0) || math.IsNaN(p.Duration) {
		return dst, false
	}
	dst = append(dst, `,"Duration":`...)
	dst = appendJSONNumber(dst, p.Duration)
	dst = append(dst, `,"Status":`...)
	switch v := p.Status.(type) {
	case int:
		dst = strconv.AppendInt(dst, int64(v), 10)
	case string:
		dst = appendJSONText(dst, v)
	default:
		return dst, false
	}
	str("StatusName", p.StatusName, true)
	str("CreateSource", p.CreateSource, false)
	str("ModifiedSource", p.ModifiedSource, false)
	str("CreateTime", p.CreateTime, false)
	str("ModifiedTime", p.ModifiedTime, false)
	str("ProjectType", p.ProjectType, false)
	str("BusinessConfig", p.BusinessConfig, true)
	str("BusinessStatus", p.BusinessStatus, true)
	str("TimelineConvertStatus", p.TimelineConvertStatus, true)
	str("TimelineConvertErrorMessage", p.TimelineConvertErrorMessage, true)
	return append(dst, '}'), true
}

// appendJSONNumber appends a finite f as encoding/json writes a float64.
func appendJSONNumber(dst []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendJSONText appends s as encoding/json writes a string, HTML escaping
// included.
func appendJSONText(dst []byte, s string) []byte {
	return jsonquote.Append(dst, s, jsonquote.EncodingJSON)
}
