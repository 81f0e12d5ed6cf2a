package insights

import (
	"time"

	"github.com/tendcare/tend"
)

// When a drop came, after the aftercare began (DelayDrops.When).
const (
	WhenDuring  = "during"   // under an hour: during the encounter or just after
	WhenSameDay = "same-day" // under 12 hours
	WhenNextDay = "next-day" // 12 to 36 hours
	WhenLater   = "later"    // 36 hours or more
)

// nDelays is how many WhenX there are.
const nDelays = 4

// Delays lists the WhenX in the order the chart shows them.
func Delays() []string { return []string{WhenDuring, WhenSameDay, WhenNextDay, WhenLater} }

// MinDropEncounters is how many encounters the drops' reading needs
// before it says when low times come.
const MinDropEncounters = 3

// delayOf returns the index in Delays of a drop d after the aftercare
// began; a drop before it ("not okay" during the encounter) is during.
func delayOf(d time.Duration) int {
	switch {
	case d < time.Hour:
		return 0
	case d < 12*time.Hour:
		return 1
	case d < 36*time.Hour:
		return 2
	}
	return 3
}

// addDrops counts the drops of one encounter (low follow-up answers,
// "not okay", "low place"), its follow-up answers by month, and its
// kind; it returns how many drops it had. A drop is timed from the
// start of the aftercare (began), or of the encounter when the
// aftercare never began; one without a time is counted but not timed.
func (m *miner) addDrops(e *tend.PastEncounter, began time.Time) int {
	ref := began
	if ref.IsZero() {
		ref = e.CreatedAt
	}
	n := 0
	timed := func(t time.Time, after bool) {
		n++
		if ref.IsZero() || t.IsZero() {
			return
		}
		b := delayOf(t.Sub(ref))
		m.byDelay[b]++
		if after {
			m.afterEnc[b]++
		}
	}
	for _, f := range e.Followups {
		if f.AnsweredAt.After(m.now) {
			continue
		}
		if mi := m.win.index(f.AnsweredAt, m.loc); mi >= 0 {
			switch f.Answer {
			case tend.FollowupGood:
				m.mood[mi].Good++
			case tend.FollowupLow:
				m.mood[mi].Low++
			case tend.FollowupCare:
				m.mood[mi].Care++
			}
		}
		if f.Answer.Low() {
			timed(f.AnsweredAt, true)
		}
	}
	for _, t := range e.NotOkay {
		if !t.After(m.now) {
			timed(t, false)
		}
	}
	for _, t := range e.LowPlace {
		if !t.After(m.now) {
			timed(t, true)
		}
	}
	m.drops += n
	for j := range m.byKind {
		if m.byKind[j].Kind == e.Kind {
			m.byKind[j].Encounters++
			if n > 0 {
				m.byKind[j].WithDrop++
			}
		}
	}
	return n
}

// dropsPart lists the kinds there were encounters of, in tend.Kinds()
// order (an unknown kind's drops count in Total and ByDelay only), and
// every delay, none left out.
func (m *miner) dropsPart() Drops {
	d := Drops{Total: m.drops, ByKind: []KindDrops{}, ByDelay: make([]DelayDrops, nDelays)}
	for _, k := range m.byKind {
		if k.Encounters > 0 {
			d.ByKind = append(d.ByKind, k)
		}
	}
	for i, w := range Delays() {
		d.ByDelay[i] = DelayDrops{When: w, Drops: m.byDelay[i]}
	}
	d.Reading = dropsReading(m.encounters, m.drops, m.byDelay)
	return d
}
