package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// testWriteBurst: many more writes at once than the pool has
// connections, each a transaction of several statements, all succeed
// (no transaction waits forever for a second connection), and on
// PostgreSQL the pool stays within its bound and keeps its connections
// for the next burst instead of closing all but two.
func testWriteBurst(t *testing.T, s Store) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	n := 4 * sqlstore.PoolSize()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo})
			if err == nil {
				_, err = s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageBefore})
			}
			if err != nil {
				t.Errorf("write %d of %d at once: %v", i, n, err)
			}
		}()
	}
	wg.Wait()
	if s.DB.Dialect() != sqlstore.Postgres {
		return
	}
	st := s.DB.SQL().Stats()
	if st.MaxOpenConnections != sqlstore.PoolSize() {
		t.Errorf("the pool may open %d connections; want %d", st.MaxOpenConnections, sqlstore.PoolSize())
	}
	if st.Idle <= 2 {
		t.Errorf("after a burst of %d writes the pool kept %d idle connections (%d closed): it opens them again for every burst", n, st.Idle, st.MaxIdleClosed)
	}
}
