package fake

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The dashboard in a real browser: headless Chromium (Debian's chromium
// package) driven by chromedp against a seeded server on a loopback port.
// Without a browser the test skips with one line, unless CI is set, where
// it fails: .ci/run installs Chromium. Screenshots go to
// $ICEFAKE_ARTIFACTS (default: artifacts/ui at the repository root, which
// git ignores).

// browserPath finds Chromium: $ICEFAKE_CHROMIUM, else chromium or
// chromium-browser on PATH.
func browserPath() string {
	if p := os.Getenv("ICEFAKE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts headless Chromium for t with a fresh profile and
// returns a tab's context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := browserPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("browser tests: no Chromium found (install Debian's chromium package or set ICEFAKE_CHROMIUM); CI must run them")
		}
		t.Skip("browser tests skipped: no Chromium found (apt-get install chromium, or set ICEFAKE_CHROMIUM)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 760),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

// artifactDir is where screenshots are saved.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ICEFAKE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts", "ui")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts: %v", err)
	}
	return dir
}

// browse runs steps, failing the test with what for context.
func browse(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// clickAndLoad clicks sel and waits for the page it leads to.
func clickAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// screenshot saves the viewport as name.png among the artifacts.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(artifactDir(t), name+".png")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot: %s", p)
}

// TestUIBrowser walks the dashboard as a person would: sign in with the
// token link, find a project, see its Timeline as tracks, follow a failed
// call to its reason, and advance the clock to finish a job.
func TestUIBrowser(t *testing.T) {
	ctx := newBrowser(t)
	s := StartT(t, WithAdminToken("s3cret"), WithMedia(Media{MediaId: uiMediaA, Duration: 10}, Media{MediaId: uiMediaB, Duration: 4}))
	seed := seedUIState(t, s)
	base := s.URL() + uiPrefix

	t.Run("sign in", func(t *testing.T) {
		browse(t, ctx, "open the dashboard", chromedp.Navigate(base))
		if got := eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "Sign in" {
			t.Fatalf("without the token: h1 = %q, want %q", got, "Sign in")
		}
		browse(t, ctx, "token link", chromedp.Navigate(base+"?token=s3cret"))
		if got, want := eval[string](t, ctx, `location.href`), base; got != want {
			t.Errorf("after the token link: location = %q, want %q (the token leaves the address bar)", got, want)
		}
		if got := eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "Overview" {
			t.Fatalf("h1 = %q, want Overview", got)
		}
		if got := eval[int](t, ctx, `document.querySelectorAll("#tenants tbody tr").length`); got != 1 {
			t.Errorf("tenant rows = %d, want 1", got)
		}
		screenshot(t, ctx, "overview")
	})

	t.Run("find a project and see its Timeline", func(t *testing.T) {
		browse(t, ctx, "projects", chromedp.Navigate(base+"projects"),
			chromedp.SetValue(chromedp.ID("f-title"), "script"))
		clickAndLoad(t, ctx, `form.filters button[type=submit]`)
		if got := eval[int](t, ctx, `document.querySelectorAll("#projects tbody tr").length`); got != 1 {
			t.Fatalf("filtered project rows = %d, want 1", got)
		}
		clickAndLoad(t, ctx, `#projects tbody a`)
		if got, want := eval[string](t, ctx, `location.pathname`), uiPrefix+"projects/"+DefaultAccessKeyId+"/"+seed.Hostile; got != want {
			t.Fatalf("project page = %q, want %q", got, want)
		}
		// The hostile Title is text: no script element, no alert.
		if got := eval[int](t, ctx, `document.scripts.length`); got != 0 {
			t.Errorf("script elements = %d, want 0", got)
		}
		if got := eval[string](t, ctx, `[...document.querySelectorAll("#fields th")].find(th => th.textContent == "Title").nextElementSibling.textContent`); got != uiHostile {
			t.Errorf("Title cell = %q, want %q", got, uiHostile)
		}
		// One box per clip, at x = 130 + start/12 s × 820 px, as rendered.
		got := eval[[]float64](t, ctx, `[...document.querySelectorAll("#timeline-svg rect.box")].map(r => Math.round(r.getBBox().x*100)/100)`)
		want := []float64{130, 471.67, 745, 130}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("box x offsets = %v, want %v", got, want)
		}
		if got := eval[int](t, ctx, `document.querySelectorAll("#timeline-svg g.clip.unknown").length`); got != 2 {
			t.Errorf("boxes marked unknown = %d, want 2", got)
		}
		screenshot(t, ctx, "project")
	})

	t.Run("follow a failed call to the reason", func(t *testing.T) {
		browse(t, ctx, "journal", chromedp.Navigate(base+"journal"), chromedp.SetValue(chromedp.ID("q-action"), "GetEditingProject"))
		clickAndLoad(t, ctx, `form.filters button[type=submit]`)
		if got := eval[int](t, ctx, `document.querySelectorAll("#calls tbody tr.failed").length`); got != 1 {
			t.Fatalf("failed GetEditingProject rows = %d, want 1", got)
		}
		clickAndLoad(t, ctx, `#calls tbody tr.failed a`)
		if got, want := eval[string](t, ctx, `location.pathname`), uiPrefix+"calls/"+seed.FailedID; got != want {
			t.Fatalf("call page = %q, want %q", got, want)
		}
		if got := eval[string](t, ctx, `document.getElementById("call-why").textContent`); !strings.Contains(got, "no-such-project") {
			t.Errorf("Why = %q, want the reason naming no-such-project", got)
		}
		if got := eval[string](t, ctx, `document.getElementById("rules").textContent`); !strings.Contains(got, `ProjectId: the rule wants "p-scripted", the call had "no-such-project"`) {
			t.Errorf("fault rules = %q, want the nearest miss on ProjectId", got)
		}
		screenshot(t, ctx, "call")
	})

	t.Run("advance the clock to finish a job", func(t *testing.T) {
		browse(t, ctx, "jobs", chromedp.Navigate(base+"jobs"))
		status := `document.querySelector("#job-` + seed.JobID + ` td.status").textContent`
		if got := eval[string](t, ctx, status); got == jobSuccess {
			t.Fatalf("before advancing: job status = %q, want it unfinished", got)
		}
		browse(t, ctx, "advance by", chromedp.SetValue(chromedp.ID("jobs-advance-by"), "1h"))
		clickAndLoad(t, ctx, `form[action$="do/advance"] button`)
		if got := eval[string](t, ctx, `document.querySelector("p.done").textContent`); !strings.HasPrefix(got, "Done: advanced the clock") {
			t.Errorf("note = %q, want Done: advanced the clock …", got)
		}
		browse(t, ctx, "jobs again", chromedp.Navigate(base+"jobs"))
		if got := eval[string](t, ctx, status); got != jobSuccess {
			t.Errorf("after advancing 1h: job status = %q, want %q", got, jobSuccess)
		}
		screenshot(t, ctx, "jobs")
	})

	t.Run("draw a pasted Timeline", func(t *testing.T) {
		browse(t, ctx, "timeline form", chromedp.Navigate(base+"timeline"),
			chromedp.SetValue(chromedp.ID("tl-text"), uiTimeline))
		clickAndLoad(t, ctx, `form[action$="timeline"] button`)
		if got := eval[int](t, ctx, `document.querySelectorAll("#timeline-svg rect.box").length`); got != 4 {
			t.Errorf("boxes = %d, want 4", got)
		}
		if got := eval[string](t, ctx, `document.getElementById("verdict").textContent`); !strings.Contains(got, "QueryMaterialFailed") {
			t.Errorf("verdict = %q, want QueryMaterialFailed", got)
		}
		screenshot(t, ctx, "timeline")
	})

	t.Run("sign out", func(t *testing.T) {
		browse(t, ctx, "overview", chromedp.Navigate(base))
		clickAndLoad(t, ctx, `form[action$="logout"] button`)
		browse(t, ctx, "overview", chromedp.Navigate(base+"?"+url.Values{"page": {"1"}}.Encode()))
		if got := eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "Sign in" {
			t.Errorf("after signing out: h1 = %q, want Sign in", got)
		}
	})
}
