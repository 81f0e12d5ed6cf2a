package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
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
