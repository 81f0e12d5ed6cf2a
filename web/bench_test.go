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

// BenchmarkProfileGet is GET /api/v1/profile through the whole handler
// on real SQLite: session, person, profile, sealing, JSON.
func BenchmarkProfileGet(b *testing.B) {
	h, tok := benchServer(true)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("GET", "/api/v1/profile", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}

func BenchmarkProfilePut(b *testing.B) {
	h, tok := benchServer(false)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("PUT", "/api/v1/profile", strings.NewReader(samProfile))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}

// BenchmarkProfilePage is GET /profile, the profile page with the solo
// plan, through the whole handler on real SQLite.
func BenchmarkProfilePage(b *testing.B) {
	h, tok := benchServer(true)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("GET", "/profile", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}
