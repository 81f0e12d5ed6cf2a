package insights

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// seeded is a made-up history of n encounters over three years, with
// three follow-up answers each, reflections, ticks, needs and drops:
// the same every time.
func seeded(n int) *tend.History {
	r := rand.New(rand.NewPCG(16, 8))
	ids := []string{"water", "cuddle", "blanket", "massage", "rest", "snack", "towel", "warm-drink", "affirm", "debrief",
		"music", "stay-close", "x-tea", "x-walk", "x-bath-bomb"}
	pick := func(k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = ids[r.IntN(len(ids))]
		}
		return out
	}
	answers := tend.FollowupAnswers()
	kinds := tend.Kinds()
	start := time.Date(2023, 6, 1, 20, 0, 0, 0, time.UTC)
	h := &tend.History{Profile: &tend.Card{Receive: map[string]tend.Receive{"cuddle": tend.Okay, "water": tend.Need},
		Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}}}
	for i := range n {
		at := start.Add(time.Duration(i) * 26 * time.Hour)
		e := &tend.PastEncounter{ID: "e", Kind: kinds[r.IntN(len(kinds))], CreatedAt: at,
			AftercareAt: at.Add(30 * time.Minute), AftercareEnd: at.Add(time.Duration(40+r.IntN(60)) * time.Minute),
			Needs: pick(3), Ticked: pick(4)}
		if r.IntN(10) < 8 {
			e.Reflection = &tend.Reflection{Mood: tend.Scale(1 + r.IntN(5)), Helped: pick(2)}
			if r.IntN(4) == 0 {
				e.Reflection.Missing = []string{"more time", "a glass of water", "talking after"}[r.IntN(3)]
			}
		}
		for j := range 3 {
			e.Followups = append(e.Followups, tend.PastFollowup{Answer: answers[r.IntN(len(answers))],
				AnsweredAt: at.Add(time.Duration(2+j*12+r.IntN(10)) * time.Hour)})
		}
		if r.IntN(20) == 0 {
			e.NotOkay = []time.Time{at.Add(10 * time.Minute)}
		}
		if r.IntN(15) == 0 {
			e.LowPlace = []time.Time{at.Add(30 * time.Hour)}
		}
		h.Encounters = append(h.Encounters, e)
	}
	return h
}

func BenchmarkMine(b *testing.B) {
	h := seeded(1000)
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		loc = time.FixedZone("CET", 3600)
	}
	now := h.Encounters[len(h.Encounters)-1].CreatedAt.Add(48 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		Mine(h, testNames, now, loc)
	}
}

// TestSeeded checks the benchmark's history is what it says, and that
// Mine makes something of it.
func TestSeeded(t *testing.T) {
	h := seeded(1000)
	answers := 0
	for _, e := range h.Encounters {
		answers += len(e.Followups)
	}
	in := mine(t, h, testNames, h.Encounters[999].CreatedAt.Add(48*time.Hour), nil)
	if len(h.Encounters) != 1000 || answers != 3000 || in.Encounters != 1000 || len(in.Mood.Months) != MaxMonths || len(in.Helped.Practices) != MaxHelped {
		t.Errorf("got %d encounters, %d answers; insights of %d encounters, %d months, %d helped",
			len(h.Encounters), answers, in.Encounters, len(in.Mood.Months), len(in.Helped.Practices))
	}
}
