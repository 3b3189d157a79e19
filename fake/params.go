package fake

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/icefake/icefake/fake/popsign"
)

// maxBodyBytes bounds a request body (a Timeline in a form body can be
// large; the gateway's own limit is UNCONFIRMED).
const maxBodyBytes = 32 << 20

// commonParams are the POP protocol's parameters (docs/fidelity.md "Signatures"):
// they never reach an operation's validation.
var commonParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true,
	"SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true,
	"SignatureType": true, "Timestamp": true, "SecurityToken": true,
	"Signature": true, "BearerToken": true, "RegionId": true,
}

// envelope is a request as the POP gateway sees it before dispatch.
type envelope struct {
	params  paramList // query and body parameters, decoded, merged and sorted
	body    []byte
	action  string
	version string
	v3      bool // an ACS3-* Authorization header is present
}

// readEnvelope merges URL-query and form-body (or JSON-object body)
// parameters and finds Action/Version (docs/architecture.md, pipeline step 1): from the
// x-acs-action/x-acs-version headers under V3 signatures, else from the
// parameters, falling back to the headers.
func readEnvelope(r *http.Request) (*envelope, error) {
	params, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, invalidParameter("QueryString", "Malformed URL query: %v.", err)
	}
	env := &envelope{params: params}
	if r.Body != nil && r.Body != http.NoBody {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
		if err != nil {
			return nil, invalidParameter("Body", "Reading the request body failed: %v.", err)
		}
		if len(body) > maxBodyBytes {
			return nil, invalidParameter("Body", "The request body exceeds %d bytes.", maxBodyBytes)
		}
		env.body = body
	}
	if len(env.body) > 0 {
		if err := mergeBody(env, r.Header.Get("Content-Type")); err != nil {
			return nil, err
		}
	}
	env.v3 = strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-")
	if env.v3 {
		env.action, env.version = r.Header.Get("x-acs-action"), r.Header.Get("x-acs-version")
	} else {
		env.action, env.version = env.params.Get("Action"), env.params.Get("Version")
		if env.action == "" {
			env.action = r.Header.Get("x-acs-action")
		}
		if env.version == "" {
			env.version = r.Header.Get("x-acs-version")
		}
	}
	return env, nil
}

func mergeBody(env *envelope, contentType string) error {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(env.body))
		if err != nil {
			return invalidParameter("Body", "Malformed form body: %v.", err)
		}
		for k, vs := range form {
			for _, v := range vs {
				env.params = append(env.params, popsign.Param{Name: k, Value: v})
			}
		}
		sortParams(env.params)
	case "application/json":
		var obj map[string]any
		if err := json.Unmarshal(env.body, &obj); err != nil {
			return invalidParameter("Body", "A JSON request body must be an object: %v.", err)
		}
		for k, v := range obj {
			env.params = append(env.params, popsign.Param{Name: k, Value: jsonParamText(v)})
		}
		sortParams(env.params)
	}
	return nil
}

// jsonParamText renders a JSON body member as the string parameter it stands
// for: strings as they are, other values as JSON text.
func jsonParamText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
}

// accessKeyID returns the caller's AccessKeyId: the parameter (V1), the
// Credential of an ACS3 Authorization header, or x-acs-accesskey-id.
func accessKeyID(r *http.Request, env *envelope) string {
	if id := env.params.Get("AccessKeyId"); id != "" {
		return id
	}
	if env.v3 {
		auth := r.Header.Get("Authorization")
		if i := strings.Index(auth, "Credential="); i >= 0 {
			rest := auth[i+len("Credential="):]
			if j := strings.IndexAny(rest, ", "); j >= 0 {
				rest = rest[:j]
			}
			return rest
		}
	}
	return r.Header.Get("x-acs-accesskey-id")
}
