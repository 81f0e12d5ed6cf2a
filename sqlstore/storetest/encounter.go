package storetest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// pair makes Sam and Alex, a circle of both, and an encounter in it.
func pair(t *testing.T, s Store, n tend.NewEncounter) (sam, alex *tend.Person, e *tend.Encounter) {
	t.Helper()
	ctx := context.Background()
	sam, alex = mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	c := mustCreateCircle(t, s, sam.ID, "us")
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID); err != nil {
		t.Fatal(err)
	}
	n.CircleID = c.ID
	e, err := s.DB.CreateEncounter(ctx, sam.ID, n)
	if err != nil {
		t.Fatalf("CreateEncounter: %v", err)
	}
	return sam, alex, e
}

func mustMove(t *testing.T, s Store, personID, id string, from tend.Stage) *tend.Encounter {
	t.Helper()
	rec := told(s)
	rec.take()
	e, err := s.DB.MoveEncounter(context.Background(), personID, id, tend.Move{From: from})
	if err != nil {
		t.Fatalf("MoveEncounter from %s: %v", from, err)
	}
	if sigs := rec.signals(); len(sigs) != 1 || sigs[0].Kind != tend.SignalStage || sigs[0].Ref != string(from.Next()) {
		t.Fatalf("move told with %v", kinds(sigs))
	}
	return e
}

func kinds(sigs []*tend.Signal) []string {
	var out []string
	for _, s := range sigs {
		out = append(out, fmt.Sprintf("%d:%s:%s", s.Seq, s.Kind, s.Ref))
	}
	return out
}

func testEncounterJourney(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle, Minutes: 20})
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	if e.Stage != tend.StageBefore || e.Kind != tend.Gentle || e.Minutes != 20 || e.CircleName != "us" || e.CreatedBy != sam.ID ||
		len(e.Members) != 2 || e.Members[0].DisplayName != "Sam" || e.Members[1].DisplayName != "Alex" || !e.CreatedAt.Equal(now) {
		t.Fatalf("created: %+v", e)
	}

	// Someone outside: exactly like a missing encounter, everywhere.
	missing := "0193a6f0-0000-7000-8000-00000000dead"
	for _, id := range []string{e.ID, missing} {
		_, err := s.DB.FindEncounter(ctx, kim.ID, id)
		wantCode(t, "find, outside", err, tend.ENOTFOUND)
		_, err = s.DB.SaveCheckIn(ctx, kim.ID, id, &tend.CheckIn{Mood: 3})
		wantCode(t, "check-in, outside", err, tend.ENOTFOUND)
		_, err = s.DB.AddSignal(ctx, kim.ID, id, &tend.Signal{Kind: tend.SignalWater})
		wantCode(t, "signal, outside", err, tend.ENOTFOUND)
		_, err = s.DB.FindSignals(ctx, kim.ID, id, 0, 0)
		wantCode(t, "signals, outside", err, tend.ENOTFOUND)
		_, _, _, err = s.DB.FindReflections(ctx, kim.ID, id)
		wantCode(t, "reflections, outside", err, tend.ENOTFOUND)
		_, err = s.DB.MoveEncounter(ctx, kim.ID, id, tend.Move{From: tend.StageBefore})
		wantCode(t, "move, outside", err, tend.ENOTFOUND)
		wantCode(t, "leave, outside", s.DB.LeaveEncounter(ctx, kim.ID, id), tend.ENOTFOUND)
	}
	_, errOther := s.DB.FindEncounter(ctx, kim.ID, e.ID)
	_, errMissing := s.DB.FindEncounter(ctx, kim.ID, missing)
	if errOther.Error() != errMissing.Error() {
		t.Errorf("outside %q, missing %q: must read the same", errOther, errMissing)
	}
	if list, err := s.DB.FindEncounters(ctx, kim.ID); err != nil || len(list) != 0 {
		t.Errorf("Kim's encounters: %v, %v", list, err)
	}

	// Check-in: Alex saves, then confirms; Sam sees it.
	in := &tend.CheckIn{Mood: 4, Energy: 2, Limits: " no marks today ", Triggers: "being called small", Safeword: "red",
		Needs: []string{"hold", "water"}}
	rec := told(s)
	rec.take()
	if _, err := s.DB.SaveCheckIn(ctx, alex.ID, e.ID, in); err != nil {
		t.Fatalf("SaveCheckIn: %v", err)
	}
	if sigs := rec.signals(); len(sigs) != 1 || sigs[0].Kind != tend.SignalCheckIn || sigs[0].Ref != "saved" || sigs[0].From != alex.ID {
		t.Fatalf("SaveCheckIn told %v", kinds(sigs))
	}
	in.Confirmed = true
	if _, err := s.DB.SaveCheckIn(ctx, alex.ID, e.ID, in); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	if sigs := rec.signals(); len(sigs) != 1 || sigs[0].Ref != "confirmed" {
		t.Fatalf("confirm told %v", kinds(sigs))
	}
	seen, err := s.DB.FindEncounter(ctx, sam.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if seen.Members[0].CheckIn != nil {
		t.Errorf("Sam has not checked in, got %+v", seen.Members[0].CheckIn)
	}
	got := seen.Member(alex.ID).CheckIn
	if got == nil || got.Limits != "no marks today" || got.Triggers != "being called small" || got.Safeword != "red" ||
		got.Mood != 4 || got.Energy != 2 || !slices.Equal(got.Needs, []string{"hold", "water"}) || !got.Confirmed || !got.ConfirmedAt.Equal(now) {
		t.Errorf("Alex's check-in as Sam sees it: %+v", got)
	}

	// Signals during the check-in and the aftercare.
	water, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	if err != nil {
		t.Fatal(err)
	}
	if water.FromName != "Alex" || water.From != alex.ID || water.Seq != 3 {
		t.Errorf("water: %+v", water)
	}
	_, err = s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalComing, Ref: "2"})
	wantCode(t, "answering a check-in, not a need", err, tend.EINVALID)
	_, err = s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalComing, Ref: "99"})
	wantCode(t, "answering a need never sent", err, tend.EINVALID)
	if _, err := s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalComing, Ref: "3"}); err != nil {
		t.Fatal(err)
	}
	e = mustMove(t, s, alex.ID, e.ID, tend.StageBefore)
	if e.Stage != tend.StageAfter || !e.StageAt.Equal(now) {
		t.Errorf("moved: %+v", e)
	}
	_, err = s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageBefore})
	wantCode(t, "moving from a stage it has left", err, tend.ECONFLICT)
	_, err = s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &tend.CheckIn{Mood: 3})
	wantCode(t, "checking in during the aftercare", err, tend.ECONFLICT)
	custom, err := s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalCustom, Text: " my hoodie, please "})
	if err != nil || custom.Text != "my hoodie, please" {
		t.Fatalf("custom: %+v %v", custom, err)
	}
	if _, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalTick, Ref: "water"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1:check-in:saved", "2:check-in:confirmed", "3:water:", "4:coming:3", "5:stage:after", "6:custom:", "7:tick:water"}
	if !slices.Equal(kinds(all), want) {
		t.Errorf("signals:\n got %v\nwant %v", kinds(all), want)
	}
	if all[5].Text != "my hoodie, please" || all[5].FromName != "Sam" || !all[5].At.Equal(now) {
		t.Errorf("custom read back: %+v", all[5])
	}
	if got, _ := s.DB.FindEncounter(ctx, alex.ID, e.ID); got.LastSeq != 7 {
		t.Errorf("LastSeq: got %d, want 7", got.LastSeq)
	}
	later, err := s.DB.FindSignals(ctx, alex.ID, e.ID, 5, 1)
	if err != nil || !slices.Equal(kinds(later), want[5:6]) {
		t.Errorf("after 5, one: %v %v", kinds(later), err)
	}
	if read, err := s.DB.ReadSignals(ctx, e.ID, 6, 0); err != nil || !slices.Equal(kinds(read), want[6:]) {
		t.Errorf("ReadSignals after 6: %v %v", kinds(read), err)
	}

	// Reflect: nothing of the others shows until all have answered.
	e = mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	_, err = s.DB.MoveEncounter(ctx, sam.ID, e.ID, tend.Move{From: tend.StageReflect})
	wantCode(t, "moving on from reflect by hand", err, tend.EINVALID)
	samR := &tend.Reflection{Mood: 4, Emotions: []string{"close", "tired"}, Helped: []string{"water"},
		Missing: "more time", Favourite: "the laughing", Note: "thank you", Journal: "I felt far away at first"}
	rec.take()
	e, err = s.DB.SaveReflection(ctx, sam.ID, e.ID, samR)
	sigs := rec.signals()
	if err != nil || e.Stage != tend.StageReflect || len(sigs) != 1 || sigs[0].Kind != tend.SignalReflected {
		t.Fatalf("Sam reflects: %v %v %v", e, kinds(sigs), err)
	}
	if !e.Member(sam.ID).Reflected || e.Member(alex.ID).Reflected {
		t.Errorf("who reflected: %+v %+v", e.Members[0], e.Members[1])
	}
	mine, others, revealed, err := s.DB.FindReflections(ctx, alex.ID, e.ID)
	if err != nil || mine != nil || len(others) != 0 || revealed {
		t.Errorf("Alex before answering: %+v %+v %v %v", mine, others, revealed, err)
	}
	mine, _, _, err = s.DB.FindReflections(ctx, sam.ID, e.ID)
	if err != nil || mine == nil || mine.Journal != "I felt far away at first" || mine.Note != "thank you" {
		t.Errorf("Sam's own: %+v %v", mine, err)
	}
	e, err = s.DB.SaveReflection(ctx, alex.ID, e.ID, &tend.Reflection{Mood: 5, Journal: "Alex's own words", Note: "again soon"})
	sigs = rec.signals()
	if err != nil || e.Stage != tend.StageDone || !slices.Equal(kinds(sigs), []string{"10:reflected:", "11:stage:done"}) {
		t.Fatalf("Alex reflects last: %v %v %v", e, kinds(sigs), err)
	}
	mine, others, revealed, err = s.DB.FindReflections(ctx, alex.ID, e.ID)
	if err != nil || !revealed || mine.Journal != "Alex's own words" || len(others) != 1 {
		t.Fatalf("Alex after: %+v %+v %v %v", mine, others, revealed, err)
	}
	if o := others[0]; o.PersonID != sam.ID || o.DisplayName != "Sam" || o.Journal != "" || o.Note != "thank you" ||
		o.Missing != "more time" || o.Favourite != "the laughing" || !slices.Equal(o.Emotions, samR.Emotions) || !slices.Equal(o.Helped, samR.Helped) {
		t.Errorf("Sam's reflection as Alex sees it: %+v", o)
	}
	_, err = s.DB.SaveReflection(ctx, sam.ID, e.ID, samR)
	wantCode(t, "changing a revealed reflection", err, tend.ECONFLICT)
	_, err = s.DB.AddSignal(ctx, sam.ID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	wantCode(t, "a signal once it is over", err, tend.ECONFLICT)

	list, err := s.DB.FindEncounters(ctx, alex.ID)
	if err != nil || len(list) != 1 || list[0].ID != e.ID || list[0].Stage != tend.StageDone {
		t.Errorf("Alex's encounters: %v %v", list, err)
	}
}

func testEncounterInvalid(t *testing.T, s Store) {
	ctx := context.Background()
	sam, _, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense})
	long := string(bytes.Repeat([]byte("a"), tend.MaxCheckInTextLen+1))
	for _, n := range []tend.NewEncounter{
		{Kind: "wild"},
		{Kind: tend.Gentle},                     // no circle
		{Kind: tend.Solo, CircleID: e.CircleID}, // solo in a circle
		{Kind: tend.Gentle, CircleID: e.CircleID, Minutes: -1},
		{Kind: tend.Gentle, CircleID: e.CircleID, Minutes: tend.MaxAftercareMinutes + 1},
		{Kind: tend.Gentle, CircleID: e.CircleID, RevealAfter: tend.MaxRevealDelay + time.Second},
	} {
		_, err := s.DB.CreateEncounter(ctx, sam.ID, n)
		wantCode(t, fmt.Sprintf("create %+v", n), err, tend.EINVALID)
	}
	_, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{Kind: tend.Gentle, CircleID: "0193a6f0-0000-7000-8000-00000000dead"})
	wantCode(t, "someone else's circle", err, tend.ENOTFOUND)

	for _, c := range []tend.CheckIn{
		{Mood: 6}, {Energy: -1}, {Limits: long}, {Safeword: "\x00"}, {Needs: []string{"Not An Id"}},
	} {
		_, err := s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &c)
		wantCode(t, fmt.Sprintf("check-in %+v", c), err, tend.EINVALID)
	}
	for _, sig := range []tend.Signal{
		{Kind: "stage", Ref: "done"}, {Kind: "check-in"}, {Kind: "shout"}, {Kind: tend.SignalWater, Text: "x"},
		{Kind: tend.SignalCustom}, {Kind: tend.SignalCustom, Text: long}, {Kind: tend.SignalComing, Ref: "01"},
		{Kind: tend.SignalComing}, {Kind: tend.SignalTick}, {Kind: tend.SignalWater, Ref: "1"},
	} {
		_, err := s.DB.AddSignal(ctx, sam.ID, e.ID, &sig)
		wantCode(t, fmt.Sprintf("signal %+v", sig), err, tend.EINVALID)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	for _, r := range []tend.Reflection{
		{}, {Mood: 6}, {Mood: 3, Emotions: []string{"ecstatic"}}, {Mood: 3, Note: long},
		{Mood: 3, Journal: string(bytes.Repeat([]byte("b"), tend.MaxJournalLen+1))}, {Mood: 3, Helped: []string{"?"}},
	} {
		_, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &r)
		wantCode(t, fmt.Sprintf("reflection %+v", r), err, tend.EINVALID)
	}
	// Nothing of it was saved.
	got, err := s.DB.FindEncounter(ctx, sam.ID, e.ID)
	if err != nil || got.Members[0].CheckIn != nil || got.Members[0].Reflected {
		t.Errorf("after bad input: %+v %v", got.Members[0], err)
	}
	if sigs, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, 0); err != nil || len(sigs) != 2 {
		t.Errorf("only the two moves are signals: %v %v", kinds(sigs), err)
	}
}

func testEncounterRevealDeadline(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, RevealAfter: time.Hour})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	if _, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 2, Note: "that was a lot"}); err != nil {
		t.Fatal(err)
	}
	s.DB.Now = func() time.Time { return now.Add(59 * time.Minute) }
	if _, others, revealed, err := s.DB.FindReflections(ctx, alex.ID, e.ID); err != nil || revealed || len(others) != 0 {
		t.Errorf("before the deadline: %v %v %v", others, revealed, err)
	}
	s.DB.Now = func() time.Time { return now.Add(time.Hour) }
	_, others, revealed, err := s.DB.FindReflections(ctx, alex.ID, e.ID)
	if err != nil || !revealed || len(others) != 1 || others[0].Note != "that was a lot" {
		t.Errorf("at the deadline: %v %v %v", others, revealed, err)
	}
	if got, _ := s.DB.FindEncounter(ctx, alex.ID, e.ID); got.Stage != tend.StageDone || !got.RevealAt().Equal(now.Add(time.Hour)) {
		t.Errorf("stage at the deadline: %+v", got)
	}
	// Alex may still answer, once.
	if _, err := s.DB.SaveReflection(ctx, alex.ID, e.ID, &tend.Reflection{Mood: 3}); err != nil {
		t.Errorf("answering late: %v", err)
	}
	_, err = s.DB.SaveReflection(ctx, alex.ID, e.ID, &tend.Reflection{Mood: 4})
	wantCode(t, "answering twice after the reveal", err, tend.ECONFLICT)
}

func testEncounterSolo(t *testing.T, s Store) {
	ctx := context.Background()
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	e, err := s.DB.CreateEncounter(ctx, kim.ID, tend.NewEncounter{Kind: tend.Solo, Minutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Solo() || e.CircleID != "" || len(e.Members) != 1 || e.Members[0].PersonID != kim.ID {
		t.Fatalf("solo: %+v", e)
	}
	mustMove(t, s, kim.ID, e.ID, tend.StageBefore)
	mustMove(t, s, kim.ID, e.ID, tend.StageAfter)
	e, err = s.DB.SaveReflection(ctx, kim.ID, e.ID, &tend.Reflection{Mood: 4, Journal: "kind to myself"})
	if err != nil || e.Stage != tend.StageDone {
		t.Fatalf("solo reflection ends it: %+v %v", e, err)
	}
}

func testEncounterLeave(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	if _, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalCustom, Text: "tea"}); err != nil {
		t.Fatal(err)
	}
	// Alex leaves another encounter: their signals go with them, with
	// their words; Sam's stay.
	other, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: e.CircleID, Kind: tend.Gentle})
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []*tend.Person{alex, sam} {
		if _, err := s.DB.AddSignal(ctx, who.ID, other.ID, &tend.Signal{Kind: tend.SignalMessage, Text: "from " + who.DisplayName}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DB.LeaveEncounter(ctx, alex.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if sigs, err := s.DB.FindSignals(ctx, sam.ID, other.ID, 0, 0); err != nil || len(sigs) != 1 || sigs[0].From != sam.ID {
		t.Errorf("after Alex left: signals %v %v, want only Sam's", kinds(sigs), err)
	}
	_, err = s.DB.FindEncounter(ctx, alex.ID, other.ID)
	wantCode(t, "the encounter Alex left, for Alex", err, tend.ENOTFOUND)
	// Alex deletes their account: their part goes, Sam keeps the rest.
	if err := s.DB.DeletePerson(ctx, alex.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.DB.FindEncounter(ctx, sam.ID, e.ID)
	if err != nil || len(got.Members) != 1 {
		t.Fatalf("after Alex went: %+v %v", got, err)
	}
	if sigs, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, 0); err != nil || len(sigs) != 0 {
		t.Errorf("Alex's signals stay: %v %v", kinds(sigs), err)
	}
	// The circle goes; the encounter stays in Sam's history.
	if err := s.DB.DeleteCircle(ctx, sam.ID, e.CircleID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DB.FindEncounter(ctx, sam.ID, e.ID); err != nil || got.CircleID != "" || got.CircleName != "" {
		t.Errorf("after the circle went: %+v %v", got, err)
	}
	// The last one out deletes it.
	if err := s.DB.LeaveEncounter(ctx, sam.ID, e.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.FindEncounter(ctx, sam.ID, e.ID)
	wantCode(t, "after the last one left", err, tend.ENOTFOUND)
	if list, err := s.DB.FindEncounters(ctx, sam.ID); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("Sam's encounters after leaving: %v %v, want only the other", list, err)
	}
}

func testEncounterConcurrentReflections(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, p := range []*tend.Person{sam, alex} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.DB.SaveReflection(ctx, p.ID, e.ID, &tend.Reflection{Mood: 3})
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	sigs, err := s.DB.FindSignals(ctx, sam.ID, e.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if k := kinds(sigs); len(k) != 5 || k[4] != "5:stage:done" {
		t.Errorf("two reflections at once must end it exactly once: %v", k)
	}
}

func testEncounterSealed(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	secrets := []string{"zebra-limit", "zebra-trigger", "zebra-safeword", "zebra-custom", "zebra-missing", "zebra-favourite", "zebra-note", "zebra-journal"}
	if _, err := s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &tend.CheckIn{Limits: secrets[0], Triggers: secrets[1], Safeword: secrets[2]}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.AddSignal(ctx, alex.ID, e.ID, &tend.Signal{Kind: tend.SignalCustom, Text: secrets[3]}); err != nil {
		t.Fatal(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	if _, err := s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 3, Missing: secrets[4], Favourite: secrets[5],
		Note: secrets[6], Journal: secrets[7]}); err != nil {
		t.Fatal(err)
	}
	raw := s.Raw(t)
	for _, sec := range secrets {
		if bytes.Contains(raw, []byte(sec)) {
			t.Errorf("%q is on disk in plain text", sec)
		}
	}
}
