package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// TestStatementCache: on the SQLite write connection a statement run
// without the store preparing it (as River's inserts are) is prepared
// once and kept; the same statement asked for again while its first rows
// are still open runs on its own, both reading what they should; past
// the cache's size the statements not in use are let go, and every query
// still answers rightly.
func TestStatementCache(t *testing.T) {
	// Bounded: a statement run again under its open rows can start those
	// over and over.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, _ := internalStore(t)
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cached := func() map[string]*cachedStmt {
		var m map[string]*cachedStmt
		if err := conn.Raw(func(c any) error {
			cc, ok := c.(*cachingConn)
			if !ok {
				return fmt.Errorf("the write connection is a %T, not a caching one", c)
			}
			m = cc.stmts
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	const q = `SELECT value FROM json_each(?) ORDER BY key`
	read := func(rows *sql.Rows, err error) []int {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		return got
	}
	for i := range 3 {
		if got := read(conn.QueryContext(ctx, q, fmt.Sprintf("[%d,%d]", i, i+1))); len(got) != 2 || got[0] != i || got[1] != i+1 {
			t.Fatalf("run %d read %v", i, got)
		}
	}
	first, ok := cached()[q]
	if !ok {
		t.Fatal("a statement run three times was not kept")
	}

	// Its rows open, the same statement again.
	outer, err := conn.QueryContext(ctx, q, "[1,2,3]")
	if err != nil {
		t.Fatal(err)
	}
	if !outer.Next() {
		t.Fatal("no first row")
	}
	if got := read(conn.QueryContext(ctx, q, "[7,8]")); len(got) != 2 || got[0] != 7 {
		t.Fatalf("the statement asked for while in use read %v", got)
	}
	var v int
	if err := outer.Scan(&v); err != nil || v != 1 {
		t.Fatalf("the first rows were disturbed: %d, %v", v, err)
	}
	if got := read(outer, nil); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Fatalf("the first rows went on with %v", got)
	}
	if cached()[q] != first || first.busy {
		t.Fatal("the kept statement was replaced, or is still marked in use after its rows closed")
	}

	// Writes through the cache, and more statements than it keeps.
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE n (v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := range stmtCacheSize + 10 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO n (v) VALUES (? + %d)`, i), 1000); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(cached()); n > stmtCacheSize {
		t.Errorf("the cache holds %d statements; at most %d", n, stmtCacheSize)
	}
	var sum int
	if err := conn.QueryRowContext(ctx, `SELECT SUM(v) FROM n`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if want := (stmtCacheSize+10)*1000 + (stmtCacheSize+10)*(stmtCacheSize+9)/2; sum != want {
		t.Errorf("the inserts summed to %d; want %d", sum, want)
	}
}
