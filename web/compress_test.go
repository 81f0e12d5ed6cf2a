package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzhttp"

	"github.com/tendcare/tend"
)

// noCompressionHeader is gzhttp's mark, which must never reach a browser.
const noCompressionHeader = gzhttp.HeaderNoCompression

// wire is an answer as it goes over the wire to a browser that accepts
// gzip: its status, headers, the bytes sent and the body they decode to.
type wire struct {
	status int
	header http.Header
	sent   int
	body   string
}

// fetchGzip sends a GET as a browser does (Accept-Encoding: gzip), with
// the session, and decodes what comes back.
func fetchGzip(t *testing.T, h http.Handler, path, session string, header map[string]string) wire {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "tend", Value: session})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	w := wire{status: rec.Code, header: rec.Header(), sent: rec.Body.Len()}
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		w.body = string(b)
	} else {
		w.body = rec.Body.String()
	}
	return w
}

// TestAftercareScreenOnTheWire: the aftercare screen with a full plan
// for two goes to a browser compressed, under 15 KB (issue 17), and
// decodes to the same page a browser without gzip gets.
func TestAftercareScreenOnTheWire(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex, samID, _, e := careCircle(t, s, h, tend.Gentle)
	if _, err := s.Circles.SetShare(context.Background(), samID, e.CircleID, tend.ShareLevels, nil); err != nil {
		t.Fatal(err)
	}
	alexNeeds := []string{"water", "cuddle", "blanket", "massage", "affirm", "talk-feelings", "warm-drink"}
	samNeeds := []string{"snack", "stroke-hair", "appreciate", "breathe-together", "rest"}
	careGiveTake(t, h, alex, alexNeeds, samNeeds)
	careGiveTake(t, h, sam, samNeeds, alexNeeds)
	path := "/encounters/" + e.ID + "/aftercare"

	plain := browse(t, h, "GET", path, sam, nil)
	got := fetchGzip(t, h, path, sam, nil)
	if got.status != http.StatusOK || got.header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("%d, Content-Encoding %q: not compressed", got.status, got.header.Get("Content-Encoding"))
	}
	if steps := plain.doc.Find(".checklist > li").Length(); steps < 6 {
		t.Fatalf("only %d steps: not a full plan", steps)
	}
	t.Logf("aftercare screen: %d bytes, %d on the wire", len(plain.body), got.sent)
	if got.sent >= 15_000 {
		t.Errorf("the aftercare screen is %d bytes on the wire, want under 15 KB", got.sent)
	}
	if got.body != plain.body {
		t.Errorf("the compressed page decodes to other bytes than the page")
	}
	if !strings.Contains(got.header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary %q: caches would mix the two", got.header.Get("Vary"))
	}
	for h, want := range map[string]string{"Content-Security-Policy": contentSecurityPolicy, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"} {
		if got.header.Get(h) != want {
			t.Errorf("compressed, %s is %q", h, got.header.Get(h))
		}
	}
}

// TestWhatIsCompressed: pages, style sheets, scripts and JSON go
// compressed; images, small answers, event streams and anything for a
// client that does not ask stay as they are.
func TestWhatIsCompressed(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	for _, tc := range []struct {
		name, path string
		want       bool
	}{
		{"Page", "/profile", true},
		{"StyleSheet", s.assetURL("css/tend.css"), true},
		{"Script", s.assetURL("js/aftercare.js"), true},
		{"JSON", "/api/v1/openapi.json", true},
		{"Image", s.assetURL("icons/icon-192.png"), false},
		{"SmallJSON", "/api/v1/profile", false}, // about 300 bytes
		{"Small", "/healthz", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fetchGzip(t, h, tc.path, sam, nil)
			if got.status != http.StatusOK {
				t.Fatalf("%s: %d", tc.path, got.status)
			}
			if enc := got.header.Get("Content-Encoding"); (enc == "gzip") != tc.want {
				t.Errorf("%s (%s, %d bytes): Content-Encoding %q", tc.path, got.header.Get("Content-Type"), len(got.body), enc)
			}
		})
	}
	// Without Accept-Encoding, nothing is.
	if got := browse(t, h, "GET", "/profile", sam, nil); got.header.Get("Content-Encoding") != "" {
		t.Errorf("a client that did not ask got Content-Encoding %q", got.header.Get("Content-Encoding"))
	}
}

// TestEventStreamsNotCompressed: a live screen's stream, opened by a
// browser that accepts gzip, comes as plain server-sent events, each
// signal as it is sent.
func TestEventStreamsNotCompressed(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	defer s.Shutdown(context.Background())
	sam, _, _, alexID, e := careCircle(t, s, h, tend.Gentle)
	srv := httptest.NewServer(h)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, path := range []string{"/api/v1/encounters/" + e.ID + "/events", "/api/v1/inbox/events"} {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+path, nil)
		req.Header.Set("Accept", "text/event-stream")
		req.Header.Set("Accept-Encoding", "gzip")
		req.AddCookie(&http.Cookie{Name: "tend", Value: sam})
		res, err := srv.Client().Transport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
			t.Errorf("%s: %d, %q, Content-Encoding %q", path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"))
		}
		if strings.HasSuffix(path, "/events") && strings.Contains(path, e.ID) {
			careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalWater})
			buf := make([]byte, 4096)
			var seen string
			for !strings.Contains(seen, "event: signal") {
				n, err := res.Body.Read(buf)
				if err != nil {
					t.Fatalf("%s: %v after %q", path, err, seen)
				}
				seen += string(buf[:n])
			}
		}
		res.Body.Close()
	}
}

// TestSecretsNotCompressed: a page that shows a secret (a new card link,
// invitation, API token or webhook secret, and a shared card's own page,
// whose links hold its token) goes uncompressed to a browser that
// accepts gzip, so BREACH has no size to measure; the same pages without
// the secret are compressed as any other.
func TestSecretsNotCompressed(t *testing.T) {
	f := channelServer(t)
	ctx := context.Background()
	c, err := f.s.Circles.CreateCircle(ctx, f.samID, "us")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, form, page string
		values           map[string][]string
	}{
		{"CardLink", "/profile/cards", "/profile/cards", map[string][]string{"share": {"levels"}, "expires_in": {"1h"}}},
		{"Invitation", "/circles/" + c.ID + "/invite", "/circles/" + c.ID, nil},
		{"APIToken", "/settings/tokens", "/settings/tokens", map[string][]string{"name": {"backup"}}},
		{"WebhookSecret", "/settings/channels", "/settings", map[string][]string{"type": {"webhook"}, "address": {"https://hooks.example/tend"}, "wording": {"plain"}, "notice": {"alert"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			made := browse(t, f.h, "POST", tc.form, f.sam, tc.values)
			if made.status != http.StatusSeeOther {
				t.Fatalf("%s: %d %s", tc.form, made.status, made.find("#problem"))
			}
			cookie := ""
			for _, ck := range (&http.Response{Header: made.header}).Cookies() {
				if ck.Name == "tend-new" {
					cookie = ck.Name + "=" + ck.Value
				}
			}
			shown := fetchGzip(t, f.h, tc.page, f.sam, map[string]string{"Cookie": "tend=" + f.sam + "; " + cookie})
			if !strings.Contains(shown.body, `class="secret"`) {
				t.Fatalf("%s shows no secret", tc.page)
			}
			if enc := shown.header.Get("Content-Encoding"); enc != "" || len(shown.header.Values(noCompressionHeader)) != 0 {
				t.Errorf("%s with its secret: Content-Encoding %q, headers %v", tc.page, enc, shown.header)
			}
			again := fetchGzip(t, f.h, tc.page, f.sam, nil)
			if strings.Contains(again.body, `class="secret"`) || again.header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s without its secret: Content-Encoding %q", tc.page, again.header.Get("Content-Encoding"))
			}
		})
	}
	t.Run("SharedCard", func(t *testing.T) {
		do(t, f.h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: f.sam})
		token, _, err := f.s.CardShares.CreateCardShare(ctx, f.samID, tend.ShareLevels, nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/c/" + token, "/c/" + token + "/plan?name=Robin&r.water=need"} {
			got := fetchGzip(t, f.h, path, "", nil)
			if got.status != http.StatusOK || !strings.Contains(got.body, token) || got.header.Get("Content-Encoding") != "" {
				t.Errorf("%s: %d, Content-Encoding %q", path, got.status, got.header.Get("Content-Encoding"))
			}
		}
	})
}

// TestRevalidatedNotCompressed: the service worker, which browsers check
// with its ETag, goes as its bytes are, so that the ETag they send back
// still matches and the answer is a 304.
func TestRevalidatedNotCompressed(t *testing.T) {
	_, h, _, _, _ := pageServer(t)
	first := fetchGzip(t, h, "/sw.js", "", nil)
	etag := first.header.Get("ETag")
	if first.status != http.StatusOK || etag == "" || first.header.Get("Content-Encoding") != "" || len(first.body) < 1024 {
		t.Fatalf("/sw.js: %d, ETag %q, Content-Encoding %q, %d bytes", first.status, etag, first.header.Get("Content-Encoding"), len(first.body))
	}
	if again := fetchGzip(t, h, "/sw.js", "", map[string]string{"If-None-Match": etag}); again.status != http.StatusNotModified {
		t.Errorf("revalidated with its ETag: %d, want 304", again.status)
	}
}
