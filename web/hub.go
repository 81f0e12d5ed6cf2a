package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// Broker carries news of stored signals between the nodes serving live
// screens: live.Memory with one node, live.Postgres with several.
type Broker interface {
	Publish(ctx context.Context, n live.News) error
	Subscribe(fn func(live.News)) (unsubscribe func())
}

// Timings of live screens.
const (
	// liveWriteTimeout is how long one write to a screen may take before
	// the screen is dropped (its browser reconnects and catches up).
	liveWriteTimeout = 5 * time.Second
	// liveHeartbeat is how often an idle screen gets a comment line, which
	// keeps proxies from closing it and finds screens that went away.
	liveHeartbeat = 25 * time.Second
	// liveSweep is how often the hub looks for screens to close or
	// keep alive, and rooms left empty.
	liveSweep = 5 * time.Second
	// liveRetry is how long a browser waits before reconnecting a
	// stream the hub closed.
	liveRetry = 1500 * time.Millisecond
)

// hub keeps this node's open live screens, by encounter, and writes every
// stored signal to them as a server-sent event. A screen costs no
// goroutine: its connection is taken over from net/http (hijacked) and
// written to by whoever has news, so ten thousand idle screens cost
// little more than their sockets. Connections that cannot be taken over
// (HTTP/2) are held by their handler instead.
type hub struct {
	read func(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error)
	log  *slog.Logger
	// lifetime is how long one stream stays open before the hub closes
	// it and the browser reconnects (and is checked again). Signing out
	// and leaving close a person's screens at once (closeScreens); the
	// lifetime bounds what nothing announces, such as the operator
	// disabling an account from the command line.
	lifetime time.Duration

	mu      sync.Mutex
	rooms   map[string]*room
	closed  atomic.Bool
	stop    chan struct{}
	screens atomic.Int64
}

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
	out stream
	// person is whose screen it is: it closes when they are signed out
	// anywhere (see signedOut), and reconnects to be checked again.
	person string
	sent   int64
	until  time.Time
	wrote  time.Time
}

// stream is where a screen's events go.
type stream interface {
	write(p []byte, deadline time.Time) error
	close()
}

type connStream struct{ net.Conn }

func (c connStream) write(p []byte, deadline time.Time) error {
	c.SetWriteDeadline(deadline)
	_, err := c.Write(p)
	return err
}

func (c connStream) close() { c.Close() }

// flushStream is a stream its handler holds open (HTTP/2 cannot be
// hijacked); done tells the handler to return.
type flushStream struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	done chan struct{}
	once sync.Once
}

func (f *flushStream) write(p []byte, deadline time.Time) error {
	f.rc.SetWriteDeadline(deadline)
	if _, err := f.w.Write(p); err != nil {
		return err
	}
	return f.rc.Flush()
}

func (f *flushStream) close() { f.once.Do(func() { close(f.done) }) }

func newHub(read func(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error), log *slog.Logger, lifetime time.Duration) *hub {
	h := &hub{read: read, log: log, lifetime: lifetime, rooms: map[string]*room{}, stop: make(chan struct{})}
	go h.sweep()
	return h
}

// enter finds or makes the encounter's room, counting the caller in.
func (h *hub) enter(id string) *room {
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

func (h *hub) lookup(id string) *room {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rooms[id]
}

// open serves a live screen: it catches up on the signals after `after`
// and then gets every new one.
func (h *hub) open(w http.ResponseWriter, r *http.Request, id, person string, after int64) {
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	now := time.Now()
	// Spread the reconnections over a tenth of the lifetime.
	sc := &screen{person: person, until: now.Add(h.lifetime - time.Duration(rand.Int64N(int64(h.lifetime/10)+1))), wrote: now}
	var head bytes.Buffer
	rc := http.NewResponseController(w)
	conn, _, err := rc.Hijack()
	var fs *flushStream
	if err == nil {
		conn.SetDeadline(time.Time{})
		hd.Set("Connection", "close")
		head.WriteString("HTTP/1.1 200 OK\r\n")
		hd.Write(&head)
		head.WriteString("\r\n")
		sc.out = connStream{conn}
	} else {
		fs = &flushStream{w: w, rc: rc, done: make(chan struct{})}
		w.WriteHeader(http.StatusOK)
		sc.out = fs
	}
	head.WriteString("retry: " + strconv.Itoa(int(liveRetry/time.Millisecond)) + "\n\n")
	rm := h.enter(id)
	if !h.join(r.Context(), rm, sc, head.Bytes(), after) {
		return
	}
	if fs != nil {
		select {
		case <-fs.done:
		case <-r.Context().Done():
			h.drop(rm, sc)
		}
	}
}

// join catches the screen up and adds it to the room; false if it went
// away meanwhile.
func (h *hub) join(ctx context.Context, rm *room, sc *screen, head []byte, after int64) bool {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.joining--
	sigs, err := h.read(ctx, rm.id, after, 0)
	if err != nil {
		h.log.Warn("live screen: reading signals", "err", err)
		sc.out.close()
		return false
	}
	buf := appendFrames(head, sigs)
	sc.sent = after
	if n := len(sigs); n > 0 {
		sc.sent = sigs[n-1].Seq
	}
	if err := sc.out.write(buf, time.Now().Add(liveWriteTimeout)); err != nil {
		sc.out.close()
		return false
	}
	if h.closed.Load() {
		sc.out.close()
		return false
	}
	rm.screens = append(rm.screens, sc)
	h.screens.Add(1)
	rm.last = max(rm.last, sc.sent)
	return true
}

// drop takes a screen out of its room.
func (h *hub) drop(rm *room, sc *screen) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.remove(func(s *screen) bool { return s == sc }, h)
}

// remove closes and takes out the screens gone says are gone.
func (rm *room) remove(gone func(*screen) bool, h *hub) {
	kept := rm.screens[:0]
	for _, s := range rm.screens {
		if gone(s) {
			s.out.close()
			h.screens.Add(-1)
			continue
		}
		kept = append(kept, s)
	}
	clear(rm.screens[len(kept):])
	rm.screens = kept
}

// deliver writes signals stored on this node to the encounter's screens
// here. Signals it has not seen before them (a gap) are read first.
func (h *hub) deliver(ctx context.Context, id string, sigs []*tend.Signal) {
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
func (h *hub) news(n live.News) {
	if n.SignedOut != "" {
		h.closePerson(n.SignedOut)
		return
	}
	if n.Encounter == "" {
		for _, rm := range h.all() {
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
func (h *hub) catchUp(rm *room) {
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
func (rm *room) send(h *hub, sigs []*tend.Signal) {
	if len(sigs) == 0 {
		return
	}
	last := sigs[len(sigs)-1].Seq
	frames := appendFrames(nil, sigs)
	now := time.Now()
	failed := false
	for _, sc := range rm.screens {
		if sc.sent >= last {
			continue
		}
		data := frames
		if sc.sent >= sigs[0].Seq {
			data = appendFrames(nil, newer(sigs, sc.sent))
		}
		if err := sc.out.write(data, now.Add(liveWriteTimeout)); err != nil {
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

// appendFrames appends each signal as a server-sent event: its number as
// the event id (what a reconnecting browser sends as Last-Event-ID) and
// its JSON as data.
func appendFrames(b []byte, sigs []*tend.Signal) []byte {
	for _, s := range sigs {
		data, err := json.Marshal(toSignalJSON(s))
		if err != nil {
			continue
		}
		b = append(b, "id: "...)
		b = strconv.AppendInt(b, s.Seq, 10)
		b = append(b, "\nevent: signal\ndata: "...)
		b = append(b, data...)
		b = append(b, "\n\n"...)
	}
	return b
}

// sweep closes screens at the end of their lifetime, sends heartbeats to
// idle ones, and forgets empty rooms.
func (h *hub) sweep() {
	t := time.NewTicker(liveSweep)
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

func (h *hub) sweepOnce(now time.Time) {
	for _, rm := range h.all() {
		rm.mu.Lock()
		for _, sc := range rm.screens {
			switch {
			case !now.Before(sc.until):
				sc.sent = -1
			case now.Sub(sc.wrote) >= liveHeartbeat:
				if sc.out.write(heartbeat, now.Add(liveWriteTimeout)) != nil {
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
func (h *hub) all() []*room {
	h.mu.Lock()
	defer h.mu.Unlock()
	rooms := make([]*room, 0, len(h.rooms))
	for _, rm := range h.rooms {
		rooms = append(rooms, rm)
	}
	return rooms
}

// closePerson closes the person's screens: they were signed out
// somewhere. Each browser's stream reconnects at once and is checked
// again, so a screen of a session or token still good comes back, and
// one of a session or token now gone does not.
func (h *hub) closePerson(person string) {
	for _, rm := range h.all() {
		rm.mu.Lock()
		rm.remove(func(s *screen) bool { return s.person == person }, h)
		rm.mu.Unlock()
	}
}

// close closes every screen and stops the sweeper.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed.Swap(true) {
		return
	}
	close(h.stop)
	for _, rm := range h.rooms {
		rm.mu.Lock()
		rm.remove(func(*screen) bool { return true }, h)
		rm.mu.Unlock()
	}
}

// announce hands signals just stored to this node's screens, then tells
// the other nodes.
func (s *Server) announce(ctx context.Context, id string, sigs ...*tend.Signal) {
	if len(sigs) == 0 {
		return
	}
	s.live.deliver(ctx, id, sigs)
	if err := s.Broker.Publish(ctx, live.News{Encounter: id, Seq: sigs[len(sigs)-1].Seq}); err != nil {
		s.Logger.Warn("live: publishing news", "err", err)
	}
}

// lastEventID is where a screen picks up: the Last-Event-ID a
// reconnecting browser sends, or ?after=.
func lastEventID(r *http.Request) (int64, error) {
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, tend.Errorf(tend.EINVALID, "Last-Event-ID %q: the number of the last signal you have", v)
		}
		return n, nil
	}
	return afterParam(r)
}

// handleEvents is an encounter's live screen: a stream of server-sent
// events, one per signal, starting after Last-Event-ID.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if _, err := s.Encounters.FindEncounter(ctx, tend.PersonFromContext(ctx).ID, id); err != nil {
		s.apiError(w, r, err)
		return
	}
	after, err := lastEventID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.live.open(w, r, id, tend.PersonFromContext(ctx).ID, after)
}

// closeScreens closes the person's live screens on every node, after a
// session ended, a token was revoked, the password changed, the account
// went, or they left an encounter: a screen must not go on showing what
// its session or token, or its person, may no longer see. The screens
// still allowed reconnect at once and are checked again.
func (s *Server) closeScreens(ctx context.Context, personID string) {
	if s.live == nil || personID == "" {
		return
	}
	if err := s.Broker.Publish(ctx, live.News{SignedOut: personID}); err != nil {
		s.Logger.Warn("live: publishing a sign-out", "err", err)
		s.live.closePerson(personID)
	}
}
