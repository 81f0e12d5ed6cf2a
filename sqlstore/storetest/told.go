package storetest

import (
	"context"
	"sync"

	"github.com/tendcare/tend"
)

// recorder hears what a store tells once its changes commit.
type recorder struct {
	mu     sync.Mutex
	events []tend.Event
}

func (r *recorder) Publish(_ context.Context, e tend.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

// take returns what was told since the last take.
func (r *recorder) take() []tend.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.events
	r.events = nil
	return out
}

// signals returns the signals told since the last take, in order; a
// sign-out told meanwhile is an error of the test's making, so it is kept
// out and reported by the caller's checks on kinds.
func (r *recorder) signals() []*tend.Signal {
	var out []*tend.Signal
	for _, e := range r.take() {
		out = append(out, e.Signals...)
	}
	return out
}

var recorders sync.Map // *sqlstore.DB → *recorder

// told returns the recorder that hears the store, set on it the first
// time.
func told(s Store) *recorder {
	r, loaded := recorders.LoadOrStore(s.DB, &recorder{})
	if !loaded {
		s.DB.SetPublisher(r.(*recorder))
	}
	return r.(*recorder)
}

// inboxes returns whose inboxes were told to look again since the last
// take, in order, each once.
func (r *recorder) inboxes() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range r.take() {
		for _, p := range e.Inbox {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
