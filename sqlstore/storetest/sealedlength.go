package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// testSealedLengths: a sealed value's length does not tell what it holds:
// every kind of signal without words seals to one length, every kind of
// encounter to another, and so do short check-ins.
func testSealedLengths(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	lengths := func(q string, args ...any) map[int]int {
		t.Helper()
		if s.DB.Dialect() == sqlstore.Postgres {
			q = strings.Replace(q, "?", "$1", 1)
		}
		rows, err := s.DB.SQL().QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := map[int]int{}
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				t.Fatal(err)
			}
			seen[len(b)]++
		}
		return seen
	}
	var ids []string
	if _, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Solo}); err != nil {
		t.Fatal(err)
	}
	c := mustCreateCircle(t, s, sam.ID, "us")
	for _, k := range tend.Kinds() {
		if k == tend.Solo {
			continue
		}
		e, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: k})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if got := lengths(`SELECT kind FROM encounters`); len(got) != 1 {
		t.Errorf("kinds of encounter seal to %d lengths %v, want one", len(got), got)
	}
	e := ids[len(ids)-1]
	if _, err := s.DB.SaveCheckIn(ctx, sam.ID, e, &tend.CheckIn{Mood: 1}); err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e, tend.StageBefore)
	for _, k := range []tend.SignalKind{tend.SignalWater, tend.SignalBlanket, tend.SignalHold, tend.SignalSpace, tend.SignalTalk,
		tend.SignalNotOkay, tend.SignalOkay} {
		if _, err := s.DB.AddSignal(ctx, sam.ID, e, &tend.Signal{Kind: k}); err != nil {
			t.Fatal(err)
		}
	}
	if got := lengths(`SELECT body FROM encounter_signals WHERE encounter_id = ?`, e); len(got) != 1 {
		t.Errorf("signals without words seal to %d lengths %v, want one", len(got), got)
	}
}
