package web

import (
	"encoding/json"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPI checks the served document against the real routes: every
// /api/v1 route is documented, every documented operation is a route,
// and each says how it fails.
func TestOpenAPI(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("document: %d %v", rec.Code, err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			key := strings.ToUpper(method) + " " + path
			documented[key] = true
			var o struct {
				Summary   string                     `json:"summary"`
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op, &o); err != nil || o.Summary == "" || o.Responses["400"] == nil {
				t.Errorf("%s: needs a summary and its error responses", key)
			}
		}
	}
	routed := map[string]bool{}
	for _, rt := range s.routes() {
		if strings.HasPrefix(rt.pattern, "/api/v1/") && rt.pattern != "/api/v1/openapi.json" {
			routed[rt.method+" "+rt.pattern] = true
		}
	}
	var missing, extra []string
	for k := range routed {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !routed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("routes not documented: %v; documented but not routes: %v", missing, extra)
	}
}
