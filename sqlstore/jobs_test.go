package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/plan"
	"github.com/tendcare/tend/sqlstore"
)

// jobStores opens a fresh store per database with River's tables,
// migrated before Tend's as tend migrate does.
func jobStores(t *testing.T) map[string]func(t *testing.T) (*sqlstore.DB, string) {
	return map[string]func(t *testing.T) (*sqlstore.DB, string){
		"sqlite": func(t *testing.T) (*sqlstore.DB, string) {
			return mustOpenJobs(t, filepath.Join(t.TempDir(), "tend.db")), "sqlite"
		},
		"postgres": func(t *testing.T) (*sqlstore.DB, string) {
			if pg == nil {
				t.Skipf("no PostgreSQL server: %v", pgErr)
			}
			dsn, err := pg.NewDatabase(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			return mustOpenJobs(t, dsn), dsn
		},
	}
}

func mustOpenJobs(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn, mustSealer(t))
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
	return db
}

// ran records which follow-ups a worker made due, and how often.
type ran struct {
	mu   sync.Mutex
	seen map[string]int
}

func (r *ran) followup(_ context.Context, id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen[id]++
	return nil
}

func (r *ran) count() (ids, runs int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.seen {
		ids++
		runs += n
	}
	return ids, runs
}

// TestJobsInTransaction: a job exists if and only if the transaction
// that inserts it commits, and the same job is never waiting twice, on
// both databases.
func TestJobsInTransaction(t *testing.T) {
	for name, open := range jobStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
			if err != nil {
				t.Fatal(err)
			}
			db.SetJobs(q)
			later := time.Now().Add(time.Hour)
			id := uuid.NewString()
			if err := db.Schedule(ctx, true, tend.Job{Kind: tend.JobFollowup, Ref: id, At: later}); err != nil {
				t.Fatal(err)
			}
			if c, err := q.Count(ctx); err != nil || c != (jobs.Counts{}) {
				t.Fatalf("after a rollback: %+v %v", c, err)
			}
			for range 2 { // a retried request
				if err := db.Schedule(ctx, false, tend.Job{Kind: tend.JobFollowup, Ref: id, At: later}); err != nil {
					t.Fatal(err)
				}
			}
			if c, err := q.Count(ctx); err != nil || c != (jobs.Counts{Scheduled: 1}) {
				t.Fatalf("after two commits of the same job: %+v %v", c, err)
			}
			if err := db.Schedule(ctx, false, tend.Job{Kind: "no such kind", Ref: id}); err == nil {
				t.Error("a job of no known kind was scheduled")
			}
		})
	}
}

// TestJobsRunOnce: jobs due at once run once each, on one node, and on
// two nodes sharing one PostgreSQL.
func TestJobsRunOnce(t *testing.T) {
	for name, open := range jobStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, dsn := open(t)
			r := &ran{seen: map[string]int{}}
			nodes := []*sqlstore.DB{db}
			if name == "postgres" {
				other, err := sqlstore.Open(ctx, dsn, mustSealer(t))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { other.Close() })
				nodes = append(nodes, other)
			}
			var queues []*jobs.Queue
			for _, n := range nodes {
				q, err := jobs.New(jobs.Config{DB: n.SQL(), Dialect: string(n.Dialect()), Poll: 100 * time.Millisecond,
					Work: &jobs.Work{Followup: r.followup}})
				if err != nil {
					t.Fatal(err)
				}
				n.SetJobs(q)
				queues = append(queues, q)
			}
			const total = 200
			var batch []tend.Job
			for i := range total {
				batch = append(batch, tend.Job{Kind: tend.JobFollowup, Ref: fmt.Sprintf("f-%03d", i)})
			}
			if err := db.Schedule(ctx, false, batch...); err != nil {
				t.Fatal(err)
			}
			for _, q := range queues {
				if err := q.Start(ctx); err != nil {
					t.Fatal(err)
				}
			}
			deadline := time.Now().Add(60 * time.Second)
			for {
				ids, _ := r.count()
				if ids == total || time.Now().After(deadline) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			stop, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			for _, q := range queues {
				if err := q.Stop(stop); err != nil {
					t.Fatal(err)
				}
			}
			if ids, runs := r.count(); ids != total || runs != total {
				t.Errorf("%d jobs on %d node(s): %d ran, %d times in all", total, len(nodes), ids, runs)
			}
		})
	}
}

// TestFollowupJobsWithTheChange: beginning the aftercare inserts its
// follow-ups' jobs in its own transaction: when the change fails, neither
// the follow-ups nor their jobs are there, and the stage has not moved.
func TestFollowupJobsWithTheChange(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for name, open := range jobStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
			if err != nil {
				t.Fatal(err)
			}
			db.SetJobs(q)
			p := &tend.Person{Username: "sam", DisplayName: "Sam"}
			if err := db.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SaveProfile(ctx, p.ID, &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay}}); err != nil {
				t.Fatal(err)
			}
			start := func() (*tend.Encounter, error) {
				e, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
				if err != nil {
					t.Fatal(err)
				}
				_, err = db.MoveEncounter(ctx, p.ID, e.ID, tend.Move{From: tend.StageBefore})
				return e, err
			}
			db.SetPlanner(func([]*tend.Card, tend.Kind) (*tend.Plan, error) { return nil, fmt.Errorf("the planner failed") })
			e, err := start()
			if err == nil {
				t.Fatal("the aftercare began although its follow-ups could not be planned")
			}
			if got, _ := db.FindEncounter(ctx, p.ID, e.ID); got.Stage != tend.StageBefore {
				t.Errorf("the failed change moved it to %s", got.Stage)
			}
			if c, err := q.Count(ctx); err != nil || c != (jobs.Counts{}) {
				t.Errorf("jobs after a failed change: %+v %v", c, err)
			}
			if x, err := db.Export(ctx, p.ID); err != nil || len(x.Encounters[0].Followups) != 0 {
				t.Errorf("follow-ups after a failed change: %+v %v", x.Encounters, err)
			}

			db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
			e, err = start()
			if err != nil {
				t.Fatal(err)
			}
			if c, err := q.Count(ctx); err != nil || c != (jobs.Counts{Scheduled: 1}) {
				t.Errorf("jobs after the aftercare began: %+v %v", c, err)
			}
			x, err := db.Export(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, xe := range x.Encounters {
				if xe.ID == e.ID && (len(xe.Followups) != 1 || xe.Followups[0].AfterMinutes != 24*60) {
					t.Errorf("follow-ups: %+v", xe.Followups)
				}
			}
		})
	}
}

// TestDeliverJobBusy: a delivery whose channel is busy runs again
// shortly and then completes, its busy turn not counted as a failed try;
// deliveries run in their own queue.
func TestDeliverJobBusy(t *testing.T) {
	db := mustOpenJobs(t, filepath.Join(t.TempDir(), "tend.db"))
	ctx := context.Background()
	var mu sync.Mutex
	tries := 0
	deliver := func(_ context.Context, d tend.Delivery) error {
		mu.Lock()
		defer mu.Unlock()
		tries++
		if tries == 1 {
			return tend.ErrBusy
		}
		return nil
	}
	q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect()), Poll: 100 * time.Millisecond,
		Work: &jobs.Work{Deliver: deliver}})
	if err != nil {
		t.Fatal(err)
	}
	db.SetJobs(q)
	if err := db.Schedule(ctx, false, tend.Job{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "k", Channel: "c", Event: "test", Path: "/"}}); err != nil {
		t.Fatal(err)
	}
	var queue string
	if err := db.SQL().QueryRowContext(ctx, `SELECT queue FROM river_job`).Scan(&queue); err != nil || queue != jobs.QueueDeliveries {
		t.Errorf("the delivery's queue: %q %v", queue, err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := q.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Completed == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the busy delivery never completed: %+v", c)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var errs string
	if err := db.SQL().QueryRowContext(ctx, `SELECT CAST(errors AS TEXT) FROM river_job`).Scan(&errs); err == nil && strings.Contains(errs, "busy") {
		t.Errorf("the busy turn was recorded as a failure: %s", errs)
	}
	if mu.Lock(); tries != 2 {
		t.Errorf("tried %d times, want 2", tries)
	}
	mu.Unlock()
}

// TestTidyRuns: a node that works runs the tidy job on its own, soon
// after it starts (and then every jobs.TidyEvery), on both databases.
func TestTidyRuns(t *testing.T) {
	for name, open := range jobStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			tidied := make(chan struct{}, 10)
			q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect()), Poll: 100 * time.Millisecond,
				Work: &jobs.Work{Tidy: func(ctx context.Context) error {
					_, err := db.Tidy(ctx)
					tidied <- struct{}{}
					return err
				}}})
			if err != nil {
				t.Fatal(err)
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer func() {
				stop, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				q.Stop(stop)
			}()
			select {
			case <-tidied:
			case <-time.After(60 * time.Second):
				t.Fatal("the tidy job did not run within a minute of starting")
			}
		})
	}
}
