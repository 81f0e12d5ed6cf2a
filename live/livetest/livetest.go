// Package livetest is the conformance suite every live.Broker passes.
package livetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// timeout is how long a test waits for news that should come.
const timeout = 10 * time.Second

// Run runs the suite. nodes returns two brokers that behave as two nodes
// sharing one backend (the same broker twice will do for a single-node
// one), fresh for each test; Run closes them when the test ends.
func Run(t *testing.T, nodes func(t *testing.T) (a, b live.Broker)) {
	mustNodes := func(t *testing.T) (a, b live.Broker) {
		t.Helper()
		a, b = nodes(t)
		t.Cleanup(func() {
			a.Close()
			b.Close()
		})
		return a, b
	}

	t.Run("PublishReachesBothNodes", func(t *testing.T) {
		a, b := mustNodes(t)
		atA, atB := subscribe(t, a), subscribe(t, b)
		n := news(1)
		mustPublish(t, a, n)
		select {
		case got := <-atA:
			if got != n {
				t.Fatalf("subscriber on a got %v, want %v", got, n)
			}
		default:
			t.Fatal("subscriber on a had nothing when Publish returned")
		}
		if got := next(t, atB); got != n {
			t.Fatalf("subscriber on b got %v, want %v", got, n)
		}
	})

	t.Run("SignedOutReachesBothNodes", func(t *testing.T) {
		a, b := mustNodes(t)
		atA, atB := subscribe(t, a), subscribe(t, b)
		n := live.News{SignedOut: uuid.NewString()}
		mustPublish(t, b, n)
		for name, ch := range map[string]<-chan live.News{"a": atA, "b": atB} {
			if got := next(t, ch); got != n {
				t.Fatalf("subscriber on %s got %v, want %v", name, got, n)
			}
		}
	})

	t.Run("EachSubscriberOnce", func(t *testing.T) {
		// Each news is published once every subscriber has the one
		// before, so it comes after that one: an echo or a repeat of the
		// one before would come between them.
		a, b := mustNodes(t)
		var subs []<-chan live.News
		for range 3 {
			subs = append(subs, subscribe(t, a), subscribe(t, b))
		}
		for _, from := range []live.Broker{a, b, a} {
			n := news(1)
			mustPublish(t, from, n)
			for i, ch := range subs {
				if got := next(t, ch); got != n {
					t.Fatalf("subscriber %d got %v, want %v", i, got, n)
				}
			}
		}
	})

	t.Run("OrderKept", func(t *testing.T) {
		a, b := mustNodes(t)
		atA, atB := subscribe(t, a), subscribe(t, b)
		enc := uuid.NewString()
		const count = 200
		for i := int64(1); i <= count; i++ {
			mustPublish(t, a, live.News{Encounter: enc, Seq: i})
		}
		for name, ch := range map[string]<-chan live.News{"a": atA, "b": atB} {
			for i := int64(1); i <= count; i++ {
				if got, want := next(t, ch), (live.News{Encounter: enc, Seq: i}); got != want {
					t.Fatalf("subscriber on %s: news %d is %v, want %v", name, i, got, want)
				}
			}
		}
	})

	t.Run("Unsubscribe", func(t *testing.T) {
		// Once the other subscribers on b have the marker, the one that
		// unsubscribed would have had n too.
		a, b := mustNodes(t)
		gone := make(chan live.News, 1)
		unsubscribe := b.Subscribe(func(n live.News) {
			select {
			case gone <- n:
			default:
			}
		})
		stays := subscribe(t, b)
		unsubscribe()
		unsubscribe() // a second call does no harm
		n, marker := news(1), news(2)
		mustPublish(t, a, n)
		mustPublish(t, a, marker)
		if got := next(t, stays); got != n {
			t.Fatalf("subscriber that stayed got %v, want %v", got, n)
		}
		if got := next(t, stays); got != marker {
			t.Fatalf("subscriber that stayed got %v, want the marker %v", got, marker)
		}
		select {
		case got := <-gone:
			t.Fatalf("unsubscribed subscriber got %v", got)
		default:
		}
	})

	t.Run("PublishRejects", func(t *testing.T) {
		a, b := mustNodes(t)
		atA, atB := subscribe(t, a), subscribe(t, b)
		good := uuid.NewString()
		for _, tc := range []struct {
			name string
			n    live.News
		}{
			{"NotUUID", live.News{Encounter: "not-a-uuid", Seq: 1}},
			{"EmptyID", live.News{Encounter: "", Seq: 1}},
			{"UppercaseID", live.News{Encounter: strings.ToUpper(good), Seq: 1}},
			{"BracedID", live.News{Encounter: "{" + good + "}", Seq: 1}},
			{"URNID", live.News{Encounter: "urn:uuid:" + good, Seq: 1}},
			{"HexOnlyID", live.News{Encounter: strings.ReplaceAll(good, "-", ""), Seq: 1}},
			{"SeqZero", live.News{Encounter: good, Seq: 0}},
			{"SeqNegative", live.News{Encounter: good, Seq: -1}},
			{"SignedOutNotUUID", live.News{SignedOut: "sam"}},
			{"SignedOutWithEncounter", live.News{SignedOut: good, Encounter: good, Seq: 1}},
			{"SignedOutWithSeq", live.News{SignedOut: good, Seq: 1}},
			{"Nothing", live.News{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := a.Publish(context.Background(), tc.n)
				if code := tend.ErrorCode(err); code != tend.EINVALID {
					t.Fatalf("Publish(%v) = %v (code %q), want code %q", tc.n, err, code, tend.EINVALID)
				}
			})
		}
		marker := news(1)
		mustPublish(t, a, marker)
		for name, ch := range map[string]<-chan live.News{"a": atA, "b": atB} {
			if got := next(t, ch); got != marker {
				t.Fatalf("subscriber on %s got %v, want only the marker %v", name, got, marker)
			}
		}
	})

	t.Run("PublishAfterClose", func(t *testing.T) {
		a, _ := mustNodes(t)
		if err := a.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := a.Publish(context.Background(), news(1)); err == nil {
			t.Fatal("Publish after Close returned no error")
		}
	})
}

// news returns news of a new encounter.
func news(seq int64) live.News { return live.News{Encounter: uuid.NewString(), Seq: seq} }

func mustPublish(t *testing.T, b live.Broker, n live.News) {
	t.Helper()
	if err := b.Publish(context.Background(), n); err != nil {
		t.Fatalf("Publish(%v): %v", n, err)
	}
}

// subscribe subscribes to b until the test ends and returns what comes.
// The buffer is large enough for every test here; were it full, the test
// fails rather than losing news silently.
func subscribe(t *testing.T, b live.Broker) <-chan live.News {
	t.Helper()
	ch := make(chan live.News, 1000)
	unsubscribe := b.Subscribe(func(n live.News) {
		select {
		case ch <- n:
		default:
			t.Error("a subscriber's buffer is full")
		}
	})
	t.Cleanup(unsubscribe)
	return ch
}

// next returns the next news from ch, failing the test after a while
// without any.
func next(t *testing.T, ch <-chan live.News) live.News {
	t.Helper()
	select {
	case n := <-ch:
		return n
	case <-time.After(timeout):
		t.Fatalf("no news within %v", timeout)
		return live.News{}
	}
}
