package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestOpenAPIStatusesSeen tries every API route in the ways that go wrong
// (signed out, from another site, with an API token, with ids that do not
// exist, with its real objects but an empty, undeclared or unknown body,
// and with query values that make no sense) and checks that every status
// it answers is one its operation documents, as a JSON error of the
// matching code.
func TestOpenAPIStatusesSeen(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	doc := readAPIDocument(t)
	errorSchema := schemaOf(t, "/components/schemas/Error")
	codes := map[int]string{400: tend.EINVALID, 401: tend.EUNAUTHORIZED, 403: tend.EFORBIDDEN, 404: tend.ENOTFOUND,
		409: tend.ECONFLICT, 429: ETOOMANY, 500: tend.EINTERNAL}
	sam, _ := people(t, s, h)
	sess, err := s.Sessions.FindSessionByToken(context.Background(), sam)
	if err != nil {
		t.Fatal(err)
	}
	// fresh is a new session of Sam's, straight from the store: a probe
	// before may have ended the last one.
	fresh := func() string {
		tok, _, err := s.Sessions.CreateSession(context.Background(), sess.PersonID, "probe")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	secret, _, err := s.Tokens.CreateAPIToken(context.Background(), sess.PersonID, "probe", nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rt := range s.routes() {
		if !strings.HasPrefix(rt.pattern, "/api/v1/") || rt.pattern == "/api/v1/openapi.json" {
			continue
		}
		key := rt.method + " " + rt.pattern
		op, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		if !ok {
			continue // TestOpenAPI reports it
		}
		t.Run(key, func(t *testing.T) {
			seen := func(how string, st int, body, retry string) {
				t.Helper()
				if !op.has(st) {
					t.Errorf("%s: answered %d, which the document does not list (%v): %.200s", how, st, op.statuses(), body)
				}
				if st < 400 {
					return
				}
				var e struct{ Error struct{ Code string } }
				json.Unmarshal([]byte(body), &e)
				if err := validate(errorSchema, []byte(body)); err != nil || e.Error.Code != codes[st] {
					t.Errorf("%s: %d with %.200s, not an error of code %s", how, st, body, codes[st])
				}
				if st == http.StatusTooManyRequests && retry == "" {
					t.Errorf("%s: 429 without Retry-After", how)
				}
			}
			const json = "application/json"
			missing := strings.NewReplacer("{id}", "0193a6f0-0000-7000-8000-00000000dead", "{member}", "0193a6f0-0000-7000-8000-00000000beef",
				"{version}", "77", "{token}", "no-such-invitation").Replace(rt.pattern)
			st, body, retry := probe(t, h, rt.method, missing, "", json, "{}", "")
			seen("signed out", st, body, retry)
			if rt.method != "GET" {
				st, body, retry = probe(t, h, rt.method, missing, "", json, "{}", "cross-site")
				seen("from another site", st, body, retry)
			}
			st, body, retry = probe(t, h, rt.method, missing, secret, json, "{}", "")
			seen("with an API token", st, body, retry)
			who := fresh
			if key == "DELETE /api/v1/account" {
				// A new session counts as just signed in, so this works:
				// each try deletes someone else than Sam.
				who = func() string { n++; return signedUpAs(t, h, "probe"+strconv.Itoa(n)) }
			}
			st, body, retry = probe(t, h, rt.method, missing, who(), json, "{}", "")
			seen("naming what does not exist", st, body, retry)

			// With real objects: Sam's own, and an invitation to his circle.
			real := strings.NewReplacer("{member}", sess.PersonID, "{version}", "1").Replace(rt.pattern)
			if rt.object != "" {
				real = strings.Replace(real, "{id}", objects[rt.object](t, s, fresh()), 1)
			}
			if strings.Contains(real, "{token}") {
				c, err := s.Circles.CreateCircle(context.Background(), sess.PersonID, "Probed")
				if err != nil {
					t.Fatal(err)
				}
				tok, _, err := s.Circles.CreateInvite(context.Background(), sess.PersonID, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				real = strings.Replace(real, "{token}", tok, 1)
			}
			for _, try := range []struct{ how, contentType, body, query string }{
				{"an empty object", json, "{}", ""},
				{"no Content-Type", "", `{"name": "x"}`, ""},
				{"an unknown field", json, `{"not_a_field": 1}`, ""},
				{"not JSON", json, "{", ""},
				{"nonsense in the query", json, "{}", "?encounter=wild&after=-1&preview=maybe"},
			} {
				st, body, retry = probe(t, h, rt.method, real+try.query, who(), try.contentType, try.body, "")
				seen(try.how, st, body, retry)
				if op.RequestBody != nil && try.how == "no Content-Type" && st != http.StatusBadRequest {
					t.Errorf("%s: got %d, want 400", try.how, st)
				}
			}
		})
	}

	// Sign-in as Alex (Sam's tries above count against his account),
	// wrong again and again from one address: 401 until the
	// address has had its 10 tries in a minute, then 429 with Retry-After.
	signin := doc.Paths["/api/v1/signin"]["post"]
	var got []int
	for i := range 11 {
		st, _, res := do(t, h, call{method: "POST", path: "/api/v1/signin", addr: "192.0.2.7",
			body: `{"username": "alex", "password": "not it ` + strconv.Itoa(i) + `"}`})
		got = append(got, st)
		if !signin.has(st) {
			t.Errorf("sign-in answered %d, which the document does not list", st)
		}
		if st == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
			t.Errorf("sign-in answered 429 without Retry-After")
		}
	}
	if got[0] != http.StatusUnauthorized || got[10] != http.StatusTooManyRequests {
		t.Errorf("wrong sign-ins from one address: %v, want 401 first and 429 at the 11th", got)
	}
}

// signedUpAs makes an account with the username and returns its session
// token.
func signedUpAs(t *testing.T, h http.Handler, username string) string {
	t.Helper()
	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup",
		body: `{"display_name": "Probe", "username": "` + username + `", "password": "a long enough password"}`})
	tok, _ := out["token"].(string)
	if st != http.StatusCreated || tok == "" {
		t.Fatalf("sign-up as %s: %d %v", username, st, out)
	}
	return tok
}
