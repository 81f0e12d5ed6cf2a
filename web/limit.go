package web

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// addressLimiter allows each address a burst of attempts and then a
// steady rate: sign-in gets 10 a minute, so the 11th within a minute is
// refused. It lives in memory, per node; the per-account count in the
// database is what holds across nodes and addresses.
type addressLimiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	clients map[string]*rate.Limiter
}

func newAddressLimiter(perMinute int) *addressLimiter {
	return &addressLimiter{every: time.Minute / time.Duration(perMinute), burst: perMinute, clients: map[string]*rate.Limiter{}}
}

// maxTracked bounds memory: past it, the table starts again (an attacker
// spreading over more addresses than this gains a fresh burst, which the
// per-account backoff still holds back).
const maxTracked = 100000

// allow reports whether the address may try now at t, and if not, how
// long until it may.
func (l *addressLimiter) allow(addr string, t time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim := l.clients[addr]
	if lim == nil {
		if len(l.clients) >= maxTracked {
			l.clients = map[string]*rate.Limiter{}
		}
		lim = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.clients[addr] = lim
	}
	r := lim.ReserveN(t, 1)
	if d := r.DelayFrom(t); d > 0 {
		r.CancelAt(t)
		return false, d
	}
	return true, 0
}

// clientAddress is the address a request comes from: the connection's
// peer. Behind a reverse proxy every request would seem to come from the
// proxy; trusting X-Forwarded-For is a deliberate setting not yet offered.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
