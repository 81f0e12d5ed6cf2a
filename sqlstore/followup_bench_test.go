package sqlstore_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/plan"
	"github.com/tendcare/tend/sqlstore"
)

// BenchmarkBeginAftercare measures the request that begins the aftercare
// for two people, on SQLite: without follow-ups (no planner), and with
// each member's follow-ups planned, stored and their jobs inserted in the
// same transaction. The difference is what follow-ups add to it; p50-µs
// is the middle request's time.
func BenchmarkBeginAftercare(b *testing.B) {
	cat, err := catalog.Load()
	if err != nil {
		b.Fatal(err)
	}
	for _, withFollowups := range []bool{false, true} {
		name := "without-followups"
		if withFollowups {
			name = "with-followups"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db, err := sqlstore.Open(ctx, filepath.Join(b.TempDir(), "tend.db"), mustSealer(b))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
				b.Fatal(err)
			}
			if err := db.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			if withFollowups {
				q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
				if err != nil {
					b.Fatal(err)
				}
				db.SetJobs(q)
				db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
			}
			sam, alex := &tend.Person{Username: "sam", DisplayName: "Sam"}, &tend.Person{Username: "alex", DisplayName: "Alex"}
			for _, p := range []*tend.Person{sam, alex} {
				if err := db.CreatePerson(ctx, p); err != nil {
					b.Fatal(err)
				}
				if _, err := db.SaveProfile(ctx, p.ID, &tend.Card{Receive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like},
					Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{"a message in the morning"}}}); err != nil {
					b.Fatal(err)
				}
			}
			c, err := db.CreateCircle(ctx, sam.ID, "us")
			if err != nil {
				b.Fatal(err)
			}
			tok, _, err := db.CreateInvite(ctx, sam.ID, c.ID)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.AcceptInvite(ctx, tok, alex.ID); err != nil {
				b.Fatal(err)
			}
			ids := make([]string, b.N)
			for i := range ids {
				e, err := db.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.Intense, Minutes: 30})
				if err != nil {
					b.Fatal(err)
				}
				ids[i] = e.ID
			}
			b.ResetTimer()
			took := make([]time.Duration, b.N)
			for i := range b.N {
				t0 := time.Now()
				if _, err := db.MoveEncounter(ctx, sam.ID, ids[i], tend.Move{From: tend.StageBefore}); err != nil {
					b.Fatal(err)
				}
				took[i] = time.Since(t0)
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
		})
	}
}
