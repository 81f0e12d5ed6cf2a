package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// testHistory: FindHistory reads what insights are made from, for the
// person only: their encounter's kind and times, their check-in's needs,
// the steps ticked for them (the last tick or untick of a step counts),
// their own "not okay" (not another's), their reflection without the
// journal, their follow-up answers without the words, their low place.
func testHistory(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Intense, Minutes: 20})
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.DB.SaveCheckIn(ctx, sam.ID, e.ID, &tend.CheckIn{Mood: 3, Needs: []string{"water", "cuddle"}, Limits: "canary-limits"})
	check(err)
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	for _, sig := range []struct {
		who *tend.Person
		s   tend.Signal
	}{
		{alex, tend.Signal{Kind: tend.SignalTick, Ref: "water:Sam"}},
		{alex, tend.Signal{Kind: tend.SignalTick, Ref: "blanket:Alex+Sam"}},
		{alex, tend.Signal{Kind: tend.SignalTick, Ref: "cuddle:Sam"}},
		{alex, tend.Signal{Kind: tend.SignalUntick, Ref: "cuddle:Sam"}},
		{sam, tend.Signal{Kind: tend.SignalTick, Ref: "snack:Alex"}},
		{sam, tend.Signal{Kind: tend.SignalNotOkay}},
		{alex, tend.Signal{Kind: tend.SignalNotOkay}},
		{sam, tend.Signal{Kind: tend.SignalOkay}},
		{alex, tend.Signal{Kind: tend.SignalOkay}},
	} {
		_, err := s.DB.AddSignal(ctx, sig.who.ID, e.ID, &sig.s)
		check(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	_, err = s.DB.SaveReflection(ctx, sam.ID, e.ID, &tend.Reflection{Mood: 4, Helped: []string{"water"},
		Missing: "more time", Journal: "canary-journal"})
	check(err)
	_, err = s.DB.SaveReflection(ctx, alex.ID, e.ID, &tend.Reflection{Mood: 2, Helped: []string{"snack"}, Journal: "canary-alex"})
	check(err)
	answerFirst(t, s, sam.ID, e.ID, tend.FollowupLow, "canary-words")
	_, err = s.DB.RaiseLow(ctx, sam.ID, e.ID)
	check(err)
	check(s.DB.DismissSuggestion(ctx, sam.ID, "drop.when.next-day"))
	check(s.DB.DismissSuggestion(ctx, sam.ID, "drop.when.next-day"))

	h, err := s.DB.FindHistory(ctx, sam.ID)
	check(err)
	if len(h.Encounters) != 1 {
		t.Fatalf("encounters: got %d, want 1", len(h.Encounters))
	}
	pe := h.Encounters[0]
	if pe.ID != e.ID || pe.Kind != tend.Intense || pe.CircleID != e.CircleID || !pe.CreatedAt.Equal(now) {
		t.Errorf("encounter: got %+v", pe)
	}
	if pe.AftercareAt.IsZero() || pe.AftercareEnd.IsZero() {
		t.Errorf("aftercare times: got %v to %v, want both", pe.AftercareAt, pe.AftercareEnd)
	}
	if !slices.Equal(pe.Needs, []string{"water", "cuddle"}) {
		t.Errorf("needs: got %q", pe.Needs)
	}
	if !slices.Equal(pe.Ticked, []string{"blanket", "water"}) {
		t.Errorf("ticked for Sam: got %q, want blanket and water (cuddle was unticked, the snack was Alex's)", pe.Ticked)
	}
	if len(pe.NotOkay) != 1 {
		t.Errorf("Sam's not okay: got %d, want 1 (Alex's is not Sam's)", len(pe.NotOkay))
	}
	if r := pe.Reflection; r == nil || r.Mood != 4 || r.Missing != "more time" || r.Journal != "" || !slices.Equal(r.Helped, []string{"water"}) {
		t.Errorf("reflection: got %+v", r)
	}
	if len(pe.Followups) != 1 || pe.Followups[0].Answer != tend.FollowupLow || pe.Followups[0].AnsweredAt.IsZero() {
		t.Errorf("follow-ups: got %+v", pe.Followups)
	}
	if len(pe.LowPlace) != 1 {
		t.Errorf("low places: got %d, want 1 (the follow-up's alert is not one)", len(pe.LowPlace))
	}
	if !slices.Equal(h.Dismissed, []string{"drop.when.next-day"}) {
		t.Errorf("dismissed: got %q, want it once", h.Dismissed)
	}
	b, _ := json.Marshal(h)
	for _, canary := range []string{"canary-journal", "canary-alex", "canary-words", "canary-limits"} {
		if strings.Contains(string(b), canary) {
			t.Errorf("the history holds %q", canary)
		}
	}
	ah, err := s.DB.FindHistory(ctx, alex.ID)
	check(err)
	if got := ah.Encounters[0]; got.Reflection.Mood != 2 || len(got.Followups) != 0 || len(got.LowPlace) != 0 || !slices.Equal(got.Ticked, []string{"blanket", "snack"}) {
		t.Errorf("Alex's history holds Sam's: %+v", got)
	}
	// What was read is kept, but never stale: a new signal, or Alex
	// leaving with theirs, shows at once.
	e2, err := s.DB.CreateEncounter(ctx, alex.ID, tend.NewEncounter{CircleID: e.CircleID, Kind: tend.Gentle})
	check(err)
	mustMove(t, s, alex.ID, e2.ID, tend.StageBefore)
	_, err = s.DB.FindHistory(ctx, sam.ID)
	check(err)
	_, err = s.DB.AddSignal(ctx, alex.ID, e2.ID, &tend.Signal{Kind: tend.SignalTick, Ref: "water:Sam"})
	check(err)
	h, err = s.DB.FindHistory(ctx, sam.ID)
	check(err)
	if got := h.Encounters[1].Ticked; !slices.Equal(got, []string{"water"}) {
		t.Errorf("after a new tick: got %q, want water", got)
	}
	check(s.DB.LeaveEncounter(ctx, alex.ID, e.ID))
	h, err = s.DB.FindHistory(ctx, sam.ID)
	check(err)
	if got := h.Encounters[0].Ticked; len(got) != 0 {
		t.Errorf("after Alex left with their signals: Sam's ticked steps are %q, want none", got)
	}
	if _, err := s.DB.FindHistory(ctx, "00000000-0000-0000-0000-000000000000"); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("nobody's history: got %v, want ENOTFOUND", err)
	}
}

// testCircleHistory: a circle's insights read only revealed reflections'
// shared parts of members who did not keep theirs out, never a journal,
// and only encounters the reader took part in.
func testCircleHistory(t *testing.T, s Store) {
	ctx := context.Background()
	sam, alex, e := pair(t, s, tend.NewEncounter{Kind: tend.Gentle})
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	reflect := func(e *tend.Encounter, who *tend.Person, mood tend.Scale, helped, journal string) {
		t.Helper()
		_, err := s.DB.SaveReflection(ctx, who.ID, e.ID, &tend.Reflection{Mood: mood, Helped: []string{helped}, Journal: journal})
		check(err)
	}
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	mustMove(t, s, sam.ID, e.ID, tend.StageAfter)
	reflect(e, sam, 5, "water", "canary-sam-journal")
	reflect(e, alex, 3, "cuddle", "canary-alex-journal")
	// A second encounter where only Sam has reflected: not revealed.
	e2, err := s.DB.CreateEncounter(ctx, alex.ID, tend.NewEncounter{CircleID: e.CircleID, Kind: tend.Intense})
	check(err)
	mustMove(t, s, alex.ID, e2.ID, tend.StageBefore)
	mustMove(t, s, alex.ID, e2.ID, tend.StageAfter)
	reflect(e2, sam, 1, "canary-unrevealed", "")

	h, err := s.DB.FindCircleHistory(ctx, alex.ID, e.CircleID)
	check(err)
	if len(h.Members) != 2 || h.Members[0].DisplayName != "Sam" || h.Members[1].DisplayName != "Alex" {
		t.Errorf("members: got %+v", h.Members)
	}
	if len(h.Encounters) != 1 || h.Encounters[0].ID != e.ID || len(h.Encounters[0].Reflections) != 2 {
		t.Fatalf("encounters: got %d, want only the revealed one with 2 reflections", len(h.Encounters))
	}
	if c := h.Encounters[0]; c.AftercareAt.IsZero() || c.AftercareEnd.IsZero() {
		t.Errorf("the circle's encounter: aftercare %v to %v, want both", c.AftercareAt, c.AftercareEnd)
	}
	b, _ := json.Marshal(h)
	for _, canary := range []string{"canary-sam-journal", "canary-alex-journal", "canary-unrevealed"} {
		if strings.Contains(string(b), canary) {
			t.Errorf("the circle's history holds %q", canary)
		}
	}

	// Alex keeps theirs out: only Sam's counts, for both of them.
	check(s.DB.SetCircleInsights(ctx, alex.ID, e.CircleID, false))
	for _, who := range []*tend.Person{sam, alex} {
		h, err := s.DB.FindCircleHistory(ctx, who.ID, e.CircleID)
		check(err)
		rs := h.Encounters[0].Reflections
		if len(rs) != 1 || rs[0].PersonID != sam.ID || !h.Members[1].Out || h.Members[0].Out {
			t.Errorf("%s reads, with Alex's kept out: %d reflections, members %+v", who.DisplayName, len(rs), h.Members)
		}
	}
	c, err := s.DB.FindCircle(ctx, alex.ID, e.CircleID)
	check(err)
	if !c.Member(alex.ID).InsightsOut || c.Member(sam.ID).InsightsOut {
		t.Errorf("FindCircle: Alex's choice not read back")
	}
	check(s.DB.SetCircleInsights(ctx, alex.ID, e.CircleID, true))
	if h, _ := s.DB.FindCircleHistory(ctx, sam.ID, e.CircleID); len(h.Encounters[0].Reflections) != 2 {
		t.Errorf("Alex's reflections back in: got %d", len(h.Encounters[0].Reflections))
	}

	// Someone outside the circle, or a circle that does not exist.
	jo := mustCreatePerson(t, s.DB, "jordan", "Jo")
	for _, tc := range []struct{ who, circle string }{{jo.ID, e.CircleID}, {sam.ID, "00000000-0000-0000-0000-000000000000"}} {
		if _, err := s.DB.FindCircleHistory(ctx, tc.who, tc.circle); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("FindCircleHistory(%s, %s): got %v, want ENOTFOUND", tc.who, tc.circle, err)
		}
		if err := s.DB.SetCircleInsights(ctx, tc.who, tc.circle, false); tend.ErrorCode(err) != tend.ENOTFOUND {
			t.Errorf("SetCircleInsights(%s, %s): got %v, want ENOTFOUND", tc.who, tc.circle, err)
		}
	}
	// Jo joins later: the encounters before are not Jo's to read.
	_, err = s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, e.CircleID), jo.ID)
	check(err)
	if h, err := s.DB.FindCircleHistory(ctx, jo.ID, e.CircleID); err != nil || len(h.Encounters) != 0 || len(h.Members) != 3 {
		t.Errorf("Jo, who joined after: got %v encounters (%v)", h, err)
	}
}

// testProfileWhy: a version saved from a suggestion keeps why, sealed
// and read back; a stale base is refused and saves nothing.
func testProfileWhy(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	c := &tend.Card{Tend: tend.CardVersion, Receive: map[string]tend.Receive{"cuddle": tend.Okay}}
	p, err := s.DB.SaveProfile(ctx, sam.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	c2 := c.Clone()
	c2.Receive["cuddle"] = tend.Like
	if _, err := s.DB.SaveProfileWhy(ctx, sam.ID, c2, p.Version+1, "stale"); tend.ErrorCode(err) != tend.ECONFLICT {
		t.Errorf("a stale base: got %v, want ECONFLICT", err)
	}
	if _, err := s.DB.SaveProfileWhy(ctx, sam.ID, c2, p.Version, strings.Repeat("x", tend.MaxWhyLen+1)); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("a long why: got %v, want EINVALID", err)
	}
	p2, err := s.DB.SaveProfileWhy(ctx, sam.ID, c2, p.Version, "From your insights: canary-why")
	if err != nil {
		t.Fatal(err)
	}
	if p2.Version != p.Version+1 || p2.Card.Receive["cuddle"] != tend.Like {
		t.Errorf("saved: got version %d with %v", p2.Version, p2.Card.Receive)
	}
	vs, err := s.DB.FindProfileVersions(ctx, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Why != "From your insights: canary-why" || vs[1].Why != "" {
		t.Errorf("versions: got %+v", vs)
	}
	_, rows := queryAll(t, s.DB.SQL(), `SELECT why FROM profile_versions WHERE why IS NOT NULL`)
	if len(rows) != 1 {
		t.Errorf("rows with a why: got %d, want 1", len(rows))
	}
	for _, row := range rows {
		if b, _ := row[0].([]byte); strings.Contains(string(b), "canary-why") {
			t.Errorf("why stored in the clear: %q", b)
		}
	}
	if err := s.DB.DismissSuggestion(ctx, sam.ID, ""); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("an empty suggestion id: got %v, want EINVALID", err)
	}
}
