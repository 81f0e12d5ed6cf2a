package plan

import (
	"fmt"
	"slices"

	"github.com/tendcare/tend"
)

// unmet records that who needs p and nobody here gives it (unmet-need),
// with concrete ways through: whom to ask, a nearby practice someone does
// give, the person's self version, and supplies to prepare. reason is
// "distance" when p cannot be given across a distance.
func (e *engine) unmet(who *person, p *tend.Practice, reason string) {
	c := tend.Conflict{Kind: tend.UnmetNeed, People: []string{who.name}, Practices: []string{p.ID}}
	others := e.others(who)
	switch {
	case reason == "distance":
		c.Why = fmt.Sprintf("%s needs %s, and it cannot be given at a distance.", who.name, p.Phrase())
	case e.kind == tend.Solo || len(others) == 0:
		c.Why = fmt.Sprintf("%s needs %s, and nobody else is here to give it this time.", who.name, p.Phrase())
	default:
		c.Why = fmt.Sprintf("%s needs %s, and nobody here offers it.", who.name, p.Phrase())
	}
	if reason != "distance" {
		var silent, said []string
		for _, q := range others {
			if q.give[p.ID] == "" {
				silent = append(silent, q.name)
			} else {
				said = append(said, q.name)
			}
		}
		switch {
		case len(silent) > 0:
			c.Ways = append(c.Ways, fmt.Sprintf("Ask %s beforehand: %s not say whether they would offer it.",
				list(silent), verb(len(silent), "their card does", "their cards do")))
		case len(said) > 0:
			c.Ways = append(c.Ways, fmt.Sprintf("%s said no to giving it; that stands. Talk beforehand about what else would help %s.",
				list(said), who.name))
		default:
			c.Ways = append(c.Ways, fmt.Sprintf("Ask someone %s trusts whether they could offer it another time.", who.name))
		}
	}
	for _, n := range e.nearOffers(who, p) {
		c.Ways = append(c.Ways, n)
	}
	if p.SelfHow != "" {
		c.Ways = append(c.Ways, fmt.Sprintf("%s can do a version alone: %s", who.name, p.SelfHow))
	}
	if p.Supply {
		c.Ways = append(c.Ways, fmt.Sprintf("Have %s ready beforehand, so it is within reach either way.", p.Item))
		e.addSupply(p.Item, who, unmetSupply)
	}
	if len(c.Ways) == 0 {
		c.Ways = []string{fmt.Sprintf("Talk about it beforehand: what would help %s when this cannot happen?", who.name)}
	}
	e.conflicts = append(e.conflicts, c)
}

// nearOffers lists up to two nearby practices someone here gives who and
// who does not turn down.
func (e *engine) nearOffers(who *person, p *tend.Practice) []string {
	var out []string
	for _, id := range p.Near {
		n, ok := e.practice(id)
		if !ok || who.recv[id].Declined() || e.kind == tend.LongDistance && !n.Remote {
			continue
		}
		switch n.Mode {
		case tend.Given:
			if g, level := e.giver(who, n); g != nil {
				out = append(out, fmt.Sprintf("%s is %s to offer %s, which is close; ask %s whether that would help.",
					g.name, giveWord(level), n.Phrase(), who.name))
			}
		case tend.Together:
			if len(e.people) > 1 && e.kind != tend.Solo && len(e.decliners(n)) == 0 {
				out = append(out, fmt.Sprintf("Nobody here turns down %s, which is close; ask %s whether that would help.",
					n.Phrase(), who.name))
			}
		}
		if len(out) == 2 {
			break
		}
	}
	return out
}

// declined records a together practice that someone wants and someone
// else turns down (declined-together); it is left out of the plan. One
// conflict per practice, naming everyone involved.
func (e *engine) declined(w want, decliners []*person) {
	for i := range e.conflicts {
		c := &e.conflicts[i]
		if c.Kind == tend.DeclinedTogether && c.Practices[0] == w.p.ID {
			if !slices.Contains(c.People, w.who.name) {
				c.People = insertName(c.People, w.who.name)
			}
			return
		}
	}
	var no []string
	for _, d := range decliners {
		if d != w.who {
			no = append(no, d.name)
		}
	}
	wantWord := "would like"
	if w.level == tend.Need {
		wantWord = "needs"
	}
	c := tend.Conflict{Kind: tend.DeclinedTogether, Practices: []string{w.p.ID}}
	c.People = insertName(nil, w.who.name)
	for _, d := range decliners {
		c.People = insertName(c.People, d.name)
	}
	if len(no) == 0 {
		// The person who wants it also turns it down for this kind
		// (say, wants to receive it but will not give it).
		c.Why = fmt.Sprintf("%s %s %s but does not want to give it back, and it is something shared, so it is left out.",
			w.who.name, wantWord, w.p.Phrase())
	} else {
		c.Why = fmt.Sprintf("%s %s %s, but %s would rather not, so it is left out.",
			w.who.name, wantWord, w.p.Phrase(), list(no))
		c.Ways = append(c.Ways, fmt.Sprintf("%s no stands; talk beforehand about what would help %s instead, without pressing.",
			possessive(list(no)), w.who.name))
	}
	for _, id := range w.p.Near {
		n, ok := e.practice(id)
		if ok && n.Mode != tend.Self && len(e.decliners(n)) == 0 && !(e.kind == tend.LongDistance && !n.Remote) {
			c.Ways = append(c.Ways, fmt.Sprintf("Nobody here turns down %s, which is close; ask whether that would do.", n.Phrase()))
			break
		}
	}
	if len(e.people) >= 3 && len(e.people)-len(decliners) >= 2 {
		c.Ways = append(c.Ways, "Those who want it could share it a little apart, if the others are comfortable with that.")
	}
	if w.p.SelfHow != "" {
		c.Ways = append(c.Ways, fmt.Sprintf("%s can do a version alone: %s", w.who.name, w.p.SelfHow))
	}
	if len(c.Ways) == 0 {
		c.Ways = []string{"Talk beforehand about what would help instead."}
	}
	e.conflicts = append(e.conflicts, c)
}

// undescribed records a need for an own practice ("x-…") that no card
// here describes, so nobody knows what it is.
func (e *engine) undescribed(who *person, id string) {
	e.conflicts = append(e.conflicts, tend.Conflict{
		Kind: tend.UnmetNeed, People: []string{who.name}, Practices: []string{id},
		Why:  fmt.Sprintf("%s needs %q, which no card here describes.", who.name, id),
		Ways: []string{fmt.Sprintf("Add %q to %s card under \"custom\", with a title and a mode, so partners know what it is.", id, possessive(who.name))},
	})
}

func possessive(name string) string {
	if name != "" && (name[len(name)-1] == 's' || name[len(name)-1] == 'S') {
		return name + "'"
	}
	return name + "'s"
}

// insertName adds n to the sorted list ns, keeping it sorted and unique.
func insertName(ns []string, n string) []string {
	for i, x := range ns {
		if x == n {
			return ns
		}
		if n < x {
			ns = append(ns, "")
			copy(ns[i+1:], ns[i:])
			ns[i] = n
			return ns
		}
	}
	return append(ns, n)
}
