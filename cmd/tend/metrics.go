package main

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/notify"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/web"
)

// Metrics for Prometheus are off unless asked for: on a listener of their
// own (--metrics-addr), or on the server's behind a bearer token
// (TEND_METRICS_TOKEN), or both. They go in a registry of Tend's own, and
// no label holds anything of a person's: route patterns, statuses, queue
// and state names, channel types, outcomes and pool names only.

// minMetricsToken is the shortest metrics token taken: one that cannot
// be guessed.
const minMetricsToken = 32

// readMetrics reads the metrics token from TEND_METRICS_TOKEN or the
// file TEND_METRICS_TOKEN_FILE, never a flag (the process list would
// show it), and checks it.
func (c *Config) readMetrics(getenv func(string) string) error {
	name, token := "TEND_METRICS_TOKEN", getenv("TEND_METRICS_TOKEN")
	if f := getenv("TEND_METRICS_TOKEN_FILE"); token == "" && f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return usageErrorf("TEND_METRICS_TOKEN_FILE: %v", err)
		}
		name, token = "TEND_METRICS_TOKEN_FILE", strings.TrimSpace(string(b))
	}
	if token == "" {
		return nil
	}
	if n := len(token); n < minMetricsToken {
		return usageErrorf("%s is %d characters long; give at least %d random ones, like the output of `head -c 32 /dev/urandom | base64`", name, n, minMetricsToken)
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return usageErrorf("%s holds a space or a character a header cannot carry; use letters, digits and - . _ ~ + / =", name)
	}
	c.MetricsToken = token
	return nil
}

// checkMetricsAddr checks --metrics-addr: empty, or host:port.
func (c *Config) checkMetricsAddr() error {
	if c.MetricsAddr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(c.MetricsAddr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return usageErrorf("--metrics-addr %q: give host:port, like 127.0.0.1:9090", c.MetricsAddr)
	}
	if c.MetricsAddr == c.Addr {
		return usageErrorf("--metrics-addr must differ from --addr: it is a listener of its own (or use TEND_METRICS_TOKEN on --addr)")
	}
	return nil
}

// metricsListener is the listener of the metrics' own, when asked for.
type metricsListener struct {
	ln  net.Listener
	srv *http.Server
}

// openMetrics makes the registry with every collector, gives the web
// server its metrics and the dispatcher its observer, and listens on
// --metrics-addr when given. Nothing when metrics are off.
func (m *Main) openMetrics(db *sqlstore.DB, deliver *notify.Dispatcher) error {
	c := &m.Config
	if c.MetricsAddr == "" && c.MetricsToken == "" {
		return nil
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	jobsDB := db.SQL()
	for _, p := range db.Pools() {
		prometheus.WrapRegistererWith(prometheus.Labels{"pool": p.Name}, reg).MustRegister(collectors.NewDBStatsCollector(p.DB, "tend"))
		if p.Name == "read" {
			jobsDB = p.DB // on SQLite, counting jobs never waits for the one writer
		}
	}
	reg.MustRegister(newJobsCollector(jobsDB, 2*time.Second))
	counted := newDeliveryCounter()
	reg.MustRegister(counted.vec)
	deliver.Observer = counted
	m.Server.Metrics = web.NewMetrics(reg, c.MetricsToken, m.Logger)
	if c.MetricsToken != "" {
		m.Logger.Info("metrics are served at /metrics to the bearer of the metrics token")
	}
	if c.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", c.MetricsAddr)
	if err != nil {
		return usageErrorf("--metrics-addr %s: %v", c.MetricsAddr, err)
	}
	srv := &http.Server{Handler: m.Server.Metrics.Handler(), ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn)}
	m.metrics = &metricsListener{ln: ln, srv: srv}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("metrics listener stopped", "err", err)
		}
	}()
	m.Logger.Info("metrics are served", "addr", "http://"+ln.Addr().String()+"/metrics")
	return nil
}

// MetricsAddr is the address of the metrics' own listener; nil without.
func (m *Main) MetricsAddr() net.Addr {
	if m.metrics == nil {
		return nil
	}
	return m.metrics.ln.Addr()
}

// closeMetrics stops the metrics' own listener, when there is one.
func (m *Main) closeMetrics(ctx context.Context) error {
	if m.metrics == nil {
		return nil
	}
	return m.metrics.srv.Shutdown(ctx)
}

// jobsCollector reports the jobs by queue and state, read from River's
// table when scraped, in one query with a short timeout. When the query
// fails it reports no jobs (rather than numbers that are wrong) and
// counts the error.
type jobsCollector struct {
	db      *sql.DB
	timeout time.Duration
	desc    *prometheus.Desc
	errors  prometheus.Counter
}

func newJobsCollector(db *sql.DB, timeout time.Duration) *jobsCollector {
	return &jobsCollector{db: db, timeout: timeout,
		desc: prometheus.NewDesc("tend_jobs", "Jobs by queue and state: available and scheduled are queued, "+
			"retryable failed and will be tried again, discarded failed for good; read from the database when scraped.",
			[]string{"queue", "state"}, nil),
		errors: prometheus.NewCounter(prometheus.CounterOpts{Name: "tend_jobs_scrape_errors_total",
			Help: "Scrapes whose count of the jobs failed (the database did not answer in time); they report no jobs."}),
	}
}

func (c *jobsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.desc
	c.errors.Describe(ch)
}

func (c *jobsCollector) Collect(ch chan<- prometheus.Metric) {
	defer c.errors.Collect(ch)
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	counts, err := jobs.CountByQueue(ctx, c.db)
	if err != nil {
		c.errors.Inc()
		return
	}
	// Every queue and state Tend knows is reported, 0 when empty, so
	// that an alert on one sees a number, not nothing.
	type key struct{ queue, state string }
	n := map[key]int64{}
	for _, q := range jobs.Queues {
		for _, s := range jobs.States() {
			n[key{q, s}] = 0
		}
	}
	for _, qc := range counts {
		n[key{qc.Queue, qc.State}] += qc.N
	}
	for k, v := range n {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(v), k.queue, k.state)
	}
}

// deliveryCounter counts deliveries by channel type and outcome: the
// notify.Observer of the dispatcher.
type deliveryCounter struct{ vec *prometheus.CounterVec }

func newDeliveryCounter() *deliveryCounter {
	vec := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tend_deliveries_total",
		Help: "Tries at delivering a message outside the app, by channel type and result: sent, transient_failure " +
			"(tried again later), permanent_failure (not tried again), busy (the channel had as many under way as it may; tried again shortly)."},
		[]string{"channel_type", "result"})
	for _, t := range tend.ChannelTypes() {
		for _, o := range notify.Outcomes() {
			vec.WithLabelValues(string(t), string(o))
		}
	}
	return &deliveryCounter{vec: vec}
}

// Delivered counts one try; a type Tend does not know (none is stored)
// would count as "other", never as what was stored.
func (d *deliveryCounter) Delivered(t tend.ChannelType, o notify.Outcome) {
	if !slices.Contains(tend.ChannelTypes(), t) {
		t = "other"
	}
	d.vec.WithLabelValues(string(t), string(o)).Inc()
}
