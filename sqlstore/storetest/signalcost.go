package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// testSignalStatements: sending a signal, the live screens' hot path,
// is two statements between begin and commit (one that checks, locks
// and numbers, one that inserts), however many signals came before; a
// refused one (after the encounter is over) changes nothing.
func testSignalStatements(t *testing.T, s Store) {
	if s.Counter == nil {
		t.Fatal("the opener gives no query counter (Store.Counter)")
	}
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	for i := range 3 {
		s.Counter.Reset()
		sig, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
		if err != nil {
			t.Fatal(err)
		}
		var stmts []string
		for _, q := range s.Counter.Queries() {
			if !strings.HasPrefix(strings.TrimSpace(q), "PRAGMA") { // SQLite's commit setting
				stmts = append(stmts, q)
			}
		}
		if len(stmts) != 2 {
			t.Errorf("signal %d: %d statements, want 2: %q", i, len(stmts), stmts)
		}
		if sig.FromName != "Alex" || sig.Seq == 0 {
			t.Errorf("signal %d: got %+v", i, sig)
		}
	}
	lastSeq := func() int64 {
		t.Helper()
		got, err := s.DB.FindEncounter(ctx, sam.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastSeq
	}
	before := lastSeq()
	if _, err := s.DB.AddSignal(ctx, "00000000-0000-0000-0000-000000000000", e.ID, &tend.Signal{Kind: tend.SignalWater}); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("someone not in it: got %v, want ENOTFOUND", err)
	}
	if got := lastSeq(); got != before {
		t.Errorf("a refused signal took a number: %d, then %d", before, got)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	for _, who := range []string{sam.ID, alex.ID} {
		if _, err := s.DB.SaveReflection(ctx, who, e.ID, &tend.Reflection{Mood: 3}); err != nil {
			t.Fatal(err)
		}
	}
	before = lastSeq()
	if _, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalWater}); tend.ErrorCode(err) != tend.ECONFLICT {
		t.Errorf("a need once it is over: got %v, want ECONFLICT", err)
	}
	if got := lastSeq(); got != before {
		t.Errorf("a refused signal took a number: %d, then %d", before, got)
	}
}
