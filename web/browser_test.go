package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's headless Chromium through chromedp and
// check every page with axe-core. Without Chromium or axe-core they skip,
// unless TEND_REQUIRE_BROWSER=1 (as in .ci/run), when they fail.

// axeTags are the rules axe-core runs: WCAG 2.0, 2.1 and 2.2, A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// browser is a headless Chromium for one test, with a phone-size window.
type browser struct {
	t        *testing.T
	ctx      context.Context
	base     string
	axe      string
	shots    string
	download string
	chromium string
}

func findAxe() string {
	for _, p := range []string{os.Getenv("TEND_AXE"), "../node_modules/axe-core/axe.min.js", "../.cache/node_modules/axe-core/axe.min.js"} {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	return ""
}

// newBrowser starts Chromium against the handler, served on localhost
// (a name, not an address, as passkeys need).
func newBrowser(t *testing.T, h http.Handler) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	path, err := exec.LookPath("chromium")
	axe := findAxe()
	if err != nil || axe == "" {
		if os.Getenv("TEND_REQUIRE_BROWSER") == "1" {
			t.Fatalf("TEND_REQUIRE_BROWSER=1 but chromium (%v) or axe-core (set TEND_AXE, or npm install axe-core at the repository root) is missing", err)
		}
		t.Skip("chromium or axe-core is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return startBrowser(t, path, axe, "http://localhost:"+fmt.Sprint(ln.Addr().(*net.TCPAddr).Port))
}

// startBrowser starts one Chromium, with its own profile, for the server
// at base.
func startBrowser(t *testing.T, path, axe, base string) *browser {
	t.Helper()
	shots := os.Getenv("TEND_ARTIFACTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "tend-artifacts")
	}
	shots = filepath.Join(shots, "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// Chromium may still be writing its profile for a moment after it is
	// told to stop, so its folder is removed here, not by t.TempDir.
	profile, err := os.MkdirTemp("", "tend-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile), chromedp.WindowSize(390, 844),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelT()
		cancelC()
		cancelA()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	b := &browser{t: t, ctx: ctx, base: base, axe: axe, shots: shots, download: t.TempDir(), chromium: path}
	b.run(emulation.SetDeviceMetricsOverride(390, 844, 1, true))
	return b
}

func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// open goes to a path of the server and waits for the page.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitReady("body"))
}

// path is the current page's path and query.
func (b *browser) path() string {
	b.t.Helper()
	var loc string
	b.run(chromedp.Evaluate(`location.pathname + location.search`, &loc))
	return loc
}

// text is the text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	var s string
	b.run(chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []any }
}

// check runs axe-core on the page in the dark and the light scheme and
// saves a screenshot of each; any WCAG A or AA violation fails the test.
func (b *browser) check(name string) {
	b.t.Helper()
	for _, scheme := range []string{"dark", "light"} {
		b.run(emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
		var res struct{ Violations []axeViolation }
		tags, _ := json.Marshal(axeTags)
		var loaded bool
		if b.run(chromedp.Evaluate(`!!window.axe`, &loaded)); !loaded {
			var ok bool
			b.run(chromedp.Evaluate(b.axe+";true", &ok))
		}
		script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})`, tags)
		b.run(chromedp.Evaluate(script, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		for _, v := range res.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			b.t.Errorf("%s (%s): axe %s (%s): %s at %s", name, scheme, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
		}
		var png []byte
		b.run(chromedp.FullScreenshot(&png, 100))
		if err := os.WriteFile(filepath.Join(b.shots, name+"-"+scheme+".png"), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
}

// submit clicks sel, which sends a form or follows a link, and waits for
// the next page to load.
func (b *browser) submit(sel string) {
	b.t.Helper()
	var ok bool
	b.run(chromedp.Evaluate(`window.__oldPage = true`, &ok), chromedp.Click(sel, chromedp.ByQuery))
	b.waitNewPage()
}

func (b *browser) waitNewPage() {
	b.t.Helper()
	// While the page changes, its JavaScript context comes and goes:
	// errors in between are expected, so ask again.
	for range 500 {
		var ready bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(`!window.__oldPage && document.readyState === "complete"`, &ready)); err == nil && ready {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatal("the next page did not load")
}

// fill types values into the fields named by selectors; selects are set
// to the value.
func (b *browser) fill(fields map[string]string) {
	b.t.Helper()
	for sel, v := range fields {
		b.run(chromedp.SetValue(sel, v, chromedp.ByQuery))
	}
}

// another starts a second browser, with its own cookies, for a second
// person on the same server.
func (b *browser) another() *browser {
	b.t.Helper()
	return startBrowser(b.t, b.chromium, b.axe, b.base)
}

// signUp makes an account through the sign-up page.
func (b *browser) signUp(name, username string) {
	b.t.Helper()
	b.open("/signup")
	b.fill(map[string]string{"#display_name": name, "#username": username, "#password": "correct horse battery", "#password_again": "correct horse battery"})
	b.submit(`main form button[type=submit]`)
}
