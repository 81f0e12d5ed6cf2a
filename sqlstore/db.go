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
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend/internal/lru"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

//go:embed migrations
var migrations embed.FS

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
	// saver group-commits profile saves on SQLite (nil on PostgreSQL).
	saver *saver
	// ckpt checkpoints SQLite's write-ahead log in the background, on a
	// connection of its own (nil otherwise).
	ckpt *checkpointer
	// publisher hears of committed changes (see publish.go).
	publisher tend.Publisher
}

type cardKey struct {
	person  string
	version int
}

type stmtKey struct {
	pool *sql.DB
	q    string
}

// prepared returns the statement for q on the pool, prepared once. SQLite
// spends more time parsing a query than running these small ones, so
// preparing each on every call would cost most of a request.
func (d *DB) prepared(ctx context.Context, pool *sql.DB, q string) (*sql.Stmt, error) {
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
	d := &DB{sealer: sealer, Now: time.Now, cards: lru.New[cardKey, *tend.Card](4096),
		keys: lru.New[keyKey, *seal.DataKey](4096)}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d.dialect = Postgres
		if d.db, err = sql.Open("pgx", dsn); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		d.rdb = d.db
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
		if d.db, err = sql.Open("sqlite", sqliteDSN(dsn, false)); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		d.db.SetMaxOpenConns(1)
		d.rdb = d.db
		// An in-memory database exists once per connection: it can have
		// only the one.
		if dsn != ":memory:" {
			if d.rdb, err = sql.Open("sqlite", sqliteDSN(dsn, true)); err != nil {
				d.db.Close()
				return nil, fmt.Errorf("open database: %w", err)
			}
			d.rdb.SetMaxOpenConns(4 * runtime.NumCPU())
			d.rdb.SetMaxIdleConns(4 * runtime.NumCPU())
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

// Migrate applies the embedded migrations that have not run yet, each in
// its own transaction, recorded in the goose_db_version table.
func (d *DB) Migrate(ctx context.Context) error { return d.MigrateTo(ctx, math.MaxInt64) }

// MigrateTo applies the migrations up to and including version, for
// tests of upgrades from an older schema.
func (d *DB) MigrateTo(ctx context.Context, version int64) error {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if d.dialect == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	p, err := goose.NewProvider(dialect, d.db, fsys, goose.WithGoMigrations(d.sealAnswersMigration()))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	res, err := p.UpTo(ctx, version)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// What the migrations rewrote stays in SQLite's write-ahead log until
	// it is checkpointed and truncated: answers in the clear before
	// migration 14 sealed them, among others.
	if d.dialect == SQLite && len(res) > 0 {
		if _, err := d.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("migrate: checkpoint: %w", err)
		}
	}
	return nil
}

// Tx is a transaction with the time it began, so that every timestamp
// written in it agrees.
type Tx struct {
	*sql.Tx
	db   *DB
	pool *sql.DB
	now  time.Time
	// later holds statements run unprepared on the single write
	// connection, to prepare once the transaction has let it go.
	later []string
	// release, when set, gives back the connection a light transaction
	// held (see beginLight).
	release func()
	// events are told once the transaction commits (see publish).
	events []pending
}

// Commit commits, tells what the change recorded, then prepares the
// statements this transaction could not.
func (tx *Tx) Commit() error {
	err := tx.Tx.Commit()
	tx.done()
	if err == nil {
		tx.told()
	}
	return err
}

// Rollback rolls back (a no-op after Commit), then prepares as Commit does.
func (tx *Tx) Rollback() error {
	err := tx.Tx.Rollback()
	tx.done()
	return err
}

func (tx *Tx) done() {
	if tx.release != nil {
		tx.release()
		tx.release = nil
	}
	tx.prepareLater()
}

// beginLight starts a transaction whose commit does not wait for the disk:
// for live signals (a tap for water, a tick), where a person is waiting on
// the other side of the room and an fsync would be most of the delay. The
// database stays consistent; a power cut (not a crash of Tend) can lose
// the last moments' signals, which the next ordinary commit or checkpoint
// makes durable. Everything else keeps synchronous=FULL.
func (d *DB) beginLight(ctx context.Context) (*Tx, error) {
	if d.dialect == Postgres {
		tx, err := d.begin(ctx)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("begin: %w", err)
		}
		return tx, nil
	}
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	// The one write connection must go back to FULL, or be thrown away.
	release := func() {
		if _, err := conn.ExecContext(context.Background(), `PRAGMA synchronous = FULL`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
		release()
		return nil, fmt.Errorf("begin: %w", err)
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: sqlTx, db: d, pool: d.db, now: d.Now().UTC(), release: release}, nil
}

func (tx *Tx) prepareLater() {
	for _, q := range tx.later {
		tx.db.prepared(context.Background(), tx.pool, q)
	}
	tx.later = nil
}

// begin starts a transaction. Exported methods begin one, defer Rollback
// and Commit once at the end.
func (d *DB) begin(ctx context.Context) (*Tx, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: d, pool: d.db, now: d.Now().UTC()}, nil
}

// writeOne runs one write statement in its own transaction. When missing
// is not nil and no row was touched, it returns missing instead (a
// not-found error), and commits nothing.
func (d *DB) writeOne(ctx context.Context, missing error, q string, args ...any) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return err
	}
	if missing != nil {
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return missing
		}
	}
	return tx.Commit()
}

// touch runs one bookkeeping write ("last seen" and the like) in a light
// transaction: nothing a person wrote, so it need not wait for the disk.
func (d *DB) touch(ctx context.Context, q string, args ...any) error {
	tx, err := d.beginLight(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, q, args...); err != nil {
		return err
	}
	return tx.Commit()
}

// beginRead starts a read-only transaction, which on SQLite runs beside
// the writer.
func (d *DB) beginRead(ctx context.Context) (*Tx, error) {
	tx, err := d.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: d.dialect == Postgres})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: d, pool: d.rdb, now: d.Now().UTC()}, nil
}

// rowQuerier runs one query returning one row: a transaction, or the
// read pool directly (reader) for a single-statement read, which needs no
// BEGIN and COMMIT: one statement is its own consistent snapshot.
type rowQuerier interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

type reader struct{ d *DB }

func (r reader) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = r.d.rebind(q)
	if st, err := r.d.prepared(ctx, r.d.rdb, q); err == nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.d.rdb.QueryRowContext(ctx, q, args...)
}

// stmt returns q prepared for this transaction's connection, or nil to
// run it unprepared. Statements are prepared once per pool (see
// prepared). On SQLite a statement not yet prepared is not prepared now:
// preparing takes another connection from the pool, and with every
// connection of a bounded pool held by a transaction that wants one, they
// would all wait forever (the single write connection is the plainest
// case; the read pool's few connections under a burst of new queries are
// another). It runs unprepared this time and is prepared when the
// transaction has let its connection go.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if tx.db.dialect == SQLite {
		st, ok := tx.db.stmts.Load(stmtKey{tx.pool, q})
		if !ok {
			tx.later = append(tx.later, q)
			return nil
		}
		return tx.StmtContext(ctx, st.(*sql.Stmt))
	}
	st, err := tx.db.prepared(ctx, tx.pool, q)
	if err != nil {
		return nil
	}
	return tx.StmtContext(ctx, st)
}

// exec runs a statement in the transaction, its question marks numbered
// for the dialect (see rebind).
func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = tx.db.rebind(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, q, args...)
}

// queryRow runs a one-row query in the transaction, its question marks
// numbered for the dialect (see rebind).
func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = tx.db.rebind(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, q, args...)
}

// rebind numbers the question marks that stand for arguments as
// PostgreSQL wants them ($1, $2 and so on). Queries never hold a literal question mark.
func (d *DB) rebind(q string) string {
	if d.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// errNoPerson is the answer for a person id that is not there.
func errNoPerson() error { return tend.Errorf(tend.ENOTFOUND, "there is no such person") }

// wrapStore prefixes a driver error with what was being done, for logs;
// domain errors (not found, invalid and the like) pass as they are.
func wrapStore(what string, err error) error {
	if err == nil || tend.ErrorCode(err) != tend.EINTERNAL {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// millis and fromMillis store times as UTC milliseconds.
func millis(t time.Time) int64 { return t.UTC().UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// formatError translates a driver error into a domain error, by the
// driver's error codes: a unique violation is a conflict.
func formatError(err error, conflict string) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &tend.Error{Code: tend.ECONFLICT, Message: conflict, Err: err}
	}
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) {
		return &tend.Error{Code: tend.ECONFLICT, Message: conflict, Err: err}
	}
	return err
}

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
