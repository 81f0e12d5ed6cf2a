package web

import (
	"strings"
	"testing"
	"time"
)

func TestChangePassword(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	_, other, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "correct horse battery"}`})
	status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/password", body: `{"current": "wrong one here", "new": "a new long password"}`, token: tok})
	if _, msg := errorOf(out); status != 400 || !strings.HasPrefix(msg, "current:") {
		t.Errorf("wrong current: %d %v", status, out)
	}
	status, out, _ = do(t, h, call{method: "POST", path: "/api/v1/password", body: `{"current": "correct horse battery", "new": "short"}`, token: tok})
	if _, msg := errorOf(out); status != 400 || !strings.Contains(msg, "at least 10") {
		t.Errorf("weak new: %d %v", status, out)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/password", body: `{"current": "correct horse battery", "new": "a new long password"}`, token: tok}); status != 204 {
		t.Fatalf("change: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: other["token"].(string)}); status != 401 {
		t.Errorf("another device stays signed in after a password change: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: tok}); status != 200 {
		t.Errorf("this device was signed out: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "correct horse battery"}`, addr: "192.0.2.20"}); status != 401 {
		t.Errorf("the old password still works: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "a new long password"}`, addr: "192.0.2.21"}); status != 200 {
		t.Errorf("the new password does not work: %d", status)
	}
}

func TestExportAndDeleteAskAgain(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	// Right after signing up, the password is fresh.
	status, out, _ := do(t, h, call{method: "GET", path: "/api/v1/export", token: tok})
	if status != 200 || out["tend"] != "export/v1" || len(out["profile_versions"].([]any)) != 1 || out["person"].(map[string]any)["username"] != "sam" {
		t.Fatalf("export: %d %v", status, out)
	}
	if !strings.Contains(out["profile"].(map[string]any)["card"].(map[string]any)["notes"].([]any)[0].(string), "cry") {
		t.Errorf("the export lacks the profile's notes")
	}
	clock.t = clock.t.Add(11 * time.Minute)
	for _, c := range []call{{method: "GET", path: "/api/v1/export"}, {method: "DELETE", path: "/api/v1/account"}} {
		c.token = tok
		status, out, _ := do(t, h, c)
		if _, msg := errorOf(out); status != 403 || !strings.Contains(msg, "confirm your password") {
			t.Errorf("%s %s after 11 minutes: %d %v", c.method, c.path, status, out)
		}
	}
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/confirm", body: `{"password": "nope nope nope"}`, token: tok}); status != 400 {
		t.Errorf("confirm with a wrong password: %d %v", status, out)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/confirm", body: `{"password": "correct horse battery"}`, token: tok}); status != 204 {
		t.Fatalf("confirm: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/account", token: tok}); status != 204 {
		t.Fatalf("delete: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: tok}); status != 401 {
		t.Errorf("a deleted account is still signed in: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "correct horse battery"}`, addr: "192.0.2.30"}); status != 401 {
		t.Errorf("a deleted account can sign in: %d", status)
	}
	// The username is free again, and nothing of the old profile comes back.
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	if _, p, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: out["token"].(string)}); p["profile"].(map[string]any)["version"] != 0.0 {
		t.Errorf("a new account with the old username sees the old profile")
	}
}
