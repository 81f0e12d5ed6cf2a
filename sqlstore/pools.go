package sqlstore

import "database/sql"

// Pool is one of the store's connection pools, for the operator's
// metrics (its DB's Stats: open, in use, idle, waits), never for
// storing anything.
type Pool struct {
	Name string
	DB   *sql.DB
}

// Pools are the store's connection pools: on SQLite, "write" (one
// connection: SQLite has one writer) and "read"; on PostgreSQL, and on
// SQLite in memory, one pool does both and is named "write".
func (d *DB) Pools() []Pool {
	if d.rdb == d.db {
		return []Pool{{"write", d.db}}
	}
	return []Pool{{"write", d.db}, {"read", d.rdb}}
}
