package sqlstore

import (
	"context"
	"database/sql/driver"
	"reflect"
)

// stmtCacheSize bounds the statements one connection keeps. Once full,
// the statements not in use are let go and the cache fills again.
const stmtCacheSize = 256

// cachingConnector gives SQLite connections that keep each statement
// they are asked to run unprepared, prepared for the next time: River's
// queries (its job inserts run inside our transactions, on the single
// write connection), and any of ours that ran before the store had
// prepared it. SQLite spends longer parsing such a statement than running
// it.
type cachingConnector struct{ driver.Connector }

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

// cachingConn is one connection with its statements. database/sql uses a
// connection from one goroutine at a time, so it needs no lock.
type cachingConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

// cachedStmt is a prepared statement; busy while the rows of a query
// it ran are open (it cannot run again until they are closed).
type cachedStmt struct {
	driver.Stmt
	busy bool
}

// Unwrap gives the wrapped connection (modernc's sqlite.Limit looks
// through wrappers with it).
func (c *cachingConn) Unwrap() driver.Conn { return c.Conn }

// stmt returns q's statement, prepared on first use, or nil when it is in
// use or cannot be prepared on its own (the query then runs as the
// driver would run it).
func (c *cachingConn) stmt(ctx context.Context, q string) *cachedStmt {
	if st, ok := c.stmts[q]; ok {
		if st.busy {
			return nil
		}
		return st
	}
	p, ok := c.Conn.(driver.ConnPrepareContext)
	if !ok {
		return nil
	}
	raw, err := p.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	if _, ok := raw.(driver.StmtQueryContext); !ok {
		raw.Close()
		return nil
	}
	if len(c.stmts) >= stmtCacheSize {
		for k, st := range c.stmts {
			if !st.busy {
				st.Close()
				delete(c.stmts, k)
			}
		}
	}
	st := &cachedStmt{Stmt: raw}
	c.stmts[q] = st
	return st
}

func (c *cachingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	if st := c.stmt(ctx, q); st != nil {
		rows, err := st.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
		if err != nil {
			return nil, err
		}
		st.busy = true
		return &cachedRows{Rows: rows, st: st}, nil
	}
	if qc, ok := c.Conn.(driver.QueryerContext); ok {
		return qc.QueryContext(ctx, q, args)
	}
	return nil, driver.ErrSkip
}

func (c *cachingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	if st := c.stmt(ctx, q); st != nil {
		if e, ok := st.Stmt.(driver.StmtExecContext); ok {
			return e.ExecContext(ctx, args)
		}
	}
	if e, ok := c.Conn.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, q, args)
	}
	return nil, driver.ErrSkip
}

func (c *cachingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, q)
	}
	return c.Conn.Prepare(q)
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return c.Conn.Begin() //nolint:staticcheck // the driver offers no other
}

func (c *cachingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *cachingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *cachingConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *cachingConn) Close() error {
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
	return c.Conn.Close()
}

// cachedRows frees its statement for the next query once closed.
type cachedRows struct {
	driver.Rows
	st *cachedStmt
}

func (r *cachedRows) Close() error {
	r.st.busy = false
	return r.Rows.Close()
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
