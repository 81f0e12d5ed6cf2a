package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// Metrics are the server's numbers for Prometheus: requests by route
// pattern and status, their latency by route, and the live streams open.
// A label is a route pattern ("GET /api/v1/circles/{id}", never the path
// asked for), a status code or a fixed word: nothing of a person's.
//
// cmd/tend makes them with a registry of Tend's own, holding its other
// collectors, and serves them on a listener of their own (Handler), or
// on the server's behind a bearer token, or both.
type Metrics struct {
	reg      *prometheus.Registry
	handler  http.Handler
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// token is the SHA-256 of the bearer token /metrics on the server's
	// own listener asks for; nil, it is not served there.
	token []byte

	once      sync.Once
	routes    map[string]*routeMetrics // by mux pattern, read-only once made
	unmatched *routeMetrics
}

// latencyBuckets run from 1 ms to 10 s.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// unmatched is the route label of requests no route took: an unknown
// method on a path, or one refused before routing (a cross-site request).
const unmatched = "unmatched"

// NewMetrics registers the server's families in reg. With a token, the
// server's own listener serves /metrics to requests bearing it; without,
// /metrics there is an unknown path like any other.
func NewMetrics(reg *prometheus.Registry, token string, log *slog.Logger) *Metrics {
	m := &Metrics{reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tend_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code. Event streams count once, when opened."},
			[]string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tend_http_request_duration_seconds",
			Help: "How long requests took to answer, by route pattern; event streams are not in it.", Buckets: latencyBuckets},
			[]string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	opts := promhttp.HandlerOpts{Registry: reg, MaxRequestsInFlight: 4, Timeout: 10 * time.Second}
	if log != nil {
		opts.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	}
	m.handler = promhttp.HandlerFor(reg, opts)
	if token != "" {
		sum := sha256.Sum256([]byte(token))
		m.token = sum[:]
	}
	m.unmatched = &routeMetrics{m: m, pattern: unmatched}
	return m
}

// Handler serves /metrics alone, without a token, for a listener of its
// own (tend serve --metrics-addr); any other path is not found.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.handler)
	return mux
}

// registerMetrics prepares the metrics of every route, and of the live
// streams, and adds /metrics when a token is set. /metrics is the
// operator's, not in the route table nor the API's description: its own
// tests try it without the token and with a wrong one.
func (s *Server) registerMetrics(mux *http.ServeMux) {
	m := s.Metrics
	if m == nil {
		return
	}
	m.once.Do(func() {
		m.routes = map[string]*routeMetrics{}
		for _, rt := range s.routes() {
			p := rt.method + " " + rt.pattern
			m.routes[p] = &routeMetrics{m: m, pattern: p, stream: rt.stream}
		}
		m.routes[metricsPattern] = &routeMetrics{m: m, pattern: metricsPattern}
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tend_live_screens_open",
				Help: "Encounters' live screens open on this node."},
				func() float64 { return s.liveCount((*live.Rooms).EncounterScreens) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tend_inbox_streams_open",
				Help: "Inbox streams open on this node."},
				func() float64 { return s.liveCount((*live.Rooms).InboxStreams) }))
	})
	if m.token != nil {
		mux.HandleFunc(metricsPattern, s.handleMetrics)
	}
}

const metricsPattern = "GET /metrics"

// liveCount is one of the live rooms' counts; 0 without them.
func (s *Server) liveCount(count func(*live.Rooms) int64) float64 {
	if s.live == nil {
		return 0
	}
	return float64(count(s.live))
}

// handleMetrics serves the metrics to a request bearing the token; any
// other gets 401, as the API answers.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if !s.Metrics.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		s.apiError(w, r, tend.Errorf(tend.EUNAUTHORIZED, "metrics need the metrics token: send Authorization: Bearer and the token"))
		return
	}
	s.Metrics.handler.ServeHTTP(w, r)
}

// authorized compares the request's bearer token with the metrics token
// in constant time (their hashes: the same length whatever was sent).
func (m *Metrics) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	sum := sha256.Sum256([]byte(token))
	return subtle.ConstantTimeCompare(sum[:], m.token) == 1
}

// observe counts a request answered, and its time unless it is an event
// stream, under its route pattern. Nil-safe: metrics may be off.
func (m *Metrics) observe(pattern string, status int, took time.Duration) {
	if m == nil {
		return
	}
	rm := m.routes[pattern]
	if rm == nil {
		rm = m.unmatched
	}
	rm.count(status).Inc()
	if !rm.stream {
		rm.observer().Observe(took.Seconds())
	}
}

// routeMetrics are one route's counters and histogram, found once so
// that a request costs no label lookup (and no allocation) after its
// route's first request with a status.
type routeMetrics struct {
	m       *Metrics
	pattern string
	// stream marks an event stream, which stays open for minutes:
	// counted when opened, never timed.
	stream  bool
	codes   atomic.Pointer[[]statusCounter]
	mu      sync.Mutex
	latency atomic.Pointer[prometheus.Observer]
}

type statusCounter struct {
	status int
	c      prometheus.Counter
}

// count is the route's counter for the status, made on first use.
func (rm *routeMetrics) count(status int) prometheus.Counter {
	if cs := rm.codes.Load(); cs != nil {
		for _, sc := range *cs {
			if sc.status == status {
				return sc.c
			}
		}
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	var old []statusCounter
	if cs := rm.codes.Load(); cs != nil {
		old = *cs
		for _, sc := range old {
			if sc.status == status {
				return sc.c
			}
		}
	}
	c := rm.m.requests.WithLabelValues(rm.pattern, strconv.Itoa(status))
	cs := append(slices.Clip(old), statusCounter{status, c})
	rm.codes.Store(&cs)
	return c
}

// observer is the route's histogram, made on first use: a route never
// asked for has no series.
func (rm *routeMetrics) observer() prometheus.Observer {
	if o := rm.latency.Load(); o != nil {
		return *o
	}
	o := rm.m.latency.WithLabelValues(rm.pattern)
	rm.latency.Store(&o)
	return o
}
