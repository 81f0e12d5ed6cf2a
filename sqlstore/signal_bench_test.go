package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// BenchmarkAddSignalPG is one member's signal stored on PostgreSQL, one at
// a time, the live screens' hot path; it reports the middle and the 99th
// percentile of each call (p50-µs, p99-µs).
func BenchmarkAddSignalPG(b *testing.B) {
	t := &testing.T{}
	if pg == nil {
		b.Skip("no postgres")
	}
	dsn, err := pg.NewDatabase(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	db := mustOpenJobs(t, dsn)
	ctx := context.Background()
	p := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := db.CreatePerson(ctx, p); err != nil {
		b.Fatal(err)
	}
	e, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%4000 == 3999 {
			b.StopTimer()
			e, _ = db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
			b.StartTimer()
		}
		start := time.Now()
		if _, err := db.AddSignal(ctx, p.ID, e.ID, &tend.Signal{Kind: tend.SignalWater}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
}
