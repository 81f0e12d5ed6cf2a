package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestTokenScopeMatrix tries every API route that takes a token with a
// token of each scope alone: a token whose scope does not permit the
// route's gets 403 saying which scope it needs; one that does is let
// through (whatever the request then gets wrong). Every such route names
// a scope; routes for the account take no token at all (the authorization
// matrix checks those).
func TestTokenScopeMatrix(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	samTok, _ := people(t, s, h)
	sess, err := s.Sessions.FindSessionByToken(context.Background(), samTok)
	if err != nil {
		t.Fatal(err)
	}
	tokens := map[tend.Scope]*tend.APIToken{}
	secrets := map[tend.Scope]string{}
	for _, sc := range tend.Scopes() {
		secret, tok, err := s.Tokens.CreateAPIToken(context.Background(), sess.PersonID, "only "+string(sc), []tend.Scope{sc})
		if err != nil {
			t.Fatal(err)
		}
		tokens[sc], secrets[sc] = tok, secret
	}
	for _, rt := range s.routes() {
		if rt.access != signedIn || rt.page {
			if rt.scope != "" {
				t.Errorf("%s %s: a scope on a route tokens never reach", rt.method, rt.pattern)
			}
			continue
		}
		if !rt.scope.Valid() {
			t.Errorf("%s %s: takes API tokens but names no scope (%q)", rt.method, rt.pattern, rt.scope)
			continue
		}
		path := strings.NewReplacer("{", "", "}", "").Replace(rt.pattern)
		for _, sc := range tend.Scopes() {
			st, body := raw(t, h, call{method: rt.method, path: path, body: "{}", token: secrets[sc]})
			refused := st == http.StatusForbidden && strings.Contains(body, "needs the scope "+string(rt.scope))
			if want := tend.Permits(tokens[sc].Scopes, rt.scope); want == refused {
				t.Errorf("%s %s with %s: got %d %s; permitted: %v", rt.method, rt.pattern, sc, st, strings.TrimSpace(body), want)
			}
		}
	}
}

// TestTokenScopesWhatIsRead: a token that may read encounters sees who
// checked in, but nobody's limits, triggers or safeword unless it may
// read check-ins; reflections (with the journal) need their own scope.
func TestTokenScopesWhatIsRead(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	samTok, _ := people(t, s, h)
	ctx := context.Background()
	sess, _ := s.Sessions.FindSessionByToken(ctx, samTok)
	e, err := s.Encounters.CreateEncounter(ctx, sess.PersonID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Encounters.SaveCheckIn(ctx, sess.PersonID, e.ID, &tend.CheckIn{Limits: "SECRET-LIMIT", Safeword: "SECRET-WORD", Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	mk := func(scopes ...tend.Scope) string {
		secret, _, err := s.Tokens.CreateAPIToken(ctx, sess.PersonID, "t", scopes)
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	for _, path := range []string{"/api/v1/encounters/" + e.ID, "/api/v1/encounters"} {
		st, body := raw(t, h, call{method: "GET", path: path, token: mk(tend.ScopeEncountersRead)})
		if st != http.StatusOK || strings.Contains(body, "SECRET") || !strings.Contains(body, `"checked_in":true`) || !strings.Contains(body, `"check_in":null`) {
			t.Errorf("%s with encounters:read: %d %s", path, st, body)
		}
		for _, scopes := range [][]tend.Scope{{tend.ScopeEncountersRead, tend.ScopeCheckInsRead}, {tend.ScopeEncountersRead, tend.ScopeCheckInsWrite}} {
			st, body = raw(t, h, call{method: "GET", path: path, token: mk(scopes...)})
			if st != http.StatusOK || !strings.Contains(body, "SECRET-LIMIT") || !strings.Contains(body, "SECRET-WORD") {
				t.Errorf("%s with %v: %d %s", path, scopes, st, body)
			}
		}
		st, body = raw(t, h, call{method: "GET", path: path, token: samTok})
		if st != http.StatusOK || !strings.Contains(body, "SECRET-LIMIT") {
			t.Errorf("%s with a session: %d %s", path, st, body)
		}
	}
}

// TestOpenAPITokenScopes: the document names, for each operation an API
// token may use, the scope the route really needs, and none elsewhere.
func TestOpenAPITokenScopes(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	var doc struct {
		Paths map[string]map[string]struct {
			Scope string `json:"x-token-scope"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for _, rt := range s.routes() {
		if !strings.HasPrefix(rt.pattern, "/api/v1/") || rt.pattern == "/api/v1/openapi.json" {
			continue
		}
		op, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		if !ok {
			continue // TestOpenAPI reports it
		}
		if op.Scope != string(rt.scope) {
			t.Errorf("%s %s: documented scope %q, the route needs %q", rt.method, rt.pattern, op.Scope, rt.scope)
		}
	}
}
