package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// TestTwoNodesFollowups runs two `tend serve` nodes, both working jobs,
// on one throwaway PostgreSQL: 1,000 follow-ups come due at once, and
// each reaches its person's inbox exactly once (one inbox news each as
// it comes due, beside the one its snooze told, heard by a third
// listener), whichever node took its job.
func TestTwoNodesFollowups(t *testing.T) {
	ctx := context.Background()
	dsn := throwawayPostgres(t)
	c := Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Database: dsn, Signup: "open", LogFormat: "text", LogLevel: "error", Jobs: true}
	c.Migrate = true
	a := mustStartMain(t, c)
	c.Migrate = false
	mustStartMain(t, c)
	db := a.DB

	// 250 intense encounters of two: each member gets two follow-ups.
	const encounters = 250
	var people []string
	for i := range 2 * 5 {
		p := &tend.Person{Username: fmt.Sprintf("p%02d", i), DisplayName: fmt.Sprintf("P%02d", i), TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		people = append(people, p.ID)
	}
	var circles []string
	for i := 0; i < len(people); i += 2 {
		ci, err := db.CreateCircle(ctx, people[i], "us")
		if err != nil {
			t.Fatal(err)
		}
		inv, _, err := db.CreateInvite(ctx, people[i], ci.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptInvite(ctx, inv, people[i+1]); err != nil {
			t.Fatal(err)
		}
		circles = append(circles, ci.ID)
	}
	for i := range encounters {
		k := i % len(circles)
		e, err := db.CreateEncounter(ctx, people[2*k], tend.NewEncounter{CircleID: circles[k], Kind: tend.Intense})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.MoveEncounter(ctx, people[2*k], e.ID, tend.Move{From: tend.StageBefore}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT id, person_id FROM followups`)
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for rows.Next() {
		var id, person string
		if err := rows.Scan(&id, &person); err != nil {
			t.Fatal(err)
		}
		owner[id] = person
	}
	rows.Close()
	if len(owner) != 4*encounters {
		t.Fatalf("%d follow-ups scheduled, want %d", len(owner), 4*encounters)
	}

	// A third listener counts the inbox news, listening before any
	// comes due.
	ear, err := live.NewPostgres(ctx, dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer ear.Close()
	var mu sync.Mutex
	heard := map[string]int{}
	ear.Subscribe(func(n live.News) {
		if n.Inbox != "" {
			mu.Lock()
			heard[n.Inbox]++
			mu.Unlock()
		}
	})

	// All of them due in a moment.
	// (Each a second after its own snooze: a fixed moment could pass
	// before a slow machine has snoozed them all.)
	for id, person := range owner {
		if _, err := db.SnoozeFollowup(ctx, person, id, time.Now().Add(time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(90 * time.Second)
	var due int
	for time.Now().Before(deadline) {
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM followups WHERE state = 'due'`).Scan(&due); err != nil {
			t.Fatal(err)
		}
		if due == len(owner) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if due != len(owner) {
		t.Fatalf("%d of %d follow-ups came due", due, len(owner))
	}
	time.Sleep(time.Second) // the last news on their way
	want := map[string]int{}
	for _, person := range owner {
		want[person] += 2 // its snooze told the inbox, and so did its coming due
	}
	mu.Lock()
	defer mu.Unlock()
	total := 0
	for person, n := range want {
		total += heard[person]
		if heard[person] != n {
			t.Errorf("%s's inbox heard %d times, want %d (two for each follow-up: snoozed, then due)", person, heard[person], n)
		}
	}
	t.Logf("%d follow-ups due on two nodes, %d inbox news", len(owner), total)
	var ran int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'followup' AND state = 'completed'`).Scan(&ran); err != nil {
		t.Fatal(err)
	}
	if ran != len(owner) {
		t.Errorf("%d follow-up jobs completed, want %d (one each)", ran, len(owner))
	}
}
