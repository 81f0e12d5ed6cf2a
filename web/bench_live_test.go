package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkProfileGetLive is BenchmarkProfileGet with a request context
// that can be cancelled, as every request a server receives has (its
// connection's): what the load tool measures. Reads that watched it cost
// goroutines that the plain benchmark, on context.Background, never
// shows.
func BenchmarkProfileGetLive(b *testing.B) {
	h, tok := benchServer(true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/profile", strings.NewReader(""))
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}
