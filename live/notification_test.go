package live_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// TestRoomsNotification: with a PostgreSQL broker, the rooms give the
// NOTIFY a store sends inside a signal's transaction; another node hears
// it as news, and this node's own listener passes over the echo. With
// any other broker, or for news that is not signals, there is none, and
// the store publishes after its commit as always.
func TestRoomsNotification(t *testing.T) {
	enc, person := uuid.NewString(), uuid.NewString()
	signals := tend.Event{Encounter: enc, Signals: []*tend.Signal{{Seq: 2}, {Seq: 3}}}
	memory := live.NewRooms(live.Config{Broker: live.NewMemory(), Read: noRead})
	defer memory.Close()
	if _, _, ok := memory.Notification(signals); ok {
		t.Error("a notification with the in-memory broker")
	}

	dsn := mustDatabase(t)
	pa, pb := mustPostgres(t, dsn, nil), mustPostgres(t, dsn, nil)
	rooms := live.NewRooms(live.Config{Broker: pa, Read: noRead})
	defer rooms.Close()
	for name, e := range map[string]tend.Event{
		"a sign-out":          {SignedOut: person},
		"an inbox":            {Inbox: []string{person}},
		"no signals":          {Encounter: enc},
		"not an encounter id": {Encounter: "x", Signals: []*tend.Signal{{Seq: 1}}},
	} {
		if _, _, ok := rooms.Notification(e); ok {
			t.Errorf("%s: a notification", name)
		}
	}
	channel, payload, ok := rooms.Notification(signals)
	if !ok {
		t.Fatal("no notification with the PostgreSQL broker")
	}
	here, there := subscribe(t, pa), subscribe(t, pb)
	mustExec(t, dsn, "SELECT pg_notify($1, $2)", channel, payload) // as the store's transaction does
	want(t, there, live.News{Encounter: enc, Seq: 3})
	// News the other node publishes next reaches this one first: the
	// echo of its own notification was passed over.
	next := live.News{Encounter: uuid.NewString(), Seq: 1}
	mustPublish(t, pb, next)
	want(t, here, next)
}

func noRead(context.Context, string, int64, int) ([]*tend.Signal, error) { return nil, nil }
