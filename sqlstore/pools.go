package sqlstore

import "database/sql"

// Pool is one of the store's connection pools, for the operator's
// metrics: its name and its use (open, in use, idle, waits).
type Pool struct {
	Name string
	db   *sql.DB
}

// Stats is the pool's use now.
func (p Pool) Stats() sql.DBStats { return p.db.Stats() }

// Pools are the store's connection pools: on SQLite, "write" (one
// connection: SQLite has one writer) and "read"; on PostgreSQL, and on
// SQLite in memory, one pool does both and is named "write".
func (d *DB) Pools() []Pool {
	if d.rdb == d.db {
		return []Pool{{"write", d.db}}
	}
	return []Pool{{"write", d.db}, {"read", d.rdb}}
}
