package insights

import (
	"cmp"
	"time"

	"github.com/tendcare/tend"
)

// Mine computes a person's insights at now, months counted in loc (nil:
// UTC). It reads the history as it stood at now: an encounter begun
// after now, or an answer, "not okay", "low place" or reflection dated
// after it, is left out, so that the same history and now always give
// the same insights. A nil history gives empty insights; every list is
// empty rather than nil, so the JSON has [] and never null.
func Mine(h *tend.History, names Names, now time.Time, loc *time.Location) *Insights {
	m := newMiner(h, names, now, cmp.Or(loc, time.UTC))
	for _, e := range m.h.Encounters {
		if e != nil && !e.CreatedAt.After(now) {
			m.add(e)
		}
	}
	in := &Insights{
		Encounters:  m.encounters,
		Reflections: m.reflections,
		Mood:        m.moodPart(),
		Rhythm:      m.rhythmPart(),
		Drops:       m.dropsPart(),
		Helped:      m.helpedPart(),
		Unmet:       m.unmetPart(),
		ComesWith:   m.comesWithPart(),
	}
	in.Suggestions = m.suggest()
	return in
}

// miner gathers, in one pass over the encounters, every count the
// parts of Insights are made from.
type miner struct {
	h     *tend.History
	names Names
	now   time.Time
	loc   *time.Location
	win   window

	encounters, reflections int
	// ended is set once an encounter's aftercare has ended.
	ended bool
	// pop counts the reflected encounters with a mood (ComesWith's
	// population), better those rated 4 or 5, popDrops those followed
	// by a drop.
	pop, better, popDrops int

	mood    []MoodMonth
	moodSum []int
	rhythm  []RhythmMonth
	lengths []length

	drops    int
	byKind   []KindDrops
	byDelay  [nDelays]int
	afterEnc [nDelays]int // follow-up lows and low places only

	practices []practice
	index     map[string]int
	missing   []MissingWords
	missIndex map[string]int
}

// practice is the counts of one practice id across the history. The
// *At fields hold the last encounter (by its number in the pass) that
// counted it, so that an id listed twice in one encounter counts once
// without a set per encounter.
type practice struct {
	id                          string
	said, ticked, unmet         int
	with, withBetter, withDrops int
	saidAt, tickedAt, presentAt int
	needAt                      int
}

// length is one aftercare's length, in the chart month it belongs to.
type length struct {
	month int
	d     time.Duration
}

// MaxAftercare is the longest time from the start of aftercare to the
// start of reflecting that counts as the aftercare's length: past it,
// the aftercare screen was left open (reflecting the next morning), and
// its length would say nothing about the aftercare.
const MaxAftercare = 6 * time.Hour

func newMiner(h *tend.History, names Names, now time.Time, loc *time.Location) *miner {
	if h == nil {
		h = &tend.History{}
	}
	if h.Profile == nil {
		hc := *h
		hc.Profile = &tend.Card{}
		h = &hc
	}
	m := &miner{h: h, names: names, now: now, loc: loc, index: map[string]int{}, missIndex: map[string]int{}}
	var first time.Time
	for _, e := range h.Encounters {
		if e != nil && !e.CreatedAt.IsZero() && !e.CreatedAt.After(now) && (first.IsZero() || e.CreatedAt.Before(first)) {
			first = e.CreatedAt
		}
	}
	m.win = newWindow(first, now, loc)
	m.mood = make([]MoodMonth, m.win.n)
	m.moodSum = make([]int, m.win.n)
	m.rhythm = make([]RhythmMonth, m.win.n)
	for i := range m.win.n {
		m.mood[i].Month = m.win.month(i).String()
		m.rhythm[i].Month = m.mood[i].Month
	}
	for _, k := range tend.Kinds() {
		m.byKind = append(m.byKind, KindDrops{Kind: k})
	}
	return m
}

// seen returns t, or zero when t is after now (not yet, as of now).
func (m *miner) seen(t time.Time) time.Time {
	if t.After(m.now) {
		return time.Time{}
	}
	return t
}

// add counts one encounter.
func (m *miner) add(e *tend.PastEncounter) {
	i := m.encounters
	m.encounters++
	r := e.Reflection
	if r != nil && r.At.After(m.now) {
		r = nil
	}
	mood := 0
	if r != nil {
		m.reflections++
		if r.Mood >= 1 && r.Mood <= 5 {
			mood = int(r.Mood)
		}
	}
	began, ended := m.seen(e.AftercareAt), m.seen(e.AftercareEnd)
	if began.IsZero() {
		ended = time.Time{}
	}
	dropped := m.addDrops(e, began) > 0
	if mood > 0 {
		m.pop++
		if mood >= 4 {
			m.better++
		}
		if dropped {
			m.popDrops++
		}
	}
	if mi := m.win.index(e.CreatedAt, m.loc); mi >= 0 {
		if mood > 0 {
			m.mood[mi].Reflections++
			m.moodSum[mi] += mood
		}
		m.rhythm[mi].Encounters++
		m.lengths = countAftercare(m.rhythm, m.lengths, mi, began, ended)
	}
	present := func(p *practice) {
		if p.presentAt == i {
			return
		}
		p.presentAt = i
		if mood > 0 {
			p.with++
			if mood >= 4 {
				p.withBetter++
			}
			if dropped {
				p.withDrops++
			}
		}
	}
	if r != nil {
		for _, id := range r.Helped {
			if p := m.practice(id); p != nil && p.saidAt != i {
				p.saidAt = i
				p.said++
				present(p)
			}
		}
		m.addMissing(r.Missing)
	}
	for _, id := range e.Ticked {
		if p := m.practice(id); p != nil && p.tickedAt != i {
			p.tickedAt = i
			p.ticked++
			present(p)
		}
	}
	// A need can go unmet only once the aftercare is over.
	if !ended.IsZero() {
		m.ended = true
		for _, id := range e.Needs {
			if p := m.practice(id); p != nil && p.needAt != i {
				p.needAt = i
				if p.presentAt != i {
					p.unmet++
				}
			}
		}
	}
}

// practice returns the counts of the practice id, made on first use;
// nil for an empty id.
func (m *miner) practice(id string) *practice {
	if id == "" {
		return nil
	}
	k, ok := m.index[id]
	if !ok {
		k = len(m.practices)
		m.index[id] = k
		m.practices = append(m.practices, practice{id: id, saidAt: -1, tickedAt: -1, presentAt: -1, needAt: -1})
	}
	return &m.practices[k]
}

// title is the practice's title: from names, else the person's own
// practice of that id on their profile, else the id itself.
func (m *miner) title(id string) string {
	if t := m.knownTitle(id); t != "" {
		return t
	}
	return id
}

// knownTitle is the practice's title, or "" when neither names nor the
// person's profile knows it.
func (m *miner) knownTitle(id string) string {
	if m.names != nil {
		if t := m.names(id); t != "" {
			return t
		}
	}
	for _, cp := range m.h.Profile.Custom {
		if cp.ID == id {
			return cp.Title
		}
	}
	return ""
}
