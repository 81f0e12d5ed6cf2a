package sqlstore_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

type events struct {
	mu  sync.Mutex
	got []tend.Event
}

func (e *events) Publish(_ context.Context, ev tend.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, ev)
}

func (e *events) take() []tend.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.got
	e.got = nil
	return out
}

// TestToldOnlyOnCommit: what a change records is told once it commits,
// and never when it is rolled back or its commit fails, on both
// databases.
func TestToldOnlyOnCommit(t *testing.T) {
	dbs := map[string]func(t *testing.T) *sqlstore.DB{
		"sqlite": func(t *testing.T) *sqlstore.DB { return mustOpen(t, filepath.Join(t.TempDir(), "tend.db")) },
		"postgres": func(t *testing.T) *sqlstore.DB {
			if pg == nil {
				t.Skipf("no PostgreSQL server: %v", pgErr)
			}
			dsn, err := pg.NewDatabase(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			return mustOpen(t, dsn)
		},
	}
	for name, open := range dbs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t)
			rec := &events{}
			db.SetPublisher(rec)
			p := &tend.Person{Username: "sam", DisplayName: "Sam"}
			if err := db.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			e, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
			if err != nil {
				t.Fatal(err)
			}
			rec.take()
			if err := db.SignalThenRollBack(ctx, p.ID, e.ID); err != nil {
				t.Fatal(err)
			}
			if got := rec.take(); len(got) != 0 {
				t.Errorf("a rolled-back change told %+v", got)
			}
			if err := db.SignalThenFailCommit(ctx, p.ID, e.ID); err == nil {
				t.Fatal("a commit of a transaction ended underneath succeeded")
			}
			if got := rec.take(); len(got) != 0 {
				t.Errorf("a change whose commit failed told %+v", got)
			}
			sig, err := db.AddSignal(ctx, p.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
			if err != nil {
				t.Fatal(err)
			}
			got := rec.take()
			if len(got) != 1 || got[0].Encounter != e.ID || len(got[0].Signals) != 1 || got[0].Signals[0].Seq != sig.Seq {
				t.Errorf("a committed signal told %+v", got)
			}
			// A failed change (refused by a rule) tells nothing either.
			if _, err := db.MoveEncounter(ctx, p.ID, e.ID, tend.Move{From: tend.StageReflect}); err == nil {
				t.Fatal("moved on from reflect by hand")
			}
			if got := rec.take(); len(got) != 0 {
				t.Errorf("a refused move told %+v", got)
			}
			if err := db.DeleteSessions(ctx, p.ID, ""); err != nil {
				t.Fatal(err)
			}
			if got := rec.take(); len(got) != 1 || got[0].SignedOut != p.ID || got[0].Encounter != "" {
				t.Errorf("signing out everywhere told %+v", got)
			}
		})
	}
}
