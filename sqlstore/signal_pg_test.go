package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tendcare/tend"
)

// notifier is a sqlstore.Notifier that records what it is asked.
type notifier struct {
	mu               sync.Mutex
	published, here  []tend.Event
	notificationsFor []string
}

func (n *notifier) Publish(_ context.Context, e tend.Event) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.published = append(n.published, e)
}

func (n *notifier) Notification(e tend.Event) (string, string, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	payload := fmt.Sprintf("%s %d", e.Encounter, e.Signals[len(e.Signals)-1].Seq)
	n.notificationsFor = append(n.notificationsFor, payload)
	return "tend_test", payload, true
}

func (n *notifier) PublishHere(_ context.Context, e tend.Event) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.here = append(n.here, e)
}

func (n *notifier) take() (published, here []tend.Event) {
	n.mu.Lock()
	defer n.mu.Unlock()
	published, here = n.published, n.here
	n.published, n.here = nil, nil
	return published, here
}

// TestSignalNotifiedInTransaction: on PostgreSQL a signal's transaction
// carries the other nodes' notification, which arrives only when it
// commits; this node is told with PublishHere, never twice. A signal
// refused, failing after it was numbered, or given up on halfway,
// notifies nobody, takes no number, and leaves the encounter unlocked
// and the pool (of one connection) able to send the next.
func TestSignalNotifiedInTransaction(t *testing.T) {
	if pg == nil {
		t.Skipf("no PostgreSQL server: %v", pgErr)
	}
	ctx := context.Background()
	dsn, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, dsn)
	if err := db.SetPool(1, 1); err != nil {
		t.Fatal(err)
	}
	rec := &notifier{}
	db.SetPublisher(rec)
	listen, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer listen.Close(ctx)
	if _, err := listen.Exec(ctx, "LISTEN tend_test"); err != nil {
		t.Fatal(err)
	}
	next := func() string {
		t.Helper()
		wait, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		n, err := listen.WaitForNotification(wait)
		if err != nil {
			t.Fatalf("no notification: %v", err)
		}
		return n.Payload
	}

	sam, alex := &tend.Person{Username: "sam", DisplayName: "Sam"}, &tend.Person{Username: "alex", DisplayName: "Alex"}
	for _, p := range []*tend.Person{sam, alex} {
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	e, err := db.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	lastSeq := func() int64 {
		t.Helper()
		got, err := db.FindEncounter(ctx, sam.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastSeq
	}
	send := func() *tend.Signal {
		t.Helper()
		sig, err := db.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
		if err != nil {
			t.Fatal(err)
		}
		if got := next(); got != fmt.Sprintf("%s %d", e.ID, sig.Seq) {
			t.Fatalf("notified %q for signal %d", got, sig.Seq)
		}
		published, here := rec.take()
		if len(published) != 0 || len(here) != 1 || len(here[0].Signals) != 1 || here[0].Signals[0].Seq != sig.Seq ||
			here[0].Signals[0].FromName != "Sam" || here[0].Encounter != e.ID {
			t.Fatalf("signal %d: published %+v, here %+v", sig.Seq, published, here)
		}
		return sig
	}
	send()

	// Refused before anything is sealed: someone not in it.
	before := lastSeq()
	if _, err := db.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalWater}); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("someone not in it: got %v, want ENOTFOUND", err)
	}
	// Refused after it was numbered: a signal that is not valid.
	if _, err := db.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: "shout"}); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("an unknown kind: got %v, want EINVALID", err)
	}
	// Failing in the second round trip: the insert is refused by the
	// database (a trigger), so the notification and COMMIT after it in
	// the pipeline never run.
	mustExecPG(t, dsn, `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`)
	mustExecPG(t, dsn, `CREATE TRIGGER refuse BEFORE INSERT ON encounter_signals FOR EACH ROW EXECUTE FUNCTION refuse()`)
	if _, err := db.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater}); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("an insert the database refuses: got %v", err)
	}
	mustExecPG(t, dsn, `DROP TRIGGER refuse ON encounter_signals`)
	// Given up on in the second round trip (the client went away while
	// the insert waited): nothing is stored, and the encounter is not
	// left locked.
	mustExecPG(t, dsn, `CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(5); RETURN NEW; END $$`)
	mustExecPG(t, dsn, `CREATE TRIGGER slow BEFORE INSERT ON encounter_signals FOR EACH ROW EXECUTE FUNCTION slow()`)
	gone, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = db.AddSignal(gone, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	cancel()
	if err == nil {
		t.Error("a signal given up on was stored")
	}
	mustExecPG(t, dsn, `DROP TRIGGER slow ON encounter_signals`)
	if got := lastSeq(); got != before {
		t.Errorf("refused signals took numbers: %d, then %d", before, got)
	}
	if published, here := rec.take(); len(published)+len(here) != 0 {
		t.Errorf("refused signals were told: %+v, %+v", published, here)
	}
	// The next signal's notification is the next one there is, on the
	// pool's one connection.
	if sig := send(); sig.Seq != before+1 {
		t.Errorf("the next signal is %d, want %d", sig.Seq, before+1)
	}
}

func mustExecPG(t *testing.T, dsn, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
