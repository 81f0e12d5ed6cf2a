package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// objects makes, for each kind of object a route can name, one owned by
// the person with the token, and returns its id.
var objects = map[string]func(t *testing.T, s *Server, token string) string{
	"cardshare": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		_, cs, err := s.CardShares.CreateCardShare(context.Background(), sess.PersonID, tend.ShareLevels, nil, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return cs.ID
	},
	"circle": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Circles.CreateCircle(context.Background(), sess.PersonID, "Sam's circle")
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	},
	"encounter": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Encounters.CreateEncounter(context.Background(), sess.PersonID, tend.NewEncounter{Kind: tend.Solo})
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	},
	"drop": func(t *testing.T, s *Server, token string) string {
		me := sessionPerson(t, s, token)
		e := careStart(t, s, me, tend.NewEncounter{Kind: tend.Solo})
		a, err := s.Drops.RaiseLow(context.Background(), me, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	},
	"channel": func(t *testing.T, s *Server, token string) string {
		c, _, err := s.Channels.AddChannel(context.Background(), sessionPerson(t, s, token), &tend.Channel{Type: tend.ChannelNtfy,
			Address: "https://ntfy.example/a-long-topic", Wording: tend.WordingDiscreet, Notices: tend.Notices()})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	},
	"followup": func(t *testing.T, s *Server, token string) string {
		return soloFollowup(t, s, sessionPerson(t, s, token)).ID
	},
	"token": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		_, tok, err := s.Tokens.CreateAPIToken(context.Background(), sess.PersonID, "a script", nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok.ID
	},
	"passkey": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		k := &tend.Passkey{PersonID: sess.PersonID, Name: "a phone", CredentialID: []byte(sess.ID), PublicKey: []byte{0xa5}}
		if err := s.Passkeys.CreatePasskey(context.Background(), k); err != nil {
			t.Fatal(err)
		}
		return k.ID
	},
	"session": func(t *testing.T, s *Server, token string) string {
		sess, err := s.Sessions.FindSessionByToken(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		_, other, err := s.Sessions.CreateSession(context.Background(), sess.PersonID, "another device")
		if err != nil {
			t.Fatal(err)
		}
		return other.ID
	},
}

// people signs up Sam and Alex (once per server) and starts a fresh
// session for each, straight in the store (signing in over and over would
// meet the per-address limit).
func people(t *testing.T, s *Server, h http.Handler) (sam, alex string) {
	t.Helper()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Alex", "username": "alex", "password": "another good password"}`})
	session := func(username string) string {
		c, err := s.Credentials.FindCredentials(context.Background(), username)
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := s.Sessions.CreateSession(context.Background(), c.PersonID, "test")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	return session("sam"), session("alex")
}

// rawAnswer is a response's body and where it redirects to.
type rawAnswer struct {
	body, location string
}

// rawResponse sends a request and returns the status, body and Location.
func rawResponse(t *testing.T, h http.Handler, c call) (int, rawAnswer) {
	t.Helper()
	req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.site != "" {
		req.Header.Set("Sec-Fetch-Site", c.site)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rawAnswer{rec.Body.String(), rec.Header().Get("Location")}
}

func jsonOf(t *testing.T, a rawAnswer) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal([]byte(a.body), &out); err != nil {
		t.Fatalf("not JSON: %q", a.body)
	}
	return out
}

// refusedSignedOut checks the answer to a signed-out request: a page
// sends the browser to the sign-in page, the API answers 401.
func refusedSignedOut(t *testing.T, rt route, how string, st int, a rawAnswer) {
	t.Helper()
	if rt.page {
		if st != http.StatusSeeOther || !strings.HasPrefix(a.location, "/signin") {
			t.Errorf("%s: got %d to %q, want 303 to /signin", how, st, a.location)
		}
		return
	}
	if code, _ := errorOf(jsonOf(t, a)); st != http.StatusUnauthorized || code != "unauthorized" {
		t.Errorf("%s: got %d %s, want 401", how, st, a.body)
	}
}

// raw sends a request and returns the status and the body as it is. A
// live stream's request ends after a second.
func raw(t *testing.T, h http.Handler, c call) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, c.method, c.path, strings.NewReader(c.body))
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// wildcard finds a pattern's wildcards ({id}, {path...}; not {$}).
var wildcard = regexp.MustCompile(`\{([a-z]+)(?:\.\.\.)?\}`)

// wildcardsWithoutOwner are the wildcards a route may have without an
// object for the matrix to try as another person, each with why nobody
// else's thing can be reached through it.
var wildcardsWithoutOwner = map[string]string{
	"version": "a version of the signed-in person's own profile: the route names nobody else",
	"token":   "a secret link (an invitation, a shared card): holding it is the permission; a wrong, used or expired one answers the same 404 (TestInvitePage, TestSharedCard)",
	"format":  "the kind of file of a shared card's QR code, beside its {token}",
	"member":  "a member of the circle {id} names, which is the route's object",
	"hash":    "a static file's content hash",
	"path":    "a static file, the same for everyone",
	"name":    "a guide of the catalog, the same for everyone",
	"suggestion": "a suggestion of the signed-in person's own insights, made from their own history when asked: the route names nobody else's, " +
		"and one the person does not have answers 404 (TestInsightSuggestions)",
	"deck": "a question deck of the catalog, the same for everyone",
}

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
		if rt.object != "" && !strings.Contains(rt.pattern, "{id}") {
			t.Errorf("%s: names a %s but has no {id} wildcard", key, rt.object)
		}
		for _, m := range wildcard.FindAllStringSubmatch(rt.pattern, -1) {
			if _, ok := wildcardsWithoutOwner[m[1]]; !ok && rt.object == "" {
				t.Errorf("%s: its {%s} names something, but the route names no object the matrix can try as another person; "+
					"set object, or add the wildcard to wildcardsWithoutOwner saying why nobody else's can be reached", key, m[1])
			}
		}
		path := strings.NewReplacer("{", "", "}", "").Replace(rt.pattern)
		t.Run(key, func(t *testing.T) {
			if rt.access != public {
				st, res := rawResponse(t, h, call{method: rt.method, path: path, body: "{}"})
				refusedSignedOut(t, rt, "unauthenticated", st, res)
			}
			if rt.access == sessionOnly {
				samTok, _ := people(t, s, h)
				sess, _ := s.Sessions.FindSessionByToken(context.Background(), samTok)
				secret, _, err := s.Tokens.CreateAPIToken(context.Background(), sess.PersonID, "matrix", tend.Scopes())
				if err != nil {
					t.Fatal(err)
				}
				st, res := rawResponse(t, h, call{method: rt.method, path: path, body: "{}", token: secret})
				if rt.page {
					// Pages take sessions only: with a token, the person is
					// signed out as far as pages go.
					refusedSignedOut(t, rt, "with an API token", st, res)
				} else if code, _ := errorOf(jsonOf(t, res)); st != http.StatusForbidden || code != "forbidden" {
					t.Errorf("with an API token: got %d %s, want 403", st, res.body)
				}
			}
			if rt.method != "GET" && rt.method != "HEAD" {
				st, res := rawResponse(t, h, call{method: rt.method, path: path, body: samSignup, site: "cross-site"})
				if st != http.StatusForbidden || !strings.Contains(res.body, "another site") {
					t.Errorf("cross-site: got %d %s, want 403 saying why", st, res.body)
				}
				if !rt.page {
					if code, _ := errorOf(jsonOf(t, res)); code != "forbidden" {
						t.Errorf("cross-site: got code %q, want forbidden", code)
					}
				}
			}
			if rt.object != "" {
				make, ok := objects[rt.object]
				if !ok {
					t.Fatalf("%s names a %s: add a maker for it to objects in this test", key, rt.object)
				}
				samTok, alexTok := people(t, s, h)
				id := make(t, s, samTok)
				mine := strings.Replace(rt.pattern, "{id}", id, 1)
				missing := strings.Replace(rt.pattern, "{id}", "0193a6f0-0000-7000-8000-00000000dead", 1)
				s1, b1 := raw(t, h, call{method: rt.method, path: mine, body: "{}", token: alexTok})
				s2, b2 := raw(t, h, call{method: rt.method, path: missing, body: "{}", token: alexTok})
				if s1 != http.StatusNotFound || s1 != s2 || b1 != b2 {
					t.Errorf("as another person: got %d %q; a missing id: %d %q; want the same 404", s1, b1, s2, b2)
				}
				if strings.Contains(b1, id) {
					t.Errorf("the answer names Sam's object")
				}
				// And the object is still there for its owner: whatever
				// else the empty request gets wrong (a missing name, a
				// second id), it is not the answer for a missing object.
				if st, body := raw(t, h, call{method: rt.method, path: mine, body: "{}", token: samTok}); st == s2 && body == b2 {
					t.Errorf("as the owner: got %d %s, as for a missing id", st, body)
				}
			}
		})
	}
}
