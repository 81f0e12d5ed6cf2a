package jobs_test

import (
	"cmp"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/sqlstore/pgtest"
)

// TestCountByQueue: the jobs are counted by queue and state in River's
// own table, on SQLite and PostgreSQL alike.
func TestCountByQueue(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "jobs.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		checkCounts(t, db, "sqlite")
	})
	t.Run("postgres", func(t *testing.T) {
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
		defer pg.Stop()
		dsn, err := pg.NewDatabase(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		checkCounts(t, db, "postgres")
	})
}

func checkCounts(t *testing.T, db *sql.DB, dialect string) {
	ctx := context.Background()
	if err := jobs.Migrate(ctx, db, dialect); err != nil {
		t.Fatal(err)
	}
	if got, err := jobs.CountByQueue(ctx, db); err != nil || len(got) != 0 {
		t.Fatalf("no jobs yet: %v %v", got, err)
	}
	q, err := jobs.New(jobs.Config{DB: db, Dialect: dialect})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = q.InsertJobs(ctx, tx, []tend.Job{
		{Kind: tend.JobFollowup, Ref: "f1"},
		{Kind: tend.JobFollowup, Ref: "f2", At: later},
		{Kind: tend.JobFollowup, Ref: "f3", At: later},
		{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "k", Channel: "c1", Event: "test"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := jobs.CountByQueue(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b jobs.QueueCount) int {
		return cmp.Or(cmp.Compare(a.Queue, b.Queue), cmp.Compare(a.State, b.State))
	})
	want := []jobs.QueueCount{{"default", "available", 1}, {"default", "scheduled", 2}, {"deliveries", "available", 1}}
	if !slices.Equal(got, want) {
		t.Errorf("counts: %v, want %v", got, want)
	}
	for _, c := range got {
		if !slices.Contains(jobs.Queues, c.Queue) || !slices.Contains(jobs.States(), c.State) {
			t.Errorf("%v: a queue or state Tend does not list", c)
		}
	}
	db.Close()
	if _, err := jobs.CountByQueue(ctx, db); err == nil {
		t.Error("counted on a closed database")
	}
}
