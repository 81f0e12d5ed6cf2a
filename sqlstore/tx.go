package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
)

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
	tx, err := d.rdb.BeginTx(d.readCtx(ctx), &sql.TxOptions{ReadOnly: d.dialect == Postgres})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: d, pool: d.rdb, now: d.Now().UTC()}, nil
}

// migrationTx is a Go migration's transaction (goose begins it), with
// the query helpers. Its statements run unprepared: each runs once.
func (d *DB) migrationTx(tx *sql.Tx) *Tx {
	return &Tx{Tx: tx, db: d, now: d.Now().UTC()}
}

// rowQuerier runs one query returning one row: a transaction, or the
// read pool directly (reader) for a single-statement read, which needs no
// BEGIN and COMMIT: one statement is its own consistent snapshot.
type rowQuerier interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

// rowsQuerier runs one query returning rows: a transaction, or the read
// pool directly (reader).
type rowsQuerier interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

type reader struct{ d *DB }

// readCtx is the context a read runs with: on SQLite, ctx without its
// cancellation and deadline. A read there takes microseconds on a local
// file and does not wait for the writer (WAL; any other wait is bounded
// by busy_timeout), while a context that can be cancelled costs two
// goroutines a query, database/sql's and the driver's, each waiting for
// it to end: a fifth of the CPU time of a signed-in request that reads
// only its session (BenchmarkProfileGetLive, 38-41 µs to 30-32 µs). On
// PostgreSQL, over a network, reads keep the request's context.
func (d *DB) readCtx(ctx context.Context) context.Context {
	if d.dialect == SQLite {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// The helpers below (reader's and Tx's exec, query and queryRow) are the
// only way a query with arguments reaches the database: each numbers the
// question marks for the dialect itself (see rebind), so that no caller
// can forget to, which would pass on SQLite and fail only on PostgreSQL.
// TestNoRawQueries holds every other file to them.

func (r reader) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = r.d.readCtx(ctx)
	q = r.d.rebind(q)
	if st, err := r.d.prepared(ctx, r.d.rdb, q); err == nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.d.rdb.QueryRowContext(ctx, q, args...)
}

// query runs a query on the read pool, outside a transaction: for a
// single-statement read, as queryRow.
func (r reader) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx = r.d.readCtx(ctx)
	q = r.d.rebind(q)
	if st, err := r.d.prepared(ctx, r.d.rdb, q); err == nil {
		return st.QueryContext(ctx, args...)
	}
	return r.d.rdb.QueryContext(ctx, q, args...)
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
	if tx.pool == nil {
		return nil
	}
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

// query runs a query in the transaction, its question marks numbered for
// the dialect (see rebind).
func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = tx.db.rebind(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, q, args...)
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

// write runs fn in a write transaction and commits when fn succeeds:
// the shape of most store methods that change something.
func write[T any](ctx context.Context, d *DB, fn func(*Tx) (T, error)) (T, error) {
	return inTx(ctx, d.begin, fn)
}

// read runs fn in a read transaction (beside the writer, on SQLite) and
// returns what it read.
func read[T any](ctx context.Context, d *DB, fn func(*Tx) (T, error)) (T, error) {
	return inTx(ctx, d.beginRead, fn)
}

// inTx runs fn in the transaction begin starts, and commits it when fn
// succeeds.
func inTx[T any](ctx context.Context, begin func(context.Context) (*Tx, error), fn func(*Tx) (T, error)) (T, error) {
	var zero T
	tx, err := begin(ctx)
	if err != nil {
		return zero, err
	}
	defer tx.Rollback()
	v, err := fn(tx)
	if err != nil {
		return zero, err
	}
	return v, tx.Commit()
}

// writeErr is write for a change that returns nothing.
func writeErr(ctx context.Context, d *DB, fn func(*Tx) error) error {
	_, err := write(ctx, d, func(tx *Tx) (struct{}, error) { return struct{}{}, fn(tx) })
	return err
}
