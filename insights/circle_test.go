package insights

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// canary is a journal's words: they must reach nothing insights return.
const canary = "CANARY-journal-words-7f3a"

// circleHistory is a circle of three: Sam and Alex share, Jo keeps
// their reflections out. Every reflection carries a journal, which the
// store never gives, to show it is never read.
func circleHistory() *tend.CircleHistory {
	r := func(who, missing string, helped ...string) *tend.Reflection {
		return &tend.Reflection{PersonID: who, DisplayName: who, Mood: 4, Missing: missing, Helped: helped, Journal: canary + " " + who}
	}
	return &tend.CircleHistory{CircleID: "c1",
		Members: []tend.CircleMemberHistory{{PersonID: "sam", DisplayName: "Sam"},
			{PersonID: "jo", DisplayName: "Jo", Out: true}, {PersonID: "alex", DisplayName: "Alex"}},
		Encounters: []*tend.CirclePast{
			{ID: "e1", Kind: tend.Gentle, CreatedAt: day(1, 2), Reflections: []*tend.Reflection{
				r("sam", "", "cuddle", "cuddle"), r("alex", "more time", "cuddle", "water")}},
			{ID: "e2", Kind: tend.Intense, CreatedAt: day(1, 20), Reflections: []*tend.Reflection{
				r("sam", "  ", "water"), r("alex", "", "cuddle"),
				// A reflection of Jo's, who keeps theirs out: the store
				// leaves it out; if it were given, it counts for nothing.
				r("jo", "a snack", "snack", "snack", "snack")}},
			{ID: "e3", Kind: tend.Gentle, CreatedAt: day(3, 5), Reflections: []*tend.Reflection{
				r("sam", "a nap", "blanket"),
				// Someone no longer in the circle: their shared words
				// still count for what helped.
				r("kim", "", "cuddle")}},
		}}
}

func TestCircle(t *testing.T) {
	got := circle(t, circleHistory(), testNames, day(3, 20), nil)
	want := &CircleInsights{
		Encounters: 3,
		Members: []MemberNeeds{
			{PersonID: "sam", DisplayName: "Sam", Reflections: 3, Met: 2,
				Reading: "Nothing was missing for Sam in 2 of 3 shared reflections."},
			{PersonID: "jo", DisplayName: "Jo", Out: true,
				Reading: "Jo keeps their reflections out of the circle's insights."},
			{PersonID: "alex", DisplayName: "Alex", Reflections: 2, Met: 1,
				Reading: "Nothing was missing for Alex in 1 of 2 shared reflections."},
		},
		Helped: Helped{Practices: []HelpedPractice{{"cuddle", "A cuddle", 4, 0}, {"water", "A glass of water", 2, 0},
			{"blanket", "A soft blanket", 1, 0}},
			Reading: "A cuddle was named as helping most often, 4 times."},
		Rhythm: Rhythm{Months: []RhythmMonth{{Month: "2026-01", Encounters: 2}, {Month: "2026-02"}, {Month: "2026-03", Encounters: 1}},
			Reading: "The circle had 3 encounters in the last 3 months."},
		Reading: "From 3 encounters together and 6 reflections shared with the circle. 1 member keeps their reflections out.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\ngot  %+v\nwant %+v", got, want)
	}
}

func TestCircleReadings(t *testing.T) {
	for _, tc := range []struct {
		name                string
		h                   *tend.CircleHistory
		reading, rhythm     string
		helped, firstMember string
	}{
		{"Nothing", nil, "The circle's insights will show here once an encounter's reflections are revealed.",
			"How often the circle had encounters will show here after its first one.",
			"What helped will show here once shared reflections name it.", ""},
		{"OneEach", &tend.CircleHistory{
			Members: []tend.CircleMemberHistory{{PersonID: "sam", DisplayName: "Sam"}, {PersonID: "alex"}},
			Encounters: []*tend.CirclePast{{CreatedAt: day(3, 2), Reflections: []*tend.Reflection{
				{PersonID: "sam", Missing: "words"}, {PersonID: "alex"}}}}},
			"From 1 encounter together and 2 reflections shared with the circle.",
			"The circle had 1 encounter this month.",
			"What helped will show here once shared reflections name it.",
			"Sam's one shared reflection named something missing."},
		{"NoneShared", &tend.CircleHistory{
			Members:    []tend.CircleMemberHistory{{PersonID: "sam", DisplayName: "Sam"}, {PersonID: "jo", Out: true}, {PersonID: "kim", Out: true}},
			Encounters: []*tend.CirclePast{{CreatedAt: day(3, 2)}, {CreatedAt: day(3, 9)}}},
			"From 2 encounters together and 0 reflections shared with the circle. 2 members keep their reflections out.",
			"The circle had 2 encounters this month.",
			"What helped will show here once shared reflections name it.",
			"Sam has not shared a reflection here yet."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := circle(t, tc.h, testNames, day(3, 20), nil)
			if got.Reading != tc.reading || got.Rhythm.Reading != tc.rhythm || got.Helped.Reading != tc.helped {
				t.Errorf("readings:\ngot  %q\n     %q\n     %q\nwant %q\n     %q\n     %q",
					got.Reading, got.Rhythm.Reading, got.Helped.Reading, tc.reading, tc.rhythm, tc.helped)
			}
			if len(got.Members) > 0 && got.Members[0].Reading != tc.firstMember {
				t.Errorf("first member: got %q, want %q", got.Members[0].Reading, tc.firstMember)
			}
		})
	}
	for _, tc := range []struct {
		out              bool
		reflections, met int
		want             string
	}{
		{false, 3, 2, "Nothing was missing for this member in 2 of 3 shared reflections."},
		{false, 1, 1, "Nothing was missing for this member in their one shared reflection."},
		{false, 0, 0, "This member has not shared a reflection here yet."},
		{true, 0, 0, "This member keeps their reflections out of the circle's insights."},
	} {
		if got := memberReading("", tc.out, tc.reflections, tc.met); got != tc.want {
			t.Errorf("unnamed member: got %q, want %q", got, tc.want)
		}
	}
}

// TestCircleNeverReadsJournals checks that a journal's words reach
// nothing Circle returns, and that journals (or anything of a member
// who keeps theirs out) change nothing.
func TestCircleNeverReadsJournals(t *testing.T) {
	h := circleHistory()
	got := circle(t, h, testNames, day(3, 20), nil)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "CANARY") {
		t.Fatalf("a journal's words are in the circle's insights: %s", b)
	}
	// Without the journals, and without Jo's reflection (as the store
	// gives it): the same insights.
	bare := circleHistory()
	for _, e := range bare.Encounters {
		var keep []*tend.Reflection
		for _, r := range e.Reflections {
			if r.PersonID != "jo" {
				r.Journal = ""
				keep = append(keep, r)
			}
		}
		e.Reflections = keep
	}
	if again := circle(t, bare, testNames, day(3, 20), nil); !reflect.DeepEqual(again, got) {
		t.Errorf("journals or a kept-out member's reflection changed the insights:\nwith    %+v\nwithout %+v", got, again)
	}
	// And another member's journal added to one reflection: the same.
	h.Encounters[0].Reflections[1].Journal = strings.Repeat(canary, 10)
	if again := circle(t, h, testNames, day(3, 20), nil); !reflect.DeepEqual(again, got) {
		t.Errorf("a longer journal changed the insights")
	}
}

func TestCircleAsOfNow(t *testing.T) {
	h := circleHistory()
	h.Encounters = append(h.Encounters, &tend.CirclePast{CreatedAt: day(5, 1), Reflections: []*tend.Reflection{{PersonID: "sam", Helped: []string{"rest"}}}})
	h.Encounters[0].Reflections[0].At = day(6, 1)
	got := circle(t, h, testNames, day(3, 20), nil)
	if got.Encounters != 3 || got.Members[0].Reflections != 2 || len(got.Rhythm.Months) != 3 {
		t.Errorf("got %d encounters, %d of Sam's reflections, %d months; want 3, 2, 3 (the future left out)",
			got.Encounters, got.Members[0].Reflections, len(got.Rhythm.Months))
	}
}
