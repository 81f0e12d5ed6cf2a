package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchServer is a server with Sam signed up (and, if saved, with a
// profile); it returns the handler and Sam's session token.
func benchServer(saved bool) (http.Handler, string) {
	t := &testing.T{}
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	tok := out["token"].(string)
	if saved {
		do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	}
	return h, tok
}

// benchRequests sends the request over and over, in parallel, as Sam.
func benchRequests(b *testing.B, saved bool, method, path, body string) {
	h, tok := benchServer(saved)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}

// BenchmarkProfileGet is GET /api/v1/profile through the whole handler
// on real SQLite: session, person, profile, sealing, JSON.
func BenchmarkProfileGet(b *testing.B) { benchRequests(b, true, "GET", "/api/v1/profile", "") }

// BenchmarkProfilePut saves a new version each time.
func BenchmarkProfilePut(b *testing.B) { benchRequests(b, false, "PUT", "/api/v1/profile", samProfile) }

// BenchmarkProfilePage is GET /profile, the profile page with the solo
// plan, through the whole handler on real SQLite.
func BenchmarkProfilePage(b *testing.B) { benchRequests(b, true, "GET", "/profile", "") }
