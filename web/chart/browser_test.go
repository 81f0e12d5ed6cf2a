package chart

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
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

// The browser test shows every sample chart in Debian's headless
// Chromium with the real tend.css and the app's content security policy,
// at 360 and 390 px in the dark and light schemes and in print. It runs
// axe-core, checks what a person would see (no text over other text or
// past the chart's edges, text at least 12 px, no sideways scrolling, no
// CSP violation) and saves screenshots under $TEND_ARTIFACTS/screenshots.
// Without Chromium or axe-core it skips, unless TEND_REQUIRE_BROWSER=1.

// csp is the app's policy (web/headers.go): no inline style or script.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"

const galleryPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>Charts · Tend</title>
<script src="csp.js"></script>
<link rel="stylesheet" href="tend.css">
</head>
<body>
<main id="main">
<h1>Every chart</h1>
{{range .}}<section{{if .panel}} class="panel"{{end}}>
<h2>{{.name}}</h2>
{{.svg}}
</section>
{{end}}</main>
</body>
</html>
`

// cspScript records violations of the policy, for the test to read.
const cspScript = `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));`

// layoutScript returns what a person would find wrong in the drawn
// charts (text over other text, text past the picture's edges, text
// smaller than minPx CSS px) and, last, the smallest text size seen.
const layoutScript = `((minPx) => {
  const out = [];
  let smallest = 1000;
  for (const svg of document.querySelectorAll("svg.chart")) {
    const name = svg.closest("section").querySelector("h2").textContent;
    const vb = svg.viewBox.baseVal;
    const px = svg.getBoundingClientRect().width / vb.width;
    const boxes = [...svg.querySelectorAll("text")].map(t => ({t: t.textContent, b: t.getBBox(), size: parseFloat(getComputedStyle(t).fontSize)}));
    for (const {t, b, size} of boxes) {
      smallest = Math.min(smallest, size * px);
      if (size * px < minPx) out.push(name + ": " + t + " is " + (size * px).toFixed(1) + " px");
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) out.push(name + ": " + t + " is past the edge");
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].b, b = boxes[j].b;
      if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5)
        out.push(name + ": " + boxes[i].t + " overlaps " + boxes[j].t);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push("the page scrolls sideways");
  out.push(...window.cspViolations.map(v => "CSP: " + v));
  out.push(smallest.toFixed(1));
  return out;
})`

func findAxe() string {
	for _, p := range []string{os.Getenv("TEND_AXE"), "../../node_modules/axe-core/axe.min.js", "../../.cache/node_modules/axe-core/axe.min.js"} {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	return ""
}

// galleryHTML is the page of every sample chart, every second one in a
// panel (whose background differs from the page's).
func galleryHTML(t *testing.T) string {
	var b strings.Builder
	var data []map[string]any
	for i, s := range samples() {
		data = append(data, map[string]any{"name": s.name, "svg": s.svg, "panel": i%2 == 1})
	}
	if err := template.Must(template.New("gallery").Parse(galleryPage)).Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestChartsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	path, err := exec.LookPath("chromium")
	axe := findAxe()
	if err != nil || axe == "" {
		if os.Getenv("TEND_REQUIRE_BROWSER") == "1" {
			t.Fatalf("TEND_REQUIRE_BROWSER=1 but chromium (%v) or axe-core (set TEND_AXE) is missing", err)
		}
		t.Skip("chromium or axe-core is not installed")
	}
	css, err := os.ReadFile("../static/css/tend.css")
	if err != nil {
		t.Fatal(err)
	}
	page := galleryHTML(t)
	files := map[string]string{"/": page, "/tend.css": string(css), "/csp.js": cspScript}
	types := map[string]string{"/": "text/html; charset=utf-8", "/tend.css": "text/css", "/csp.js": "text/javascript"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Content-Type", types[r.URL.Path])
		fmt.Fprint(w, body)
	}))
	defer srv.Close()

	artifacts := os.Getenv("TEND_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join(os.TempDir(), "tend-artifacts")
	}
	shots := filepath.Join(artifacts, "screenshots")
	// The page itself, to open by hand beside its style sheet.
	for name, body := range map[string]string{"charts/index.html": page, "charts/tend.css": string(css), "charts/csp.js": cspScript} {
		p := filepath.Join(artifacts, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	// Chromium may still be writing its profile for a moment after it is
	// told to stop, so its folder is removed here, not by t.TempDir.
	profile, err := os.MkdirTemp("", "tend-chart-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	run := func(actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(name string) {
		t.Helper()
		var png []byte
		run(chromedp.FullScreenshot(&png, 100))
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tags, _ := json.Marshal([]string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"})
	axeRun := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})`, tags)
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

	// Text of at least 12 px at 360 px and wider; at 320 px (the
	// narrowest screen the app fits) the charts must still fit and
	// not overlap, and the smallest size is logged.
	for _, w := range []int64{320, 360, 390} {
		for _, scheme := range []string{"dark", "light"} {
			name := fmt.Sprintf("chart-%d-%s", w, scheme)
			run(emulation.SetDeviceMetricsOverride(w, 900, 1, true),
				emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
				chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body"))
			minPx := 12
			if w < 360 {
				minPx = 0
			}
			var problems []string
			run(chromedp.Evaluate(fmt.Sprintf("%s(%d)", layoutScript, minPx), &problems))
			t.Logf("%s: the smallest chart text is %s px", name, problems[len(problems)-1])
			for _, p := range problems[:len(problems)-1] {
				t.Errorf("%s: %s", name, p)
			}
			var ok bool
			run(chromedp.Evaluate(axe+";true", &ok))
			var res struct {
				Violations []struct {
					ID, Help string
					Nodes    []struct{ Target []any }
				}
			}
			run(chromedp.Evaluate(axeRun, &res, await))
			for _, v := range res.Violations {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, fmt.Sprint(n.Target...))
				}
				t.Errorf("%s: axe %s: %s at %s", name, v.ID, v.Help, strings.Join(where, ", "))
			}
			shot(name)
		}
	}
	// Print, from the dark scheme (the default): black on white, the
	// series told apart by their patterns.
	run(emulation.SetDeviceMetricsOverride(390, 900, 1, true),
		emulation.SetEmulatedMedia().WithMedia("print").WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body"))
	shot("chart-print")
	// Forced colours (Windows high contrast): the system's two colours,
	// the series still told apart by their patterns and markers.
	run(emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}, {Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body"))
	shot("chart-forced")
}
