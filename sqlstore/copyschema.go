package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// What CopyAll reads of a database's own description of itself: its
// tables, their columns and types, which tables each one's foreign keys
// point to, and which migrations made it.

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// copyQuery and copyExec are the copy's only ways to the database. They
// do not rebind ? as the helpers do: each statement of the copy is one
// dialect's own (the catalogs, SQLite's PRAGMA functions), or numbered
// for its dialect by insertSQL, or has no parameters.
func copyQuery(ctx context.Context, db querier, q string, args ...any) (*sql.Rows, error) {
	return db.QueryContext(ctx, q, args...)
}

func copyExec(ctx context.Context, tx *sql.Tx, q string, args ...any) error {
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}

// notCopied are the tables CopyAll leaves as the destination has them,
// with why.
var notCopied = map[string]string{
	"goose_db_version":   "Tend's migrations' own record, made by the destination's migrations",
	"river_migration":    "the job queue's migrations' own record, made by the destination's migrations",
	"river_leader":       "which running server leads the job queue, chosen again at start",
	"river_notification": "news for running servers, already sent",
}

// strings1 runs q and returns its one text column.
func strings1(ctx context.Context, db querier, q string, args ...any) ([]string, error) {
	rows, err := copyQuery(ctx, db, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// listTables lists the database's tables, by name.
func listTables(ctx context.Context, db querier, d Dialect) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if d == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	names, err := strings1(ctx, db, q)
	slices.Sort(names)
	return names, err
}

// listColumns lists a table's columns in their order, with their types.
func listColumns(ctx context.Context, db querier, d Dialect, table string) ([]string, map[string]colType, error) {
	q := `SELECT name, type, 0 FROM pragma_table_info(?) ORDER BY cid`
	if d == Postgres {
		q = `SELECT a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN t.typtype = 'e' THEN 1 ELSE 0 END
			FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
			WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`
	}
	rows, err := copyQuery(ctx, db, q, table)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var names []string
	types := map[string]colType{}
	for rows.Next() {
		var name string
		var t colType
		var enum int
		if err := rows.Scan(&name, &t.decl, &enum); err != nil {
			return nil, nil, err
		}
		t.enum = enum == 1
		names = append(names, name)
		types[name] = t
	}
	return names, types, rows.Err()
}

// parentTables lists the tables a table's foreign keys point to.
func parentTables(ctx context.Context, db querier, d Dialect, table string) ([]string, error) {
	q := `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`
	if d == Postgres {
		q = `SELECT DISTINCT p.relname FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid
			WHERE c.contype = 'f' AND c.conrelid = to_regclass(quote_ident($1))`
	}
	return strings1(ctx, db, q, table)
}

// parentsFirst orders the tables so that every table comes after the
// ones its foreign keys point to (a table pointing to itself is fine),
// and otherwise by name.
func parentsFirst(tables []string, parents map[string][]string) ([]string, error) {
	done := map[string]bool{}
	var out []string
	for len(out) < len(tables) {
		progress := false
		for _, t := range tables {
			if done[t] {
				continue
			}
			ready := true
			for _, p := range parents[t] {
				if p != t && !done[p] && slices.Contains(tables, p) {
					ready = false
				}
			}
			if ready {
				done[t] = true
				out = append(out, t)
				progress = true
			}
		}
		if !progress {
			return nil, fmt.Errorf("the foreign keys between the tables go round in a circle")
		}
	}
	return out, nil
}

// schemaVersions are the newest of Tend's migrations and of River's that
// made the database.
func schemaVersions(ctx context.Context, db querier) (tendVersion, riverVersion int64, err error) {
	for _, v := range []struct {
		q   string
		out *int64
	}{{`SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version`, &tendVersion},
		{`SELECT COALESCE(MAX(version), 0) FROM river_migration WHERE line = 'main'`, &riverVersion}} {
		rows, err := copyQuery(ctx, db, v.q)
		if err != nil {
			return 0, 0, err
		}
		for rows.Next() {
			err = rows.Scan(v.out)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return 0, 0, err
		}
	}
	return tendVersion, riverVersion, nil
}

// countRows counts a table's rows.
func countRows(ctx context.Context, db querier, table string) (int64, error) {
	rows, err := copyQuery(ctx, db, `SELECT COUNT(*) FROM `+quoteIdent(table))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}
