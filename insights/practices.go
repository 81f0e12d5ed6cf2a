package insights

import (
	"cmp"
	"slices"
	"strings"
)

// Limits of the practice lists.
const (
	// MaxHelped is how many practices Helped lists, most first.
	MaxHelped = 10
	// MinUnmet is how often a need must go unmet, or the same thing be
	// written as missing, to be listed: once can be chance.
	MinUnmet = 2
	// MinWith and MinWithout are ComesWith's thresholds: reflected
	// encounters with a practice and without it.
	MinWith    = 5
	MinWithout = 5
	// MaxComesWith is how many practices ComesWith lists, strongest
	// first.
	MaxComesWith = 10
)

// helpedList lists the practices done or said to have helped, most
// first (then by id), at most MaxHelped; one never done is not in ps
// with any count, so never listed.
func helpedList(ps []practice, title func(string) string) []HelpedPractice {
	list := []HelpedPractice{}
	for _, p := range ps {
		if p.said+p.ticked > 0 {
			list = append(list, HelpedPractice{Practice: p.id, Title: title(p.id), Said: p.said, Ticked: p.ticked})
		}
	}
	slices.SortFunc(list, func(a, b HelpedPractice) int {
		return cmp.Or(cmp.Compare(b.Said+b.Ticked, a.Said+a.Ticked), strings.Compare(a.Practice, b.Practice))
	})
	return list[:min(len(list), MaxHelped)]
}

// helpedPart is what helped the person most.
func (m *miner) helpedPart() Helped {
	list := helpedList(m.practices, m.title)
	return Helped{Practices: list, Reading: helpedReading(list)}
}

// addMissing counts one "what was missing", compared without case and
// with runs of spaces as one, kept in the person's first wording.
func (m *miner) addMissing(s string) {
	key := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if key == "" {
		return
	}
	if k, ok := m.missIndex[key]; ok {
		m.missing[k].Times++
		return
	}
	m.missIndex[key] = len(m.missing)
	m.missing = append(m.missing, MissingWords{Words: strings.TrimSpace(s), Times: 1})
}

// unmetPart lists the needs that went unmet and the missing words that
// came at least MinUnmet times, most first.
func (m *miner) unmetPart() Unmet {
	u := Unmet{Needs: []UnmetNeed{}, Missing: []MissingWords{}}
	for _, p := range m.practices {
		if p.unmet >= MinUnmet {
			u.Needs = append(u.Needs, UnmetNeed{Practice: p.id, Title: m.title(p.id), Times: p.unmet})
		}
	}
	slices.SortFunc(u.Needs, func(a, b UnmetNeed) int {
		return cmp.Or(cmp.Compare(b.Times, a.Times), strings.Compare(a.Practice, b.Practice))
	})
	for _, w := range m.missing {
		if w.Times >= MinUnmet {
			u.Missing = append(u.Missing, w)
		}
	}
	// Stable: equal counts keep the order they were first written in.
	slices.SortStableFunc(u.Missing, func(a, b MissingWords) int { return cmp.Compare(b.Times, a.Times) })
	u.Reading = unmetReading(!m.ended && m.reflections == 0, u.Needs, len(u.Missing))
	return u
}

// evidence is a practice's counts (without its title) with and without it, among the
// reflected encounters with a mood.
func (m *miner) evidence(p *practice) Evidence {
	return Evidence{Practice: p.id,
		With: p.with, WithBetter: p.withBetter, WithDrops: p.withDrops,
		Without: m.pop - p.with, WithoutBetter: m.better - p.withBetter, WithoutDrops: m.popDrops - p.withDrops}
}

// comparable reports whether there are enough reflected encounters
// with and without the practice to compare.
func comparable(e Evidence) bool { return e.With >= MinWith && e.Without >= MinWithout }

// betterWith reports whether a larger share of the encounters with the
// practice were rated 4 or 5 than of those without (compared as whole
// numbers: no rounding decides it).
func betterWith(e Evidence) bool { return e.WithBetter*e.Without > e.WithoutBetter*e.With }

// fewerDropsWith reports whether a smaller share of the encounters with
// the practice were followed by a drop than of those without.
func fewerDropsWith(e Evidence) bool { return e.WithDrops*e.Without < e.WithoutDrops*e.With }

// betterGap is how much larger the share rated 4 or 5 is with the
// practice than without: what ComesWith and suggestions sort by.
func betterGap(e Evidence) float64 {
	return float64(e.WithBetter)/float64(e.With) - float64(e.WithoutBetter)/float64(e.Without)
}

// byGap orders comparable evidence by betterGap, largest first, then
// by id.
func byGap(a, b Evidence) int {
	return cmp.Or(cmp.Compare(betterGap(b), betterGap(a)), strings.Compare(a.Practice, b.Practice))
}

// comesWithPart lists the practices that come with better days or
// fewer low times, with enough encounters with and without them.
func (m *miner) comesWithPart() ComesWith {
	c := ComesWith{MinWith: MinWith, MinWithout: MinWithout, Practices: []Evidence{}}
	some := false
	for i := range m.practices {
		e := m.evidence(&m.practices[i])
		if !comparable(e) {
			continue
		}
		some = true
		if betterWith(e) || fewerDropsWith(e) {
			c.Practices = append(c.Practices, e)
		}
	}
	slices.SortFunc(c.Practices, byGap)
	c.Practices = c.Practices[:min(len(c.Practices), MaxComesWith)]
	for i := range c.Practices {
		c.Practices[i].Title = m.title(c.Practices[i].Practice)
	}
	c.Reading = comesWithReading(m.pop, some, c.Practices)
	return c
}
