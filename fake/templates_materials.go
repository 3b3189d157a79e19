package fake

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// GetTemplateMaterials: the signed URLs of the files in an advanced
// template's package (docs/fidelity.md "Template materials").

// Template material limits (the API reference of GetTemplateMaterials).
const (
	templateMaterialURLTTL  = 30 * time.Minute
	templateMaterialMaxURLs = 400
	templateConfigFile      = "config.json"
)

// packageOnlyExts are extensions of package files that are not media: the
// rest of an advanced template's materials are media files, known by
// mediaTypes (mediainfo.go), the same table RegisterMediaInfo infers
// MediaType from.
var packageOnlyExts = map[string]bool{"json": true, "ttf": true, "otf": true}

// templatePackage lists the files of t's package, sorted: none for a
// Timeline (regular) template; for a VETemplate config.json and every
// relative file path (a known extension, no scheme, no "..") among the
// string values of its Config.
func templatePackage(t Template) []string {
	if t.Type != TemplateTypeVETemplate {
		return nil
	}
	files := map[string]bool{templateConfigFile: true}
	if cfg, err := parseOrdered(t.Config); err == nil {
		var walk func(v *jval)
		walk = func(v *jval) {
			switch v.kind {
			case 'o':
				for _, m := range v.obj {
					walk(m.val)
				}
			case 'a':
				for _, e := range v.arr {
					walk(e)
				}
			case 's':
				if isPackagePath(v.str) {
					files[v.str] = true
				}
			}
		}
		walk(cfg)
	}
	out := make([]string, 0, len(files))
	for f := range files {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// isPackagePath reports whether s names a file inside a template package.
func isPackagePath(s string) bool {
	if s == "" || strings.HasPrefix(s, "/") || strings.Contains(s, ":") || strings.Contains(s, "\\") {
		return false
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(s)), ".")
	return mediaTypes[ext] != "" || packageOnlyExts[ext]
}

type getTemplateMaterialsResponse struct {
	meta
	MaterialUrls string `json:"MaterialUrls"`
}

func (s *Server) getTemplateMaterials(c *call) (response, error) {
	id := c.Params.Get("TemplateId")
	t, ok := s.store.templateFor(c.Tenant, id)
	if !ok {
		return nil, templateNotFound(id)
	}
	files := templatePackage(t)
	if v := c.Params.Get("FileList"); v != "" {
		var want []string
		if err := json.Unmarshal([]byte(v), &want); err != nil {
			return nil, invalidParameter("FileList", "A JSON array of file names, such as [\"music.mp3\",\"config.json\"].")
		}
		files = slices.DeleteFunc(files, func(f string) bool { return !slices.Contains(want, f) })
	}
	if len(files) > templateMaterialMaxURLs {
		files = files[:templateMaterialMaxURLs]
	}
	region := s.Region()
	expires := strconv.FormatInt(c.Now.Add(templateMaterialURLTTL).Unix(), 10)
	urls := make(map[string]string, len(files))
	for _, f := range files {
		u := url.URL{Scheme: "https", Host: "ice-template-materials.oss-" + region + ".aliyuncs.com", Path: "/" + id + "/" + f,
			RawQuery: "Expires=" + expires + "&OSSAccessKeyId=icefake&Signature=icefake"}
		urls[f] = u.String()
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(urls); err != nil {
		return nil, err
	}
	return &getTemplateMaterialsResponse{MaterialUrls: strings.TrimSuffix(b.String(), "\n")}, nil
}
