// Command followload measures how fast follow-ups due at the same time
// reach their people's inboxes: it schedules them (people, encounters at
// their aftercare, each follow-up moved to one moment), then starts the
// job workers of one node on SQLite or two nodes sharing a throwaway
// PostgreSQL, and times until every one is due, counting those due
// twice (none may be) and the inbox news told.
//
//	go run ./tools/followload -n 10000            # one node, SQLite
//	go run ./tools/followload -n 10000 -nodes 2   # two nodes, PostgreSQL
//	go run ./tools/followload -n 10000 -deliver   # and each to a webhook and an email
//
// With -deliver, every person has one follow-up, a webhook (to a
// receiver on this machine; the first person's never answers) and an
// email address (an SMTP server on this machine), both taking
// follow-ups: it reports how long after due the deliveries arrived.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/plan"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/pgtest"
)

func main() {
	n := flag.Int("n", 10000, "follow-ups due at the same moment")
	nodes := flag.Int("nodes", 1, "1 (SQLite) or 2 (two nodes sharing PostgreSQL)")
	deliver := flag.Bool("deliver", false, "also deliver each to a webhook and an email on this machine")
	flag.Parse()
	if err := run(*n, *nodes, *deliver); err != nil {
		fmt.Fprintln(os.Stderr, "followload:", err)
		os.Exit(1)
	}
}

// counter hears what the stores tell: every inbox news.
type counter struct{ inbox atomic.Int64 }

func (c *counter) Publish(_ context.Context, e tend.Event) { c.inbox.Add(int64(len(e.Inbox))) }

func run(n, nodes int, deliver bool) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tend-followload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	key, _ := seal.NewKey()
	sealer, _ := seal.New(key)
	dsn := filepath.Join(dir, "tend.db")
	if nodes == 2 {
		pg, err := pgtest.Start()
		if err != nil {
			return fmt.Errorf("start PostgreSQL: %w", err)
		}
		defer pg.Stop()
		if dsn, err = pg.NewDatabase(ctx); err != nil {
			return err
		}
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	told := &counter{}
	var dbs []*sqlstore.DB
	for i := range nodes {
		db, err := sqlstore.Open(ctx, dsn, sealer)
		if err != nil {
			return err
		}
		defer db.Close()
		if i == 0 {
			if err := jobs.Migrate(ctx, db.SQL(), string(db.Dialect())); err != nil {
				return err
			}
			if err := db.Migrate(ctx); err != nil {
				return err
			}
		}
		db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
		db.SetPublisher(told)
		dbs = append(dbs, db)
	}
	db := dbs[0]
	insert, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
	if err != nil {
		return err
	}
	db.SetJobs(insert)

	var out *outside
	if deliver {
		out = startOutside()
		defer out.close()
	}
	fmt.Printf("scheduling %d follow-ups on %d node(s)...\n", n, nodes)
	start := time.Now()
	// A hundred follow-ups a person is quick to set up; with -deliver,
	// one each, as people have them (a person's channel sends at most
	// two at once, see notify.PerChannel).
	perPerson := 100
	if deliver {
		perPerson = 1
	}
	type item struct{ person, id string }
	var items []item
	for i := 0; len(items) < n; i++ {
		p := &tend.Person{Username: fmt.Sprintf("p%05d", i), DisplayName: fmt.Sprintf("P%05d", i), TimeZone: "UTC"}
		if err := db.CreatePerson(ctx, p); err != nil {
			return err
		}
		if _, err := db.SaveProfile(ctx, p.ID, &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay}}); err != nil {
			return err
		}
		if out != nil {
			if err := out.addChannels(ctx, db, p.ID, i == 0); err != nil {
				return err
			}
		}
		for j := 0; j < perPerson && len(items) < n; j++ {
			e, err := db.CreateEncounter(ctx, p.ID, tend.NewEncounter{Kind: tend.Solo})
			if err != nil {
				return err
			}
			if _, err := db.MoveEncounter(ctx, p.ID, e.ID, tend.Move{From: tend.StageBefore}); err != nil {
				return err
			}
		}
		x, err := db.Export(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, xe := range x.Encounters {
			for _, f := range xe.Followups {
				items = append(items, item{p.ID, f.ID})
			}
		}
	}
	// Far enough ahead that every snooze is done by then (about 1 ms each).
	due := time.Now().Add(5*time.Second + time.Duration(n)*2*time.Millisecond).Truncate(time.Second)
	for _, it := range items {
		if _, err := db.SnoozeFollowup(ctx, it.person, it.id, due); err != nil {
			return err
		}
	}
	fmt.Printf("scheduled in %s; all due at %s\n", time.Since(start).Round(time.Second), due.Format(time.TimeOnly))
	if time.Now().After(due) {
		return fmt.Errorf("scheduling took longer than the moment they are due; use fewer")
	}
	told.inbox.Store(0)

	var runs sync.Map // follow-up id → how often its job made it due
	var queues []*jobs.Queue
	for _, d := range dbs {
		work := &jobs.Work{Followup: func(ctx context.Context, id string) error {
			v, _ := runs.LoadOrStore(id, new(atomic.Int64))
			v.(*atomic.Int64).Add(1)
			return d.MakeFollowupDue(ctx, id)
		}}
		if out != nil {
			work.Deliver = out.dispatcher(d).Deliver
		}
		q, err := jobs.New(jobs.Config{DB: d.SQL(), Dialect: string(d.Dialect()), Poll: 100 * time.Millisecond, Work: work})
		if err != nil {
			return err
		}
		d.SetJobs(q) // the deliveries a follow-up due causes go in with it
		if err := q.Start(ctx); err != nil {
			return err
		}
		defer q.Stop(ctx)
		queues = append(queues, q)
	}
	time.Sleep(time.Until(due))
	for {
		var left int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM followups WHERE state = 'scheduled'`).Scan(&left); err != nil {
			return err
		}
		if left == 0 {
			break
		}
		if time.Since(due) > 5*time.Minute {
			return fmt.Errorf("%d follow-ups still waiting after 5 minutes", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(due)
	time.Sleep(500 * time.Millisecond)
	twice := 0
	runs.Range(func(_, v any) bool {
		if v.(*atomic.Int64).Load() > 1 {
			twice++
		}
		return true
	})
	fmt.Printf("%d follow-ups in the inbox %s after they were due (%d inbox news; jobs run twice: %d)\n",
		len(items), took.Round(10*time.Millisecond), told.inbox.Load(), twice)
	if out != nil {
		// Each follow-up to a webhook and an email; the first person's
		// webhook never answers.
		return out.wait(due, 2*len(items)-min(perPerson, len(items)))
	}
	return nil
}
