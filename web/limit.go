package web

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// addressLimiter allows each client at most `limit` tries in any window
// of one minute: exactly what "10 a minute" says (a token bucket with a
// burst of 10 would let nearly 20 through in 61 seconds). It lives in
// memory, per node; the per-account and per-device counts in the
// database are what hold across nodes and addresses.
type addressLimiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	// max bounds memory: past it, clients whose window is empty go first,
	// then the longest idle.
	max     int
	clients map[string]*client
}

// client is one client's tries in the window (oldest first) and when it
// last tried at all, refused or not: one that keeps trying is never the
// one forgotten to make room.
type client struct {
	tries []time.Time
	seen  time.Time
}

func newAddressLimiter(perMinute int) *addressLimiter {
	return &addressLimiter{limit: perMinute, window: time.Minute, max: 100000, clients: map[string]*client{}}
}

// allow reports whether the client may try now at t, counting the try,
// and if not, how long until it may.
func (l *addressLimiter) allow(who string, t time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.clients[who]
	if c == nil {
		if len(l.clients) >= l.max {
			l.evict(t)
		}
		c = &client{}
		l.clients[who] = c
	}
	c.seen = t
	for len(c.tries) > 0 && !c.tries[0].After(t.Add(-l.window)) {
		c.tries = c.tries[1:]
	}
	if len(c.tries) >= l.limit {
		return false, c.tries[0].Add(l.window).Sub(t)
	}
	c.tries = append(c.tries, t)
	return true, 0
}

// evict makes room for one more client: first by forgetting those not
// seen within the window (they are not limited anyway), and if every one
// was, the one seen longest ago. Forgetting a limited client gives it a
// fresh window, so the one still trying stays.
func (l *addressLimiter) evict(t time.Time) {
	var idlest string
	var idleSince time.Time
	for name, c := range l.clients {
		if !c.seen.After(t.Add(-l.window)) {
			delete(l.clients, name)
			continue
		}
		if idlest == "" || c.seen.Before(idleSince) {
			idlest, idleSince = name, c.seen
		}
	}
	if len(l.clients) >= l.max {
		delete(l.clients, idlest)
	}
}

// clientAddress is who a request comes from, for limits: the
// connection's peer address, and for IPv6 its /64 network, which one
// household or machine usually has whole (and can pick addresses from at
// will). Behind a reverse proxy every request would seem to come from the
// proxy; trusting X-Forwarded-For is a deliberate setting not yet offered.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}
