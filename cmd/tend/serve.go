package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/live"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/plan"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/web"
)

// Main is a running server: built from a Config by Open, started by Run,
// stopped by Close. Tests drive it end to end.
type Main struct {
	Config Config
	Logger *slog.Logger
	DB     *sqlstore.DB
	Server *web.Server
	// Broker carries live signals between nodes sharing PostgreSQL; nil
	// on SQLite (the server's in-process one).
	Broker *live.Postgres
	// Jobs is the job queue, in the same database.
	Jobs *jobs.Queue
	// lock is the data directory's, held while the server runs on
	// SQLite (see lockData in lock.go).
	lock *dataLock
	// metrics is the metrics' own listener, when asked for (metrics.go).
	metrics *metricsListener
}

// logger builds the structured logger the config asks for.
func (c *Config) logger(e *Env) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.Stderr, opts))
}

// openStore opens the data directory, the server key and the database.
func (e *Env) openStore(ctx context.Context, c *Config, log *slog.Logger) (*sqlstore.DB, error) {
	sealer, err := e.openSealer(c, log)
	if err != nil {
		return nil, err
	}
	return openDB(ctx, c, sealer)
}

// openSealer opens the data directory and the server key.
func (e *Env) openSealer(c *Config, log *slog.Logger) (*seal.Sealer, error) {
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return nil, usageErrorf("--data-dir %s: %v", c.DataDir, err)
	}
	var key seal.Key
	raw, err := secretKey(e.Getenv)
	if err != nil {
		return nil, err
	}
	if raw != "" {
		if key, err = seal.ParseKey(raw); err != nil {
			return nil, usageErrorf("TEND_SECRET_KEY: %v", err)
		}
	} else {
		path := filepath.Join(c.DataDir, "secret.key")
		var created bool
		if key, created, err = seal.LoadOrCreateKeyFile(path); err != nil {
			return nil, usageErrorf("%v", err)
		}
		if created {
			log.Warn("created a new server key; back it up apart from the database: without it nothing sealed can be read", "file", path)
		}
	}
	return seal.New(key)
}

// openDB opens the database, sealing with sealer.
func openDB(ctx context.Context, c *Config, sealer *seal.Sealer) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, c.databaseDSN(), sealer)
	if err != nil {
		return nil, usageErrorf("database %s: %s", c.redactedDSN(), oneLine(err))
	}
	if err := c.Pool.apply(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// oneLine joins a multi-line error (pgx lists every address it tried)
// into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// Open prepares the server: store, migrations, listener.
func (m *Main) Open(ctx context.Context, e *Env) error {
	support, err := e.supportLines(m.Config.SupportFile)
	if err != nil {
		return err
	}
	sealer, err := e.openSealer(&m.Config, m.Logger)
	if err != nil {
		return err
	}
	// Passkey ceremonies are sealed into a cookie with a key of their
	// own, so that any node sharing the server key can finish them.
	ceremonies, err := sealer.Box("passkey ceremony")
	if err != nil {
		return err
	}
	// A link just made by a form goes to the page that shows it once in
	// a cookie sealed the same way, by a box of its own.
	once, err := sealer.Box("shown once")
	if err != nil {
		return err
	}
	if err := m.lockData(); err != nil {
		return err
	}
	db, err := openDB(ctx, &m.Config, sealer)
	if err != nil {
		return err
	}
	m.DB = db
	if m.Config.Migrate {
		if err := migrateAll(ctx, db); err != nil {
			return err
		}
	}
	// The store inserts the jobs its changes cause in their own
	// transactions, into River's tables in the same database.
	out, err := openOutbound(ctx, &m.Config, db, m.Logger)
	if err != nil {
		return err
	}
	deliver := out.dispatcher(db, m.Logger)
	qc := jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect()), Logger: m.Logger}
	if m.Config.Jobs {
		qc.Work = &jobs.Work{Followup: db.MakeFollowupDue, Deliver: deliver.Deliver, Tidy: func(ctx context.Context) error {
			n, err := db.Tidy(ctx)
			if err == nil && n.Deliveries+n.Confirms > 0 {
				m.Logger.Info("tidied", "deliveries", n.Deliveries, "confirmation_links", n.Confirms)
			}
			return err
		}, SignedOut: func(ctx context.Context, person string) error {
			// The server is made below, before the jobs start.
			if p := m.Server.Publisher(); p != nil {
				p.Publish(ctx, tend.Event{SignedOut: person})
			}
			return nil
		}}
	}
	if m.Jobs, err = jobs.New(qc); err != nil {
		return err
	}
	db.SetJobs(m.Jobs)
	// Two password hashes at once per core: enough for a burst of sign-ins
	// without letting them take all the memory (46 MiB each).
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	// The aftercare's beginning schedules each member's follow-ups from
	// the plan, made here as everywhere.
	db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
	var broker live.Broker
	if db.Dialect() == sqlstore.Postgres {
		if m.Broker, err = live.NewPostgres(ctx, m.Config.databaseDSN(), m.Logger); err != nil {
			return usageErrorf("database %s: live signals: %s", m.Config.redactedDSN(), oneLine(err))
		}
		broker = m.Broker
	}
	proxies, _ := web.ParseTrustedProxies(m.Config.TrustedProxies) // checked with the rest of the configuration
	m.Server = &web.Server{Logger: m.Logger, DB: db, People: db, Sessions: db, Credentials: db, Profiles: db, Tokens: db, Passkeys: db, Circles: db, CardShares: db, Encounters: db, Followups: db, Drops: db, Exports: db, Channels: db, Insights: db, Outbound: out.web(),
		Catalog: cat, Passwords: password.New(2 * runtime.NumCPU()), Signup: m.Config.Signup,
		PublicURL: m.Config.PublicURL, Ceremonies: ceremonies, Once: once, Broker: broker, Support: support, TrustedProxies: proxies}
	// What the store's changes tell after they commit reaches the live
	// screens of every node.
	db.SetPublisher(m.Server.Publisher())
	if err := m.openMetrics(db, deliver); err != nil {
		return err
	}
	if err := m.Server.Listen(m.Config.Addr); err != nil {
		return usageErrorf("--addr %s: %v", m.Config.Addr, err)
	}
	if deliver.BaseURL == "" {
		// Without --public-url, links in messages name the address
		// listened on (right for a Tend used on this machine).
		deliver.BaseURL = "http://" + m.Server.Addr().String()
		out.base = deliver.BaseURL
	}
	if err := m.Jobs.Start(context.Background()); err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	dropSetAside(&m.Config, m.Logger) // the restored database started: what it replaced goes
	m.Logger.Info("tend is listening", "addr", "http://"+m.Server.Addr().String(),
		"database", string(db.Dialect()), "data_dir", m.Config.DataDir, "version", version)
	return nil
}

// supportLines reads the administrator's support file; nil (Tend's own
// list) when none is named.
func (e *Env) supportLines(path string) ([]web.SupportLine, error) {
	if path == "" {
		return nil, nil
	}
	data, err := e.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--support-file %s: %v", path, err)
	}
	lines, err := web.ParseSupport(data)
	if err != nil {
		return nil, usageErrorf("--support-file %s: %v", path, err)
	}
	return lines, nil
}

// Close shuts the server down gracefully, then closes the database.
func (m *Main) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	var err error
	if m.Server != nil {
		err = m.Server.Shutdown(ctx)
	}
	if merr := m.closeMetrics(ctx); merr != nil && err == nil {
		err = merr
	}
	if m.Jobs != nil {
		if jerr := m.Jobs.Stop(ctx); jerr != nil && err == nil {
			err = jerr
		}
	}
	if m.Broker != nil {
		m.Broker.Close()
	}
	if m.DB != nil {
		if cerr := m.DB.Close(); err == nil {
			err = cerr
		}
	}
	m.lock.release()
	return err
}

func (e *Env) serveCmd(args []string) error {
	fs := newFlags("serve")
	var c Config
	serverFlags(fs, &c, e.Getenv, true)
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("serve takes no arguments; see `tend serve --help`")
	}
	if err := c.check(); err != nil {
		return err
	}
	if err := c.readSMTP(e.Getenv); err != nil {
		return err
	}
	if err := c.readMetrics(e.Getenv); err != nil {
		return err
	}
	m := &Main{Config: c, Logger: c.logger(e)}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := m.Open(ctx, e); err != nil {
		m.Close()
		return err
	}
	done := make(chan error, 1)
	go func() { done <- m.Server.Serve() }()
	// Starting leaves garbage (the migrations' check, the catalog's
	// decoding, River's start) that the runtime would hand back to the
	// system only bit by bit: hand it back once the server is up.
	idle := time.AfterFunc(time.Second, debug.FreeOSMemory)
	defer idle.Stop()
	select {
	case err = <-done:
	case <-ctx.Done():
		m.Logger.Info("shutting down")
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

func (e *Env) migrateCmd(args []string) error {
	fs := newFlags("migrate")
	var c Config
	serverFlags(fs, &c, e.Getenv, false)
	if _, err := parse(fs, args, e); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	// On SQLite, never under a running server: a newer schema would
	// change the tables under it. (A server migrates at its start with
	// --migrate, before it serves.)
	if !isPostgres(c.databaseDSN()) {
		lock, err := lockDataDir(c.DataDir, false)
		if errors.Is(err, errLocked) {
			return usageErrorf("a tend server is running on %s (it holds %s): stop it before migrating, or let it migrate at its start with --migrate; nothing was changed", c.DataDir, lockName)
		}
		if err != nil {
			return usageErrorf("--data-dir %s: %v", c.DataDir, err)
		}
		defer lock.release()
	}
	log := c.logger(e)
	db, err := e.openStore(context.Background(), &c, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateAll(context.Background(), db); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "migrated %s (%s)\n", c.redactedDSN(), db.Dialect())
	return nil
}
