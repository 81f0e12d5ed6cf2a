package live_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// fakeStream records what a screen was sent.
type fakeStream struct {
	mu     sync.Mutex
	got    strings.Builder
	closed bool
}

func (f *fakeStream) Write(p []byte, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return fmt.Errorf("closed")
	}
	f.got.Write(p)
	return nil
}

func (f *fakeStream) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
}

func (f *fakeStream) state() (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got.String(), f.closed
}

// store is an encounter's stored signals.
type store struct {
	mu   sync.Mutex
	sigs map[string][]*tend.Signal
}

func (s *store) add(id string, k tend.SignalKind) *tend.Signal {
	s.mu.Lock()
	defer s.mu.Unlock()
	sig := &tend.Signal{Seq: int64(len(s.sigs[id]) + 1), Kind: k}
	s.sigs[id] = append(s.sigs[id], sig)
	return sig
}

func (s *store) read(_ context.Context, id string, after int64, _ int) ([]*tend.Signal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*tend.Signal
	for _, sig := range s.sigs[id] {
		if sig.Seq > after {
			out = append(out, sig)
		}
	}
	return out, nil
}

func frames(b []byte, sigs []*tend.Signal) []byte {
	for _, s := range sigs {
		b = fmt.Appendf(b, "%d:%s;", s.Seq, s.Kind)
	}
	return b
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for range 500 {
		if ok() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("never: %s", what)
}

// TestRooms: what the store tells reaches the encounter's screens on this
// node at once, and another node's through the broker; a sign-out closes
// that person's screens only; Close closes the rest.
func TestRooms(t *testing.T) {
	ctx := context.Background()
	broker := live.NewMemory()
	st := &store{sigs: map[string][]*tend.Signal{}}
	a := live.NewRooms(live.Config{Broker: broker, Read: st.read, Frames: frames})
	b := live.NewRooms(live.Config{Broker: broker, Read: st.read, Frames: frames})
	defer b.Close()
	enc, other := uuid.NewString(), uuid.NewString()
	sam, alex := uuid.NewString(), uuid.NewString()

	st.add(enc, tend.SignalCheckIn)
	samScreen, alexScreen, elsewhere := &fakeStream{}, &fakeStream{}, &fakeStream{}
	if _, ok := a.Join(ctx, enc, sam, samScreen, []byte("head;"), 0); !ok {
		t.Fatal("Sam's screen refused")
	}
	if _, ok := b.Join(ctx, enc, alex, alexScreen, nil, 1); !ok {
		t.Fatal("Alex's screen refused")
	}
	if _, ok := a.Join(ctx, other, alex, elsewhere, nil, 0); !ok {
		t.Fatal("Alex's other screen refused")
	}
	if got, _ := samScreen.state(); got != "head;1:check-in;" {
		t.Errorf("Sam caught up with %q", got)
	}
	if a.Screens() != 2 || b.Screens() != 1 {
		t.Errorf("screens: %d and %d", a.Screens(), b.Screens())
	}

	a.Publish(ctx, tend.Event{Encounter: enc, Signals: []*tend.Signal{st.add(enc, tend.SignalWater), st.add(enc, tend.SignalHold)}})
	if got, _ := samScreen.state(); got != "head;1:check-in;2:water;3:hold;" {
		t.Errorf("Sam's screen on the same node: %q", got)
	}
	eventually(t, "Alex's screen on the other node has both", func() bool {
		got, _ := alexScreen.state()
		return got == "2:water;3:hold;"
	})
	if got, _ := elsewhere.state(); got != "" {
		t.Errorf("another encounter's screen got %q", got)
	}

	a.Publish(ctx, tend.Event{SignedOut: alex})
	eventually(t, "Alex's screens closed on both nodes", func() bool {
		_, c1 := alexScreen.state()
		_, c2 := elsewhere.state()
		return c1 && c2
	})
	if _, closed := samScreen.state(); closed {
		t.Error("Sam's screen closed by Alex's sign-out")
	}
	a.Close()
	if _, closed := samScreen.state(); !closed {
		t.Error("Close left Sam's screen open")
	}
	if _, ok := a.Join(ctx, enc, sam, &fakeStream{}, nil, 0); ok {
		t.Error("a closed node took a screen")
	}
}

// TestInbox: a person's inbox screens hear that their inbox changed, on
// their node and another, and nobody else's do; the news carries nothing.
func TestInbox(t *testing.T) {
	ctx := context.Background()
	broker := live.NewMemory()
	st := &store{sigs: map[string][]*tend.Signal{}}
	a := live.NewRooms(live.Config{Broker: broker, Read: st.read, Frames: frames})
	b := live.NewRooms(live.Config{Broker: broker, Read: st.read, Frames: frames})
	defer a.Close()
	defer b.Close()
	sam, alex := uuid.NewString(), uuid.NewString()
	samHere, samThere, alexHere := &fakeStream{}, &fakeStream{}, &fakeStream{}
	for _, j := range []struct {
		r   *live.Rooms
		who string
		out *fakeStream
	}{{a, sam, samHere}, {b, sam, samThere}, {a, alex, alexHere}} {
		if _, ok := j.r.JoinInbox(ctx, j.who, j.out, []byte("head;")); !ok {
			t.Fatal("an inbox screen refused")
		}
	}
	a.Publish(ctx, tend.Event{Inbox: []string{sam}})
	eventually(t, "both of Sam's screens hear it", func() bool {
		x, _ := samHere.state()
		y, _ := samThere.state()
		return x == "head;event: inbox\ndata: {}\n\n" && y == x
	})
	if got, _ := alexHere.state(); got != "head;" {
		t.Errorf("Alex's inbox heard Sam's: %q", got)
	}
	b.Publish(ctx, tend.Event{SignedOut: sam})
	eventually(t, "Sam's inbox screens close on signing out", func() bool {
		_, c1 := samHere.state()
		_, c2 := samThere.state()
		return c1 && c2
	})
	if _, closed := alexHere.state(); closed {
		t.Error("Alex's inbox closed by Sam's sign-out")
	}
}
