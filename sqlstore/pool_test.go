package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/tendcare/tend/sqlstore"
)

// TestSetPoolPostgres: a node keeps PoolSize connections open and idle
// by default, and what SetPool says after.
func TestSetPoolPostgres(t *testing.T) {
	if pg == nil {
		t.Skipf("no PostgreSQL server (set TEND_REQUIRE_POSTGRES=1 to make this fail): %v", pgErr)
	}
	dsn, err := pg.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d := mustOpen(t, dsn)
	take := func(n, wantOpen, wantIdle int) {
		t.Helper()
		var conns []*sql.Conn
		for range n {
			c, err := d.SQL().Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.Close()
		}
		if st := d.PoolStats(); st.MaxOpenConnections != wantOpen || st.Idle != wantIdle {
			t.Errorf("after %d connections at once: at most %d open and %d idle, want %d and %d", n, st.MaxOpenConnections, st.Idle, wantOpen, wantIdle)
		}
	}
	take(sqlstore.PoolSize(), sqlstore.PoolSize(), sqlstore.PoolSize())
	if err := d.SetPool(5, 3); err != nil {
		t.Fatal(err)
	}
	take(5, 5, 3)
	if err := d.SetPool(3, 4); err == nil {
		t.Error("SetPool(3, 4) was taken")
	}
}
