package web

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// liveRetry is how long a browser waits before reconnecting a stream
// that was closed.
const liveRetry = 1500 * time.Millisecond

// This file is the server-sent events transport of live screens: the
// rooms of screens and their fan-out are live.Rooms.

// connStream is a connection taken over from net/http.
type connStream struct{ conn net.Conn }

func (c connStream) Write(p []byte, deadline time.Time) error {
	c.conn.SetWriteDeadline(deadline)
	_, err := c.conn.Write(p)
	return err
}

func (c connStream) Close() { c.conn.Close() }

// flushStream is a stream its handler holds open (HTTP/2 cannot be
// hijacked); done tells the handler to return.
type flushStream struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	done chan struct{}
	once sync.Once
}

func (f *flushStream) Write(p []byte, deadline time.Time) error {
	f.rc.SetWriteDeadline(deadline)
	if _, err := f.w.Write(p); err != nil {
		return err
	}
	return f.rc.Flush()
}

func (f *flushStream) Close() { f.once.Do(func() { close(f.done) }) }

// newRooms makes this node's live rooms, writing server-sent events.
func (s *Server) newRooms() *live.Rooms {
	return live.NewRooms(live.Config{Broker: s.Broker, Read: s.Encounters.ReadSignals, Frames: appendFrames,
		Log: s.Logger, Lifetime: s.LiveLifetime})
}

// openScreen serves a live screen: it catches up on the signals after
// `after` and then gets every new one. The connection is taken over from
// net/http (hijacked) so that an idle screen holds no goroutine;
// connections that cannot be (HTTP/2) are held by this handler instead.
func (s *Server) openScreen(w http.ResponseWriter, r *http.Request, id, person string, after int64) {
	s.openStream(w, r, func(out live.Stream, head []byte) (func(), bool) {
		return s.live.Join(r.Context(), id, person, out, head, after)
	})
}

// openStream takes the connection over (or holds it, for HTTP/2), writes
// the stream's head and hands it to join: an encounter's screen, or a
// person's inbox.
func (s *Server) openStream(w http.ResponseWriter, r *http.Request, join func(out live.Stream, head []byte) (leave func(), ok bool)) {
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	var head bytes.Buffer
	var out live.Stream
	rc := http.NewResponseController(w)
	conn, _, err := rc.Hijack()
	var fs *flushStream
	if err == nil {
		conn.SetDeadline(time.Time{})
		hd.Set("Connection", "close")
		head.WriteString("HTTP/1.1 200 OK\r\n")
		hd.Write(&head)
		head.WriteString("\r\n")
		out = connStream{conn}
	} else {
		fs = &flushStream{w: w, rc: rc, done: make(chan struct{})}
		w.WriteHeader(http.StatusOK)
		out = fs
	}
	head.WriteString("retry: " + strconv.Itoa(int(liveRetry/time.Millisecond)) + "\n\n")
	leave, ok := join(out, head.Bytes())
	if !ok || fs == nil {
		return
	}
	select {
	case <-fs.done:
	case <-r.Context().Done():
		leave()
	}
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
	if _, err := s.Encounters.FindEncounter(ctx, personID(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	after, err := lastEventID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.openScreen(w, r, id, personID(r), after)
}
