package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeCurls returns the README's curl commands (continuation lines
// joined).
func readmeCurls(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(line, "curl ") {
			continue
		}
		for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
			i++
			line = strings.TrimSuffix(line, `\`) + " " + strings.TrimSpace(lines[i])
		}
		out = append(out, line)
	}
	return out
}

// shellWords splits a command line on spaces outside single quotes.
func shellWords(s string) []string {
	var (
		out    []string
		cur    strings.Builder
		quoted bool
		inWord bool
	)
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// curlRequest builds the request curl would send for args (-X, -H, -d,
// --data-binary @file), with curl's defaults: GET, or POST with
// Content-Type application/x-www-form-urlencoded when there is data.
func curlRequest(t *testing.T, args []string, base string) *http.Request {
	t.Helper()
	method, target, body := "", "", ""
	hasData := false
	header := http.Header{}
	for i := 1; i < len(args); i++ {
		switch a := args[i]; a {
		case "-X":
			i++
			method = args[i]
		case "-H":
			i++
			k, v, _ := strings.Cut(args[i], ":")
			header.Set(k, strings.TrimSpace(v))
		case "-d", "--data-binary":
			i++
			body, hasData = args[i], true
			if path, ok := strings.CutPrefix(body, "@"); ok {
				b, err := os.ReadFile(filepath.Join("../..", path))
				if err != nil {
					t.Fatal(err)
				}
				body = string(b)
			}
		default:
			if strings.HasPrefix(a, "-") {
				t.Fatalf("curl option %s is not understood by this test", a)
			}
			target = strings.Replace(a, "http://127.0.0.1:18930", base, 1)
		}
	}
	if method == "" {
		method = http.MethodGet
		if hasData {
			method = http.MethodPost
		}
	}
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if hasData {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return req
}

// TestREADMECurlRecipes sends every curl command of the README, as curl
// would, to a server run as the README's example runs it (-auth-mode off),
// and expects a 2xx answer for each.
func TestREADMECurlRecipes(t *testing.T) {
	base := startRun(t, []string{"-addr", "127.0.0.1:0", "-auth-mode", "off"}, noEnv)
	curls := readmeCurls(t)
	if len(curls) < 4 {
		t.Fatalf("README curl commands = %d, want at least 4", len(curls))
	}
	for _, c := range curls {
		t.Run(c, func(t *testing.T) {
			res, err := http.DefaultClient.Do(curlRequest(t, shellWords(c), base))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode/100 != 2 {
				t.Errorf("status = %d, want 2xx", res.StatusCode)
			}
		})
	}
}
