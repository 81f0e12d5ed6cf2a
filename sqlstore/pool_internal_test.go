package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/tendcare/tend/seal"
)

// checkPool takes n connections at once from the pool, gives them back,
// and checks how many stay open idle and the most it may open.
func checkPool(t *testing.T, pool *sql.DB, n, wantOpen, wantIdle int) {
	t.Helper()
	ctx := context.Background()
	var conns []*sql.Conn
	for range n {
		c, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	if st := pool.Stats(); st.MaxOpenConnections != wantOpen || st.Idle != wantIdle {
		t.Errorf("after %d connections at once: at most %d open and %d idle, want %d and %d", n, st.MaxOpenConnections, st.Idle, wantOpen, wantIdle)
	}
}

// TestSetPoolSQLite: on SQLite the pool is the readers'; the writer stays
// one connection, and an in-memory database its one.
func TestSetPoolSQLite(t *testing.T) {
	ctx := context.Background()
	key, _ := seal.NewKey()
	sealer, _ := seal.New(key)
	d, err := Open(ctx, filepath.Join(t.TempDir(), "tend.db"), sealer)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	checkPool(t, d.rdb, PoolSize(), PoolSize(), PoolSize())
	if err := d.SetPool(5, 3); err != nil {
		t.Fatal(err)
	}
	checkPool(t, d.rdb, 5, 5, 3)
	if got := d.PoolStats().MaxOpenConnections; got != 5 {
		t.Errorf("PoolStats: at most %d open, want 5", got)
	}
	if got := d.db.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("the writer may open %d connections, want 1", got)
	}
	for _, bad := range [][2]int{{0, 0}, {-1, 1}, {4, 0}, {4, -2}, {4, 5}} {
		if err := d.SetPool(bad[0], bad[1]); err == nil {
			t.Errorf("SetPool(%d, %d) was taken", bad[0], bad[1])
		}
	}
	if got := d.PoolStats().MaxOpenConnections; got != 5 {
		t.Errorf("a refused SetPool changed the pool: at most %d open", got)
	}

	mem, err := Open(ctx, ":memory:", sealer)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if err := mem.SetPool(8, 8); err != nil {
		t.Fatal(err)
	}
	if got := mem.PoolStats().MaxOpenConnections; got != 1 {
		t.Errorf("in memory: at most %d open, want its one", got)
	}
}
