package live

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tendcare/tend"
)

// Timings of live screens.
const (
	// WriteTimeout is how long one write to a screen may take before
	// the screen is dropped (its browser reconnects and catches up).
	WriteTimeout = 5 * time.Second
	// heartbeatEvery is how often an idle screen gets a comment line,
	// which keeps proxies from closing it and finds screens that went
	// away.
	heartbeatEvery = 25 * time.Second
	// sweepEvery is how often the rooms are looked through for screens
	// to close or keep alive, and rooms left empty.
	sweepEvery = 5 * time.Second
)

// Stream is where a screen's events go: a connection taken over from
// net/http, or a response its handler holds open. The web package makes
// them; Rooms writes to them.
type Stream interface {
	Write(p []byte, deadline time.Time) error
	Close()
}

// Config is what Rooms needs.
type Config struct {
	// Broker carries news between nodes; NewMemory() for one node.
	Broker Broker
	// Read reads an encounter's stored signals after a number.
	Read func(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error)
	// Frames appends signals as they are written to a screen (the web
	// package's server-sent events).
	Frames func(b []byte, sigs []*tend.Signal) []byte
	Log    *slog.Logger
	// Lifetime is how long one stream stays open before it is closed
	// and the browser reconnects (and is checked again). Signing out and
	// leaving close a person's screens at once; the lifetime bounds what
	// nothing tells, such as a server whose nodes run no jobs when the
	// operator disables an account from the command line (the command
	// queues a job that tells). Default 5 minutes.
	Lifetime time.Duration
}

// Rooms keeps this node's open live screens, by encounter, and writes
// every stored signal to them. A screen costs no goroutine: it is
// written to by whoever has news, so ten thousand idle screens cost
// little more than their sockets. Rooms is the store's tend.Publisher:
// what a change tells after its commit reaches this node's screens at
// once and the other nodes' through the broker.
type Rooms struct {
	broker   Broker
	read     func(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error)
	frames   func(b []byte, sigs []*tend.Signal) []byte
	log      *slog.Logger
	lifetime time.Duration
	unsub    func()

	mu     sync.Mutex
	rooms  map[string]*room
	closed atomic.Bool
	stop   chan struct{}
	// screens counts encounters' screens, inboxes the inbox streams
	// (see count.go).
	screens, inboxes atomic.Int64
}

var _ tend.Publisher = (*Rooms)(nil)

// room is one encounter's screens on this node.
type room struct {
	id string
	mu sync.Mutex
	// last is the highest signal number written to the room's screens.
	last    int64
	screens []*screen
	// joining counts screens on their way in, so the sweeper leaves the
	// room be.
	joining int
	// busy and again coalesce catching up after news from other nodes.
	busy, again bool
}

// screen is one open event stream.
type screen struct {
	out Stream
	// person is whose screen it is: it closes when they are signed out
	// anywhere, and reconnects to be checked again.
	person string
	sent   int64
	until  time.Time
	wrote  time.Time
}

// NewRooms starts the rooms and their sweeper, subscribed to the broker.
func NewRooms(c Config) *Rooms {
	if c.Lifetime <= 0 {
		c.Lifetime = 5 * time.Minute
	}
	if c.Broker == nil {
		c.Broker = NewMemory()
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	h := &Rooms{broker: c.Broker, read: c.Read, frames: c.Frames, log: c.Log, lifetime: c.Lifetime,
		rooms: map[string]*room{}, stop: make(chan struct{})}
	h.unsub = c.Broker.Subscribe(h.news)
	go h.sweep()
	return h
}

// Screens is how many screens are open on this node, inboxes included.
func (h *Rooms) Screens() int64 { return h.screens.Load() + h.inboxes.Load() }

// Publish tells this node's screens of signals just stored, then the
// other nodes; a sign-out closes the person's screens on every node.
func (h *Rooms) Publish(ctx context.Context, e tend.Event) {
	if e.SignedOut != "" {
		if err := h.broker.Publish(ctx, News{SignedOut: e.SignedOut}); err != nil {
			h.log.Warn("live: publishing a sign-out", "err", err)
			h.CloseScreens(e.SignedOut)
		}
		return
	}
	for _, p := range e.Inbox {
		if err := h.broker.Publish(ctx, News{Inbox: p}); err != nil {
			h.log.Warn("live: publishing inbox news", "err", err)
			h.inboxChanged(p)
		}
	}
	if len(e.Signals) == 0 {
		return
	}
	h.deliver(ctx, e.Encounter, e.Signals)
	if err := h.broker.Publish(ctx, News{Encounter: e.Encounter, Seq: e.Signals[len(e.Signals)-1].Seq}); err != nil {
		h.log.Warn("live: publishing news", "err", err)
	}
}

// Notification is the NOTIFY that tells the other nodes of e when the
// store sends it inside the transaction that stores e's signals:
// PostgreSQL delivers it as that transaction commits, a round trip
// sooner than Publish could, and never for one rolled back. ok is false
// when the broker is not PostgreSQL or e is not signals; then the store
// calls Publish after its commit as always. After a commit that carried
// it, the store calls PublishHere instead of Publish.
func (h *Rooms) Notification(e tend.Event) (channel, payload string, ok bool) {
	pg, isPG := h.broker.(*Postgres)
	if !isPG || e.Encounter == "" || len(e.Signals) == 0 || e.SignedOut != "" || len(e.Inbox) > 0 {
		return "", "", false
	}
	n := News{Encounter: e.Encounter, Seq: e.Signals[len(e.Signals)-1].Seq}
	if n.validate() != nil {
		return "", "", false
	}
	channel, payload = pg.notification(n)
	return channel, payload, true
}

// PublishHere tells this node's screens of signals whose transaction
// already told the other nodes (see Notification).
func (h *Rooms) PublishHere(ctx context.Context, e tend.Event) {
	h.deliver(ctx, e.Encounter, e.Signals)
}

// enter finds or makes the encounter's room, counting the caller in.
func (h *Rooms) enter(id string) *room {
	h.mu.Lock()
	defer h.mu.Unlock()
	rm := h.rooms[id]
	if rm == nil {
		rm = &room{id: id}
		h.rooms[id] = rm
	}
	rm.mu.Lock()
	rm.joining++
	rm.mu.Unlock()
	return rm
}

func (h *Rooms) lookup(id string) *room {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rooms[id]
}

// Join opens a screen of the person's on the encounter: it writes head
// and the signals after `after` to out, then every new one, until the
// screen's lifetime ends, the person is signed out, or a write fails; then
// out is closed. It returns false if out failed at once (and is closed),
// and a function that takes the screen out early (its client went away).
func (h *Rooms) Join(ctx context.Context, id, person string, out Stream, head []byte, after int64) (leave func(), ok bool) {
	now := time.Now()
	// Spread the reconnections over a tenth of the lifetime.
	sc := &screen{out: out, person: person, wrote: now,
		until: now.Add(h.lifetime - time.Duration(rand.Int64N(int64(h.lifetime/10)+1)))}
	rm := h.enter(id)
	if !h.join(ctx, rm, sc, head, after) {
		return func() {}, false
	}
	return func() { h.drop(rm, sc) }, true
}

// join catches the screen up and adds it to the room; false if it went
// away meanwhile.
func (h *Rooms) join(ctx context.Context, rm *room, sc *screen, head []byte, after int64) bool {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.joining--
	sigs, err := h.read(ctx, rm.id, after, 0)
	if err != nil {
		h.log.Warn("live screen: reading signals", "err", err)
		sc.out.Close()
		return false
	}
	buf := h.frames(head, sigs)
	sc.sent = after
	if n := len(sigs); n > 0 {
		sc.sent = sigs[n-1].Seq
	}
	if err := sc.out.Write(buf, time.Now().Add(WriteTimeout)); err != nil {
		sc.out.Close()
		return false
	}
	if h.closed.Load() {
		sc.out.Close()
		return false
	}
	rm.screens = append(rm.screens, sc)
	h.screens.Add(1)
	rm.last = max(rm.last, sc.sent)
	return true
}

// drop takes a screen out of its room.
func (h *Rooms) drop(rm *room, sc *screen) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.remove(func(s *screen) bool { return s == sc }, h)
}

// remove closes and takes out the screens gone says are gone.
func (rm *room) remove(gone func(*screen) bool, h *Rooms) {
	kept := rm.screens[:0]
	for _, s := range rm.screens {
		if gone(s) {
			s.out.Close()
			h.counter(rm).Add(-1)
			continue
		}
		kept = append(kept, s)
	}
	clear(rm.screens[len(kept):])
	rm.screens = kept
}

// deliver writes signals stored on this node to the encounter's screens
// here. Signals it has not seen before them (a gap) are read first.
func (h *Rooms) deliver(ctx context.Context, id string, sigs []*tend.Signal) {
	rm := h.lookup(id)
	if rm == nil || len(sigs) == 0 {
		return
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if sigs[len(sigs)-1].Seq <= rm.last {
		return
	}
	if sigs[0].Seq > rm.last+1 {
		more, err := h.read(ctx, id, rm.last, 0)
		if err != nil {
			h.log.Warn("live screen: reading signals", "err", err)
			return
		}
		sigs = more
	}
	rm.send(h, sigs)
}

// news handles news from the broker: signals stored on any node. The
// zero News means some may have been missed: every room catches up.
func (h *Rooms) news(n News) {
	if n.SignedOut != "" {
		h.CloseScreens(n.SignedOut)
		return
	}
	if n.Inbox != "" {
		h.inboxChanged(n.Inbox)
		return
	}
	if n.Encounter == "" {
		for _, rm := range h.all() {
			if person, ok := strings.CutPrefix(rm.id, inboxPrefix); ok {
				h.inboxChanged(person)
				continue
			}
			h.catchUp(rm)
		}
		return
	}
	if rm := h.lookup(n.Encounter); rm != nil {
		rm.mu.Lock()
		stale := n.Seq <= rm.last
		rm.mu.Unlock()
		if !stale {
			h.catchUp(rm)
		}
	}
}

// catchUp reads what the room has not had yet and sends it, away from
// the broker's goroutine; news arriving meanwhile make it look again.
func (h *Rooms) catchUp(rm *room) {
	rm.mu.Lock()
	if rm.busy {
		rm.again = true
		rm.mu.Unlock()
		return
	}
	rm.busy = true
	rm.mu.Unlock()
	go func() {
		for {
			rm.mu.Lock()
			last := rm.last
			rm.mu.Unlock()
			sigs, err := h.read(context.Background(), rm.id, last, 0)
			rm.mu.Lock()
			if err != nil {
				h.log.Warn("live screen: reading signals", "err", err)
			} else {
				i := 0
				for i < len(sigs) && sigs[i].Seq <= rm.last {
					i++
				}
				rm.send(h, sigs[i:])
			}
			if !rm.again {
				rm.busy = false
				rm.mu.Unlock()
				return
			}
			rm.again = false
			rm.mu.Unlock()
		}
	}()
}

// send writes signals, in order and newer than rm.last, to every screen
// that has not had them. The room is locked.
func (rm *room) send(h *Rooms, sigs []*tend.Signal) {
	if len(sigs) == 0 {
		return
	}
	last := sigs[len(sigs)-1].Seq
	frames := h.frames(nil, sigs)
	now := time.Now()
	failed := false
	for _, sc := range rm.screens {
		if sc.sent >= last {
			continue
		}
		data := frames
		if sc.sent >= sigs[0].Seq {
			data = h.frames(nil, newer(sigs, sc.sent))
		}
		if err := sc.out.Write(data, now.Add(WriteTimeout)); err != nil {
			sc.sent, failed = -1, true
			continue
		}
		sc.sent, sc.wrote = last, now
	}
	rm.last = last
	if failed {
		rm.remove(func(s *screen) bool { return s.sent < 0 }, h)
	}
}

func newer(sigs []*tend.Signal, after int64) []*tend.Signal {
	for i, s := range sigs {
		if s.Seq > after {
			return sigs[i:]
		}
	}
	return nil
}

// sweep closes screens at the end of their lifetime, sends heartbeats to
// idle ones, and forgets empty rooms.
func (h *Rooms) sweep() {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case now := <-t.C:
			h.sweepOnce(now)
		}
	}
}

var heartbeat = []byte(":\n\n")

func (h *Rooms) sweepOnce(now time.Time) {
	for _, rm := range h.all() {
		rm.mu.Lock()
		for _, sc := range rm.screens {
			switch {
			case !now.Before(sc.until):
				sc.sent = -1
			case now.Sub(sc.wrote) >= heartbeatEvery:
				if sc.out.Write(heartbeat, now.Add(WriteTimeout)) != nil {
					sc.sent = -1
				}
				sc.wrote = now
			}
		}
		rm.remove(func(s *screen) bool { return s.sent < 0 }, h)
		rm.mu.Unlock()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, rm := range h.rooms {
		rm.mu.Lock()
		if len(rm.screens) == 0 && rm.joining == 0 && !rm.busy {
			delete(h.rooms, id)
		}
		rm.mu.Unlock()
	}
}

// all returns the rooms, to go through without holding the hub's lock.
func (h *Rooms) all() []*room {
	h.mu.Lock()
	defer h.mu.Unlock()
	rooms := make([]*room, 0, len(h.rooms))
	for _, rm := range h.rooms {
		rooms = append(rooms, rm)
	}
	return rooms
}

// CloseScreens closes the person's screens: they were signed out
// somewhere. Each browser's stream reconnects at once and is checked
// again, so a screen of a session or token still good comes back, and
// one of a session or token now gone does not.
func (h *Rooms) CloseScreens(person string) {
	for _, rm := range h.all() {
		rm.mu.Lock()
		rm.remove(func(s *screen) bool { return s.person == person }, h)
		rm.mu.Unlock()
	}
}

// Close closes every screen and stops the sweeper.
func (h *Rooms) Close() {
	if h.closed.Swap(true) {
		return
	}
	h.unsub() // first: the broker waits for news being handled, which takes h.mu
	h.mu.Lock()
	defer h.mu.Unlock()
	close(h.stop)
	for _, rm := range h.rooms {
		rm.mu.Lock()
		rm.remove(func(*screen) bool { return true }, h)
		rm.mu.Unlock()
	}
}
