package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tendcare/tend"
)

// spaceConf is a space-and-closeness conflict: one person's time alone
// (or without touch, or quiet) at the start holds up what others need
// straight away. One per person taking the time, written at the end.
type spaceConf struct {
	spacer  *person
	wait    int
	needers []*person
	needs   [][]*tend.Practice // per needer, what waits
}

// waiter is someone whose needs wait for others' time alone, and what
// they can do meanwhile: a need waiting in silence reads as being left.
type waiter struct {
	who     *person
	spacers []*person
	wait    int              // the longest wait, in minutes
	needs   []*tend.Practice // what waits, in the order planned
	// stand is the practice whose version alone stands in meanwhile
	// (nil: none fits), from the need itself, one close to it, or slow
	// breathing; step is its step right away.
	stand *tend.Practice
	from  standFrom
	need  *tend.Practice // the need it stands in for
	step  *step
}

type standFrom int

const (
	fromOwn     standFrom = iota // the need's own version alone
	fromNear                     // a close practice's version alone
	fromBreathe                  // slow breathing, when nothing closer fits
)

// spaceClash records that needer needs p straight away while spacer takes
// wait minutes first.
func (e *engine) spaceClash(spacer, needer *person, p *tend.Practice, wait int) {
	c := e.spaceBy[spacer]
	if c == nil {
		c = &spaceConf{spacer: spacer}
		e.spaceBy[spacer] = c
		e.spaceList = append(e.spaceList, c)
	}
	c.wait = max(c.wait, wait)
	i := slices.Index(c.needers, needer)
	if i < 0 {
		c.needers = append(c.needers, needer)
		c.needs = append(c.needs, nil)
		i = len(c.needers) - 1
	}
	if !slices.Contains(c.needs[i], p) {
		c.needs[i] = append(c.needs[i], p)
	}
	e.wait(spacer, needer, p, wait)
}

// wait records that needer's need for p waits wait minutes for spacer,
// so that the plan says what needer can do meanwhile.
func (e *engine) wait(spacer, needer *person, p *tend.Practice, wait int) {
	w := e.waitBy[needer]
	if w == nil {
		w = &waiter{who: needer}
		e.waitBy[needer] = w
		e.waiters = append(e.waiters, w)
	}
	w.wait = max(w.wait, wait)
	if !slices.Contains(w.spacers, spacer) {
		w.spacers = append(w.spacers, spacer)
	}
	if !slices.Contains(w.needs, p) {
		w.needs = append(w.needs, p)
	}
}

// meanwhile plans, for everyone who waits, one step right away that
// stands in until the others are ready: the version alone of the first
// need that has one, else of a practice close to a need, else slow
// breathing; never one they turn down.
func (e *engine) meanwhile() {
	for _, w := range e.waiters {
		e.chooseStand(w)
		if w.stand == nil {
			continue
		}
		var why string
		lead := fmt.Sprintf("%s needs %s straight away and %s first", w.who.name, w.need.Phrase(), e.spacersNeed(w))
		switch w.from {
		case fromOwn:
			why = lead + "; meanwhile this stands in for it."
		case fromNear:
			why = lead + "; meanwhile the version of " + w.stand.Phrase() + " done alone, which is close, stands in for it."
		default:
			why = lead + "; meanwhile slow breathing alone makes the wait easier."
		}
		w.step = &step{p: w.stand, kind: stepFixed, mode: tend.Self, phase: tend.First, minutes: w.wait, prio: -1,
			forP: []*person{w.who}, levels: []tend.Receive{tend.Need}, by: []*person{w.who}, how: w.stand.SelfHow,
			title: "Comfort for " + w.who.name + " until " + e.spacersReady(w), why: why}
		e.steps = append(e.steps, w.step)
	}
}

func (e *engine) chooseStand(w *waiter) {
	ok := func(p *tend.Practice) bool {
		return p.SelfHow != "" && !w.who.recv[p.ID].Declined()
	}
	// What needs closeness first: a drink can be kept in reach, but the
	// wait for a hug is the one that hurts.
	needs := slices.Clone(w.needs)
	slices.SortStableFunc(needs, func(a, b *tend.Practice) int {
		return cmpBool(a.Contact == tend.NoContact, b.Contact == tend.NoContact)
	})
	for _, p := range needs {
		if p.SelfHow != "" {
			w.stand, w.need, w.from = p, p, fromOwn
			return
		}
	}
	for _, p := range needs {
		for _, id := range p.Near {
			if n, found := e.idx.Practice(id); found && ok(n) && n.Suits(e.kind) {
				w.stand, w.need, w.from = n, p, fromNear
				return
			}
		}
	}
	if b, found := e.idx.Practice("breathe-together"); found && ok(b) {
		w.stand, w.need, w.from = b, needs[0], fromBreathe
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// spacersNeed says who takes time first: "Bo needs 10 minutes", "Bo and
// Cy need up to 10 minutes".
func (e *engine) spacersNeed(w *waiter) string {
	if len(w.spacers) == 1 {
		return w.spacers[0].name + " needs " + mins(w.wait)
	}
	return tend.JoinNames(names(w.spacers)) + " need up to " + mins(w.wait)
}

func (e *engine) spacersReady(w *waiter) string {
	return tend.JoinNames(names(w.spacers)) + " " + verb(len(w.spacers), "is", "are") + " ready"
}

// meanwhileWay says what a waiting person can do meanwhile, in a
// conflict's ways.
func (e *engine) meanwhileWay(w *waiter) string {
	switch {
	case w.stand == nil:
		return fmt.Sprintf("Meanwhile, agree beforehand what would comfort %s until %s.", w.who.name, e.spacersReady(w))
	case w.from == fromOwn:
		return fmt.Sprintf("Meanwhile %s can start alone: %s", w.who.name, w.stand.SelfHow)
	case w.from == fromNear:
		return fmt.Sprintf("Meanwhile %s can start alone with something close to %s (%s): %s", w.who.name, w.need.Phrase(), w.stand.Phrase(), w.stand.SelfHow)
	}
	return fmt.Sprintf("Meanwhile %s can start alone with slow breathing: %s", w.who.name, w.stand.SelfHow)
}

// freeWay finds, in a group, someone free while spacer takes their time
// who could step in for needer: with something close they offer, or by
// being asked for it when their card does not say. "" if nobody.
func (e *engine) freeWay(spacer, needer *person, needs []*tend.Practice) string {
	for _, p := range needs {
		if p.Mode != tend.Given {
			continue
		}
		var silent *person
		for _, q := range e.people {
			if q == spacer || q == needer || e.giverWindow(q, p) > receiverWindow(needer, p) {
				continue
			}
			for _, id := range p.Near {
				n, ok := e.practice(id)
				if ok && n.Mode == tend.Given && e.fits(n) && q.give[id].Offered() && !needer.recv[id].Declined() && e.giverWindow(q, n) <= receiverWindow(needer, n) {
					return fmt.Sprintf("Meanwhile %s, who is free, is %s to offer %s, which is close; ask %s whether that would help.",
						q.name, giveWord(q.give[id]), n.Phrase(), needer.name)
				}
			}
			if silent == nil && q.give[p.ID] == "" {
				silent = q
			}
		}
		if silent != nil {
			return fmt.Sprintf("Meanwhile %s is free: ask %s beforehand whether they would offer %s until %s is ready; their card does not say.",
				silent.name, silent.name, p.Phrase(), spacer.name)
		}
	}
	return ""
}

// spaceConflict writes the conflict with ways that serve both sides.
func (e *engine) spaceConflict(c *spaceConf) tend.Conflict {
	s, wait := c.spacer, mins(c.wait)
	spaceID, what, say := "space-first", "alone before any touch or talk",
		fmt.Sprintf("Before stepping away, %s says one warm sentence, like \"I need %s, then I'm right here\", so the space does not feel like leaving.", s.name, wait)
	switch {
	case s.space >= c.wait:
	case s.noTouch >= c.wait:
		spaceID, what = "no-touch-first", "without touch first"
		say = fmt.Sprintf("%s says so warmly, like \"No touch for %s, then I'm all yours\"; talking is fine meanwhile.", s.name, wait)
	default:
		spaceID, what = "quiet-no-talk", "of quiet first"
		say = fmt.Sprintf("%s says so warmly, like \"Let's be quiet for %s, then let's talk\"; closeness is fine meanwhile.", s.name, wait)
	}
	conf := tend.Conflict{Kind: tend.SpaceAndCloseness, People: []string{s.name}, Practices: []string{spaceID}}
	var clauses, all []string
	for i, q := range c.needers {
		conf.People = insertName(conf.People, q.name)
		var phrases []string
		for _, p := range c.needs[i] {
			phrases = append(phrases, p.Phrase())
			if !slices.Contains(conf.Practices, p.ID) {
				conf.Practices = append(conf.Practices, p.ID)
			}
			if !slices.Contains(all, p.Phrase()) {
				all = append(all, p.Phrase())
			}
		}
		clauses = append(clauses, q.name+" needs "+tend.JoinNames(phrases))
	}
	if len(clauses) == 1 {
		conf.Why = fmt.Sprintf("%s needs %s %s, while %s straight away.", s.name, wait, what, clauses[0])
	} else {
		conf.Why = sentence(fmt.Sprintf("%s needs %s %s, while others need closeness straight away: %s", s.name, wait, what, strings.Join(clauses, "; ")))
	}
	conf.Ways = []string{say}
	for i, q := range c.needers {
		conf.Ways = append(conf.Ways, e.meanwhileWay(e.waitBy[q]))
		if w := e.freeWay(s, q, c.needs[i]); w != "" {
			conf.Ways = append(conf.Ways, w)
		}
	}
	waiting := tend.JoinNames(names(c.needers))
	conf.Ways = append(conf.Ways,
		fmt.Sprintf("After %s, %s is ready for %s, and the plan goes on from there.", wait, s.name, tend.JoinNames(all)),
		fmt.Sprintf("If %s feels long for %s, agree beforehand on a shorter first break and a sign for \"I'm ready\".", wait, waiting))
	return conf
}
