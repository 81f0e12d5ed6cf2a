package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

func TestAPITokens(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/tokens", body: `{"name": "backup script", "scopes": ["profile:write"]}`, token: tok})
	if status != 201 || !strings.HasPrefix(out["secret"].(string), "tend_") || out["token"].(map[string]any)["name"] != "backup script" ||
		fmt.Sprint(out["token"].(map[string]any)["scopes"]) != "[profile:write]" {
		t.Fatalf("create: %d %v", status, out)
	}
	secret, id := out["secret"].(string), out["token"].(map[string]any)["id"].(string)
	// The token reads and writes the profile, as it was made to…
	if status, out, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: secret}); status != 200 || out["person"].(map[string]any)["username"] != "sam" {
		t.Errorf("me with a token: %d %v", status, out)
	}
	if status, _, _ := do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: secret}); status != 200 {
		t.Errorf("save the profile with a token: %d", status)
	}
	// …but cannot make tokens, export, or change the account.
	for _, c := range []call{
		{method: "POST", path: "/api/v1/tokens", body: `{"name": "another"}`},
		{method: "GET", path: "/api/v1/export"},
		{method: "DELETE", path: "/api/v1/account"},
		{method: "POST", path: "/api/v1/password", body: `{"current": "correct horse battery", "new": "something else long"}`},
	} {
		c.token = secret
		if status, out, _ := do(t, h, c); status != 403 {
			t.Errorf("%s %s with a token: %d %v, want 403", c.method, c.path, status, out)
		}
	}
	_, out, _ = do(t, h, call{method: "GET", path: "/api/v1/tokens", token: tok})
	if list := out["tokens"].([]any); len(list) != 1 || strings.Contains(list[0].(map[string]any)["name"].(string), "tend_") {
		t.Errorf("list: %v (never the secret)", out)
	}
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/tokens", body: `{"name": ""}`, token: tok}); status != 400 {
		t.Errorf("a nameless token: %d %v", status, out)
	}
	if status, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/tokens/" + id, token: tok}); status != 204 {
		t.Fatalf("revoke: %d", status)
	}
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: secret}); status != 401 {
		t.Errorf("a revoked token still works: %d", status)
	}
}

// TestDisabledAccountShutOut: a disabled account's sessions and API
// tokens stop working at once, even where nothing revoked them (the
// store's flag alone, as an operator's tool might set it).
func TestDisabledAccountShutOut(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, _ := people(t, s, h)
	ctx := context.Background()
	sess, err := s.Sessions.FindSessionByToken(ctx, sam)
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := s.Tokens.CreateAPIToken(ctx, sess.PersonID, "script", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{sam, secret} {
		if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: tok}); st != http.StatusOK {
			t.Fatalf("before: %d", st)
		}
	}
	off := true
	if _, err := s.People.UpdatePerson(ctx, sess.PersonID, tend.PersonUpdate{Disabled: &off}); err != nil {
		t.Fatal(err)
	}
	for name, tok := range map[string]string{"session": sam, "API token": secret} {
		st, out, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: tok})
		if code, msg := errorOf(out); st != http.StatusUnauthorized || code != "unauthorized" || !strings.Contains(msg, "disabled") {
			t.Errorf("a disabled account's %s: %d %v", name, st, out)
		}
	}
}
