package plan_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

func TestMakeErrors(t *testing.T) {
	cat := mustCatalog(t)
	many := make([]*tend.Card, 13)
	for i := range many {
		many[i] = card(fmt.Sprintf("P%02d", i))
	}
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  string
	}{
		{"ErrUnknownKind", "spicy", []*tend.Card{card("Sam")}, "not an encounter kind"},
		{"ErrNoCards", tend.Gentle, nil, "at least one card"},
		{"ErrTooMany", tend.Gentle, many, "at most 12"},
		{"ErrSoloTwoCards", tend.Solo, []*tend.Card{card("Sam"), card("Alex")}, "exactly one card"},
		{"ErrSameName", tend.Gentle, []*tend.Card{card("Sam"), card("sam")}, "two cards are named"},
		{"ErrNoName", tend.Gentle, []*tend.Card{card(" ")}, "needs a name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plan.Make(cat, tc.cards, tc.kind)
			if tend.ErrorCode(err) != tend.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
	t.Run("TwelvePeople", func(t *testing.T) {
		mustPlan(t, cat, tend.Gentle, many[:12]...)
	})
}

// TestKinds checks what each kind of encounter does to the same people.
func TestKinds(t *testing.T) {
	cat := mustCatalog(t)
	pair := func() []*tend.Card {
		return []*tend.Card{
			card("Sam", recv("water", "need", "massage", "need", "cuddle", "like", "movie", "like", "slow-kiss", "like"),
				give("water", "glad", "cuddle", "glad", "ask-feelings", "glad")),
			card("Alex", recv("ask-feelings", "need", "shower-together", "like", "appreciate", "like"),
				give("water", "glad", "massage", "willing", "appreciate", "no", "slow-kiss", "glad")),
		}
	}
	t.Run("GentleIsTheDefault", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle, pair()...)
		if p.Minutes != 15 {
			t.Errorf("minutes: got %d, want 15", p.Minutes)
		}
		if s := steps(p, "water"); len(s) != 1 || !slices.Equal(s[0].By, []string{"Alex"}) {
			t.Errorf("water: got %+v, want Alex giving it", s)
		}
		if s := steps(p, "massage"); len(s) != 1 || !strings.Contains(s[0].Why, "willing") {
			t.Errorf("massage: got %+v, want Alex, willing", s)
		}
		if len(steps(p, "movie")) != 1 || len(steps(p, "cuddle")) != 1 {
			t.Errorf("liked together practices nobody declines should be planned: %s", dump(p))
		}
		if len(steps(p, "appreciate")) != 0 {
			t.Errorf("appreciate: Sam does not offer it and Alex only likes it; got a step")
		}
		if len(p.Followups) != 0 {
			t.Errorf("followups: got %v, want none for a gentle encounter without drop", p.Followups)
		}
	})
	t.Run("Quickie", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Quickie, pair()...)
		if p.Minutes != 15 {
			t.Errorf("minutes: got %d, want 15, the needed massage", p.Minutes)
		}
		q := mustPlan(t, cat, tend.Quickie, card("Sam", recv("water", "need", "movie", "like")), card("Alex", give("water", "glad")))
		if q.Minutes != 5 {
			t.Errorf("minutes with only quick needs: got %d, want 5", q.Minutes)
		}
		if len(steps(p, "movie")) != 0 || len(steps(p, "shower-together")) != 0 {
			t.Errorf("quickie keeps liked practices to quick ones: %s", dump(p))
		}
		if len(steps(p, "massage")) != 1 {
			t.Errorf("quickie: needs always stay; massage missing")
		}
		if len(steps(p, "slow-kiss")) != 1 {
			t.Errorf("quickie: a liked quick practice should stay")
		}
	})
	t.Run("Intense", func(t *testing.T) {
		cards := pair()
		cards[0].Drop = &tend.Drop{When: tend.DropSameDay, Helps: []string{"tea"}}
		cards[1].Drop = &tend.Drop{When: tend.DropDaysLater}
		p := mustPlan(t, cat, tend.Intense, cards...)
		if p.Minutes < 30 {
			t.Errorf("minutes: got %d, want at least 30", p.Minutes)
		}
		for _, item := range []string{"water", "a snack", "a soft blanket"} {
			if _, ok := supply(p, item); !ok {
				t.Errorf("supplies: %q missing from %v", item, p.Supplies)
			}
		}
		// Later that day: Sam earlier (same-day drop), Alex at 6 hours.
		if f, ok := followup(p, "PT3H"); !ok || !slices.Contains(f.For, "Sam") || !strings.Contains(f.Why, "tea") {
			t.Errorf("PT3H: got %+v, want Sam with what helps", f)
		}
		if f, ok := followup(p, "PT6H"); !ok || !slices.Equal(f.For, []string{"Alex"}) {
			t.Errorf("PT6H: got %+v, want Alex only (Sam's comes earlier)", f)
		}
		if f, ok := followup(p, "P1D"); !ok || !slices.Equal(f.For, []string{"Alex", "Sam"}) {
			t.Errorf("P1D: got %+v, want both", f)
		}
		if f, ok := followup(p, "P3D"); !ok || !slices.Equal(f.For, []string{"Alex"}) {
			t.Errorf("P3D: got %+v, want Alex (drop days later)", f)
		}
	})
	t.Run("IntenseMinutesFromCard", func(t *testing.T) {
		cards := pair()
		cards[0].Encounters = map[tend.Kind]*tend.Override{tend.Intense: {Minutes: 45, Receive: map[string]tend.Receive{"blanket": tend.Need}}}
		p := mustPlan(t, cat, tend.Intense, cards...)
		if p.Minutes != 45 {
			t.Errorf("minutes: got %d, want the card's 45", p.Minutes)
		}
		if len(steps(p, "blanket")) == 0 && len(conflicts(p, tend.UnmetNeed)) == 0 {
			t.Errorf("the intense override's need for a blanket is missing")
		}
		g := mustPlan(t, cat, tend.Gentle, cards...)
		if len(steps(g, "blanket")) != 0 || g.Minutes != 15 {
			t.Errorf("the intense override leaked into a gentle plan")
		}
	})
	t.Run("FirstTime", func(t *testing.T) {
		p := mustPlan(t, cat, tend.FirstTime, pair()...)
		d := steps(p, "debrief")
		if len(d) != 1 || d[0].Mode != tend.Together || len(d[0].By) != 2 {
			t.Errorf("debrief: got %+v, want one together step", d)
		}
		if f, ok := followup(p, "P1D"); !ok || !slices.Equal(f.For, []string{"Alex", "Sam"}) {
			t.Errorf("next-day check-in: got %+v", p.Followups)
		}
		cards := pair()
		cards[1].Receive["debrief"] = tend.Never
		if d := steps(mustPlan(t, cat, tend.FirstTime, cards...), "debrief"); len(d) != 0 {
			t.Errorf("debrief added although Alex marked it never")
		}
	})
	t.Run("LongDistance", func(t *testing.T) {
		p := mustPlan(t, cat, tend.LongDistance, pair()...)
		w := steps(p, "water")
		if len(w) != 1 || !slices.Equal(w[0].By, []string{"Sam"}) || w[0].Mode != tend.Self {
			t.Errorf("water at a distance: got %+v, want Sam's own", w)
		}
		if s, ok := supply(p, "water"); !ok || !slices.Equal(s.For, []string{"Sam"}) {
			t.Errorf("water should be in Sam's kit: %+v", p.Supplies)
		}
		if len(steps(p, "stay-on-call")) != 1 {
			t.Errorf("stay-on-call missing")
		}
		kits := steps(p, "self-care-kit")
		if len(kits) != 2 {
			t.Errorf("self-care-kit: got %d steps, want one each", len(kits))
		}
		for _, k := range kits {
			if k.For[0] == "Sam" && !strings.Contains(k.Why, "water") {
				t.Errorf("Sam's kit does not name the water: %q", k.Why)
			}
		}
		if len(steps(p, "ask-feelings")) != 1 {
			t.Errorf("ask-feelings works on a call; want it planned between them")
		}
	})
	t.Run("Solo", func(t *testing.T) {
		sam := pair()[0]
		p := mustPlan(t, cat, tend.Solo, sam)
		for _, id := range []string{"self-checkin", "self-compassion", "water", "cuddle"} {
			if len(steps(p, id)) != 1 {
				t.Errorf("solo: %s missing: %s", id, dump(p))
			}
		}
	})
}

func TestConflicts(t *testing.T) {
	cat := mustCatalog(t)
	t.Run("UnmetNeed", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", recv("massage", "need")),
			card("Alex", give("massage", "no", "stroke-hair", "glad")),
			card("Jo"))
		c := conflicts(p, tend.UnmetNeed)
		if len(c) != 1 || !slices.Equal(c[0].People, []string{"Sam"}) {
			t.Fatalf("got %+v, want one unmet need for Sam", p.Conflicts)
		}
		ways := strings.Join(c[0].Ways, "\n")
		for _, want := range []string{"Ask Jo", "Alex is glad to offer gentle hair stroking", "Sam can do a version alone"} {
			if !strings.Contains(ways, want) {
				t.Errorf("ways: missing %q in\n%s", want, ways)
			}
		}
		if len(steps(p, "massage")) != 0 {
			t.Errorf("massage planned although nobody gives it")
		}
	})
	t.Run("UnmetNeedSupply", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle, card("Sam", recv("water", "need")), card("Alex", give("water", "no")))
		if _, ok := supply(p, "water"); !ok {
			t.Errorf("an unmet need for water should still list water to prepare: %+v", p.Supplies)
		}
	})
	t.Run("DeclinedTogether", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", recv("cuddle", "need")),
			card("Alex", recv("cuddle", "rather-not")),
			card("Jo", recv("cuddle", "like")))
		if len(steps(p, "cuddle")) != 0 {
			t.Errorf("cuddle planned although Alex would rather not")
		}
		c := conflicts(p, tend.DeclinedTogether)
		if len(c) != 1 || !slices.Equal(c[0].People, []string{"Alex", "Jo", "Sam"}) {
			t.Fatalf("got %+v, want one declined-together naming all three", p.Conflicts)
		}
	})
	t.Run("DeclinedByGiveNo", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle, card("Sam", recv("walk", "like")), card("Alex", give("walk", "no")))
		if len(steps(p, "walk")) != 0 || len(conflicts(p, tend.DeclinedTogether)) != 1 {
			t.Errorf("a together practice someone will not give must be left out: %s", dump(p))
		}
	})
	t.Run("SpaceAndCloseness", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", space(10), recv("water", "need")),
			card("Alex", recv("cuddle", "need", "ask-feelings", "need"), give("water", "glad")))
		c := conflicts(p, tend.SpaceAndCloseness)
		if len(c) != 1 || !slices.Equal(c[0].People, []string{"Alex", "Sam"}) || !slices.Contains(c[0].Practices, "cuddle") {
			t.Fatalf("got %+v, want one space-and-closeness for Alex and Sam", p.Conflicts)
		}
		first := steps(p, "space-first")
		if len(first) != 1 || first[0].Minutes != 10 || first[0].Phase != tend.First || p.Steps[0].Practice != "space-first" {
			t.Errorf("space-first: got %+v, want Sam's 10 minutes as the first step", first)
		}
		cuddle := steps(p, "cuddle")
		if len(cuddle) != 2 {
			t.Fatalf("cuddle: got %+v, want Alex's interim step and the cuddle after", cuddle)
		}
		var interim, later tend.Step
		for _, s := range cuddle {
			if s.Mode == tend.Self {
				interim = s
			} else {
				later = s
			}
		}
		if interim.At != 0 || interim.Phase != tend.First || !slices.Equal(interim.By, []string{"Alex"}) {
			t.Errorf("interim: got %+v, want Alex on their own right away", interim)
		}
		if later.At != 10 {
			t.Errorf("cuddle: starts at %d, want 10, after Sam's time alone", later.At)
		}
		if w := steps(p, "water"); len(w) != 1 || w[0].At != 0 {
			t.Errorf("water for Sam needs no contact and can be left within reach: %+v", w)
		}
		if p.Minutes < 15 {
			t.Errorf("minutes: %d", p.Minutes)
		}
	})
	t.Run("NoTouchFirst", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", recv("no-touch-first", "need"), give("ask-feelings", "glad", "hold-hand", "glad")),
			card("Alex", recv("hold-hand", "need", "ask-feelings", "need")))
		c := conflicts(p, tend.SpaceAndCloseness)
		if len(c) != 1 || !slices.Equal(c[0].Practices, []string{"no-touch-first", "hold-hand"}) {
			t.Fatalf("got %+v, want a clash over holding hands only", p.Conflicts)
		}
		if a := steps(p, "ask-feelings"); len(a) != 1 || a[0].At != 0 {
			t.Errorf("talk is fine during no-touch-first: %+v", a)
		}
	})
	t.Run("SpaceInAGroupOfFive", func(t *testing.T) {
		cards := []*tend.Card{
			card("Sam", space(15), recv("cuddle", "like")),
			card("Alex", recv("cuddle", "need"), give("stroke-hair", "glad")),
			card("Jo", recv("cuddle", "like", "stroke-hair", "need")),
			card("Kai", give("stroke-hair", "glad")),
			card("Ren", recv("quiet-together", "like")),
		}
		p := mustPlan(t, cat, tend.Gentle, cards...)
		c := steps(p, "cuddle")
		if len(c) != 1 || c[0].At != 0 || !strings.Contains(c[0].Why, "Sam joins") {
			t.Errorf("cuddle: got %+v, want the others to start and Sam to join when ready", c)
		}
		if len(conflicts(p, tend.SpaceAndCloseness)) != 0 {
			t.Errorf("nobody waits in a group where others are free: %+v", p.Conflicts)
		}
	})
	t.Run("SpaceAvoidedByAnotherGiver", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", space(10), give("massage", "glad")),
			card("Alex", recv("massage", "need")),
			card("Jo", give("massage", "willing")))
		m := steps(p, "massage")
		if len(m) != 1 || !slices.Equal(m[0].By, []string{"Jo"}) || m[0].At != 0 {
			t.Errorf("massage: got %+v, want Jo (free) rather than Sam (alone first)", m)
		}
	})
}

func TestGiving(t *testing.T) {
	cat := mustCatalog(t)
	t.Run("GladFirst", func(t *testing.T) {
		p := mustPlan(t, cat, tend.Gentle,
			card("Sam", recv("water", "need")),
			card("Alex", give("water", "willing")),
			card("Jo", give("water", "glad")))
		if w := steps(p, "water"); len(w) != 1 || !slices.Equal(w[0].By, []string{"Jo"}) {
			t.Errorf("water: got %+v, want Jo, who is glad", w)
		}
	})
	t.Run("SharedFairlyInAGroupOfFive", func(t *testing.T) {
		var cards []*tend.Card
		for _, n := range []string{"Ana", "Ben", "Cam", "Dee", "Eli"} {
			cards = append(cards, card(n,
				recv("water", "need", "snack", "like", "blanket", "need", "affirm", "like"),
				give("water", "glad", "snack", "glad", "blanket", "glad", "affirm", "glad")))
		}
		p := mustPlan(t, cat, tend.Intense, cards...)
		load := map[string]int{}
		for _, s := range p.Steps {
			if s.Mode == tend.Given {
				load[s.By[0]] += len(s.For)
			}
		}
		// 5 people x 4 practices = 20 acts of giving; 4 each is fair.
		for _, n := range p.People {
			if load[n] < 3 || load[n] > 5 {
				t.Errorf("%s gives %d times; want about 4 each: %v", n, load[n], load)
			}
		}
	})
	t.Run("LikesCapped", func(t *testing.T) {
		var likes []string
		for _, id := range []string{"water", "snack", "towel", "blanket", "massage", "affirm", "praise", "appreciate"} {
			likes = append(likes, id, "like")
		}
		var gives []string
		for i := 0; i < len(likes); i += 2 {
			gives = append(gives, likes[i], "glad")
		}
		p := mustPlan(t, cat, tend.Gentle, card("Sam", recv(likes...)), card("Alex", give(gives...)))
		if n := len(p.Steps); n != 4 {
			t.Errorf("gentle: %d liked steps, want 4 (needs stay, likes are capped)", n)
		}
	})
	t.Run("NeedsNeverCapped", func(t *testing.T) {
		var needs, gives []string
		for _, id := range []string{"water", "snack", "towel", "blanket", "massage", "affirm", "praise", "appreciate"} {
			needs = append(needs, id, "need")
			gives = append(gives, id, "glad")
		}
		p := mustPlan(t, cat, tend.Quickie, card("Sam", recv(needs...)), card("Alex", give(gives...)))
		if n := len(p.Steps); n != 8 {
			t.Errorf("quickie: %d steps, want all 8 needs", n)
		}
	})
}

func TestCarried(t *testing.T) {
	cat := mustCatalog(t)
	sam := card("Sam", recv("cuddle", "need"), notes("I sometimes cry."), avoid("No tickling."))
	sam.Comments = map[string]string{"cuddle": "Big spoon, please."}
	sam.Custom = []tend.CustomPractice{{ID: "x-our-song", Title: "Put on our song", Mode: tend.Together, Remote: true, Quick: true, Receive: tend.Like}}
	alex := card("Alex", recv("x-our-song", "like"), notes("I go quiet."))
	p := mustPlan(t, cat, tend.Gentle, sam, alex)
	if len(p.Notes) != 2 || p.Notes[0].From != "Alex" || p.Notes[1].Text != "I sometimes cry." {
		t.Errorf("notes: got %+v", p.Notes)
	}
	if len(p.Avoid) != 1 || p.Avoid[0].From != "Sam" {
		t.Errorf("avoid: got %+v", p.Avoid)
	}
	c := steps(p, "cuddle")
	if len(c) != 1 || len(c[0].Comments) != 1 || c[0].Comments[0].Text != "Big spoon, please." {
		t.Errorf("cuddle comments: got %+v", c)
	}
	song := steps(p, "x-our-song")
	if len(song) != 1 || !slices.Equal(song[0].For, []string{"Alex", "Sam"}) || song[0].Title != "Put on our song" {
		t.Errorf("own practice shared by both: got %+v", song)
	}
}

func TestCheckinsBecomeFollowups(t *testing.T) {
	cat := mustCatalog(t)
	sam := card("Sam", recv("evening-checkin", "need", "next-day-checkin", "like"))
	p := mustPlan(t, cat, tend.Gentle, sam, card("Alex", give("evening-checkin", "glad", "next-day-checkin", "willing")))
	if f, ok := followup(p, "PT6H"); !ok || !slices.Equal(f.For, []string{"Sam"}) || !strings.Contains(f.Why, "Alex is glad to send it") {
		t.Errorf("evening: got %+v", p.Followups)
	}
	if _, ok := followup(p, "P1D"); !ok {
		t.Errorf("next day: got %+v", p.Followups)
	}
	if len(p.Steps) != 0 {
		t.Errorf("check-ins are follow-ups, not steps: %+v", p.Steps)
	}
	q := mustPlan(t, cat, tend.Gentle, sam, card("Alex", give("evening-checkin", "no")))
	if len(q.Followups) != 0 || len(conflicts(q, tend.UnmetNeed)) != 1 {
		t.Errorf("nobody offers check-ins: got follow-ups %+v, conflicts %+v; want the need unmet and the like left out", q.Followups, q.Conflicts)
	}
	solo := mustPlan(t, cat, tend.Solo, sam)
	if len(solo.Followups) != 2 {
		t.Errorf("solo: check-ins are reminders to oneself; got %+v", solo.Followups)
	}
}

// TestEveryKindAndSize runs every kind for groups of 1 to 12 built from a
// mix of profiles, asserting the invariants on each plan.
func TestEveryKindAndSize(t *testing.T) {
	cat := mustCatalog(t)
	for _, k := range tend.Kinds() {
		for _, n := range []int{1, 2, 3, 5, 8, 12} {
			if k == tend.Solo && n != 1 {
				continue
			}
			t.Run(fmt.Sprintf("%s/%d", k, n), func(t *testing.T) {
				mustPlan(t, cat, k, group(cat, n)...)
			})
		}
	}
}

// group makes n varied cards deterministically from the catalog.
func group(cat interface{ Practices() []*tend.Practice }, n int) []*tend.Card {
	ps := cat.Practices()
	levels := tend.ReceiveLevels()
	gives := tend.GiveLevels()
	out := make([]*tend.Card, n)
	for i := range out {
		c := card(fmt.Sprintf("Person %02d", i+1))
		for j, p := range ps {
			if (i+j)%3 == 0 {
				c.Receive[p.ID] = levels[(i*7+j)%len(levels)]
			}
			if (i+j)%2 == 0 {
				c.Give[p.ID] = gives[(i*5+j)%len(gives)]
			}
		}
		if i%4 == 1 {
			c.SpaceFirstMinutes = 5 + i
		}
		if i%3 == 2 {
			c.Drop = &tend.Drop{When: tend.DropNextDay, Helps: []string{"a message"}}
		}
		c.Notes = []string{fmt.Sprintf("Note from %d.", i+1)}
		out[i] = c
	}
	return out
}
