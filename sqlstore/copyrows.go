package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Copying one table's rows, and what PostgreSQL needs after.

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
