package plan

import (
	"slices"
	"strings"

	"github.com/tendcare/tend"
)

// want is one person asking for one practice (need or like).
type want struct {
	who   *person
	p     *tend.Practice
	level tend.Receive
	// rank orders likes so that those someone is glad to give come first.
	rank int
}

// likeCap is how many liked practices the plan adds per person for a kind
// of encounter, beyond their needs, which always stay: a plan people can
// actually follow beats a list of everything (consistency beats
// elaborate rituals).
func likeCap(k tend.Kind) int {
	switch k {
	case tend.Quickie:
		return 2
	case tend.Intense:
		return 6
	case tend.Solo:
		return 5
	}
	return 4
}

// handled reports whether a practice is planned by its own rule rather
// than as a want: time alone, without touch or quiet at the start, which
// shape the timing of everything else. Alone, they are ordinary practices.
func (e *engine) handled(p *tend.Practice) bool {
	switch p.ID {
	case "space-first", "no-touch-first", "quiet-no-talk":
		return e.kind != tend.Solo
	}
	return false
}

// wants lists every need and like in planning order: needs before likes,
// likes someone is glad to give before the rest, then catalog order, then
// people in name order.
func (e *engine) wants() []want {
	ws := make([]want, 0, 16*len(e.people))
	for _, who := range e.people {
		// Map order is random: walk the ids sorted so that everything
		// recorded on the way comes out in the same order every time.
		ids := make([]string, 0, len(who.recv))
		for id, level := range who.recv {
			if level.Wanted() {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			level := who.recv[id]
			p, ok := e.practice(id)
			if !ok {
				if level == tend.Need {
					e.undescribed(who, id)
				}
				continue
			}
			if e.handled(p) {
				continue
			}
			w := want{who: who, p: p, level: level}
			if level == tend.Like {
				w.rank = 1 + e.bestOffer(who, p)
			}
			ws = append(ws, w)
		}
	}
	slices.SortFunc(ws, func(a, b want) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if a.p.Order != b.p.Order {
			return a.p.Order - b.p.Order
		}
		if c := strings.Compare(a.p.ID, b.p.ID); c != 0 {
			return c
		}
		return a.who.index - b.who.index
	})
	return ws
}

// bestOffer is 0 when someone else is glad to give p to who, 1 when
// someone is only willing, 2 when nobody offers it.
func (e *engine) bestOffer(who *person, p *tend.Practice) int {
	if p.Mode != tend.Given {
		return 0
	}
	best := 2
	for _, q := range e.people {
		if q == who {
			continue
		}
		switch q.give[p.ID] {
		case tend.Glad:
			return 0
		case tend.Willing:
			best = 1
		}
	}
	return best
}

// plan places one want into the plan, or records why it cannot be.
func (e *engine) plan(w want) {
	if w.level == tend.Like {
		if w.who.likes >= likeCap(e.kind) || !w.p.Suits(e.kind) {
			return
		}
		if e.kind == tend.Quickie && !w.p.Quick {
			return
		}
	}
	if after, ok := checkinAfter(w.p.ID); ok {
		e.checkin(w, after)
		return
	}
	switch {
	case w.p.Mode == tend.Self:
		e.selfStep(w)
	case e.kind == tend.Solo || len(e.people) == 1:
		e.selfVersion(w, "")
	case e.kind == tend.LongDistance && !w.p.Remote:
		e.selfVersion(w, "distance")
	case w.p.Mode == tend.Given:
		e.givenStep(w)
	default:
		e.togetherStep(w)
	}
}

// checkin plans a later check-in someone wants as a follow-up: sent by
// someone who offers it, or, alone, as a reminder to check in with
// oneself.
func (e *engine) checkin(w want, after int) {
	if e.kind == tend.Solo || len(e.people) == 1 {
		e.followup(w.who, after, w.who.name+" "+wantVerb(w.level)+" "+w.p.Phrase()+"; alone, it is a moment to check in with yourself.")
		e.counted(w)
		return
	}
	g, level := e.giver(w.who, w.p)
	if g == nil {
		if w.level == tend.Need {
			e.unmet(w.who, w.p, "")
		}
		return
	}
	g.load++
	e.counted(w)
	e.followup(w.who, after, w.who.name+" "+wantVerb(w.level)+" "+w.p.Phrase()+"; "+g.name+" is "+giveWord(level)+" to send it.")
}

func (e *engine) counted(w want) {
	if w.level == tend.Like {
		w.who.likes++
	}
}

// selfStep plans a practice a person does for themself.
func (e *engine) selfStep(w want) {
	s := &step{p: w.p, kind: stepSelf, phase: w.p.Phase, minutes: w.p.Minutes,
		forP: []*person{w.who}, levels: []tend.Receive{w.level}, by: []*person{w.who}}
	s.at = e.delay(s)
	e.steps = append(e.steps, s)
	e.counted(w)
}

// selfVersion plans the version of a given or together practice a person
// can do alone: always in a solo encounter, and at a distance for what
// cannot be done over a call. Without a self version, a need becomes an
// unmet need.
func (e *engine) selfVersion(w want, reason string) {
	p := w.p
	// A person's own practice has no separate self version; alone, it is
	// theirs to do as they wrote it.
	if p.SelfHow == "" && !(p.Custom() && reason == "") {
		if w.level == tend.Need {
			e.unmet(w.who, p, reason)
		}
		return
	}
	s := &step{p: p, kind: stepSelfVersion, phase: p.Phase, minutes: p.Minutes,
		forP: []*person{w.who}, levels: []tend.Receive{w.level}, by: []*person{w.who}, how: p.SelfHow, reason: reason}
	e.steps = append(e.steps, s)
	e.counted(w)
	if p.Supply && reason == "distance" {
		e.addSupply(p, w.who, kitSupply)
	}
}

// givenStep finds someone to give the practice, sharing the giving out
// fairly, or records an unmet need.
func (e *engine) givenStep(w want) {
	g, level := e.giver(w.who, w.p)
	if g == nil {
		if w.level == tend.Need {
			e.unmet(w.who, w.p, "")
		}
		return
	}
	at := max(receiverWindow(w.who, w.p), e.giverWindow(g, w.p))
	k := stepKey{w.p.ID, g, at}
	s := e.given[k]
	if s == nil {
		s = &step{p: w.p, kind: stepGiven, phase: w.p.Phase, minutes: w.p.Minutes, at: at,
			by: []*person{g}, giveLevel: level}
		e.given[k] = s
		e.steps = append(e.steps, s)
	}
	s.forP = append(s.forP, w.who)
	s.levels = append(s.levels, w.level)
	g.load++
	e.counted(w)
	if w.level == tend.Need && e.giverWindow(g, w.p) > receiverWindow(w.who, w.p) {
		if w.p.Contact != tend.NoContact {
			e.spaceClash(g, w.who, w.p, e.giverWindow(g, w.p))
		} else {
			e.wait(g, w.who, w.p, e.giverWindow(g, w.p))
		}
	}
}

// receiverWindow is how long a step for who must wait for who's own time
// alone: care that needs no contact (water, a blanket) can be left within
// reach quietly.
func receiverWindow(who *person, p *tend.Practice) int {
	if p.Contact == tend.NoContact {
		return 0
	}
	return who.window(p.Contact)
}

// giverWindow is how long g is taking for themself before they can give p.
// Someone taking time alone cannot bring anything; someone who only wants
// no touch can still bring water.
func (e *engine) giverWindow(g *person, p *tend.Practice) int {
	if p.Contact == tend.NoContact {
		return g.space
	}
	return g.window(p.Contact)
}

// giver picks who gives p to who: someone who offers it, not in the middle
// of their own time alone when p needs closeness, then the one with the
// lowest load (being only willing counts as two extra steps, so those glad
// to give go first without one person doing everything), then by name.
func (e *engine) giver(who *person, p *tend.Practice) (*person, tend.Give) {
	return e.giverExcept(who, p, nil)
}

// giverExcept is giver leaving out the people in except.
func (e *engine) giverExcept(who *person, p *tend.Practice, except []*person) (*person, tend.Give) {
	var best *person
	bestScore := 0
	for _, q := range e.people {
		if q == who || !q.give[p.ID].Offered() || contains(except, q) {
			continue
		}
		score := q.load * 4
		if q.give[p.ID] == tend.Willing {
			score += 8
		}
		if e.giverWindow(q, p) > receiverWindow(who, p) {
			score += 1000 // only when nobody free offers it
		}
		if best == nil || score < bestScore {
			best, bestScore = q, score
		}
	}
	if best == nil {
		return nil, ""
	}
	return best, best.give[p.ID]
}

// decliners returns who turns a together practice down: by receive level
// rather-not or never, or by give level no unless they want it themselves.
func (e *engine) decliners(p *tend.Practice) []*person {
	var out []*person
	for _, q := range e.people {
		r := q.recv[p.ID]
		if r.Declined() || q.give[p.ID] == tend.No && !r.Wanted() {
			out = append(out, q)
		}
	}
	return out
}

// togetherStep plans a practice everyone shares, unless someone declines
// it.
func (e *engine) togetherStep(w want) {
	if d := e.declinedBy[w.p.ID]; d != nil {
		d.add(w)
		return
	}
	s := e.together[w.p.ID]
	if s == nil {
		if d := e.decliners(w.p); len(d) > 0 {
			e.declined(w, d)
			return
		}
		s = &step{p: w.p, kind: stepTogether, phase: w.p.Phase, minutes: w.p.Minutes, by: e.people}
		e.together[w.p.ID] = s
		e.steps = append(e.steps, s)
		s.at = e.delay(s)
	}
	s.forP = append(s.forP, w.who)
	s.levels = append(s.levels, w.level)
	e.counted(w)
	if w.level == tend.Need && s.at > w.who.window(w.p.Contact) {
		for _, q := range e.people {
			if q != w.who && q.window(w.p.Contact) == s.at {
				if w.p.Contact != tend.NoContact {
					e.spaceClash(q, w.who, w.p, s.at)
				} else {
					e.wait(q, w.who, w.p, s.at)
				}
				break
			}
		}
	}
}
