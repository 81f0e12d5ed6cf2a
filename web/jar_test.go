package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// jarBrowser sends page requests as one browser does: with its session,
// if any, and the cookies the server set, each sent back only to the
// paths it was set for.
type jarBrowser struct {
	t       *testing.T
	h       http.Handler
	jar     *cookiejar.Jar
	session string
}

func newJarBrowser(t *testing.T, h http.Handler, session string) *jarBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &jarBrowser{t: t, h: h, jar: jar, session: session}
}

// do sends the request, keeping the cookies of the answer; a sign-in or
// sign-up answer's session cookie becomes the browser's session.
func (b *jarBrowser) do(method, path string, form url.Values) pageAnswer {
	b.t.Helper()
	body := ""
	if form != nil {
		body = form.Encode()
	}
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	where := &url.URL{Scheme: "http", Host: "example.com", Path: req.URL.Path}
	for _, c := range b.jar.Cookies(where) {
		if c.Name != "tend" {
			req.AddCookie(c)
		}
	}
	if b.session != "" {
		req.AddCookie(&http.Cookie{Name: "tend", Value: b.session})
	}
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tend" {
			b.session = c.Value
			if c.MaxAge < 0 {
				b.session = ""
			}
		}
	}
	b.jar.SetCookies(where, rec.Result().Cookies())
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		b.t.Fatal(err)
	}
	return pageAnswer{rec.Code, rec.Header().Get("Location"), doc, rec.Body.String(), rec.Header()}
}

// follow goes where a redirect sends the browser.
func (b *jarBrowser) follow(a pageAnswer) pageAnswer {
	b.t.Helper()
	if a.status != http.StatusSeeOther || a.location == "" {
		b.t.Fatalf("not a redirect: %d %q %s", a.status, a.location, a.find("#problem"))
	}
	return b.do("GET", a.location, nil)
}

// logBuffer collects the server's log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// captureLogs sends the server's logs, every level, to a buffer.
func captureLogs(s *Server) *logBuffer {
	l := &logBuffer{}
	s.Logger = slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return l
}
