package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
)

// TestPools: on SQLite the store names its two pools, the write pool of
// one connection and the read pool; on PostgreSQL one pool does both.
func TestPools(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "tend.db"))
	pools := db.Pools()
	if len(pools) != 2 || pools[0].Name != "write" || pools[1].Name != "read" {
		t.Fatalf("SQLite pools: %+v, want write and read", pools)
	}
	if w, r := pools[0].DB.Stats(), pools[1].DB.Stats(); w.MaxOpenConnections != 1 || r.MaxOpenConnections <= 1 {
		t.Errorf("SQLite pools: write holds at most %d connections, read %d; want 1 and more", w.MaxOpenConnections, r.MaxOpenConnections)
	}
	if pools[0].DB.Stats().OpenConnections == 0 {
		t.Error("the write pool opened no connection, though the store migrated through it")
	}
	if pg == nil {
		t.Skipf("no PostgreSQL server: %v", pgErr)
	}
	dsn, err := pg.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pools = mustOpen(t, dsn).Pools()
	if len(pools) != 1 || pools[0].Name != "write" || pools[0].DB.Stats().OpenConnections == 0 {
		t.Errorf("PostgreSQL pools: %+v, want the one, named write, in use", pools)
	}
}
