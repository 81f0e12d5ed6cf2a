package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// Moving a whole Tend from one database to another (SQLite to
// PostgreSQL, or back): every row of every table, Tend's and the job
// queue's, copied as it is stored. Sealed values stay sealed: the same
// server key opens them afterwards, and nothing here needs it.

// TableRows is a table copied and how many rows it holds, the same in
// both databases.
type TableRows struct {
	Table string
	Rows  int64
}

// NotCopied lists the tables CopyAll leaves as the destination has them,
// with why.
func NotCopied() map[string]string { return maps.Clone(notCopied) }

// tablePlan is how one table is copied.
type tablePlan struct {
	name string
	cols []colPlan
}

// errSchema is a refusal about the databases given.
func errSchema(format string, args ...any) error { return tend.Errorf(tend.EINVALID, format, args...) }

// SchemaVersions returns the newest of Tend's migrations and of the job
// queue's that made the database, and an error when it is not a Tend
// database at all.
func (d *DB) SchemaVersions(ctx context.Context) (tendVersion, riverVersion int64, err error) {
	tables, err := listTables(ctx, d.db, d.dialect)
	if err != nil {
		return 0, 0, err
	}
	if !slices.Contains(tables, "goose_db_version") || !slices.Contains(tables, "people") || !slices.Contains(tables, "river_migration") {
		return 0, 0, errSchema("it is not a Tend database: it has no tables of Tend's (or was made by a Tend from before the job queue: start that Tend once to bring it up to date)")
	}
	return schemaVersions(ctx, d.db)
}

// CheckEmpty refuses a database that holds anything: a person, or a row
// in any other table but the migrations' own records. It works on a
// database that is not migrated yet.
func (d *DB) CheckEmpty(ctx context.Context) error { return checkEmpty(ctx, d.db, d.dialect) }

func checkEmpty(ctx context.Context, db querier, d Dialect) error {
	tables, err := listTables(ctx, db, d)
	if err != nil {
		return err
	}
	// People first: the likeliest mistake is a database in use.
	slices.SortStableFunc(tables, func(a, b string) int {
		return boolInt(b == "people") - boolInt(a == "people")
	})
	for _, t := range tables {
		if _, skip := notCopied[t]; skip {
			continue
		}
		n, err := countRows(ctx, db, t)
		if err != nil {
			return err
		}
		switch {
		case n > 0 && t == "people":
			return errSchema("there are already people in it (%d): Tend copies only into an empty database, never over one in use", n)
		case n == 1:
			return errSchema("it is not empty (table %s holds a row): Tend copies only into an empty database", t)
		case n > 0:
			return errSchema("it is not empty (table %s holds %d rows): Tend copies only into an empty database", t, n)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CopyAll copies every row of every table of src into dst, which must be
// empty and migrated to the same schema: one read snapshot of src, one
// transaction on dst (all or nothing), tables in foreign-key order
// (parents first), rows in batches. It checks that each table holds as
// many rows in dst as in src before it commits, and returns the counts.
// Values are never logged or put in errors: they may be sealed text.
func CopyAll(ctx context.Context, dst, src *DB) ([]TableRows, error) {
	if dst == src {
		return nil, errSchema("the source and the destination are the same database")
	}
	var srcTx *sql.Tx
	var err error
	if src.dialect == Postgres {
		srcTx, err = src.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	} else {
		srcTx, err = src.rdb.BeginTx(ctx, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("copy: read the source: %w", err)
	}
	defer srcTx.Rollback()
	dstTx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("copy: write the destination: %w", err)
	}
	defer dstTx.Rollback()

	if err := sameSchema(ctx, dstTx, srcTx); err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, dstTx, dst.dialect); err != nil {
		return nil, fmt.Errorf("the destination: %w", err)
	}
	plans, err := planTables(ctx, dstTx, dst.dialect, srcTx, src.dialect)
	if err != nil {
		return nil, err
	}
	var out []TableRows
	for _, t := range plans {
		n, err := copyTable(ctx, dstTx, dst.dialect, srcTx, t)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t.name, err)
		}
		want, err := countRows(ctx, srcTx, t.name)
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", t.name, err)
		}
		got, err := countRows(ctx, dstTx, t.name)
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", t.name, err)
		}
		if n != want || got != want {
			return nil, fmt.Errorf("copy %s: the source holds %d rows, %d were read, the destination holds %d; nothing was kept", t.name, want, n, got)
		}
		out = append(out, TableRows{t.name, got})
	}
	if dst.dialect == Postgres {
		if err := setSequences(ctx, dstTx, plans); err != nil {
			return nil, err
		}
	}
	if err := dstTx.Commit(); err != nil {
		return nil, fmt.Errorf("copy: commit: %w", err)
	}
	return out, nil
}

// CheckSameSchema refuses a source made by other migrations than dst:
// the copy is column for column. (CopyAll checks it too.)
func CheckSameSchema(ctx context.Context, dst, src *DB) error { return sameSchema(ctx, dst.db, src.db) }

// sameSchema refuses databases made by different migrations.
func sameSchema(ctx context.Context, dst, src querier) error {
	st, sr, err := schemaVersions(ctx, src)
	if err != nil {
		return fmt.Errorf("the source's migrations: %w", err)
	}
	dt, dr, err := schemaVersions(ctx, dst)
	if err != nil {
		return fmt.Errorf("the destination's migrations: %w", err)
	}
	switch {
	case st < dt || st == dt && sr < dr:
		return errSchema("the source was made by older migrations (Tend's %d, the job queue's %d) than this tend's (%d, %d): "+
			"bring it up to date first with tend migrate (the server stopped), then copy", st, sr, dt, dr)
	case st != dt || sr != dr:
		return errSchema("the source was made by newer migrations (Tend's %d, the job queue's %d) than this tend knows (%d, %d): "+
			"copy with the tend that made it", st, sr, dt, dr)
	}
	return nil
}

// planTables decides how each table is copied, in foreign-key order: the
// destination's tables and columns, each of which the source must have.
func planTables(ctx context.Context, dst querier, dd Dialect, src querier, sd Dialect) ([]tablePlan, error) {
	dstTables, err := listTables(ctx, dst, dd)
	if err != nil {
		return nil, err
	}
	srcTables, err := listTables(ctx, src, sd)
	if err != nil {
		return nil, err
	}
	dstTables = slices.DeleteFunc(dstTables, func(t string) bool { _, skip := notCopied[t]; return skip })
	srcTables = slices.DeleteFunc(srcTables, func(t string) bool { _, skip := notCopied[t]; return skip })
	if !slices.Equal(dstTables, srcTables) {
		return nil, errSchema("the two databases have different tables (the source: %s; the destination: %s)",
			strings.Join(srcTables, ", "), strings.Join(dstTables, ", "))
	}
	parents := map[string][]string{}
	plans := map[string]tablePlan{}
	for _, t := range dstTables {
		if parents[t], err = parentTables(ctx, dst, dd, t); err != nil {
			return nil, err
		}
		dcols, dtypes, err := listColumns(ctx, dst, dd, t)
		if err != nil {
			return nil, err
		}
		scols, stypes, err := listColumns(ctx, src, sd, t)
		if err != nil {
			return nil, err
		}
		if a, b := slices.Sorted(slices.Values(dcols)), slices.Sorted(slices.Values(scols)); !slices.Equal(a, b) {
			return nil, errSchema("table %s has different columns in the two databases (the source: %s; the destination: %s)",
				t, strings.Join(b, ", "), strings.Join(a, ", "))
		}
		p := tablePlan{name: t}
		for _, c := range dcols {
			cp, err := planColumn(t, c, sd, stypes[c], dd, dtypes[c])
			if err != nil {
				return nil, errSchema("%v", err)
			}
			p.cols = append(p.cols, cp)
		}
		plans[t] = p
	}
	order, err := parentsFirst(dstTables, parents)
	if err != nil {
		return nil, err
	}
	out := make([]tablePlan, len(order))
	for i, t := range order {
		out[i] = plans[t]
	}
	return out, nil
}

// batchParams bounds the values one INSERT carries: under SQLite's
// 32766 and PostgreSQL's 65535.
const batchParams = 30000

// copyTable copies a table's rows in batches and returns how many.
func copyTable(ctx context.Context, dst *sql.Tx, dd Dialect, src *sql.Tx, t tablePlan) (int64, error) {
	reads := make([]string, len(t.cols))
	for i, c := range t.cols {
		reads[i] = c.read
	}
	rows, err := copyQuery(ctx, src, "SELECT "+strings.Join(reads, ", ")+" FROM "+quoteIdent(t.name))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	per := max(1, min(500, batchParams/len(t.cols)))
	batch := make([]any, 0, per*len(t.cols))
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	insert := map[int]string{}
	flush := func() error {
		n := len(batch) / len(t.cols)
		if n == 0 {
			return nil
		}
		q, ok := insert[n]
		if !ok {
			q = insertSQL(dd, t, n)
			insert[n] = q
		}
		err := copyExec(ctx, dst, q, batch...)
		batch = batch[:0]
		return err
	}
	var count int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		for i, c := range t.cols {
			v, err := c.convert(vals[i])
			if err != nil {
				return 0, err
			}
			batch = append(batch, v)
		}
		count++
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return count, flush()
}

// insertSQL inserts n rows into the table.
func insertSQL(d Dialect, t tablePlan, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(t.name) + " (")
	for i, c := range t.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c.name))
	}
	b.WriteString(") VALUES ")
	p := 0
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i, c := range t.cols {
			if i > 0 {
				b.WriteString(", ")
			}
			p++
			mark := "?"
			if d == Postgres {
				mark = "$" + strconv.Itoa(p)
			}
			b.WriteString(c.write(mark))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// setSequences sets each sequence that numbers a copied column (River's
// job ids) past the largest number copied, so that the next row does not
// take one in use. (SQLite's AUTOINCREMENT keeps up by itself.)
func setSequences(ctx context.Context, tx *sql.Tx, plans []tablePlan) error {
	for _, t := range plans {
		rows, err := copyQuery(ctx, tx, `SELECT a.attname, pg_get_serial_sequence(quote_ident($1), a.attname) FROM pg_attribute a
			WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped
			AND pg_get_serial_sequence(quote_ident($1), a.attname) IS NOT NULL`, t.name)
		if err != nil {
			return fmt.Errorf("copy %s: find its sequences: %w", t.name, err)
		}
		var cols, seqs []string
		for rows.Next() {
			var c, s string
			if err = rows.Scan(&c, &s); err != nil {
				break
			}
			cols, seqs = append(cols, c), append(seqs, s)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return fmt.Errorf("copy %s: find its sequences: %w", t.name, err)
		}
		for i, seq := range seqs {
			q := `SELECT setval($1, COALESCE((SELECT MAX(` + quoteIdent(cols[i]) + `) FROM ` + quoteIdent(t.name) + `), 0) + 1, false)`
			if err := copyExec(ctx, tx, q, seq); err != nil {
				return fmt.Errorf("copy %s: set its sequence: %w", t.name, err)
			}
		}
	}
	return nil
}
