package web

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
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

// insightsBench is a server where Sam has 1,000 intense encounters over
// a year, each with three follow-ups answered (3,000 answers), ticks,
// check-ins and both members' reflections.
func insightsBench(b *testing.B) (http.Handler, string) {
	t := &testing.T{}
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedHistory(t, s, h, clock, 1000, true)
	x, err := s.Insights.FindHistory(b.Context(), sd.samID)
	if err != nil {
		b.Fatal(err)
	}
	answers := 0
	for _, e := range x.Encounters {
		answers += len(e.Followups)
	}
	if len(x.Encounters) != 1000 || answers != 3000 {
		b.Fatalf("seeded %d encounters and %d answers, want 1000 and 3000", len(x.Encounters), answers)
	}
	return h, sd.samTok
}

// BenchmarkInsightsPage is GET /insights for that history through the
// whole handler on real SQLite: the history read and opened, the
// insights computed, six charts drawn, the page rendered. It reports the
// median time per page (p50-ms) beside the mean.
func BenchmarkInsightsPage(b *testing.B) {
	h, tok := insightsBench(b)
	benchPage(b, h, tok, "/insights")
}

// BenchmarkInsightsAPI is GET /api/v1/insights for the same history.
func BenchmarkInsightsAPI(b *testing.B) {
	h, tok := insightsBench(b)
	benchPage(b, h, tok, "/api/v1/insights")
}

// benchPage asks for path as Sam, one request at a time, and reports
// the median.
func benchPage(b *testing.B, h http.Handler, tok, path string) {
	b.ReportAllocs()
	b.ResetTimer()
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code, rec.Body.String())
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
}
