package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// testEncounterEndWhileNotOkay: while someone's "not okay" stands, the
// aftercare ends only when the one ending it chose to anyway; "okay"
// takes it back; and the one who is not okay can still signal while the
// others reflect.
func testEncounterEndWhileNotOkay(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 30})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	signal := func(who *tend.Person, k tend.SignalKind) int64 {
		t.Helper()
		sig, err := s.DB.AddSignal(ctx, who.ID, e.ID, &tend.Signal{Kind: k})
		if err != nil {
			t.Fatalf("%s %s: %v", who.DisplayName, k, err)
		}
		return sig.Seq
	}
	signal(sam, tend.SignalNotOkay)
	_, err := s.DB.MoveEncounter(ctx, alex.ID, e.ID, tend.Move{From: tend.StageAfter})
	wantCode(t, "ending while Sam is not okay", err, tend.ECONFLICT)
	if !strings.Contains(tend.ErrorMessage(err), "Sam is not okay") {
		t.Errorf("the answer does not name Sam: %q", tend.ErrorMessage(err))
	}
	signal(sam, tend.SignalOkay)
	seen := signal(alex, tend.SignalNotOkay)
	_, err = s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageAfter})
	wantCode(t, "ending while Alex is not okay", err, tend.ECONFLICT)
	if got, _ := s.DB.FindEncounter(ctx, sam.ID, e.ID); got.Stage != tend.StageAfter {
		t.Fatalf("refused, yet it moved to %s", got.Stage)
	}
	// "Anyway" covers only what Sam had seen.
	_, err = s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageAfter, Anyway: true, Seen: seen - 1})
	wantCode(t, "ending anyway without having seen Alex's", err, tend.ECONFLICT)
	rec := told(s)
	rec.take()
	moved, err := s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageAfter, Anyway: true, Seen: seen})
	if sigs := rec.signals(); err != nil || moved.Stage != tend.StageReflect || len(sigs) != 1 || sigs[0].Ref != string(tend.StageReflect) {
		t.Fatalf("ending anyway: %+v %v %v", moved, kinds(sigs), err)
	}
	// Alex is still on the aftercare screen: their help goes on.
	signal(alex, tend.SignalWater)
	signal(alex, tend.SignalOkay)
	all, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if st := tend.NotOkay(all); len(st) != 0 {
		t.Errorf("still standing after okay: %+v", st)
	}
}

// testReflectOnlyAfter: a reflection is taken only once the aftercare is
// over, never during the check-in or the aftercare itself.
func testReflectOnlyAfter(t *testing.T, s Store) {
	ctx := context.Background()
	sam, _, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	for _, stage := range []tend.Stage{tend.StageBefore, tend.StageAfter} {
		_, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 3})
		wantCode(t, "reflecting at "+string(stage), err, tend.ECONFLICT)
		mustMove(t, s, sam.ID, e.ID, stage)
	}
	if _, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 3}); err != nil {
		t.Errorf("reflecting once the aftercare is over: %v", err)
	}
}
