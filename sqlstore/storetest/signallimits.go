package storetest

import (
	"context"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// testSignalLimits: an encounter takes signals up to MaxSignals and no
// more; a page of signals is as long as asked, and a limit of 0 (or more
// than the most) means all.
func testSignalLimits(t *testing.T, s Store) {
	ctx := context.Background()
	sam, _, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	for _, k := range []tend.SignalKind{tend.SignalWater, tend.SignalBlanket, tend.SignalHold} {
		if _, err := s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: k}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ limit, want int }{{0, 3}, {-1, 3}, {1, 1}, {2, 2}, {tend.MaxSignals + 1, 3}} {
		if sigs, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, tc.limit); err != nil || len(sigs) != tc.want {
			t.Errorf("limit %d: %d signals %v, want %d", tc.limit, len(sigs), err, tc.want)
		}
	}
	q := `UPDATE encounters SET last_seq = ? WHERE id = ?`
	if s.DB.Dialect() == sqlstore.Postgres {
		q = `UPDATE encounters SET last_seq = $1 WHERE id = $2`
	}
	if _, err := s.DB.SQL().ExecContext(ctx, q, tend.MaxSignals-1, e.ID); err != nil {
		t.Fatal(err)
	}
	last, err := s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	if err != nil || last.Seq != tend.MaxSignals {
		t.Fatalf("the last signal allowed: %+v %v", last, err)
	}
	_, err = s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	wantCode(t, "a signal past the most", err, tend.ECONFLICT)
}
