package insights

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestMineEdges(t *testing.T) {
	now := day(6, 1)
	for _, tc := range []struct {
		name  string
		h     *tend.History
		check func(t *testing.T, in *Insights)
	}{
		{"NilHistory", nil, func(t *testing.T, in *Insights) {
			if in.Encounters != 0 || len(in.Mood.Months) != 0 || in.Mood.Reading == "" {
				t.Errorf("got %+v", in)
			}
		}},
		{"Empty", &tend.History{}, func(t *testing.T, in *Insights) {
			if in.Encounters != 0 || in.Drops.Total != 0 || len(in.Drops.ByDelay) != 4 || len(in.Suggestions) != 0 {
				t.Errorf("got %+v", in)
			}
		}},
		{"OneEncounter", history().enc(day(5, 31), refl(4, "cuddle"), followup(tend.FollowupLow, 0)).build(), func(t *testing.T, in *Insights) {
			if in.Encounters != 1 || in.Reflections != 1 || len(in.Mood.Months) != 2 || in.Mood.Months[0].Mean != 4 ||
				in.Drops.Total != 1 || len(in.Helped.Practices) != 1 {
				t.Errorf("got %+v", in)
			}
		}},
		{"EncountersInTheFuture", history().enc(day(5, 2), refl(4)).enc(day(7, 2), refl(1, "cuddle"), followup(tend.FollowupLow, hour)).
			enc(day(5, 30), aftercare(0, 20*time.Minute), followup(tend.FollowupCare, 48*hour), lowPlace(72*hour)).build(), func(t *testing.T, in *Insights) {
			// Only May's two count; June 1 has come, July has not.
			if in.Encounters != 2 || in.Reflections != 1 || in.Drops.Total != 1 || len(in.Helped.Practices) != 0 {
				t.Errorf("got %d encounters, %d reflections, %d drops, %d helped; want 2, 1, 1, 0",
					in.Encounters, in.Reflections, in.Drops.Total, len(in.Helped.Practices))
			}
			if n := len(in.Mood.Months); n != 2 || in.Mood.Months[1].Month != "2026-06" {
				t.Errorf("months %+v, want May and June", in.Mood.Months)
			}
		}},
		{"OnlyInTheFuture", history().enc(day(7, 2), refl(4)).build(), func(t *testing.T, in *Insights) {
			if in.Encounters != 0 || len(in.Mood.Months) != 0 || len(in.Rhythm.Months) != 0 {
				t.Errorf("got %+v", in)
			}
		}},
		{"ReflectedAfterNow", history().enc(day(5, 2), refl(4, "cuddle"), func(e *tend.PastEncounter) { e.Reflection.At = day(6, 2) }).build(),
			func(t *testing.T, in *Insights) {
				if in.Encounters != 1 || in.Reflections != 0 || len(in.Helped.Practices) != 0 {
					t.Errorf("got %+v", in)
				}
			}},
		{"ZeroTimes", history().enc(time.Time{}, refl(3), func(e *tend.PastEncounter) {
			e.Followups = []tend.PastFollowup{{Answer: tend.FollowupLow}}
			e.LowPlace = []time.Time{{}}
		}).enc(day(5, 2), noAftercare(), func(e *tend.PastEncounter) {
			e.AftercareEnd = day(5, 3) // an end without a start is no aftercare
			e.Followups = []tend.PastFollowup{{Answer: tend.FollowupCare}}
		}).build(), func(t *testing.T, in *Insights) {
			if in.Encounters != 2 || in.Drops.Total != 3 {
				t.Errorf("got %d encounters, %d drops; want 2, 3", in.Encounters, in.Drops.Total)
			}
			for _, d := range in.Drops.ByDelay {
				if d.Drops != 0 {
					t.Errorf("an untimed drop was timed: %+v", in.Drops.ByDelay)
				}
			}
			if len(in.Mood.Months) != 2 || in.Mood.Months[0].Month != "2026-05" || in.Mood.Months[0].Reflections != 0 {
				t.Errorf("months %+v, want May and June, no reflection in them", in.Mood.Months)
			}
			if r := in.Rhythm.Months; r[0].Encounters != 1 || r[0].Aftercare != 0 || r[0].Minutes != 0 || r[1].Encounters != 0 {
				t.Errorf("rhythm %+v; want one encounter in May, without aftercare, and none in June", r)
			}
			if in.Mood.Months[1].Reflections != 0 || in.Mood.Months[1].Low+in.Mood.Months[1].Care != 0 {
				t.Errorf("June %+v: what has no time was put in a month", in.Mood.Months[1])
			}
		}},
		{"UnknownKinds", history().enc(day(5, 2), kind(""), lowPlace(hour)).enc(day(5, 3), kind("orgy"), lowPlace(hour)).
			enc(day(5, 4), kind(tend.Solo)).build(), func(t *testing.T, in *Insights) {
			if len(in.Drops.ByKind) != 1 || in.Drops.ByKind[0] != (KindDrops{tend.Solo, 1, 0}) || in.Drops.Total != 2 || in.Drops.ByDelay[1].Drops != 2 {
				t.Errorf("got %+v", in.Drops)
			}
		}},
		{"DuplicateIDs", history().enc(day(5, 2), refl(5, "cuddle", "cuddle", "", "water"), ticked("cuddle", "cuddle", ""),
			needs("water", "water", "rest", "rest", "")).
			enc(day(5, 3), needs("rest")).build(), func(t *testing.T, in *Insights) {
			if h := in.Helped.Practices; len(h) != 2 || h[0] != (HelpedPractice{"cuddle", "A cuddle", 1, 1}) || h[1].Said != 1 {
				t.Errorf("helped %+v", h)
			}
			if u := in.Unmet.Needs; len(u) != 1 || u[0].Practice != "rest" || u[0].Times != 2 {
				t.Errorf("unmet %+v", u)
			}
		}},
		{"NilsInside", &tend.History{Encounters: []*tend.PastEncounter{nil, {CreatedAt: day(5, 2), Reflection: &tend.Reflection{}}}},
			func(t *testing.T, in *Insights) {
				// A reflection without a mood is a reflection, not a mood.
				if in.Encounters != 1 || in.Reflections != 1 || in.Mood.Months[0].Reflections != 0 {
					t.Errorf("got %+v", in)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mine(t, tc.h, testNames, now, nil)
			tc.check(t, in)
			b, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "null") {
				t.Errorf("null in the JSON: %s", b)
			}
		})
	}
}

func TestMineNilNames(t *testing.T) {
	in := mine(t, history().enc(day(5, 2), ticked("cuddle")).build(), nil, day(6, 1), nil)
	if p := in.Helped.Practices; len(p) != 1 || p[0].Title != "cuddle" {
		t.Errorf("got %+v, want the id as title", p)
	}
}

// TestMineLeavesHistoryAlone checks that Mine changes nothing it reads.
func TestMineLeavesHistoryAlone(t *testing.T) {
	h := cuddleHistory(&tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay}}).build()
	before, _ := json.Marshal(h)
	mine(t, h, testNames, day(12, 1), nil)
	if after, _ := json.Marshal(h); string(after) != string(before) {
		t.Error("Mine changed the history")
	}
}
