package web

import (
	"net/http"
	"testing"
)

func TestSessionRoutes(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	here := out["token"].(string)
	var others []string
	for i := range 2 {
		_, o, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "correct horse battery"}`, addr: "192.0.2." + string(rune('1'+i))})
		others = append(others, o["token"].(string))
	}
	status, out, _ := do(t, h, call{method: "GET", path: "/api/v1/sessions", token: here})
	list, _ := out["sessions"].([]any)
	if status != 200 || len(list) != 3 {
		t.Fatalf("list: %d %v", status, out)
	}
	current, otherID := 0, ""
	for _, x := range list {
		m := x.(map[string]any)
		if m["current"] == true {
			current++
		} else if otherID == "" {
			otherID = m["id"].(string)
		}
	}
	if current != 1 {
		t.Errorf("want exactly one current session, got %d", current)
	}
	if status, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/sessions/" + otherID, token: here}); status != http.StatusNoContent {
		t.Fatalf("delete one: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/sessions/" + otherID, token: here}); status != http.StatusNotFound {
		t.Errorf("delete it again: %d, want 404", status)
	}
	if status, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/sessions", token: here}); status != http.StatusNoContent {
		t.Fatalf("sign out elsewhere: %d", status)
	}
	for _, tok := range others {
		if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: tok}); status != http.StatusUnauthorized {
			t.Errorf("a signed-out device still works: %d", status)
		}
	}
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: here}); status != 200 {
		t.Errorf("this device was signed out too: %d", status)
	}
}
