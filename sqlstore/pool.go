package sqlstore

import (
	"database/sql"
	"fmt"
	"runtime"
)

// PoolSize is how many connections a node keeps at most, by default: four
// per CPU, at least 8 and at most 32. On PostgreSQL that is every
// connection (several nodes must stay inside the server's
// max_connections, 100 by default); on SQLite the readers' (the writer
// is always one connection).
func PoolSize() int {
	return min(max(4*runtime.NumCPU(), 8), 32)
}

// SetPool sizes the pool: at most maxOpen connections, of which up to
// maxIdle stay open between bursts. Go keeps two idle by default, which
// made a busy node on PostgreSQL open and close hundreds of connections
// a second; Open keeps PoolSize of each. On SQLite it sizes the readers'
// pool; an in-memory database has its one connection. Both must be at
// least 1 and maxIdle at most maxOpen (cmd/tend checks what people set).
func (d *DB) SetPool(maxOpen, maxIdle int) error {
	if maxOpen < 1 || maxIdle < 1 || maxIdle > maxOpen {
		return fmt.Errorf("pool: %d open and %d idle connections: give at least 1 of each, and no more idle than open", maxOpen, maxIdle)
	}
	if d.dialect == SQLite && d.rdb == d.db {
		return nil
	}
	d.rdb.SetMaxOpenConns(maxOpen)
	d.rdb.SetMaxIdleConns(maxIdle)
	return nil
}

// PoolStats are the statistics of the pool SetPool sizes: PostgreSQL's,
// or SQLite's readers'.
func (d *DB) PoolStats() sql.DBStats { return d.rdb.Stats() }
