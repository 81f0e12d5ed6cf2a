package plan

import (
	"fmt"
	"strconv"

	"github.com/tendcare/tend"
)

// windows works out how long each person needs alone, without touch or
// without talk at the start, from space_first_minutes and from the
// space-first, no-touch-first and quiet-no-talk practices.
func (e *engine) windows() {
	for _, p := range e.people {
		p.space = p.card.SpaceFirstMinutes
		if p.space == 0 && p.recv["space-first"].Wanted() {
			p.space = e.defaultMinutes("space-first", 10)
		}
		if p.recv["no-touch-first"].Wanted() {
			p.noTouch = e.defaultMinutes("no-touch-first", 5)
		}
		if p.recv["quiet-no-talk"].Wanted() {
			p.quiet = e.defaultMinutes("quiet-no-talk", 5)
		}
		if e.kind == tend.Solo {
			// Alone, there is nobody to keep a distance from.
			p.space, p.noTouch, p.quiet = 0, 0, 0
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
// the start, as the first steps.
func (e *engine) spaceSteps() {
	for _, who := range e.people {
		if who.space > 0 {
			e.windowStep(who, "space-first", who.space,
				fmt.Sprintf("%s needs %s alone before any touch or talk.", who.name, mins(who.space)))
		}
		if who.noTouch > who.space {
			e.windowStep(who, "no-touch-first", who.noTouch,
				fmt.Sprintf("%s needs %s without touch first; talking is fine.", who.name, mins(who.noTouch)))
		}
		if who.quiet > who.space {
			e.windowStep(who, "quiet-no-talk", who.quiet,
				fmt.Sprintf("%s needs %s of quiet without talk first; closeness is fine.", who.name, mins(who.quiet)))
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

// spaceClash records that needer needs p straight away while spacer needs
// time alone first (space-and-closeness), with ways that serve both. One
// conflict per pair of people, listing every practice that waits.
func (e *engine) spaceClash(spacer, needer *person, p *tend.Practice, wait int) {
	key := [2]*person{spacer, needer}
	if i, ok := e.spaceConf[key]; ok {
		c := &e.conflicts[i]
		c.Practices = append(c.Practices, p.ID)
		return
	}
	spaceID, what := "space-first", "alone before any touch or talk"
	switch {
	case spacer.space >= wait:
	case spacer.noTouch >= wait:
		spaceID, what = "no-touch-first", "without touch first"
	default:
		spaceID, what = "quiet-no-talk", "of quiet without talk first"
	}
	c := tend.Conflict{
		Kind:      tend.SpaceAndCloseness,
		People:    sortedNames(spacer, needer),
		Practices: []string{spaceID, p.ID},
		Why: fmt.Sprintf("%s needs %s %s, while %s needs %s straight away.",
			spacer.name, mins(wait), what, needer.name, p.Phrase()),
		Ways: []string{
			fmt.Sprintf("Before stepping back, %s says one warm sentence, like \"I need %s, then I'm right here\", so the space does not feel like leaving.", spacer.name, mins(wait)),
		},
	}
	if p.SelfHow != "" {
		c.Ways = append(c.Ways, fmt.Sprintf("Meanwhile %s can start alone: %s", needer.name, p.SelfHow))
		e.interim(needer, p, spacer, wait)
	}
	c.Ways = append(c.Ways,
		fmt.Sprintf("After %s, %s comes back for %s, and the plan goes on from there.", mins(wait), spacer.name, p.Phrase()),
		fmt.Sprintf("If %s feels long for %s, agree beforehand on a shorter first break and a sign for \"I'm ready\".", mins(wait), needer.name))
	e.spaceConf[key] = len(e.conflicts)
	e.conflicts = append(e.conflicts, c)
}

// interim plans what the person who needs closeness does while waiting:
// the practice's self version, for the length of the wait.
func (e *engine) interim(needer *person, p *tend.Practice, spacer *person, wait int) {
	e.steps = append(e.steps, &step{p: p, kind: stepFixed, mode: tend.Self, phase: tend.First, minutes: wait, prio: -1,
		forP: []*person{needer}, levels: []tend.Receive{tend.Need}, by: []*person{needer}, how: p.SelfHow,
		title: "Comfort on your own until " + spacer.name + " is back",
		why: fmt.Sprintf("%s needs %s straight away and %s needs %s first; meanwhile this stands in for it.",
			needer.name, p.Phrase(), spacer.name, mins(wait))})
}

func sortedNames(a, b *person) []string {
	if b.name < a.name {
		a, b = b, a
	}
	return []string{a.name, b.name}
}

// mins says a number of minutes in words: "1 minute", "10 minutes".
func mins(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}
