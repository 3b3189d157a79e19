package fake

import (
	"net/url"
	"regexp"
)

// DefaultRegion is the region icefake serves unless WithRegion says
// otherwise: the region of the ICE endpoint ice.cn-shanghai.aliyuncs.com.
const DefaultRegion = "cn-shanghai"

// WithRegion sets the service region (e.g. "cn-beijing"): output buckets
// must be in it, and registered OSS media without a region of their own
// report it. Default: DefaultRegion ("cn-shanghai").
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// Region returns the service region (see WithRegion).
func (s *Server) Region() string {
	if s.cfg.region == "" {
		return DefaultRegion
	}
	return s.cfg.region
}

// ossOutputHost matches an OSS bucket endpoint host,
// <bucket>.oss-<region>[-internal].aliyuncs.com.
var ossOutputHost = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$`)

// checkOutputRegion applies the output location rules of
// SubmitMediaProducingJob's oss-object output (docs/fidelity.md "Fidelity:
// output location"): OutputMediaConfig.MediaURL must be an http(s) URL of an
// OSS bucket endpoint in the service region; oss:// URLs, CDN or
// acceleration domains and other regions are refused with 400
// InvalidParameter naming OutputMediaConfig.MediaURL, as the service refused
// a cross-region output in https://developer.aliyun.com/ask/649800.
func checkOutputRegion(mediaURL, region string) error {
	u, err := url.Parse(mediaURL)
	if err != nil {
		return invalidParameter("OutputMediaConfig.MediaURL", "%q is not a URL.", mediaURL)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return invalidParameter("OutputMediaConfig.MediaURL", "The output must be an http(s) OSS URL such as https://bucket.oss-%s.aliyuncs.com/out.mp4, not %s://.", region, u.Scheme)
	}
	m := ossOutputHost.FindStringSubmatch(u.Hostname())
	if m == nil {
		return invalidParameter("OutputMediaConfig.MediaURL", "%q is not an OSS bucket endpoint (bucket.oss-%s.aliyuncs.com); CDN and acceleration domains are not allowed.", u.Host, region)
	}
	if m[1] != region {
		return invalidParameter("OutputMediaConfig.MediaURL", "The output bucket is in %s; the service region is %s, and output must be stored in the same region.", m[1], region)
	}
	return nil
}
