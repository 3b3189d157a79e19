package popsign

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// Test vectors copied verbatim from Alibaba Cloud's published signature
// examples (sources in doc.go) and the SDKs' own unit tests.

// v1AParams is vector V1-A (ECS doc, DescribeRegions).
func v1AParams() url.Values {
	return url.Values{
		"AccessKeyId":      {"testid"},
		"Action":           {"DescribeRegions"},
		"Format":           {"XML"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureNonce":   {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"},
		"Timestamp":        {"2016-02-23T12:46:24Z"},
		"Version":          {"2014-05-26"},
	}
}

const (
	v1ASecret       = "testsecret"
	v1AStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
	v1ASignature    = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
)

// v1BParams is vector V1-B (SMS doc, SendSms).
func v1BParams() url.Values {
	return url.Values{
		"AccessKeyId":      {"testId"},
		"Action":           {"SendSms"},
		"Format":           {"XML"},
		"OutId":            {"123"},
		"PhoneNumbers":     {"15300000001"},
		"RegionId":         {"cn-hangzhou"},
		"SignName":         {"阿里云短信测试专用"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureNonce":   {"45e25e9b-0a6f-4070-8c85-2956eda1b466"},
		"SignatureVersion": {"1.0"},
		"TemplateCode":     {"SMS_71390007"},
		"TemplateParam":    {`{"customer":"test"}`},
		"Timestamp":        {"2017-07-12T02:42:19Z"},
		"Version":          {"2017-05-25"},
	}
}

// v1DParams is vector V1-D (POST with query + form + STS token).
func v1DParams() url.Values {
	return url.Values{
		"AccessKeyId":      {"testId"},
		"Action":           {"DescribeThings"},
		"Format":           {"json"},
		"Version":          {"2020-01-01"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {"0123456789abcdef0123456789abcdef"},
		"Timestamp":        {"2024-01-02T03:04:05Z"},
		"SecurityToken":    {"tok/+="},
		"RegionId":         {"cn-hangzhou"},
		"Name":             {"a b*c~d"},
		"Tag.1.Key":        {"k1"},
		"Tag.1.Value":      {"v 1"},
		"Description":      {"x+y=z&w"},
		"Empty":            {""},
	}
}

func with(p url.Values, k, v string) url.Values {
	p.Set(k, v)
	return p
}

func TestV1Vectors(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		params  url.Values
		secret  string
		wantSTS string // "" = not published, not checked
		wantSig string
	}{
		{name: "V1-A DescribeRegions", method: "GET", params: v1AParams(), secret: v1ASecret, wantSTS: v1AStringToSign, wantSig: v1ASignature},
		{name: "V1-B SendSms GET", method: "GET", params: v1BParams(), secret: "testSecret", wantSig: "zJDF+Lrzhj/ThnlvIToysFRq6t4="},
		{name: "V1-B SendSms POST", method: "POST", params: v1BParams(), secret: "testSecret", wantSig: "Xvhv7fPXrPkLVSnlt0jIr08o8NQ="},
		{name: "SDK GetRPCSignature", method: "", params: url.Values{"test": {"ok"}}, secret: "accessKeySecret", wantSTS: "&%2F&test%3Dok", wantSig: "jHx/oHoHNrbVfhncHEvPdHXZwHU="},
		{name: "V1-D POST query+form+STS", method: "POST", params: v1DParams(), secret: "testSecret", wantSig: "AkvRNzq9/TDgLljk3q3Aj4X82lg="},
		{name: "Signature param is ignored", method: "GET", params: with(v1AParams(), "Signature", "junk"), secret: v1ASecret, wantSTS: v1AStringToSign, wantSig: v1ASignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := V1StringToSign(tt.method, tt.params)
			if tt.wantSTS != "" && sts != tt.wantSTS {
				t.Errorf("V1StringToSign() = %q, want %q", sts, tt.wantSTS)
			}
			if got := V1Sign(tt.secret, sts); got != tt.wantSig {
				t.Errorf("V1Sign() = %q, want %q", got, tt.wantSig)
			}
			p := cloneValues(tt.params)
			p.Set("Signature", tt.wantSig)
			ok, gotSTS := VerifyV1(tt.method, p, tt.secret)
			if !ok {
				t.Errorf("VerifyV1() ok = false, want true (server string to sign %q)", gotSTS)
			}
			if gotSTS != sts {
				t.Errorf("VerifyV1() stringToSign = %q, want %q", gotSTS, sts)
			}
			p = cloneValues(tt.params)
			if got := SignV1Params(tt.method, p, tt.secret); got != tt.wantSig {
				t.Errorf("SignV1Params() = %q, want %q", got, tt.wantSig)
			}
			if got := p.Get("Signature"); got != tt.wantSig {
				t.Errorf("SignV1Params() left Signature = %q, want %q", got, tt.wantSig)
			}
		})
	}
}

// TestV1WireDecoding checks the server recipe on V1-D as a Go Tea
// client sends it: part in the query (space as '+'), part in a form body,
// decoded and merged before verifying.
func TestV1WireDecoding(t *testing.T) {
	all := v1DParams()
	query, form := url.Values{}, url.Values{}
	for k, vs := range all {
		if k == "Description" || k == "Empty" || k == "Name" {
			form[k] = vs
		} else {
			query[k] = vs
		}
	}
	query.Set("Signature", "AkvRNzq9/TDgLljk3q3Aj4X82lg=")
	rawQuery := query.Encode()
	if !strings.Contains(rawQuery, "%2B") {
		t.Fatalf("query.Encode() = %q, want an encoded '+' to exercise decoding", rawQuery)
	}
	rawForm := strings.ReplaceAll(form.Encode(), "%20", "+")
	params, err := url.ParseQuery(rawQuery)
	if err != nil {
		t.Fatalf("ParseQuery(%q) error: %v", rawQuery, err)
	}
	body, err := url.ParseQuery(rawForm)
	if err != nil {
		t.Fatalf("ParseQuery(%q) error: %v", rawForm, err)
	}
	for k, vs := range body {
		params[k] = append(params[k], vs...)
	}
	if ok, sts := VerifyV1("POST", params, "testSecret"); !ok {
		t.Errorf("VerifyV1(decoded wire form) ok = false, want true (server string to sign %q)", sts)
	}
}

func TestVerifyV1Rejects(t *testing.T) {
	signed := func() url.Values {
		p := v1AParams()
		p.Set("Signature", v1ASignature)
		return p
	}
	tests := []struct {
		name   string
		method string
		params url.Values
		secret string
	}{
		{name: "tampered param", method: "GET", params: with(signed(), "Action", "DescribeInstances"), secret: v1ASecret},
		{name: "added param", method: "GET", params: with(signed(), "RegionId", "cn-hangzhou"), secret: v1ASecret},
		{name: "wrong secret", method: "GET", params: signed(), secret: "testsecreT"},
		{name: "secret with the & already", method: "GET", params: signed(), secret: v1ASecret + "&"},
		{name: "wrong method", method: "POST", params: signed(), secret: v1ASecret},
		{name: "missing signature", method: "GET", params: v1AParams(), secret: v1ASecret},
		{name: "empty signature", method: "GET", params: with(v1AParams(), "Signature", ""), secret: v1ASecret},
		{name: "signature case changed", method: "GET", params: with(signed(), "Signature", strings.ToLower(v1ASignature)), secret: v1ASecret},
		{name: "signature truncated", method: "GET", params: with(signed(), "Signature", v1ASignature[:len(v1ASignature)-1]), secret: v1ASecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok, sts := VerifyV1(tt.method, tt.params, tt.secret); ok {
				t.Errorf("VerifyV1() ok = true, want false (string to sign %q)", sts)
			}
		})
	}
}

func TestV1StringToSignRepeatedNames(t *testing.T) {
	p := url.Values{"b": {"2"}, "a": {"z", "y", ""}, "Signature": {"x"}}
	got := V1StringToSign("GET", p)
	want := "GET&%2F&" + PercentEncode("a=&a=y&a=z&b=2")
	if got != want {
		t.Errorf("V1StringToSign() = %q, want %q", got, want)
	}
	if gotOrder := p["a"]; !reflect.DeepEqual(gotOrder, []string{"z", "y", ""}) {
		t.Errorf("V1StringToSign() reordered the caller's values: got %q, want %q", gotOrder, []string{"z", "y", ""})
	}
}

func TestPercentEncode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "empty", in: "", want: ""},
		{name: "unreserved", in: "AZaz09-_.~", want: "AZaz09-_.~"},
		{name: "space", in: "a b", want: "a%20b"},
		{name: "star", in: "*", want: "%2A"},
		{name: "tilde", in: "~", want: "~"},
		{name: "plus", in: "+", want: "%2B"},
		{name: "reserved", in: "/?#[]@!$&'()*+,;=:", want: "%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A"},
		{name: "percent", in: "100%", want: "100%25"},
		{name: "timestamp", in: "2016-02-23T12:46:24Z", want: "2016-02-23T12%3A46%3A24Z"},
		{name: "control bytes", in: "\x00\n\x7f", want: "%00%0A%7F"},
		{name: "UTF-8 Chinese", in: "阿里云", want: "%E9%98%BF%E9%87%8C%E4%BA%91"},
		{name: "emoji", in: "😀", want: "%F0%9F%98%80"},
		{name: "invalid UTF-8", in: "\xff\xfe", want: "%FF%FE"},
		{name: "JSON", in: `{"customer":"test"}`, want: "%7B%22customer%22%3A%22test%22%7D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PercentEncode(tt.in); got != tt.want {
				t.Errorf("PercentEncode(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := sdkPercentEncode(tt.in); got != tt.want {
				t.Errorf("sdkPercentEncode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// sdkPercentEncode is the Go SDK's recipe, as a cross-check.
func sdkPercentEncode(s string) string {
	s = url.QueryEscape(s)
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	return strings.ReplaceAll(s, "%7E", "~")
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
