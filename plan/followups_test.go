package plan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestFollowupsWhenPromised: each later check-in comes when the practice,
// the kind of encounter or the person's drop says, in time order, with
// the person's own words on what helps, and only where someone is there
// to send it.
func TestFollowupsWhenPromised(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		kind  tend.Kind
		cards []*tend.Card
		want  []string // after [for]: why
	}{
		{"CheckinPractices", tend.Gentle,
			[]*tend.Card{card("Bo", recv("good-morning-message", "need", "days-later-checkin", "need", "evening-checkin", "like")),
				card("Al", give("good-morning-message", "glad", "days-later-checkin", "glad", "evening-checkin", "willing"))},
			[]string{"PT6H [Bo]: Bo would like a check-in that evening; Al is willing to send it.",
				"PT12H [Bo]: Bo needs a good-morning message; Al is glad to send it.",
				"P3D [Bo]: Bo needs a check-in a few days later; Al is glad to send it."}},
		{"SameDayDropBringsTheEveningCheckinForward", tend.Intense,
			[]*tend.Card{card("Bo", drop(tend.DropSameDay))},
			[]string{"PT3H [Bo]: After intense play a drop can come within hours; a short check-in later that day. Bo's low mood tends to come the same day.",
				"P1D [Bo]: A drop can also come the next day; a check-in then, even if all seemed well."}},
		{"WhatHelpsInTheirOwnWords", tend.Intense,
			[]*tend.Card{card("Bo", drop(tend.DropNextDay, "Tea.", " a walk "))},
			[]string{"PT6H [Bo]: After intense play a drop can come within hours; a short check-in later that day.",
				"P1D [Bo]: A drop can also come the next day; a check-in then, even if all seemed well. Bo's low mood tends to come the next day; what helps then: Tea, a walk."}},
		{"InTimeOrderNotNameOrder", tend.Gentle,
			[]*tend.Card{card("Bo", drop(tend.DropDaysLater)), card("Cy", drop(tend.DropNextDay))},
			[]string{"P1D [Cy]: Cy's low mood tends to come the next day.", "P3D [Bo]: Bo's low mood tends to come a few days later."}},
		{"AMessageAnHourLaterApart", tend.LongDistance,
			[]*tend.Card{card("Bo"), card("Cy")},
			[]string{"PT1H [Bo Cy]: Apart, nobody is in the room to notice a low mood; a short message an hour later."}},
		{"NoMessageFromNobody", tend.LongDistance, []*tend.Card{card("Bo")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlan(t, cat, tc.kind, tc.cards...)
			var got []string
			for _, f := range p.Followups {
				got = append(got, f.After+" ["+strings.Join(f.For, " ")+"]: "+f.Why)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("follow-ups:\ngot  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestAloneNothingShared: alone, the plan adds nothing that needs someone
// else: no talking it over after a first time, no open call apart.
func TestAloneNothingShared(t *testing.T) {
	cat := mustCatalog(t)
	for kind, id := range map[tend.Kind]string{tend.FirstTime: "debrief", tend.LongDistance: "stay-on-call"} {
		if p := mustPlan(t, cat, kind, card("Bo")); len(steps(p, id)) != 0 {
			t.Errorf("%s alone: want no %s step, got %s", kind, id, dump(p))
		}
		if p := mustPlan(t, cat, kind, card("Bo"), card("Cy")); len(steps(p, id)) != 1 {
			t.Errorf("%s for two: want a %s step, got %s", kind, id, dump(p))
		}
	}
}
