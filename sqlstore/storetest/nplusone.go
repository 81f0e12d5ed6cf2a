package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/tendcare/tend"
)

// doneEncounter makes an encounter of the first person's (in the circle,
// or solo) and takes it through check-ins to the reflections, so that
// every part a list reads is there. All reflect, and it ends, unless
// onlyLast: then only the last one does, and it waits for the others.
func doneEncounter(t *testing.T, s Store, circleID string, onlyLast bool, people ...*tend.Person) {
	t.Helper()
	ctx := context.Background()
	n := tend.NewEncounter{CircleID: circleID, Kind: tend.Gentle, Minutes: 10}
	if circleID == "" {
		n.Kind, people = tend.Solo, people[:1]
	}
	e, err := s.DB.CreateEncounter(ctx, people[0].ID, n)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if _, err := s.DB.SaveCheckIn(ctx, p.ID, e.ID, &tend.CheckIn{Mood: 4, Needs: []string{"water"}, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
	}
	mustMove(t, s, people[0].ID, e.ID, tend.StageBefore)
	mustMove(t, s, people[0].ID, e.ID, tend.StageAfter)
	for i, p := range people {
		if onlyLast && i < len(people)-1 {
			continue
		}
		if _, err := s.DB.SaveReflection(ctx, p.ID, e.ID, &tend.Reflection{Mood: 3, Note: "thanks", Journal: "mine"}); err != nil {
			t.Fatal(err)
		}
	}
}

// testNoNPlusOne: reading the list of encounters, and the reflections of
// those the history shows, costs as many queries for 50 encounters as for
// one; and the lists read so hold what reading each alone does.
func testNoNPlusOne(t *testing.T, s Store) {
	if s.Counter == nil {
		t.Fatal("the opener gives no query counter (Store.Counter)")
	}
	ctx := context.Background()
	sam, alex := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	c := mustCreateCircle(t, s, sam.ID, "us")
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID); err != nil {
		t.Fatal(err)
	}
	doneEncounter(t, s, c.ID, false, sam, alex)

	// count runs read and returns the statements it sent.
	count := func(read func() error) []string {
		t.Helper()
		s.Counter.Reset()
		if err := read(); err != nil {
			t.Fatal(err)
		}
		return s.Counter.Queries()
	}
	var list []*tend.Encounter
	findAll := func() (err error) {
		list, err = s.DB.FindEncounters(ctx, sam.ID)
		return err
	}
	// history reads what the page of past encounters shows.
	var all map[string]*tend.Reflections
	history := func() error {
		if err := findAll(); err != nil {
			return err
		}
		ids := make([]string, len(list))
		for i, e := range list {
			ids[i] = e.ID
		}
		var err error
		all, err = s.DB.FindReflectionsFor(ctx, sam.ID, ids)
		return err
	}
	one, oneHistory := count(findAll), count(history)
	for i := range 49 {
		// Some solo, some waiting for Sam's reflection with Alex's
		// written (and not to be shown to Sam yet).
		circle := c.ID
		if i%3 == 0 {
			circle = ""
		}
		doneEncounter(t, s, circle, circle != "" && i%4 == 1, sam, alex)
	}
	fifty, fiftyHistory := count(findAll), count(history)
	if len(list) != 50 {
		t.Fatalf("FindEncounters found %d encounters, want 50", len(list))
	}
	t.Logf("FindEncounters: %d queries for 1 encounter, %d for 50", len(one), len(fifty))
	t.Logf("history: %d queries for 1 encounter, %d for 50", len(oneHistory), len(fiftyHistory))
	if len(one) == 0 || len(fifty) != len(one) {
		t.Errorf("FindEncounters: %d queries for 1 encounter, %d for 50: %q", len(one), len(fifty), fifty)
	}
	if len(oneHistory) == 0 || len(fiftyHistory) != len(oneHistory) {
		t.Errorf("history: %d queries for 1 encounter, %d for 50", len(oneHistory), len(fiftyHistory))
	}

	// Read together, as read one by one.
	if len(all) != len(list) {
		t.Errorf("FindReflectionsFor answered for %d encounters, want %d", len(all), len(list))
	}
	waiting := 0
	for _, e := range list {
		alone, err := s.DB.FindEncounter(ctx, sam.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(e, alone) {
			t.Errorf("encounter %s in the list:\n%+v\nread alone:\n%+v", e.ID, e, alone)
		}
		mine, others, revealed, err := s.DB.FindReflections(ctx, sam.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := &tend.Reflections{Mine: mine, Others: others, Revealed: revealed}
		if got := all[e.ID]; !reflect.DeepEqual(got, want) {
			t.Errorf("reflections of %s read together:\n%+v\nread alone:\n%+v", e.ID, got, want)
		}
		switch {
		case e.Stage == tend.StageReflect:
			if mine != nil || len(others) != 0 || revealed {
				t.Errorf("reflections of %s, still reflecting: mine %+v, others %+v, revealed %v", e.ID, mine, others, revealed)
			}
			waiting++
		case mine == nil || mine.Journal != "mine" || !revealed || (!e.Solo() && (len(others) != 1 || others[0].Journal != "")):
			t.Errorf("reflections of %s: mine %+v, others %+v, revealed %v", e.ID, mine, others, revealed)
		}
	}

	if waiting == 0 {
		t.Error("no encounter waits for Sam's reflection: the test checks nothing unrevealed")
	}

	// Someone else's encounter, and one that is not there, are left
	// out alike.
	kim := mustCreatePerson(t, s.DB, "kim", "Kim")
	got, err := s.DB.FindReflectionsFor(ctx, kim.ID, []string{list[0].ID, "0193a6f0-0000-7000-8000-00000000dead"})
	if err != nil || len(got) != 0 {
		t.Errorf("FindReflectionsFor, outside: %v, %v", got, err)
	}
	if got, err := s.DB.FindReflectionsFor(ctx, sam.ID, nil); err != nil || len(got) != 0 {
		t.Errorf("FindReflectionsFor, none: %v, %v", got, err)
	}
}

// testCirclesNoNPlusOne: a person's circles, with their members, are read
// in the same number of queries however many there are, and as each is
// read alone.
func testCirclesNoNPlusOne(t *testing.T, s Store) {
	if s.Counter == nil {
		t.Fatal("the opener gives no query counter (Store.Counter)")
	}
	ctx := context.Background()
	sam, alex := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	mustCreateCircle(t, s, sam.ID, "first")
	count := func() ([]*tend.Circle, int) {
		t.Helper()
		s.Counter.Reset()
		cs, err := s.DB.FindCircles(ctx, sam.ID)
		if err != nil {
			t.Fatal(err)
		}
		return cs, len(s.Counter.Queries())
	}
	_, one := count()
	for i := range 9 {
		c := mustCreateCircle(t, s, sam.ID, fmt.Sprintf("circle %d", i))
		if i%2 == 0 {
			if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	list, ten := count()
	if len(list) != 10 || one == 0 || ten != one {
		t.Errorf("FindCircles: %d queries for 1 circle, %d for %d", one, ten, len(list))
	}
	for _, c := range list {
		alone, err := s.DB.FindCircle(ctx, sam.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c, alone) {
			t.Errorf("circle %s in the list:\n%+v\nread alone:\n%+v", c.Name, c, alone)
		}
	}
}
