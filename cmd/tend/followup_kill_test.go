package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/plan"
)

// TestSIGKILLDuringFollowups: 2,000 follow-ups come due at once; the
// server is killed with SIGKILL while it makes them due, and started
// again: every one reaches its inbox, none is lost, and none is there
// twice (each follow-up is due once, each job done once).
func TestSIGKILLDuringFollowups(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server")
	}
	bin := buildTend(t)
	dir := t.TempDir()
	ctx := context.Background()
	const perPerson, people = 200, 10

	// Set up while no server runs: people, solo encounters at their
	// aftercare (each brings one follow-up, the next day, for a drop that
	// comes then), every follow-up snoozed to a moment from now.
	e, _, _ := testEnv(nil)
	c := Config{DataDir: dir, LogFormat: "text", LogLevel: "error"}
	db, err := e.openStore(ctx, &c, c.logger(e))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateAll(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
	if err != nil {
		t.Fatal(err)
	}
	db.SetJobs(q)
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
	var owners []string
	for i := range people {
		p := &tend.Person{Username: fmt.Sprintf("p%02d", i), DisplayName: fmt.Sprintf("P%02d", i), TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveProfile(ctx, p.ID, &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay}}); err != nil {
			t.Fatal(err)
		}
		for range perPerson {
			en, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.MoveEncounter(ctx, p.ID, en.ID, tend.Move{From: tend.StageBefore}); err != nil {
				t.Fatal(err)
			}
		}
		owners = append(owners, p.ID)
	}
	for _, person := range owners {
		x, err := db.Export(ctx, person)
		if err != nil {
			t.Fatal(err)
		}
		for _, xe := range x.Encounters {
			for _, f := range xe.Followups {
				// A second after each snooze: a fixed moment could pass
				// before a slow machine has snoozed them all.
				if _, err := db.SnoozeFollowup(ctx, person, f.ID, time.Now().Add(time.Second)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	db.Close()

	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "tend.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := raw.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	total := count(`SELECT COUNT(*) FROM followups`)
	if total != people*perPerson {
		t.Fatalf("%d follow-ups scheduled, want %d", total, people*perPerson)
	}

	s := startServe(t, bin, dir)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && count(`SELECT COUNT(*) FROM followups WHERE state = 'due'`) < total/10 {
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.cmd.Wait()
	before := count(`SELECT COUNT(*) FROM followups WHERE state = 'due'`)
	t.Logf("killed with %d of %d follow-ups due", before, total)
	if before == total {
		t.Log("the burst was over before the kill; the test proves less than it should")
	}

	s = startServe(t, bin, dir)
	defer func() { s.cmd.Process.Signal(syscall.SIGTERM); s.cmd.Wait() }()
	deadline = time.Now().Add(90 * time.Second) // stuck jobs are rescued after 30 s
	for time.Now().Before(deadline) && count(`SELECT COUNT(*) FROM followups WHERE state = 'due'`) < total {
		time.Sleep(100 * time.Millisecond)
	}
	if due := count(`SELECT COUNT(*) FROM followups WHERE state = 'due'`); due != total {
		t.Fatalf("after the restart %d of %d follow-ups are due", due, total)
	}
	if n := count(`SELECT COUNT(*) FROM followups`); n != total {
		t.Errorf("%d follow-ups after the restart, want %d: one was made twice", n, total)
	}
	// Every snoozed follow-up's job ran to completion; none failed for good.
	for time.Now().Before(deadline) && count(`SELECT COUNT(*) FROM river_job WHERE kind = 'followup' AND state = 'completed'`) < total {
		time.Sleep(100 * time.Millisecond)
	}
	if n := count(`SELECT COUNT(*) FROM river_job WHERE kind = 'followup' AND state = 'completed'`); n != total {
		t.Errorf("%d follow-up jobs completed, want %d", n, total)
	}
	if n := count(`SELECT COUNT(*) FROM river_job WHERE kind = 'followup' AND state = 'discarded'`); n != 0 {
		t.Errorf("%d follow-up jobs failed for good", n)
	}
}
