package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// pinger is a function-field mock of the database.
type pinger func(context.Context) error

func (p pinger) Ping(ctx context.Context) error { return p(ctx) }

func newTestServer(db Pinger) (*Server, *bytes.Buffer) {
	var logs bytes.Buffer
	return &Server{Logger: slog.New(slog.NewTextHandler(&logs, nil)), DB: db}, &logs
}

func TestHeadersOnEveryResponse(t *testing.T) {
	s, _ := newTestServer(pinger(func(context.Context) error { return nil }))
	h := s.Handler()
	for _, path := range []string{"/healthz", "/readyz", "/no-such-page"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
			"X-Frame-Options":        "DENY",
		} {
			if got := rec.Header().Get(name); got != want {
				t.Errorf("%s: %s: got %q, want %q", path, name, got, want)
			}
		}
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Errorf("%s: CSP allows too much: %q", path, csp)
		}
		if rec.Header().Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", path)
		}
	}
}

func TestHSTSOverTLS(t *testing.T) {
	s, _ := newTestServer(pinger(func(context.Context) error { return nil }))
	srv := httptest.NewTLSServer(s.Handler())
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("HSTS over TLS: got %q", res.Header.Get("Strict-Transport-Security"))
	}
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"Ready", nil, http.StatusOK},
		{"DatabaseDown", errors.New("connection refused"), http.StatusServiceUnavailable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, logs := newTestServer(pinger(func(context.Context) error { return tc.err }))
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
			if rec.Code != tc.want {
				t.Errorf("got %d, want %d", rec.Code, tc.want)
			}
			if tc.err != nil && strings.Contains(rec.Body.String(), "refused") {
				t.Errorf("the response shows the internal error: %q", rec.Body.String())
			}
			if tc.err != nil && !strings.Contains(logs.String(), "refused") {
				t.Errorf("the internal error was not logged: %q", logs.String())
			}
		})
	}
}

// TestLogsHoldNoRequestText: the request log names the route pattern,
// never the path a person typed or the query string.
func TestLogsHoldNoRequestText(t *testing.T) {
	s, logs := newTestServer(pinger(func(context.Context) error { return nil }))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz?note=CANARY-query", nil))
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/CANARY-path", nil))
	if strings.Contains(logs.String(), "CANARY") {
		t.Errorf("logs hold request text:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `route="GET /healthz"`) || !strings.Contains(logs.String(), "status=404") {
		t.Errorf("logs lack route and status:\n%s", logs.String())
	}
}
