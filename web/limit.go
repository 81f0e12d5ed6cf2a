package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
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

// evict makes room for more clients: first by forgetting those not seen
// within the window (they are not limited anyway), and if that frees
// nothing, the eighth seen longest ago. Forgetting a limited client gives
// it a fresh window, so those still trying stay. Freeing many at once
// keeps a flood of new addresses from scanning the table on every try.
func (l *addressLimiter) evict(t time.Time) {
	type seen struct {
		name string
		at   time.Time
	}
	all := make([]seen, 0, len(l.clients))
	for name, c := range l.clients {
		if !c.seen.After(t.Add(-l.window)) {
			delete(l.clients, name)
			continue
		}
		all = append(all, seen{name, c.seen})
	}
	if len(l.clients) < l.max {
		return
	}
	slices.SortFunc(all, func(a, b seen) int { return a.at.Compare(b.at) })
	for _, s := range all[:max(1, l.max/8)] {
		delete(l.clients, s.name)
	}
}

// clientAddress is who a request comes from, for limits: the
// connection's peer address, and for IPv6 its /64 network, which one
// household or machine usually has whole (and can pick addresses from at
// will). Behind a reverse proxy every request would come from the proxy,
// and all clients would share one limit: when the peer is one of the
// trusted proxies, the client is the last address in X-Forwarded-For
// that is not a trusted proxy itself (what a proxy appends; anything a
// client wrote before it is not believed).
func clientAddress(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	a = a.Unmap()
	if isTrusted(a, trusted) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			a = hop.Unmap()
			if !isTrusted(a, trusted) {
				break
			}
		}
	}
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads a comma-separated list of addresses or
// networks ("127.0.0.1, 10.0.0.0/8, ::1") of reverse proxies whose
// X-Forwarded-For is believed.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or a network like 10.0.0.0/8", part)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
