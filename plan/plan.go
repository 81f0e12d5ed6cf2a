// Package plan is Tend's plan engine: a pure, deterministic function from
// people's cards, an encounter kind and the practice catalog to an
// aftercare plan in the tend.plan/v1 format. It does no I/O and reads no
// clock or randomness: the same input gives the same plan, byte for byte.
package plan

import (
	"sort"
	"strings"

	"github.com/tendcare/tend"
)

// person is one card prepared for planning.
type person struct {
	index int // position in name order
	name  string
	card  *tend.Card
	recv  map[string]tend.Receive
	give  map[string]tend.Give
	// minutes is the card's minutes for this kind of encounter (0: none).
	minutes int
	// Windows at the start of the aftercare, in minutes: alone (no touch,
	// talk or closeness), without touch, without talk.
	space, noTouch, quiet int
	load                  int // given steps this person has been asked to give
	likes                 int // like-steps planned for this person
}

func (p *person) touchWindow() int { return max(p.space, p.noTouch) }
func (p *person) talkWindow() int  { return max(p.space, p.quiet) }

// window is how long p must be left alone for a practice asking contact c.
func (p *person) window(c tend.Contact) int {
	switch c {
	case tend.TouchNeeded:
		return p.touchWindow()
	case tend.TalkNeeded:
		return p.talkWindow()
	}
	return p.space
}

// Make computes the aftercare plan for the cards and the encounter kind.
// It returns an error with code EINVALID for an unknown kind, no cards,
// more than tend.MaxPeople, a solo plan with more than one card, or two
// cards with the same name. Expiry is the caller's concern.
func Make(idx tend.PracticeIndex, cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) {
	if err := check(cards, kind); err != nil {
		return nil, err
	}
	e := newEngine(idx, cards, kind)
	e.run()
	return e.result(), nil
}

func check(cards []*tend.Card, kind tend.Kind) error {
	if !kind.Valid() {
		return tend.Errorf(tend.EINVALID, "%q is not an encounter kind; use one of gentle, intense, quickie, first-time, long-distance, solo", string(kind))
	}
	switch {
	case len(cards) == 0:
		return tend.Errorf(tend.EINVALID, "a plan needs at least one card")
	case len(cards) > tend.MaxPeople:
		return tend.Errorf(tend.EINVALID, "a plan is for at most %d people; %d cards were given", tend.MaxPeople, len(cards))
	case kind == tend.Solo && len(cards) != 1:
		return tend.Errorf(tend.EINVALID, "a solo plan takes exactly one card; %d were given (use another encounter kind for partners)", len(cards))
	}
	seen := make(map[string]bool, len(cards))
	for _, c := range cards {
		if c == nil || strings.TrimSpace(c.Name) == "" {
			return tend.Errorf(tend.EINVALID, "every card needs a name")
		}
		key := strings.ToLower(strings.TrimSpace(c.Name))
		if seen[key] {
			return tend.Errorf(tend.EINVALID, "two cards are named %q; give one of them another name so the plan can tell them apart", c.Name)
		}
		seen[key] = true
	}
	return nil
}

// engine holds the state of one planning run.
type engine struct {
	idx    tend.PracticeIndex
	kind   tend.Kind
	people []*person
	custom map[string]*tend.Practice

	steps        []*step
	given        map[stepKey]*step // given steps by practice and giver
	together     map[string]*step  // together steps by practice
	conflicts    []tend.Conflict   // unmet needs, in the order found
	spaceBy      map[*person]*spaceConf
	spaceList    []*spaceConf
	waitBy       map[*person]*waiter
	waiters      []*waiter
	declinedBy   map[string]*declinedConf
	declinedList []*declinedConf
	kit          []supply // supplies recorded while planning
	followups    []followup
}

// stepKey finds a given step to add a receiver to: one giver gives one
// practice to everyone who can have it at the same time, and separately
// to anyone who must wait, so nobody's need waits for another's time.
type stepKey struct {
	practice string
	by       *person
	at       int
}

func newEngine(idx tend.PracticeIndex, cards []*tend.Card, kind tend.Kind) *engine {
	e := &engine{idx: idx, kind: kind, custom: map[string]*tend.Practice{},
		given: map[stepKey]*step{}, together: map[string]*step{},
		spaceBy: map[*person]*spaceConf{}, waitBy: map[*person]*waiter{}, declinedBy: map[string]*declinedConf{}}
	e.people = make([]*person, len(cards))
	for i, c := range cards {
		recv, give, minutes := c.Levels(kind)
		e.people[i] = &person{name: strings.TrimSpace(c.Name), card: c, recv: recv, give: give, minutes: minutes}
	}
	// People in name order, so the input order of the cards never changes
	// the plan.
	sort.SliceStable(e.people, func(i, j int) bool { return e.people[i].name < e.people[j].name })
	for i, p := range e.people {
		p.index = i
	}
	for _, p := range e.people {
		for _, cp := range p.card.Custom {
			if _, ok := e.custom[cp.ID]; !ok {
				e.custom[cp.ID] = cp.Practice()
			}
		}
	}
	return e
}

// practice finds a practice in the catalog or among the cards' own.
func (e *engine) practice(id string) (*tend.Practice, bool) {
	if p, ok := e.idx.Practice(id); ok {
		return p, true
	}
	p, ok := e.custom[id]
	return p, ok
}

func (e *engine) others(p *person) []*person {
	out := make([]*person, 0, len(e.people)-1)
	for _, q := range e.people {
		if q != p {
			out = append(out, q)
		}
	}
	return out
}

func (e *engine) run() {
	e.windows()
	e.spaceSteps()
	for _, w := range e.wants() {
		e.plan(w)
	}
	e.kindSteps()
	e.meanwhile()
	e.kindFollowups()
}

func (e *engine) result() *tend.Plan {
	pl := &tend.Plan{
		Tend:      tend.PlanVersion,
		Encounter: e.kind,
		People:    make([]string, len(e.people)),
		Steps:     e.finishSteps(),
		Conflicts: e.sortedConflicts(),
		Followups: e.finishFollowups(),
		Notes:     []tend.Note{},
		Avoid:     []tend.Note{},
	}
	pl.Supplies = e.finishSupplies()
	for i, p := range e.people {
		pl.People[i] = p.name
		for _, n := range p.card.Notes {
			pl.Notes = append(pl.Notes, tend.Note{From: p.name, Text: n})
		}
		for _, a := range p.card.Avoid {
			pl.Avoid = append(pl.Avoid, tend.Note{From: p.name, Text: a})
		}
	}
	pl.Minutes = e.minutes()
	return pl
}

func (e *engine) sortedConflicts() []tend.Conflict {
	out := make([]tend.Conflict, 0, len(e.spaceList)+len(e.conflicts)+len(e.declinedList))
	for _, c := range e.spaceList {
		out = append(out, e.spaceConflict(c))
	}
	out = append(out, e.conflicts...)
	for _, d := range e.declinedList {
		out = append(out, e.declinedConflict(d))
	}
	return out
}

func names(ps []*person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

func contains(ps []*person, p *person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
