// Package sqlstore stores Tend's data through database/sql, on SQLite (the
// default: embedded, pure Go, no set-up) or on PostgreSQL (for deployments
// that outgrow one machine). Every query and migration runs on both; one
// conformance suite (sqlstore/storetest) checks that they behave alike.
// People's free text is sealed before it reaches the database.
package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend/internal/lru"

	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// Dialect is the database in use.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the store. It is safe for concurrent use.
type DB struct {
	db      *sql.DB // writes (and everything, on PostgreSQL)
	rdb     *sql.DB // reads: on SQLite a pool of read-only connections
	dialect Dialect
	sealer  *seal.Sealer
	// Now is the clock; tests replace it.
	Now func() time.Time

	stmts sync.Map // prepared statements by pool and query
	// cards keeps recently opened profile cards: a stored version
	// (person, version) never changes, so an entry is never stale on
	// this node or any other; a deleted person's are dropped here and
	// age out elsewhere. Callers get copies to change.
	cards *lru.Cache[cardKey, *tend.Card]
	// keys keeps recently unwrapped data keys; a deleted person's are
	// dropped (the running server holds the server key anyway, which
	// unwraps them all).
	keys *lru.Cache[keyKey, *seal.DataKey]
	// facts keeps what insights read from an encounter's signals, by
	// the encounter, its last signal's number and how many it has: a
	// new signal changes the number, a member leaving with theirs (or
	// deleting their account) the count, so an entry is never stale on
	// this node or any other (see historySignals).
	facts *lru.Cache[factsKey, *signalFacts]
	// opened keeps sealed values insights read, opened and decoded, by
	// their owner, their place and a stamp that changes whenever the
	// value does (see openedKey); a deleted person's are dropped.
	opened *lru.Cache[openedKey, any]
	// saver group-commits profile saves on SQLite (nil on PostgreSQL).
	saver *saver
	// ckpt checkpoints SQLite's write-ahead log in the background, on a
	// connection of its own (nil otherwise).
	ckpt *checkpointer
	// publisher hears of committed changes, and jobs takes the jobs
	// they cause (see publish.go).
	publisher tend.Publisher
	jobs      JobInserter
	// planner makes plans, for the follow-ups scheduled when the
	// aftercare begins (see followup.go).
	planner Planner
}

type cardKey struct {
	person  string
	version int
}

// errUnprepared: the query runs unprepared (see prepared).
var errUnprepared = errors.New("not prepared here")

type stmtKey struct {
	pool *sql.DB
	q    string
}

// prepared returns the statement for q on the pool, prepared once. SQLite
// spends more time parsing a query than running these small ones, so
// preparing each on every call would cost most of a request.
//
// On PostgreSQL it prepares nothing (the query runs as it is): pgx keeps
// its own cache of prepared statements on each connection. A statement
// prepared on the pool would be prepared again on every connection a
// transaction holds, and the preparing takes a second connection from
// the pool, which a bounded pool, every connection held by a
// transaction waiting for one, cannot give.
func (d *DB) prepared(ctx context.Context, pool *sql.DB, q string) (*sql.Stmt, error) {
	if d.dialect == Postgres {
		return nil, errUnprepared
	}
	key := stmtKey{pool, q}
	if st, ok := d.stmts.Load(key); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := pool.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := d.stmts.LoadOrStore(key, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// for PostgreSQL, anything else a SQLite file path (":memory:" for a
// throwaway one). It does not migrate: call Migrate.
func Open(ctx context.Context, dsn string, sealer *seal.Sealer) (*DB, error) {
	return OpenWith(ctx, dsn, sealer, nil)
}

// OpenWith is Open with wrap, when not nil, put around the driver's
// connector of each pool: every statement the store runs passes through
// the connections it gives. For tests that count the queries a call
// makes, and tools that trace them. (SQLite's background checkpoints run
// on a connection of their own, which it does not see.)
func OpenWith(ctx context.Context, dsn string, sealer *seal.Sealer, wrap func(driver.Connector) driver.Connector) (*DB, error) {
	d := &DB{sealer: sealer, Now: time.Now, cards: lru.New[cardKey, *tend.Card](4096),
		keys: lru.New[keyKey, *seal.DataKey](4096), facts: lru.New[factsKey, *signalFacts](16384),
		opened: lru.New[openedKey, any](65536)}
	pool := func(connect func() (driver.Connector, error)) (*sql.DB, error) {
		c, err := connect()
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		if wrap != nil {
			c = wrap(c)
		}
		return sql.OpenDB(c), nil
	}
	sqliteConn := func(readOnly bool) func() (driver.Connector, error) {
		return func() (driver.Connector, error) {
			c, err := sqlite.NewConnector(sqliteDSN(dsn, readOnly))
			if err != nil || readOnly {
				return c, err
			}
			return cachingConnector{c}, nil
		}
	}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d.dialect = Postgres
		if d.db, err = pool(func() (driver.Connector, error) {
			return stdlib.GetDefaultDriver().(driver.DriverContext).OpenConnector(dsn)
		}); err != nil {
			return nil, err
		}
		// Connections are kept, not opened for each burst: Go keeps
		// only two idle by default, and a busy node opened and closed
		// hundreds a second. Bounded, so that several nodes stay inside
		// the server's max_connections (100 by default).
		d.rdb = d.db
		d.SetPool(PoolSize(), PoolSize())
		d.db.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		d.dialect = SQLite
		if err := createPrivate(dsn); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		// SQLite has one writer at a time. One write connection makes
		// writers queue in Go, instead of several connections retrying
		// the lock in busy_timeout's sleeps, which wastes most of the
		// time. Readers get their own pool: under WAL they run in
		// parallel with each other and with the writer.
		if d.db, err = pool(sqliteConn(false)); err != nil {
			return nil, err
		}
		d.db.SetMaxOpenConns(1)
		d.rdb = d.db
		// An in-memory database exists once per connection: it can have
		// only the one.
		if dsn != ":memory:" {
			if d.rdb, err = pool(sqliteConn(true)); err != nil {
				d.db.Close()
				return nil, err
			}
			d.SetPool(PoolSize(), PoolSize())
		}
	}
	if err := d.db.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if d.dialect == SQLite {
		d.startSaver()
		if dsn != ":memory:" {
			if d.ckpt, err = startCheckpointer(dsn); err != nil {
				d.Close()
				return nil, fmt.Errorf("open database: %w", err)
			}
		}
	}
	return d, nil
}

// createPrivate creates a new SQLite file readable by its owner only;
// SQLite gives the -wal and -shm files the same permissions.
func createPrivate(path string) error {
	if path == ":memory:" || strings.HasPrefix(path, "file:") || strings.Contains(path, "?") {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// sqliteDSN adds the settings every connection needs. WAL lets readers
// work while one writer writes; foreign keys are off in SQLite unless
// asked for, and our ON DELETE CASCADE relies on them; the busy timeout
// makes a connection wait for a lock instead of failing at once; and
// synchronous=FULL means no write we acknowledged is lost on power loss.
// secure_delete overwrites deleted content with zeros: a deleted data key
// must not linger in free pages, where it would still open sealed text.
// Write transactions take the write lock when they begin (immediate), so
// one never fails half-way for want of it; read connections cannot write.
func sqliteDSN(path string, readOnly bool) string {
	pragmas := "_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_pragma=secure_delete(1)"
	if readOnly {
		pragmas += "&_pragma=query_only(1)&_txlock=deferred"
	} else {
		// The checkpointer copies the log into the database; a commit
		// never waits for that.
		pragmas += "&_txlock=immediate&_pragma=wal_autocheckpoint(0)"
	}
	if path != ":memory:" {
		pragmas += "&_pragma=journal_mode(WAL)"
	}
	if strings.Contains(path, "?") {
		return "file:" + path + "&" + pragmas
	}
	return "file:" + path + "?" + pragmas
}

// Dialect returns the database in use.
func (d *DB) Dialect() Dialect { return d.dialect }

// Close closes the database.
func (d *DB) Close() error {
	d.stopSaver()
	if d.ckpt != nil {
		d.ckpt.stop()
	}
	d.stmts.Range(func(k, v any) bool { v.(*sql.Stmt).Close(); return true })
	err := d.db.Close()
	if d.rdb != d.db {
		if rerr := d.rdb.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// SQL is the database handle itself, for tests and tools that must read
// the tables as stored (what a copy of the files shows), never for
// storing anything.
func (d *DB) SQL() *sql.DB { return d.db }

// Ping checks that the database answers, for /readyz.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }

// millis and fromMillis store times as UTC milliseconds.
func millis(t time.Time) int64 { return t.UTC().UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// keyKey names an unwrapped data key: the owner and the wrapped key as
// stored, which together always unwrap to the same key.
type keyKey struct {
	person, wrapped string
}

// openDataKey unwraps a person's data key, keeping recently used ones:
// every signed-in request opens its person's display name with it.
func (d *DB) openDataKey(personID string, wrapped []byte) (*seal.DataKey, error) {
	k := keyKey{personID, string(wrapped)}
	if dk, ok := d.keys.Get(k); ok {
		return dk, nil
	}
	dk, err := d.sealer.DataKey(personID, wrapped)
	if err != nil {
		return nil, err
	}
	d.keys.Put(k, dk)
	return dk, nil
}

// newSecret makes a token of 256 random bits (base64url, 43 characters),
// of which only the hash is stored, and a new row id.
func newSecret() (string, uuid.UUID, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", uuid.UUID{}, fmt.Errorf("random token: %w", err)
	}
	id, err := uuid.NewV7()
	if err != nil {
		return "", uuid.UUID{}, fmt.Errorf("new id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(raw[:]), id, nil
}
