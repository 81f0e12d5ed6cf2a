// Package jobs runs Tend's durable work (follow-ups due, and later the
// deliveries of notifications) on River, in the store's own database:
// jobs are inserted in the same transaction as the change that causes
// them (the store calls InsertJobs inside its transaction), are unique
// by what they are about (a retried request or two nodes never schedule
// the same thing twice), and each runs once, whichever node picks it up.
// River's tables are migrated before Tend's.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/tendcare/tend"
)

// driver returns River's driver for the dialect ("sqlite" or
// "postgres"), over the store's own pool, so that River's inserts join
// the store's transactions (*sql.Tx).
func driver(db *sql.DB, dialect string) (riverdriver.Driver[*sql.Tx], error) {
	switch dialect {
	case "sqlite":
		return riversqlite.New(db), nil
	case "postgres":
		return riverdatabasesql.New(db), nil
	}
	return nil, fmt.Errorf("jobs: no River driver for the database %q", dialect)
}

// Migrate applies River's own migrations, which run before Tend's.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	drv, err := driver(db, dialect)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// Versions returns the newest of River's migrations applied to db (0
// when none is) and the newest this build of Tend knows: a database
// whose River is newer came from a newer Tend (tend restore refuses it).
func Versions(ctx context.Context, db *sql.DB, dialect string) (applied, known int, err error) {
	drv, err := driver(db, dialect)
	if err != nil {
		return 0, 0, err
	}
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return 0, 0, fmt.Errorf("jobs: %w", err)
	}
	all := m.AllVersions()
	if len(all) > 0 {
		known = all[len(all)-1].Version
	}
	// Read directly: River's own reading refuses a version it does not
	// know, which is the case to tell.
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM river_migration WHERE line = 'main'`).Scan(&applied); err != nil {
		return 0, 0, fmt.Errorf("jobs: River's migrations: %w", err)
	}
	return applied, known, nil
}

// Config is what a Queue needs.
type Config struct {
	DB      *sql.DB
	Dialect string
	Logger  *slog.Logger
	// Work, when set, makes this node run jobs (tend serve --jobs, the
	// default); without it, the queue only inserts them.
	Work *Work
	// Poll is how often a node looks for due jobs; on SQLite, which has
	// no notifications, it is also how late a job may start. Default 1 s.
	Poll time.Duration
}

// Work is what the jobs do, given by cmd/tend.
type Work struct {
	// Followup makes the follow-up with the id due (it joins the inbox).
	Followup func(ctx context.Context, id string) error
	// Deliver sends one message through one channel (package notify).
	// An error is tried again with River's backoff.
	Deliver func(ctx context.Context, d tend.Delivery) error
	// Tidy removes bookkeeping that has served its purpose (old delivery
	// records, expired links); it runs every TidyEvery, on one node.
	Tidy func(ctx context.Context) error
	// SignedOut tells this node's live screens and the other nodes'
	// that a person was signed out outside the server (tend.JobSignedOut).
	SignedOut func(ctx context.Context, person string) error
	// Workers is how many jobs run at once on this node (default 50: a
	// job is short and mostly waits for the database; with 4, SQLite ran
	// 40 a second, with 50 about 450).
	Workers int
}

// Queue inserts and, on a node that works, runs jobs.
type Queue struct {
	client *river.Client[*sql.Tx]
	work   bool
}

// New makes the queue; Start starts its workers.
func New(c Config) (*Queue, error) {
	drv, err := driver(c.DB, c.Dialect)
	if err != nil {
		return nil, err
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	rc := &river.Config{
		Logger:            c.Logger,
		FetchPollInterval: c.Poll,
		// A job whose node died mid-run is taken up again after this
		// (River's default is an hour; a follow-up should not wait so).
		// Jobs are short (a follow-up made due, a bounded delivery), so
		// one still running after its timeout is stuck.
		RescueStuckJobsAfter: 30 * time.Second,
		JobTimeout:           20 * time.Second,
		MaxAttempts:          10,
		// SQLite has no notifications: every node polls.
		PollOnly: c.Dialect == "sqlite",
		// Keep finished jobs for a day only: they carry ids, and the
		// table should not grow for years.
		CompletedJobRetentionPeriod: 24 * time.Hour,
	}
	if c.Work != nil {
		workers := river.NewWorkers()
		if c.Work.Followup != nil {
			river.AddWorker(workers, &followupWorker{run: c.Work.Followup})
		}
		if c.Work.Deliver != nil {
			river.AddWorker(workers, &deliverWorker{run: c.Work.Deliver})
		}
		if c.Work.SignedOut != nil {
			river.AddWorker(workers, &signedOutWorker{run: c.Work.SignedOut})
		}
		if c.Work.Tidy != nil {
			river.AddWorker(workers, &tidyWorker{run: c.Work.Tidy})
			// River's leader alone enqueues periodic jobs: once a period
			// for all the nodes together.
			rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(TidyEvery),
				func() (river.JobArgs, *river.InsertOpts) { return TidyArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
		}
		n := c.Work.Workers
		if n <= 0 {
			n = 50
		}
		rc.Workers = workers
		// Deliveries wait on other servers (up to 5 s each): a queue of
		// their own, with more workers, so that follow-ups coming due
		// never wait behind them.
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}, QueueDeliveries: {MaxWorkers: 2 * n}}
	}
	client, err := river.NewClient(drv, rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Queue{client: client, work: c.Work != nil}, nil
}

// Start starts the workers, when this node works.
func (q *Queue) Start(ctx context.Context) error {
	if !q.work {
		return nil
	}
	return q.client.Start(ctx)
}

// Stop lets running jobs finish (until ctx ends) and stops.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.work {
		return nil
	}
	return q.client.Stop(ctx)
}

// InsertJobs inserts jobs in the store's transaction: they exist if and
// only if it commits. A job already waiting for the same thing is not
// inserted twice.
func (q *Queue) InsertJobs(ctx context.Context, tx *sql.Tx, jobs []tend.Job) error {
	params, err := insertParams(jobs)
	if err != nil || len(params) == 0 {
		return err
	}
	if _, err := q.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("jobs: insert: %w", err)
	}
	return nil
}

// Insert inserts jobs on their own, outside any transaction of the
// store's: for a command that runs beside the server (tend user).
func (q *Queue) Insert(ctx context.Context, jobs []tend.Job) error {
	params, err := insertParams(jobs)
	if err != nil || len(params) == 0 {
		return err
	}
	if _, err := q.client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("jobs: insert: %w", err)
	}
	return nil
}

// insertParams is what River is given to insert the jobs.
func insertParams(jobs []tend.Job) ([]river.InsertManyParams, error) {
	params := make([]river.InsertManyParams, 0, len(jobs))
	for _, j := range jobs {
		args, err := argsOf(j)
		if err != nil {
			return nil, err
		}
		opts := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		switch j.Kind {
		case tend.JobDeliver:
			opts.Queue = QueueDeliveries
		case tend.JobSignedOut:
			// Every sign-out closes the screens open by then: one the
			// day before (a job completed, which River's uniqueness
			// would count) must not stand in for it.
			opts.UniqueOpts = river.UniqueOpts{}
		}
		if !j.At.IsZero() {
			opts.ScheduledAt = j.At
		}
		params = append(params, river.InsertManyParams{Args: args, InsertOpts: opts})
	}
	return params, nil
}

// argsOf turns a job into River's arguments: ids only.
func argsOf(j tend.Job) (river.JobArgs, error) {
	switch j.Kind {
	case tend.JobFollowup:
		// The time is part of it: a snoozed follow-up gets a new job, and
		// the old one, when it comes, finds it not yet due.
		return FollowupArgs{ID: j.Ref, At: j.At.UnixMilli()}, nil
	case tend.JobSignedOut:
		return SignedOutArgs{Person: j.Ref}, nil
	case tend.JobDeliver:
		if j.Deliver == nil {
			return nil, fmt.Errorf("jobs: a delivery job without its delivery")
		}
		return DeliverArgs{*j.Deliver}, nil
	}
	return nil, fmt.Errorf("jobs: no job of kind %q", j.Kind)
}

// FollowupArgs makes a follow-up due.
type FollowupArgs struct {
	ID string `json:"id"`
	At int64  `json:"at"`
}

// Kind names the job in River's table.
func (FollowupArgs) Kind() string { return tend.JobFollowup }

type followupWorker struct {
	river.WorkerDefaults[FollowupArgs]
	run func(ctx context.Context, id string) error
}

func (w *followupWorker) Work(ctx context.Context, j *river.Job[FollowupArgs]) error {
	err := w.run(ctx, j.Args.ID)
	// A follow-up gone (cancelled, its person deleted) is done with.
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return nil
	}
	return err
}

// QueueDeliveries is the queue deliveries run in, apart from the rest.
const QueueDeliveries = "deliveries"

// busyAgain is how soon a delivery whose channel was busy runs again.
const busyAgain = 2 * time.Second

// DeliverArgs sends one message through one channel: unique by its
// arguments, so the same message is never queued twice for a channel.
type DeliverArgs struct {
	tend.Delivery
}

// Kind names the job in River's table.
func (DeliverArgs) Kind() string { return tend.JobDeliver }

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	run func(ctx context.Context, d tend.Delivery) error
}

func (w *deliverWorker) Work(ctx context.Context, j *river.Job[DeliverArgs]) error {
	err := w.run(ctx, j.Args.Delivery)
	if errors.Is(err, tend.ErrBusy) {
		return river.JobSnooze(busyAgain)
	}
	// A channel gone (removed, unsubscribed, its person deleted) takes
	// nothing more.
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return nil
	}
	return err
}

// SignedOutArgs closes a person's live screens on every node.
type SignedOutArgs struct {
	Person string `json:"person"`
}

// Kind names the job in River's table.
func (SignedOutArgs) Kind() string { return tend.JobSignedOut }

type signedOutWorker struct {
	river.WorkerDefaults[SignedOutArgs]
	run func(ctx context.Context, person string) error
}

func (w *signedOutWorker) Work(ctx context.Context, j *river.Job[SignedOutArgs]) error {
	return w.run(ctx, j.Args.Person)
}

// TidyEvery is how often the tidy job runs.
const TidyEvery = time.Hour

// TidyArgs runs the tidy job.
type TidyArgs struct{}

// Kind names the job in River's table.
func (TidyArgs) Kind() string { return "tidy" }

type tidyWorker struct {
	river.WorkerDefaults[TidyArgs]
	run func(ctx context.Context) error
}

func (w *tidyWorker) Work(ctx context.Context, _ *river.Job[TidyArgs]) error { return w.run(ctx) }

// Counts are how many jobs wait, run and failed for good, for metrics and
// tests.
type Counts struct{ Available, Scheduled, Running, Completed, Discarded int }

// Count counts the jobs by state.
func (q *Queue) Count(ctx context.Context) (Counts, error) {
	var c Counts
	params := river.NewJobListParams().First(10000).States(rivertype.JobStateAvailable, rivertype.JobStateScheduled,
		rivertype.JobStateRunning, rivertype.JobStateCompleted, rivertype.JobStateDiscarded)
	res, err := q.client.JobList(ctx, params)
	if err != nil {
		return c, fmt.Errorf("jobs: count: %w", err)
	}
	for _, j := range res.Jobs {
		switch j.State {
		case rivertype.JobStateAvailable:
			c.Available++
		case rivertype.JobStateScheduled:
			c.Scheduled++
		case rivertype.JobStateRunning:
			c.Running++
		case rivertype.JobStateCompleted:
			c.Completed++
		case rivertype.JobStateDiscarded:
			c.Discarded++
		}
	}
	return c, nil
}
