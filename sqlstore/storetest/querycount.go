package storetest

import (
	"context"
	"database/sql/driver"
	"sync"
)

// QueryCounter notes every statement a store sends to the database, as
// the driver sees it: give its Wrap to sqlstore.OpenWith. Tests use it to
// check that reading a list costs the same number of queries however long
// the list is (no query per item: "N+1").
type QueryCounter struct {
	mu sync.Mutex
	qs []string
}

// Reset forgets the statements noted so far.
func (c *QueryCounter) Reset() {
	c.mu.Lock()
	c.qs = nil
	c.mu.Unlock()
}

// Queries returns the statements run since the last Reset, in order.
func (c *QueryCounter) Queries() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.qs...)
}

func (c *QueryCounter) note(q string) {
	c.mu.Lock()
	c.qs = append(c.qs, q)
	c.mu.Unlock()
}

// Wrap puts the counter around a driver's connector.
func (c *QueryCounter) Wrap(base driver.Connector) driver.Connector {
	return &countConnector{base: base, c: c}
}

type countConnector struct {
	base driver.Connector
	c    *QueryCounter
}

func (cc *countConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := cc.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countConn{Conn: conn, c: cc.c}, nil
}

func (cc *countConnector) Driver() driver.Driver { return cc.base.Driver() }

// countConn forwards every optional interface both drivers' connections
// implement, so that database/sql treats it as it would the connection
// itself; driver.ErrSkip, where the wrapped one lacks one, makes
// database/sql take the way it would have taken anyway.
type countConn struct {
	driver.Conn
	c *QueryCounter
}

// Unwrap gives the wrapped connection (modernc's sqlite.Limit looks
// through wrappers with it).
func (cn *countConn) Unwrap() driver.Conn { return cn.Conn }

// NoteStatement hears of a statement the store sends on the connection
// underneath (sqlstore.StatementNoter): PostgreSQL's pipelined signals.
func (cn *countConn) NoteStatement(q string) { cn.c.note(q) }

func (cn *countConn) Prepare(q string) (driver.Stmt, error) {
	return cn.PrepareContext(context.Background(), q)
}

func (cn *countConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	var (
		st  driver.Stmt
		err error
	)
	if p, ok := cn.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, q)
	} else {
		st, err = cn.Conn.Prepare(q)
	}
	if err != nil {
		return nil, err
	}
	return &countStmt{Stmt: st, conn: cn.Conn, q: q, c: cn.c}, nil
}

func (cn *countConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := cn.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return cn.Conn.Begin()
}

func (cn *countConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := cn.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := e.ExecContext(ctx, q, args)
	if err != driver.ErrSkip {
		cn.c.note(q)
	}
	return r, err
}

func (cn *countConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	qc, ok := cn.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := qc.QueryContext(ctx, q, args)
	if err != driver.ErrSkip {
		cn.c.note(q)
	}
	return r, err
}

func (cn *countConn) Ping(ctx context.Context) error {
	if p, ok := cn.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (cn *countConn) ResetSession(ctx context.Context) error {
	if r, ok := cn.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (cn *countConn) IsValid() bool {
	if v, ok := cn.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (cn *countConn) CheckNamedValue(nv *driver.NamedValue) error {
	if c, ok := cn.Conn.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// countStmt counts each run of a prepared statement.
type countStmt struct {
	driver.Stmt
	conn driver.Conn
	q    string
	c    *QueryCounter
}

func (s *countStmt) Exec(args []driver.Value) (driver.Result, error) {
	s.c.note(s.q)
	return s.Stmt.Exec(args)
}

func (s *countStmt) Query(args []driver.Value) (driver.Rows, error) {
	s.c.note(s.q)
	return s.Stmt.Query(args)
}

func (s *countStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.c.note(s.q)
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	vs, err := values(args)
	if err != nil {
		return nil, err
	}
	return s.Stmt.Exec(vs)
}

func (s *countStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.c.note(s.q)
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	vs, err := values(args)
	if err != nil {
		return nil, err
	}
	return s.Stmt.Query(vs)
}

// CheckNamedValue checks as database/sql would without the wrapper: the
// statement's own checker, else the connection's.
func (s *countStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if c, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(nv)
	}
	if c, ok := s.conn.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func values(args []driver.NamedValue) ([]driver.Value, error) {
	vs := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, driver.ErrSkip
		}
		vs[i] = a.Value
	}
	return vs, nil
}
