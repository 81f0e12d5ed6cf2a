package web

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFavicon: every page links a small SVG icon under a hashed address;
// /favicon.ico, which browsers ask for anyway, answers with the PNG, with
// no session looked up and nothing but its own request line in the log.
// The quick exit's page keeps the browser's blank icon: nothing there
// says Tend.
func TestFavicon(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	logs := captureLogs(s)
	for _, cookie := range []string{"", "not-a-session"} {
		req := httptest.NewRequest("GET", "/favicon.ico", nil)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "tend", Value: cookie})
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		img, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
		if rec.Code != http.StatusOK || err != nil || rec.Header().Get("Content-Type") != "image/png" || img.Bounds().Dx() != img.Bounds().Dy() {
			t.Fatalf("/favicon.ico (cookie %q): %d %q %v", cookie, rec.Code, rec.Header().Get("Content-Type"), err)
		}
		if rec.Header().Get("Set-Cookie") != "" || !strings.HasPrefix(rec.Header().Get("Cache-Control"), "public") {
			t.Errorf("/favicon.ico (cookie %q): Set-Cookie %q, Cache-Control %q", cookie, rec.Header().Get("Set-Cookie"), rec.Header().Get("Cache-Control"))
		}
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	for _, l := range lines {
		if !strings.Contains(l, `route="GET /favicon.ico"`) || !strings.Contains(l, "status=200") {
			t.Errorf("a log line: %s", l)
		}
	}
	if len(lines) != 2 {
		t.Errorf("%d log lines for 2 requests", len(lines))
	}

	for _, session := range []string{sam, ""} {
		page := browse(t, h, "GET", "/", session, nil)
		href, _ := page.doc.Find(`head link[rel="icon"][type="image/svg+xml"]`).Attr("href")
		if !strings.HasPrefix(href, "/static/") || !strings.HasSuffix(href, "/favicon.svg") {
			t.Fatalf("the page's icon: %q", href)
		}
		icon := browse(t, h, "GET", href, "", nil)
		if icon.status != 200 || icon.header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(icon.body, "<svg") {
			t.Errorf("the icon: %d %q", icon.status, icon.header.Get("Content-Type"))
		}
		if touch, _ := page.doc.Find(`head link[rel="apple-touch-icon"]`).Attr("href"); !strings.HasSuffix(touch, "/icons/apple-touch-icon.png") {
			t.Errorf("the touch icon: %q", touch)
		}
	}
	if href, _ := browse(t, h, "GET", "/away", "", nil).doc.Find(`head link[rel="icon"]`).Attr("href"); href != "data:," {
		t.Errorf("the quick exit page's icon: %q", href)
	}
}
