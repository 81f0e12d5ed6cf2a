package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// event is one server-sent event as a browser sees it.
type event struct {
	id, name string
	sig      signalJSON
}

// testStream is an open live screen read by the test.
type testStream struct {
	events chan event
	res    *http.Response
}

// openStream opens an encounter's event stream with the token, picking
// up after lastID ("" for from the start).
func openStream(t *testing.T, base, id, token, lastID string) (*testStream, int) {
	t.Helper()
	return openStreamAt(t, base+"/api/v1/encounters/"+id+"/events", token, lastID)
}

// openStreamAt opens the event stream at the address with the token.
func openStreamAt(t *testing.T, addr, token, lastID string) (*testStream, int) {
	t.Helper()
	req, _ := http.NewRequest("GET", addr, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return nil, res.StatusCode
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type %q", ct)
	}
	st := &testStream{events: make(chan event, 100), res: res}
	t.Cleanup(func() { res.Body.Close() })
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(res.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					st.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.name = line[7:]
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(line[6:]), &ev.sig); err != nil {
					panic(fmt.Sprintf("data %q: %v", line, err))
				}
			}
		}
	}()
	return st, http.StatusOK
}

// next waits for the stream's next event.
func (st *testStream) next(t *testing.T) event {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return event{}
}

// pairEncounter makes a circle of Sam and Alex and an encounter in it,
// returning the tokens and the encounter's id.
func pairEncounter(t *testing.T, s *Server, h http.Handler) (sam, alex, id string) {
	t.Helper()
	sam, alex = people(t, s, h)
	ctx := context.Background()
	samSess, _ := s.Sessions.FindSessionByToken(ctx, sam)
	alexSess, _ := s.Sessions.FindSessionByToken(ctx, alex)
	c, err := s.Circles.CreateCircle(ctx, samSess.PersonID, "us")
	if err != nil {
		t.Fatal(err)
	}
	inv, _, err := s.Circles.CreateInvite(ctx, samSess.PersonID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, inv, alexSess.PersonID); err != nil {
		t.Fatal(err)
	}
	st, body, _ := do(t, h, call{method: "POST", path: "/api/v1/encounters", token: sam,
		body: fmt.Sprintf(`{"circle_id": %q, "kind": "gentle", "minutes": 20}`, c.ID)})
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, body)
	}
	return sam, alex, body["encounter"].(map[string]any)["id"].(string)
}

// noHijack hides the connection from the handler, as HTTP/2 does.
type noHijack struct{ http.ResponseWriter }

func (w noHijack) Flush() { http.NewResponseController(w.ResponseWriter).Flush() }

func TestLiveSignals(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(http.Handler) http.Handler
	}{
		{"hijacked", func(h http.Handler) http.Handler { return h }},
		{"held by its handler", func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(noHijack{w}, r) })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newAccountServer(t, "open")
			h := s.Handler()
			sam, alex, id := pairEncounter(t, s, h)
			srv := httptest.NewServer(tc.wrap(h))
			defer srv.Close()
			defer s.Shutdown(context.Background())

			send := func(token, body string) signalJSON {
				t.Helper()
				st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/encounters/" + id + "/signals", token: token, body: body})
				if st != http.StatusCreated {
					t.Fatalf("send %s: %d %v", body, st, out)
				}
				b, _ := json.Marshal(out["signal"])
				var sig signalJSON
				json.Unmarshal(b, &sig)
				return sig
			}
			alexScreen, _ := openStream(t, srv.URL, id, alex, "")
			samScreen, _ := openStream(t, srv.URL, id, sam, "")
			water := send(sam, `{"kind": "water"}`)
			for who, sc := range map[string]*testStream{"Alex": alexScreen, "Sam": samScreen} {
				ev := sc.next(t)
				if ev.name != "signal" || ev.id != fmt.Sprint(water.Seq) || ev.sig.Kind != tend.SignalWater || ev.sig.FromName != "Sam" {
					t.Errorf("%s's screen got %+v, want Sam's water", who, ev)
				}
			}
			coming := send(alex, fmt.Sprintf(`{"kind": "coming", "ref": "%d"}`, water.Seq))
			if ev := samScreen.next(t); ev.sig.Kind != tend.SignalComing || ev.sig.Ref != fmt.Sprint(water.Seq) || ev.sig.FromName != "Alex" {
				t.Errorf("Sam's screen got %+v, want Alex on the way", ev)
			}
			alexScreen.next(t)

			// Alex's screen drops; what comes meanwhile reaches it when it
			// reconnects with the last id it had.
			alexScreen.res.Body.Close()
			blanket := send(sam, `{"kind": "blanket"}`)
			custom := send(sam, `{"kind": "custom", "text": "the green hoodie"}`)
			back, _ := openStream(t, srv.URL, id, alex, fmt.Sprint(coming.Seq))
			for _, want := range []signalJSON{blanket, custom} {
				if ev := back.next(t); ev.sig.Seq != want.Seq || ev.sig.Kind != want.Kind || ev.sig.Text != want.Text {
					t.Errorf("caught up with %+v, want %+v", ev.sig, want)
				}
			}
			tick := send(alex, `{"kind": "tick", "ref": "water:Sam"}`)
			if ev := back.next(t); ev.sig.Seq != tick.Seq {
				t.Errorf("after catching up got %+v, want the tick", ev.sig)
			}
		})
	}
}

func TestLiveRefused(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	_, alex, id := pairEncounter(t, s, h)
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer s.Shutdown(context.Background())
	// Someone outside the encounter: 404, as for a missing one.
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "kim's good password"}`})
	kimCred, _ := s.Credentials.FindCredentials(context.Background(), "kim")
	kim, _, _ := s.Sessions.CreateSession(context.Background(), kimCred.PersonID, "test")
	if _, st := openStream(t, srv.URL, id, kim, ""); st != http.StatusNotFound {
		t.Errorf("Kim's stream: %d, want 404", st)
	}
	for _, bad := range []string{"-1", "seven", "1.5"} {
		if _, st := openStream(t, srv.URL, id, alex, bad); st != http.StatusBadRequest {
			t.Errorf("Last-Event-ID %q: %d, want 400", bad, st)
		}
	}
}

// TestLiveClosesOnSignOut: a live screen stops at once when what opened
// it no longer may (its token revoked, its session signed out, or its
// person left the encounter): nothing sent after reaches it, and it
// cannot come back; the person's other screens reconnect and go on.
func TestLiveClosesOnSignOut(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	sam, alex, id := pairEncounter(t, s, h)
	ctx := context.Background()
	samSess, _ := s.Sessions.FindSessionByToken(ctx, sam)
	ended := func(t *testing.T, st *testStream) {
		t.Helper()
		for {
			select {
			case _, ok := <-st.events:
				if !ok {
					return
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the stream is still open")
			}
		}
	}
	t.Run("TokenRevoked", func(t *testing.T) {
		secret, tok, err := s.Tokens.CreateAPIToken(ctx, samSess.PersonID, "screen", []tend.Scope{tend.ScopeEncountersRead})
		if err != nil {
			t.Fatal(err)
		}
		st, code := openStream(t, srv.URL, id, secret, "")
		if code != http.StatusOK {
			t.Fatalf("open: %d", code)
		}
		other, _ := openStream(t, srv.URL, id, sam, "")
		if st, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/tokens/" + tok.ID, token: sam}); st != http.StatusNoContent {
			t.Fatalf("revoke: %d", st)
		}
		ended(t, st)
		ended(t, other) // the session's screen too: it reconnects
		if _, code := openStream(t, srv.URL, id, secret, ""); code != http.StatusUnauthorized {
			t.Errorf("the revoked token opened a screen again: %d", code)
		}
		if _, code := openStream(t, srv.URL, id, sam, ""); code != http.StatusOK {
			t.Errorf("the session still signed in could not reconnect: %d", code)
		}
	})
	t.Run("SignedOut", func(t *testing.T) {
		tok, _, err := s.Sessions.CreateSession(ctx, samSess.PersonID, "phone")
		if err != nil {
			t.Fatal(err)
		}
		st, _ := openStream(t, srv.URL, id, tok, "")
		if code, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signout", token: tok}); code != http.StatusNoContent {
			t.Fatalf("sign out: %d", code)
		}
		ended(t, st)
	})
	t.Run("LeftTheEncounter", func(t *testing.T) {
		st, _ := openStream(t, srv.URL, id, alex, "")
		if code, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/encounters/" + id, token: alex}); code != http.StatusNoContent {
			t.Fatalf("leave: %d", code)
		}
		ended(t, st)
		if _, code := openStream(t, srv.URL, id, alex, ""); code != http.StatusNotFound {
			t.Errorf("after leaving, the screen opened again: %d", code)
		}
	})
}
