package insights

import (
	"time"

	"github.com/tendcare/tend"
)

// A small builder for made-up histories: history().enc(at, opts...)
// adds an encounter begun at `at`, with aftercare from 30 minutes later
// for 20 minutes unless an option says otherwise. Options apply in
// order, so those that move the aftercare come before those timed from
// it (followup, lowPlace, notOkay).

// day returns midnight UTC of a day of 2026, plus hours.
func day(month time.Month, d int, hours ...int) time.Time {
	h := 0
	if len(hours) > 0 {
		h = hours[0]
	}
	return time.Date(2026, month, d, h, 0, 0, 0, time.UTC)
}

type builder struct{ h *tend.History }

func history() *builder { return &builder{h: &tend.History{Profile: &tend.Card{}}} }

type opt func(*tend.PastEncounter)

func (b *builder) enc(at time.Time, opts ...opt) *builder {
	e := &tend.PastEncounter{ID: "e" + at.Format("20060102150405"), Kind: tend.Gentle, CreatedAt: at}
	if !at.IsZero() {
		e.AftercareAt = at.Add(30 * time.Minute)
		e.AftercareEnd = e.AftercareAt.Add(20 * time.Minute)
	}
	for _, o := range opts {
		o(e)
	}
	b.h.Encounters = append(b.h.Encounters, e)
	return b
}

// times adds n encounters a day apart from start, each with opts.
func (b *builder) times(n int, start time.Time, opts ...opt) *builder {
	for i := range n {
		b.enc(start.Add(time.Duration(i)*24*time.Hour+time.Duration(len(b.h.Encounters))*time.Minute), opts...)
	}
	return b
}

func (b *builder) profile(c *tend.Card) *builder { b.h.Profile = c; return b }
func (b *builder) dismiss(ids ...string) *builder {
	b.h.Dismissed = append(b.h.Dismissed, ids...)
	return b
}
func (b *builder) build() *tend.History { return b.h }

func kind(k tend.Kind) opt { return func(e *tend.PastEncounter) { e.Kind = k } }

// aftercare sets the aftercare's start after the encounter's and its
// length (negative: ends before it began; 0: not ended).
func aftercare(after, length time.Duration) opt {
	return func(e *tend.PastEncounter) {
		e.AftercareAt = e.CreatedAt.Add(after)
		e.AftercareEnd = time.Time{}
		if length != 0 {
			e.AftercareEnd = e.AftercareAt.Add(length)
		}
	}
}

func noAftercare() opt {
	return func(e *tend.PastEncounter) { e.AftercareAt, e.AftercareEnd = time.Time{}, time.Time{} }
}

func refl(mood int, helped ...string) opt {
	return func(e *tend.PastEncounter) {
		if e.Reflection == nil {
			e.Reflection = &tend.Reflection{PersonID: "p1"}
		}
		e.Reflection.Mood = tend.Scale(mood)
		e.Reflection.Helped = append(e.Reflection.Helped, helped...)
	}
}

func missing(s string) opt {
	return func(e *tend.PastEncounter) {
		if e.Reflection == nil {
			e.Reflection = &tend.Reflection{PersonID: "p1", Mood: 3}
		}
		e.Reflection.Missing = s
	}
}

func ticked(ids ...string) opt {
	return func(e *tend.PastEncounter) { e.Ticked = append(e.Ticked, ids...) }
}

func needs(ids ...string) opt {
	return func(e *tend.PastEncounter) { e.Needs = append(e.Needs, ids...) }
}

// from is what drops are timed from: the aftercare's start, or the
// encounter's when there was none.
func from(e *tend.PastEncounter) time.Time {
	if e.AftercareAt.IsZero() {
		return e.CreatedAt
	}
	return e.AftercareAt
}

func followup(a tend.FollowupAnswer, after time.Duration) opt {
	return func(e *tend.PastEncounter) {
		e.Followups = append(e.Followups, tend.PastFollowup{Answer: a, AnsweredAt: from(e).Add(after)})
	}
}

func notOkay(after time.Duration) opt {
	return func(e *tend.PastEncounter) { e.NotOkay = append(e.NotOkay, from(e).Add(after)) }
}

func lowPlace(after time.Duration) opt {
	return func(e *tend.PastEncounter) { e.LowPlace = append(e.LowPlace, from(e).Add(after)) }
}

// testNames are the titles of the catalog practices the tests use.
func testNames(id string) string {
	return map[string]string{
		"cuddle": "A cuddle", "water": "A glass of water", "blanket": "A soft blanket",
		"massage": "A gentle massage", "rest": "Time to rest", "snack": "A snack",
	}[id]
}

const hour = time.Hour
