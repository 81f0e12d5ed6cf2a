package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkProfileGetMetrics is BenchmarkProfileGet with metrics on:
// the difference is what counting and timing a request costs.
func BenchmarkProfileGetMetrics(b *testing.B) {
	t := &testing.T{}
	s, _ := newAccountServer(t, "open")
	s.Metrics = NewMetrics(prometheus.NewRegistry(), "", nil)
	h := s.Handler()
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	tok := out["token"].(string)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("GET", "/api/v1/profile", strings.NewReader("")) // as benchRequests
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
}

// BenchmarkMetricsObserve is the metrics' part of a request alone.
func BenchmarkMetricsObserve(b *testing.B) {
	s, _ := newAccountServer(&testing.T{}, "open")
	s.Metrics = NewMetrics(prometheus.NewRegistry(), "", nil)
	s.Handler()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.Metrics.observe("GET /api/v1/profile", 200, 1234567)
		}
	})
}
