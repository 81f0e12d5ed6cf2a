package plan

import (
	"fmt"
	"sort"
	"strings"

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
		c.Why = fmt.Sprintf("%s needs %s, which cannot happen at a distance.", who.name, p.Phrase())
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
				tend.JoinNames(silent), verb(len(silent), "their card does", "their cards do")))
		case len(said) > 0:
			c.Ways = append(c.Ways, sentence(fmt.Sprintf("%s said no to giving it; that stands. Talk beforehand about what else would help %s",
				tend.JoinNames(said), who.name)))
		default:
			c.Ways = append(c.Ways, fmt.Sprintf("Ask someone %s trusts whether they could offer it another time.", who.name))
		}
	}
	c.Ways = append(c.Ways, e.nearOffers(who, p)...)
	if p.SelfHow != "" {
		c.Ways = append(c.Ways, fmt.Sprintf("%s can do a version alone: %s", who.name, p.SelfHow))
	}
	if p.Supply {
		c.Ways = append(c.Ways, fmt.Sprintf("Have %s ready beforehand, so it is within reach either way.", p.Item))
		e.addSupply(p, who, unmetSupply)
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
		if !ok || who.recv[id].Declined() || !e.fits(n) {
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

// declinedConf is a together practice someone wants and someone turns
// down (declined-together), left out of the plan; its words are written
// once everyone who wants it is known.
type declinedConf struct {
	p         *tend.Practice
	want      step // forP and levels: who wants it
	decliners []*person
}

func (d *declinedConf) add(w want) {
	d.want.forP = append(d.want.forP, w.who)
	d.want.levels = append(d.want.levels, w.level)
}

// declined records that a together practice is left out because someone
// turns it down.
func (e *engine) declined(w want, decliners []*person) {
	d := &declinedConf{p: w.p, want: step{p: w.p}, decliners: decliners}
	d.add(w)
	e.declinedBy[w.p.ID] = d
	e.declinedList = append(e.declinedList, d)
}

// declinedConflict writes a declined-together conflict with ways through.
// Each person who turns it down is named in their own words: "never" is
// never softened to "would rather not". Nothing close to it is offered
// that someone who marked it never would take part in: a "never" is not
// a starting point for something similar.
func (e *engine) declinedConflict(d *declinedConf) tend.Conflict {
	var never, ratherNot, saidNo []*person
	for _, q := range d.decliners {
		switch q.recv[d.p.ID] {
		case tend.Never:
			never = append(never, q)
		case tend.RatherNot:
			ratherNot = append(ratherNot, q)
		default:
			saidNo = append(saidNo, q)
		}
	}
	var clauses []string
	if len(never) > 0 {
		clauses = append(clauses, tend.JoinNames(names(never))+" never "+verb(len(never), "wants", "want")+" it")
	}
	if len(ratherNot) > 0 {
		clauses = append(clauses, tend.JoinNames(names(ratherNot))+" would rather not")
	}
	if len(saidNo) > 0 {
		clauses = append(clauses, tend.JoinNames(names(saidNo))+" said no to it")
	}
	var b strings.Builder
	wantClause(&b, &d.want)
	fmt.Fprintf(&b, ", but %s, so it is left out.", tend.JoinNames(clauses))
	c := tend.Conflict{Kind: tend.DeclinedTogether, Practices: []string{d.p.ID}, Why: b.String()}
	for _, q := range append(append([]*person{}, d.want.forP...), d.decliners...) {
		c.People = insertName(c.People, q.name)
	}
	no := names(d.decliners)
	wanters := names(d.want.forP)
	sort.Strings(wanters)
	c.Ways = append(c.Ways, fmt.Sprintf("%s %s said no, and that stands; talk beforehand about what would help %s instead, without pressing.",
		tend.JoinNames(no), verb(len(no), "has", "have"), tend.JoinNames(wanters)))
	if w := e.nearInstead(d, never); w != "" {
		c.Ways = append(c.Ways, w)
	}
	if len(d.want.forP) >= 2 && len(e.people) >= 3 {
		c.Ways = append(c.Ways, fmt.Sprintf("%s could share it a little apart, if everyone is comfortable with that.", tend.JoinNames(wanters)))
	}
	if d.p.SelfHow != "" {
		c.Ways = append(c.Ways, fmt.Sprintf("%s can do a version alone: %s", tend.JoinNames(wanters), d.p.SelfHow))
	}
	return c
}

// nearInstead finds one practice close to a declined together practice
// to offer instead: shared, when nobody turns it down and nobody marked
// the declined one never; or given, to someone who wants the declined one
// and does not turn this down, by someone who did not mark it never.
func (e *engine) nearInstead(d *declinedConf, never []*person) string {
	for _, id := range d.p.Near {
		n, ok := e.practice(id)
		if !ok || !e.fits(n) {
			continue
		}
		switch n.Mode {
		case tend.Together:
			if len(never) == 0 && len(e.decliners(n)) == 0 {
				return fmt.Sprintf("Nobody here turns down %s, which is close; ask whether that would do.", n.Phrase())
			}
		case tend.Given:
			for _, who := range d.want.forP {
				if who.recv[id].Declined() {
					continue
				}
				if g, level := e.giverExcept(who, n, never); g != nil {
					return fmt.Sprintf("%s is %s to offer %s, which is close; ask %s whether that would do.",
						g.name, giveWord(level), n.Phrase(), who.name)
				}
			}
		}
	}
	return ""
}

// fits reports whether a practice suits this kind of encounter, to offer
// it as a way through: quick for a quickie, remote at a distance.
func (e *engine) fits(p *tend.Practice) bool {
	switch {
	case !p.Suits(e.kind):
		return false
	case e.kind == tend.Quickie && !p.Quick:
		return false
	case e.kind == tend.LongDistance && !p.Remote:
		return false
	}
	return p.Mode != tend.Self
}

// undescribed records a need for an own practice (an id starting "x-") that no card
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
