package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/pgtest"
)

// TestTwoNodes runs two `tend serve` nodes on one throwaway PostgreSQL
// server: a signal sent through node A reaches a live screen (an event
// stream) open on node B, and one open on A; a screen on B that was away
// catches up from the database when it comes back.
func TestTwoNodes(t *testing.T) {
	dsn := throwawayPostgres(t)
	dir := t.TempDir() // the nodes share the server key, as a deployment does
	// Both nodes run jobs, as by default: one closes the screens of
	// someone the operator disables from the command line.
	c := Config{Addr: "127.0.0.1:0", DataDir: dir, Database: dsn, Signup: "open", LogFormat: "text", LogLevel: "error", Jobs: true}
	c.Migrate = true
	a := mustStartMain(t, c)
	c.Migrate = false
	b := mustStartMain(t, c)
	if a.Broker == nil || b.Broker == nil {
		t.Fatal("on PostgreSQL each node needs its LISTEN/NOTIFY broker")
	}
	nodeA, nodeB := "http://"+a.Server.Addr().String(), "http://"+b.Server.Addr().String()

	// Sam and Alex, in a circle, with an encounter at its aftercare.
	tokens, e := pairInAftercare(t, a.DB)

	alexOnB := openEvents(t, nodeB, e.ID, tokens[1], "1") // after the move to the aftercare
	samOnA := openEvents(t, nodeA, e.ID, tokens[0], "1")
	water := sendSignal(t, nodeA, e.ID, tokens[0], `{"kind": "water"}`)
	for who, events := range map[string]<-chan map[string]any{"Alex on node B": alexOnB, "Sam on node A": samOnA} {
		got := nextEvent(t, events)
		if got["seq"] != water || got["kind"] != "water" || got["from_name"] != "Sam" {
			t.Errorf("%s got %v, want Sam's water (%v)", who, got, water)
		}
	}
	// Alex answers through node B; Sam's screen on A hears it.
	coming := sendSignal(t, nodeB, e.ID, tokens[1], fmt.Sprintf(`{"kind": "coming", "ref": "%v"}`, water))
	if got := nextEvent(t, samOnA); got["seq"] != coming || got["kind"] != "coming" {
		t.Errorf("Sam on node A got %v, want Alex on the way", got)
	}
	// A screen on B that was away gets what it missed from the database.
	blanket := sendSignal(t, nodeA, e.ID, tokens[0], `{"kind": "blanket"}`)
	back := openEvents(t, nodeB, e.ID, tokens[1], fmt.Sprint(coming))
	if got := nextEvent(t, back); got["seq"] != blanket {
		t.Errorf("Alex back on node B got %v, want the blanket (%v)", got, blanket)
	}

	// The operator disables Alex from the command line: Alex's screens
	// on every node close at once, not when their lifetime ends.
	e2, out, errb := testEnv(nil)
	if code := e2.Run([]string{"user", "disable", "alex", "--data-dir", dir, "--database", dsn}); code != 0 {
		t.Fatalf("tend user disable: exit %d, %s %s", code, out, errb)
	}
	for who, events := range map[string]<-chan map[string]any{"on node B": back, "on node B, the first": alexOnB} {
		if !streamEnds(events, 10*time.Second) {
			t.Errorf("Alex's screen %s stayed open after tend user disable", who)
		}
	}
	// Sam's screen stays, and hears Sam's next signal.
	hold := sendSignal(t, nodeA, e.ID, tokens[0], `{"kind": "hold"}`)
	if got := nextEvent(t, samOnA); got["seq"] != blanket {
		t.Errorf("Sam on node A got %v, want the blanket (%v)", got, blanket)
	}
	if got := nextEvent(t, samOnA); got["seq"] != hold {
		t.Errorf("Sam on node A got %v after Alex was disabled, want Sam's next signal (%v)", got, hold)
	}
}

// streamEnds reports whether the stream ends within d (its events are
// passed over).
func streamEnds(events <-chan map[string]any, d time.Duration) bool {
	deadline := time.After(d)
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// openEvents opens an encounter's event stream and returns its signals.
func openEvents(t *testing.T, base, id, token, lastID string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/encounters/"+id+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(res.Body)
		t.Fatalf("events: %d %s", res.StatusCode, body)
	}
	out := make(chan map[string]any, 16)
	go func() {
		defer close(out) // the stream ended
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var sig map[string]any
				if json.Unmarshal([]byte(data), &sig) == nil {
					out <- sig
				}
			}
		}
	}()
	return out
}

func nextEvent(t *testing.T, events <-chan map[string]any) map[string]any {
	t.Helper()
	select {
	case sig, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return sig
	case <-time.After(10 * time.Second):
		t.Fatal("no signal within 10 s")
	}
	return nil
}

// sendSignal sends a signal through a node and returns its number as
// JSON decodes it.
func sendSignal(t *testing.T, base, id, token, body string) any {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/v1/encounters/"+id+"/signals", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Signal map[string]any `json:"signal"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("send %s: %d %v", body, res.StatusCode, err)
	}
	return out.Signal["seq"]
}

// throwawayPostgres starts a PostgreSQL server for the test, stopped at
// its end, and returns a fresh database's URL; it skips without one,
// unless TEND_REQUIRE_POSTGRES=1.
func throwawayPostgres(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	pg, err := pgtest.Start()
	if err != nil {
		if os.Getenv("TEND_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL is required here: %v", err)
		}
		t.Skipf("no PostgreSQL: %v", err)
	}
	t.Cleanup(func() { pg.Stop() })
	dsn, err := pg.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// pairInAftercare makes Sam and Alex (usernames sam and alex), signed
// in, in a circle, with an encounter at its aftercare; it returns their
// session tokens and the encounter.
func pairInAftercare(t *testing.T, db *sqlstore.DB) (tokens []string, e *tend.Encounter) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"Sam", "Alex"} {
		p := &tend.Person{Username: strings.ToLower(name), DisplayName: name, TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		tok, _, err := db.CreateSession(ctx, p.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		ids, tokens = append(ids, p.ID), append(tokens, tok)
	}
	circle, err := db.CreateCircle(ctx, ids[0], "us")
	if err != nil {
		t.Fatal(err)
	}
	inv, _, err := db.CreateInvite(ctx, ids[0], circle.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcceptInvite(ctx, inv, ids[1]); err != nil {
		t.Fatal(err)
	}
	e, err = db.CreateEncounter(ctx, ids[0], tend.NewEncounter{CircleID: circle.ID, Kind: tend.Intense})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveEncounter(ctx, ids[0], e.ID, tend.Move{From: tend.StageBefore}); err != nil {
		t.Fatal(err)
	}
	return tokens, e
}
