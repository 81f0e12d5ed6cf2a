package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestAuthorizationMatrix tries every route of the table: unauthenticated
// (401 unless public), and cross-site for every state-changing method
// (403, nothing done). Routes come from the same table the router is
// built from, so a new route cannot escape the matrix.
func TestAuthorizationMatrix(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	seen := map[string]bool{}
	for _, rt := range s.routes() {
		key := rt.method + " " + rt.pattern
		if seen[key] {
			t.Errorf("%s is in the route table twice", key)
		}
		seen[key] = true
		if rt.object != "" && !strings.Contains(rt.pattern, "{"+rt.object+"}") {
			t.Errorf("%s: object %q is not a wildcard of the pattern", key, rt.object)
		}
		path := strings.NewReplacer("{", "", "}", "").Replace(rt.pattern)
		t.Run(key, func(t *testing.T) {
			if rt.access != public {
				status, out, _ := do(t, h, call{method: rt.method, path: path, body: "{}"})
				if code, _ := errorOf(out); status != http.StatusUnauthorized || code != "unauthorized" {
					t.Errorf("unauthenticated: got %d %v, want 401", status, out)
				}
			}
			if rt.method != "GET" && rt.method != "HEAD" {
				status, out, _ := do(t, h, call{method: rt.method, path: path, body: samSignup, site: "cross-site"})
				if code, _ := errorOf(out); status != http.StatusForbidden || code != "forbidden" {
					t.Errorf("cross-site: got %d %v, want 403", status, out)
				}
			}
			if rt.object != "" {
				t.Errorf("%s names an object: add the as-another-person check (404 byte-identical to a missing id) to this test", key)
			}
		})
	}
}
