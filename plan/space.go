package plan

import (
	"fmt"
	"strconv"

	"github.com/tendcare/tend"
)

// windows works out how long each person needs alone, without touch or
// without talk at the start: from space_first_minutes and from needing the
// space-first, no-touch-first or quiet-no-talk practices. Turning
// space-first down for this kind of encounter turns the time alone off.
func (e *engine) windows() {
	if e.kind == tend.Solo {
		return // alone, there is nobody to keep a distance from
	}
	for _, p := range e.people {
		if !p.recv["space-first"].Declined() {
			p.space = p.card.SpaceFirstMinutes
		}
		if p.space == 0 && p.recv["space-first"] == tend.Need {
			p.space = e.defaultMinutes("space-first", 10)
		}
		if p.recv["no-touch-first"] == tend.Need {
			p.noTouch = e.defaultMinutes("no-touch-first", 5)
		}
		if p.recv["quiet-no-talk"] == tend.Need {
			p.quiet = e.defaultMinutes("quiet-no-talk", 5)
		}
	}
}

func (e *engine) defaultMinutes(id string, fallback int) int {
	if p, ok := e.idx.Practice(id); ok && p.Minutes > 0 {
		return p.Minutes
	}
	return fallback
}

// spaceSteps plans each person's time alone, without touch, or quiet at
// the start, as the first steps. Someone who only likes it gets it when
// nobody needs them straight away: a like never holds up a need.
func (e *engine) spaceSteps() {
	if e.kind == tend.Solo {
		return
	}
	for _, who := range e.people {
		if who.space > 0 {
			e.windowStep(who, "space-first", who.space,
				fmt.Sprintf("%s needs %s alone before any touch or talk.", who.name, mins(who.space)))
		} else if who.recv["space-first"] == tend.Like {
			m := e.defaultMinutes("space-first", 10)
			e.windowStep(who, "space-first", m,
				fmt.Sprintf("%s would like %s alone first, as long as nobody needs %s straight away.", who.name, mins(m), who.name))
		}
		for _, w := range []struct {
			id, need, like string
			n              int
		}{
			{"no-touch-first", "%s needs %s without touch first; talking is fine.", "%s would like %s without touch first, as long as nobody needs a hug straight away.", who.noTouch},
			{"quiet-no-talk", "%s needs %s of quiet first; closeness is fine.", "%s would like %s of quiet first, as long as nobody needs to talk straight away.", who.quiet},
		} {
			switch {
			case w.n > who.space:
				e.windowStep(who, w.id, w.n, fmt.Sprintf(w.need, who.name, mins(w.n)))
			case w.n == 0 && who.space == 0 && who.recv[w.id] == tend.Like:
				m := e.defaultMinutes(w.id, 5)
				e.windowStep(who, w.id, m, fmt.Sprintf(w.like, who.name, mins(m)))
			}
		}
	}
}

func (e *engine) windowStep(who *person, id string, minutes int, why string) {
	p, ok := e.idx.Practice(id)
	if !ok {
		p = &tend.Practice{ID: id, Title: "Time alone first", Mode: tend.Self, Phase: tend.First}
	}
	e.steps = append(e.steps, &step{p: p, kind: stepFixed, mode: tend.Self, phase: tend.First, minutes: minutes, prio: -2,
		forP: []*person{who}, levels: []tend.Receive{who.recv[id]}, by: []*person{who}, why: why})
}

// delay is when a together or self step can start: after the time alone of
// whoever takes part. In a group, when at least two people are free, they
// start and the others join when ready.
func (e *engine) delay(s *step) int {
	if s.kind == stepSelf || e.kind == tend.Solo || len(s.by) == 1 {
		return 0
	}
	c := s.p.Contact
	free, most := 0, 0
	for _, q := range s.by {
		w := q.window(c)
		if w == 0 {
			free++
		}
		most = max(most, w)
	}
	if free >= 2 && len(s.by) > 2 {
		for _, q := range s.by {
			if q.window(c) > 0 {
				s.late = append(s.late, q)
			}
		}
		return 0
	}
	return most
}

// mins says a number of minutes in words: "1 minute", "10 minutes".
func mins(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}
