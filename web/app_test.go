package web

import (
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// darkBackground is the dark scheme's page background, read from
// tend.css: the manifest's colours must be it.
func darkBackground(t *testing.T) string {
	t.Helper()
	css, err := os.ReadFile("static/css/tend.css")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`:root \{[^}]*?--bg: (#[0-9a-f]{6});`).FindSubmatch(css)
	if m == nil {
		t.Fatal("no --bg in tend.css's :root")
	}
	return string(m[1])
}

// fetchPNG fetches an image without a session and decodes it.
func fetchPNG(t *testing.T, h http.Handler, path string) image.Image {
	t.Helper()
	got := browse(t, h, "GET", path, "", nil)
	if got.status != http.StatusOK || got.header.Get("Content-Type") != "image/png" {
		t.Fatalf("%s: %d %q", path, got.status, got.header.Get("Content-Type"))
	}
	img, err := png.Decode(strings.NewReader(got.body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// opaqueCorners says whether an image's four corners are opaque, as a
// full-bleed icon's are.
func opaqueCorners(img image.Image) bool {
	b := img.Bounds()
	for _, p := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, b.Max.Sub(image.Pt(1, 1))} {
		if _, _, _, a := img.At(p.X, p.Y).RGBA(); a != 0xffff {
			return false
		}
	}
	return true
}

// TestAppManifest: the manifest makes Tend installable: its type, every
// field, colours from tend.css, and icons of the sizes it says (maskable
// ones full-bleed), all without a session. Its description says nothing
// of what Tend is for beyond care: it shows wherever a phone lists apps.
// A browser asking again with the ETag it has gets 304.
func TestAppManifest(t *testing.T) {
	_, h, _, _, _ := pageServer(t)
	got := browse(t, h, "GET", "/manifest.webmanifest", "", nil)
	if got.status != http.StatusOK || got.header.Get("Content-Type") != "application/manifest+json" || got.header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("manifest: %d %q %q", got.status, got.header.Get("Content-Type"), got.header.Get("Cache-Control"))
	}
	var m struct {
		ID, Name, Lang, Description, Scope, Display string
		ShortName                                   string `json:"short_name"`
		StartURL                                    string `json:"start_url"`
		BackgroundColor                             string `json:"background_color"`
		ThemeColor                                  string `json:"theme_color"`
		Icons                                       []struct{ Src, Sizes, Type, Purpose string }
	}
	dec := json.NewDecoder(strings.NewReader(got.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, got.body)
	}
	bg := darkBackground(t)
	if m.ID != "/" || m.Name != "Tend" || m.ShortName != "Tend" || m.StartURL != "/" || m.Scope != "/" || m.Display != "standalone" ||
		m.BackgroundColor != bg || m.ThemeColor != bg || m.Lang != "en" {
		t.Errorf("manifest: %+v (background %s)", m, bg)
	}
	if m.Description == "" || regexp.MustCompile(`(?i)sex|kink|intima|erotic|bdsm|play|scene|encounter|partner`).MatchString(m.Description) {
		t.Errorf("description %q", m.Description)
	}
	var have []string
	for _, ic := range m.Icons {
		have = append(have, ic.Purpose+" "+ic.Sizes)
		if ic.Type != "image/png" || !strings.HasPrefix(ic.Src, "/static/") {
			t.Errorf("icon %+v", ic)
			continue
		}
		img := fetchPNG(t, h, ic.Src)
		if size := img.Bounds().Size(); size.X != size.Y || ic.Sizes != strconv.Itoa(size.X)+"x"+strconv.Itoa(size.Y) {
			t.Errorf("%s is %v, the manifest says %s", ic.Src, size, ic.Sizes)
		}
		if ic.Purpose == "maskable" && !opaqueCorners(img) {
			t.Errorf("%s: a maskable icon with transparent corners", ic.Src)
		}
	}
	if want := []string{"any 192x192", "any 512x512", "maskable 192x192", "maskable 512x512"}; !slices.Equal(have, want) {
		t.Errorf("icons %v, want %v", have, want)
	}

	req := httptest.NewRequest("GET", "/manifest.webmanifest", nil)
	req.Header.Set("If-None-Match", got.header.Get("ETag"))
	if again := serve(t, h, req); got.header.Get("ETag") == "" || again.status != http.StatusNotModified {
		t.Errorf("asked again with ETag %q: %d", got.header.Get("ETag"), again.status)
	}
}

// precacheOf reads the list of addresses the service worker keeps from
// its source.
func precacheOf(t *testing.T, src string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^const PRECACHE = (\[.*\]);$`).FindStringSubmatch(src)
	if m == nil {
		t.Fatalf("no PRECACHE in the worker:\n%.400s", src)
	}
	var list []string
	if err := json.Unmarshal([]byte(m[1]), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestServiceWorkerServed: /sw.js is JavaScript browsers check again
// every time, with the same body signed in or not. It keeps only the
// offline page, the quick exit's blank page and the files they load, each
// there without a session; it stores nothing else (no cache.put, one
// cache opened, for the install) and names this release's cache, which
// changes when a file it keeps does.
func TestServiceWorkerServed(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	got := browse(t, h, "GET", "/sw.js", "", nil)
	if got.status != http.StatusOK || got.header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
		got.header.Get("Cache-Control") != "no-cache" || got.header.Get("Set-Cookie") != "" || got.header.Get("ETag") == "" {
		t.Fatalf("/sw.js: %d %v", got.status, got.header)
	}
	if signedIn := browse(t, h, "GET", "/sw.js", sam, nil); signedIn.body != got.body {
		t.Error("the worker differs for Sam")
	}
	list := precacheOf(t, got.body)
	want := []string{"/offline", "/away", s.assetURL("css/tend.css"), s.assetURL("favicon.svg"), s.assetURL("js/quickexit.js"), s.assetURL("css/away.css")}
	if !slices.Equal(list, want) {
		t.Errorf("precache %v, want %v", list, want)
	}
	for _, p := range list {
		if a := browse(t, h, "GET", p, "", nil); a.status != http.StatusOK || a.header.Get("Set-Cookie") != "" {
			t.Errorf("%s: %d, Set-Cookie %q", p, a.status, a.header.Get("Set-Cookie"))
		}
	}
	for _, line := range []string{`const ICON = "` + s.assetURL("icons/icon-192.png") + `";`, `const BADGE = "` + s.assetURL("icons/badge-96.png") + `";`} {
		if !strings.Contains(got.body, "\n"+line+"\n") {
			t.Errorf("the worker has no %s", line)
		}
	}
	if strings.Contains(got.body, ".put(") || strings.Count(got.body, "caches.open(") != 1 || strings.Count(got.body, "addAll(") != 1 {
		t.Error("the worker stores something besides its install's list")
	}
	name := regexp.MustCompile(`const CACHE = "(tend-offline-[0-9a-f]{12})";`).FindStringSubmatch(got.body)
	if name == nil {
		t.Fatal("no versioned cache name")
	}
	// Another release's style sheet: another cache.
	css := s.assets.files["css/tend.css"]
	css.hash = "0123456789ab"
	s.assets.files["css/tend.css"] = css
	if again := browse(t, h, "GET", "/sw.js", "", nil); strings.Contains(again.body, name[1]) {
		t.Error("a new style sheet, the same cache name")
	}
}

// TestOfflinePage: /offline is the same for everyone, signed in or not,
// and says nothing about anyone: no navigation, no sign-out, no name. It
// loads only what the worker keeps, offers to try again (a link to the
// page it stands in for) and keeps the quick exit.
func TestOfflinePage(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	out := browse(t, h, "GET", "/offline", "", nil)
	in := browse(t, h, "GET", "/offline", sam, nil)
	if out.status != http.StatusOK || in.body != out.body || in.header.Get("Set-Cookie") != "" {
		t.Fatalf("/offline: %d; the same signed in: %v", out.status, in.body == out.body)
	}
	if out.find("h1") != "You're offline" || out.doc.Find(`main a#try-again[href=""]`).Length() != 1 ||
		out.doc.Find(`header a[data-quick-exit][href="/away"]`).Length() != 1 {
		t.Errorf("offline page: %q\n%s", out.find("h1"), out.body)
	}
	if out.doc.Find("nav, form, footer").Length() != 0 || strings.Contains(out.body, "Sam") {
		t.Error("the offline page shows more than it should")
	}
	kept := precacheOf(t, browse(t, h, "GET", "/sw.js", "", nil).body)
	out.doc.Find("link[href], script[src]").Each(func(_ int, el *goquery.Selection) {
		u := el.AttrOr("href", el.AttrOr("src", ""))
		if !slices.Contains(kept, u) {
			t.Errorf("the offline page loads %s, which the worker does not keep", u)
		}
	})
}

// TestAppLinks: every page links the manifest and the icons, with a
// title bar colour for each scheme (one dim one on the aftercare screen,
// whatever the scheme); signed-in pages register the service worker,
// signed-out ones do not (someone opening a shared card keeps nothing of
// Tend). The icons at fixed addresses answer without a session.
func TestAppLinks(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	for _, tc := range []struct {
		session, path string
		register      bool
	}{{sam, "/", true}, {sam, "/settings", true}, {"", "/", false}, {"", "/signin", false}} {
		page := browse(t, h, "GET", tc.path, tc.session, nil)
		head := page.doc.Find("head")
		if href := head.Find(`link[rel="manifest"]`).AttrOr("href", ""); href != "/manifest.webmanifest" {
			t.Errorf("%s: manifest %q", tc.path, href)
		}
		if head.Find(`meta[name="theme-color"][media="(prefers-color-scheme: dark)"]`).AttrOr("content", "") != darkBackground(t) ||
			head.Find(`meta[name="theme-color"][media="(prefers-color-scheme: light)"]`).AttrOr("content", "") != "#fbfaf7" {
			t.Errorf("%s: theme colours", tc.path)
		}
		if !strings.HasSuffix(head.Find(`link[rel="icon"][sizes="32x32"]`).AttrOr("href", ""), "/icons/favicon-32.png") {
			t.Errorf("%s: no 32 px icon", tc.path)
		}
		if n := head.Find(`script[src$="/js/swregister.js"]`).Length(); (n == 1) != tc.register {
			t.Errorf("%s (signed in %v): %d registration scripts", tc.path, tc.session != "", n)
		}
	}
	e := careStart(t, s, samID, tend.NewEncounter{Kind: tend.Solo})
	screen := browse(t, h, "GET", "/encounters/"+e.ID+"/aftercare", sam, nil)
	if metas := screen.doc.Find(`meta[name="theme-color"]`); metas.Length() != 1 || metas.AttrOr("content", "") != "#0e0f13" || metas.AttrOr("media", "none") != "none" {
		t.Errorf("the aftercare screen's title bar: %d, %q", metas.Length(), metas.AttrOr("content", ""))
	}

	if img := fetchPNG(t, h, "/favicon.ico"); img.Bounds().Dx() != 32 || img.Bounds().Dy() != 32 {
		t.Errorf("/favicon.ico is %v", img.Bounds())
	}
	if img := fetchPNG(t, h, "/apple-touch-icon.png"); img.Bounds().Dx() != 180 || img.Bounds().Dy() != 180 || !opaqueCorners(img) {
		t.Errorf("/apple-touch-icon.png is %v, opaque corners %v", img.Bounds(), opaqueCorners(img))
	}
	touch := browse(t, h, "GET", "/", sam, nil).doc.Find(`head link[rel="apple-touch-icon"]`).AttrOr("href", "")
	if a := browse(t, h, "GET", touch, "", nil); a.body != browse(t, h, "GET", "/apple-touch-icon.png", "", nil).body {
		t.Error("the linked touch icon is not /apple-touch-icon.png")
	}
}
