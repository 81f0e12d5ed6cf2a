package live

import (
	"context"
	"math/rand/v2"
	"time"
)

// inboxPrefix names a person's inbox screens among the rooms.
const inboxPrefix = "inbox:"

// inboxFrame tells an inbox screen to look again: it carries nothing.
var inboxFrame = []byte("event: inbox\ndata: {}\n\n")

// JoinInbox opens an inbox screen of the person's: after head, it gets an
// event each time their inbox changes on any node, until its lifetime
// ends, the person is signed out, or a write fails. It returns false if
// out failed at once (and is closed), and a function that takes the
// screen out early.
func (h *Rooms) JoinInbox(ctx context.Context, person string, out Stream, head []byte) (leave func(), ok bool) {
	now := time.Now()
	sc := &screen{out: out, person: person, wrote: now,
		until: now.Add(h.lifetime - time.Duration(rand.Int64N(int64(h.lifetime/10)+1)))}
	rm := h.enter(inboxPrefix + person)
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.joining--
	if err := out.Write(head, now.Add(WriteTimeout)); err != nil || h.closed.Load() {
		out.Close()
		return func() {}, false
	}
	rm.screens = append(rm.screens, sc)
	h.inboxes.Add(1)
	return func() { h.drop(rm, sc) }, true
}

// inboxChanged tells the person's inbox screens on this node to look
// again.
func (h *Rooms) inboxChanged(person string) {
	rm := h.lookup(inboxPrefix + person)
	if rm == nil {
		return
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	now := time.Now()
	failed := false
	for _, sc := range rm.screens {
		if err := sc.out.Write(inboxFrame, now.Add(WriteTimeout)); err != nil {
			sc.sent, failed = -1, true
			continue
		}
		sc.wrote = now
	}
	if failed {
		rm.remove(func(s *screen) bool { return s.sent < 0 }, h)
	}
}
