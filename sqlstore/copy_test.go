package sqlstore_test

import (
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// openMigrated opens a store with River's tables and Tend's, as tend
// migrate leaves it, on the suite's clock, with the job queue inserting
// the jobs its changes cause.
func openMigrated(t *testing.T, dsn string, sealer *seal.Sealer) (*sqlstore.DB, *jobs.Queue) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn, sealer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
	if err != nil {
		t.Fatal(err)
	}
	db.SetJobs(q)
	db.Now = storetest.Now
	return db, q
}

// riverRows adds what River writes on SQLite that the conformance data
// does not make: queues (one paused), a job tried once that failed (who
// tried it, the error, tags, metadata) and a finished one.
const riverRows = `
INSERT INTO river_queue (name, created_at, metadata, paused_at, updated_at) VALUES
  ('default', '2026-11-24 21:00:00.123', jsonb('{"note": "x", "n": 1}'), NULL, '2026-11-24 21:00:00.123'),
  ('paused', '2026-11-24 21:00:00.000', jsonb('{}'), '2026-11-24 21:05:00.500', '2026-11-24 21:05:00.500');
INSERT INTO river_job (args, attempt, attempted_at, attempted_by, created_at, errors, finalized_at, kind, max_attempts,
  metadata, priority, queue, state, scheduled_at, tags, unique_key, unique_states) VALUES
  (jsonb('{"id": "tried", "at": 1}'), 1, '2026-11-24 21:00:01.000', jsonb('["node-a"]'), '2026-11-24 21:00:00.000',
   jsonb('[{"at": "2026-11-24T21:00:01Z", "attempt": 1, "error": "busy", "trace": ""}]'), NULL, 'followup', 10,
   jsonb('{"k": "v"}'), 2, 'default', 'retryable', '2099-01-01 00:00:00.000', jsonb('["a", "b"]'), NULL, NULL),
  (jsonb('{"id": "done", "at": 2}'), 1, '2026-11-24 21:00:01.000', jsonb('["node-b", "node-c"]'), '2026-11-24 21:00:00.000',
   NULL, '2026-11-24 21:00:02.250', 'followup', 10, jsonb('{}'), 1, 'default', 'completed', '2026-11-24 21:00:00.000',
   jsonb('[]'), NULL, NULL);`

// reads is everything the store reads back for every person, sealed
// text opened: their exports, profiles, encounters with their
// reflections and signals, circles, channels, alerts, follow-ups,
// passkeys, tokens and insights' history, and the server's own key.
func reads(t *testing.T, db *sqlstore.DB) string {
	t.Helper()
	ctx := context.Background()
	people, err := db.FindPeople(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{}
	must := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		all[name] = v
	}
	for _, p := range people {
		id, at := p.ID, p.Username+"."
		x, err := db.Export(ctx, id)
		must(at+"export", x, err)
		prof, err := db.FindProfile(ctx, id)
		must(at+"profile", prof, err)
		encs, err := db.FindEncounters(ctx, id)
		must(at+"encounters", encs, err)
		for _, e := range encs {
			mine, others, done, err := db.FindReflections(ctx, id, e.ID)
			must(at+e.ID+".reflections", []any{mine, others, done}, err)
			sigs, err := db.FindSignals(ctx, id, e.ID, 0, 1000)
			must(at+e.ID+".signals", sigs, err)
		}
		v, err := db.FindCircles(ctx, id)
		must(at+"circles", v, err)
		chs, err := db.FindChannels(ctx, id)
		must(at+"channels", chs, err)
		alerts, err := db.FindDropAlerts(ctx, id)
		must(at+"alerts", alerts, err)
		fs, err := db.FindFollowups(ctx, id)
		must(at+"followups", fs, err)
		ks, err := db.FindPasskeys(ctx, id)
		must(at+"passkeys", ks, err)
		ts, err := db.FindAPITokens(ctx, id)
		must(at+"tokens", ts, err)
		h, err := db.FindHistory(ctx, id)
		must(at+"history", h, err)
	}
	k, err := db.ServerKey(ctx, "vapid", func() ([]byte, error) { return nil, tend.Errorf(tend.EINTERNAL, "the key was not copied") })
	must("vapid", k, err)
	b, err := json.MarshalIndent(all, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameData compares what two stores hold: row counts per table, every
// value of every row, and everything read back through the store.
func sameData(t *testing.T, what string, got, want *sqlstore.DB, counts []sqlstore.TableRows) {
	t.Helper()
	t.Logf("%s: %v", what, counts)
	gs, ws := sqlstore.CopySnapshot(t, got, want), sqlstore.CopySnapshot(t, want, got)
	if len(counts) != len(ws) {
		t.Errorf("%s: %d tables copied, the source has %d", what, len(counts), len(ws))
	}
	for _, c := range counts {
		if c.Rows == 0 {
			t.Errorf("%s: %s is empty, so its copy proves nothing: give it a row in the data", what, c.Table)
		}
		if int64(len(ws[c.Table])) != c.Rows || int64(len(gs[c.Table])) != c.Rows {
			t.Errorf("%s: %s: %d rows copied, the source has %d, the destination %d", what, c.Table, c.Rows, len(ws[c.Table]), len(gs[c.Table]))
		}
	}
	for _, tbl := range slices.Sorted(maps.Keys(ws)) {
		if !slices.Equal(gs[tbl], ws[tbl]) {
			t.Errorf("%s: %s differs:\n got  %q\n want %q", what, tbl, gs[tbl], ws[tbl])
		}
	}
	if g, w := reads(t, got), reads(t, want); g != w {
		t.Errorf("%s: what the store reads back differs:\n%s", what, firstDiff(g, w))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + al[i] + "\nwant " + bl[i]
		}
	}
	return "one is longer"
}

// TestCopyAll moves a SQLite store filled with the conformance data and
// jobs to PostgreSQL and back to a new SQLite: every row of every table
// arrives as it was, everything sealed reads back the same, and the job
// queue goes on where it was (a copied job is still unique, a new one
// gets a new number, a due one runs).
func TestCopyAll(t *testing.T) {
	if pg == nil {
		t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
	}
	ctx := context.Background()
	sealer := mustSealer(t)
	src, srcJobs := openMigrated(t, filepath.Join(t.TempDir(), "tend.db"), sealer)
	storetest.Fill(t, storetest.Store{DB: src})
	due := tend.Job{Kind: tend.JobFollowup, Ref: uuid.NewString(), At: time.Now().Add(-time.Minute).Truncate(time.Millisecond)}
	if err := src.Schedule(ctx, false, due); err != nil {
		t.Fatal(err)
	}
	if _, err := src.SQL().ExecContext(ctx, riverRows); err != nil {
		t.Fatal(err)
	}
	srcCounts, err := srcJobs.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}

	dsn, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mid, midJobs := openMigrated(t, dsn, sealer)
	counts, err := sqlstore.CopyAll(ctx, mid, src)
	if err != nil {
		t.Fatal(err)
	}
	sameData(t, "SQLite to PostgreSQL", mid, src, counts)
	if c, err := midJobs.Count(ctx); err != nil || c != srcCounts {
		t.Errorf("River on PostgreSQL counts %+v (%v), on SQLite %+v", c, err, srcCounts)
	}
	// The copied job is still unique (River's bit string of states came
	// across); a new job takes a number after the copied ones.
	if err := mid.Schedule(ctx, false, due); err != nil {
		t.Fatal(err)
	}
	if err := mid.Schedule(ctx, false, tend.Job{Kind: tend.JobFollowup, Ref: uuid.NewString(), At: due.At.Add(time.Hour * 24 * 365 * 50)}); err != nil {
		t.Fatalf("a new job after the copy: %v", err)
	}
	want := srcCounts
	want.Scheduled++
	if c, err := midJobs.Count(ctx); err != nil || c != want {
		t.Errorf("after scheduling the copied job again and a new one: %+v (%v), want %+v", c, err, want)
	}
	// A worker on PostgreSQL runs the due job.
	ran := make(chan string, 100)
	worker, err := jobs.New(jobs.Config{DB: mid.SQL(), Dialect: "postgres", Poll: 200 * time.Millisecond,
		Work: &jobs.Work{Workers: 2, Followup: func(_ context.Context, id string) error { ran <- id; return nil }}})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for id := ""; id != due.Ref; {
		select {
		case id = <-ran:
		case <-time.After(60 * time.Second):
			t.Fatal("the copied due job did not run on PostgreSQL")
		}
	}
	if err := worker.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	// PostgreSQL to PostgreSQL, and (at the end) SQLite to SQLite, the
	// same way.
	dsn, err = pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := openMigrated(t, dsn, sealer)
	counts, err = sqlstore.CopyAll(ctx, other, mid)
	if err != nil {
		t.Fatal(err)
	}
	sameData(t, "PostgreSQL to PostgreSQL", other, mid, counts)

	back, backJobs := openMigrated(t, filepath.Join(t.TempDir(), "tend.db"), sealer)
	counts, err = sqlstore.CopyAll(ctx, back, mid)
	if err != nil {
		t.Fatal(err)
	}
	sameData(t, "PostgreSQL to SQLite", back, mid, counts)
	midCounts, err := midJobs.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := backJobs.Count(ctx); err != nil || c != midCounts {
		t.Errorf("River on SQLite counts %+v (%v), on PostgreSQL %+v", c, err, midCounts)
	}
	if g, w := reads(t, back), reads(t, src); g != w {
		t.Errorf("after the round trip, what the store reads back differs from the first:\n%s", firstDiff(g, w))
	}
	if err := back.Schedule(ctx, false, tend.Job{Kind: tend.JobFollowup, Ref: uuid.NewString(), At: due.At.Add(time.Hour * 24 * 365 * 50)}); err != nil {
		t.Fatalf("a new job after the copy back: %v", err)
	}
	again, _ := openMigrated(t, filepath.Join(t.TempDir(), "tend.db"), sealer)
	counts, err = sqlstore.CopyAll(ctx, again, back)
	if err != nil {
		t.Fatal(err)
	}
	sameData(t, "SQLite to SQLite", again, back, counts)
}
