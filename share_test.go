package tend_test

import (
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

func TestSharedCard(t *testing.T) {
	full := &tend.Card{Tend: tend.CardVersion, Name: "Sam", Pronouns: "they/them",
		Receive:  map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like},
		Give:     map[string]tend.Give{"water": tend.Glad, "massage": tend.No},
		Comments: map[string]string{"cuddle": "big spoon"}, Notes: []string{"I cry sometimes"}, Avoid: []string{"leaving"},
		Drop:              &tend.Drop{When: tend.DropNextDay, Helps: []string{"a message"}},
		SpaceFirstMinutes: 10,
		Custom:            []tend.CustomPractice{{ID: "x-song", Title: "Our song", Mode: tend.Together, Receive: tend.Like}},
		Encounters:        map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"cuddle": tend.Need}, Minutes: 40}},
	}
	before, _ := tend.MarshalCard(full)

	all := tend.SharedCard(full, tend.ShareAll, nil)
	if len(tend.DiffCards(full, all)) != 0 {
		t.Errorf("everything: differs by %+v", tend.DiffCards(full, all))
	}

	levels := tend.SharedCard(full, tend.ShareLevels, nil)
	if levels.Notes != nil || levels.Avoid != nil || levels.Comments != nil || levels.Drop != nil {
		t.Errorf("levels: text left in: %+v", levels)
	}
	if levels.Receive["water"] != tend.Need || levels.SpaceFirstMinutes != 10 || len(levels.Custom) != 1 || levels.Encounters[tend.Intense].Minutes != 40 || levels.Pronouns != "they/them" {
		t.Errorf("levels: levels lost: %+v", levels)
	}

	some := tend.SharedCard(full, tend.ShareSome, []string{"cuddle", "x-song"})
	if len(some.Receive) != 1 || some.Receive["cuddle"] != tend.Like || len(some.Give) != 0 || len(some.Custom) != 1 ||
		some.Encounters[tend.Intense].Receive["cuddle"] != tend.Need || some.Encounters[tend.Intense].Minutes != 0 ||
		some.SpaceFirstMinutes != 0 || some.Notes != nil || some.Drop != nil || some.Name != "Sam" {
		t.Errorf("some: %+v", some)
	}
	if none := tend.SharedCard(full, tend.ShareSome, []string{"blanket"}); none.Receive != nil || none.Encounters != nil {
		t.Errorf("some, of nothing on the card: %+v", none)
	}
	if after, _ := tend.MarshalCard(full); string(after) != string(before) {
		t.Errorf("SharedCard changed the card")
	}
}

// TestMarshalPlan: a plan is written as indented JSON with a final
// newline, its text as written (no HTML escapes), the same bytes each time.
func TestMarshalPlan(t *testing.T) {
	p := &tend.Plan{Tend: tend.PlanVersion, Encounter: tend.Gentle, People: []string{"Sam & Jo"}}
	got, err := tend.MarshalPlan(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if !strings.HasPrefix(s, "{\n  \"tend\": \"plan/v1\",\n") || !strings.HasSuffix(s, "}\n") || !strings.Contains(s, `"Sam & Jo"`) {
		t.Errorf("got %s", s)
	}
	again, _ := tend.MarshalPlan(p)
	if string(again) != s {
		t.Error("the same plan gave other bytes")
	}
}
