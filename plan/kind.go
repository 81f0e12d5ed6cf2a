package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tendcare/tend"
)

// checkinAfter says when a check-in practice happens, in minutes after
// the encounter: check-ins become follow-ups, not steps.
func checkinAfter(id string) (int, bool) {
	switch id {
	case "evening-checkin":
		return 6 * 60, true
	case "good-morning-message":
		return 12 * 60, true
	case "next-day-checkin":
		return 24 * 60, true
	case "days-later-checkin":
		return 3 * 24 * 60, true
	}
	return 0, false
}

func wantVerb(r tend.Receive) string {
	if r == tend.Need {
		return "needs"
	}
	return "would like"
}

// baseMinutes is how long to set aside for a kind of encounter before
// anyone's own adjustments.
func baseMinutes(k tend.Kind) int {
	switch k {
	case tend.Quickie:
		return 5
	case tend.Intense:
		return 30
	case tend.FirstTime, tend.LongDistance:
		return 20
	case tend.Solo:
		return 10
	}
	return 15
}

// minutes is the time to set aside: the kind's base, or more if a card
// asks for more, or if a step takes longer or must wait for someone's
// time alone.
func (e *engine) minutes() int {
	m := baseMinutes(e.kind)
	for _, p := range e.people {
		m = max(m, p.minutes)
	}
	// Steps in the first half hour run side by side, so the time is how
	// long until the last needed one is done; a liked step that runs
	// longer (a film, a nap) is an extra if there is time.
	for _, s := range e.steps {
		if s.phase == tend.Later {
			continue
		}
		end := s.at
		if s.kind == stepFixed || slices.Contains(s.levels, tend.Need) {
			end += s.minutes
		}
		m = max(m, end)
	}
	return m
}

// nobodyDeclines reports whether no one here turns the practice down.
func (e *engine) nobodyDeclines(id string) bool {
	p, ok := e.idx.Practice(id)
	return ok && len(e.decliners(p)) == 0
}

// addedStep plans a practice the encounter kind calls for even if nobody
// asked: for everyone (together) or for one person (self).
func (e *engine) addedStep(id string, forP []*person, why string) {
	p, ok := e.idx.Practice(id)
	if !ok {
		return
	}
	mode := tend.Together
	if len(forP) == 1 {
		mode = tend.Self
	}
	s := &step{p: p, kind: stepFixed, mode: mode, phase: p.Phase, minutes: p.Minutes,
		forP: forP, levels: make([]tend.Receive, len(forP)), by: forP, why: why}
	s.at = e.delay(s)
	e.steps = append(e.steps, s)
}

// planned reports whether a step for practice id already includes who.
func (e *engine) planned(id string, who *person) bool {
	for _, s := range e.steps {
		if s.p.ID == id && (contains(s.forP, who) || contains(s.by, who)) {
			return true
		}
	}
	return false
}

// kindSteps adds what the kind of encounter calls for.
func (e *engine) kindSteps() {
	switch e.kind {
	case tend.FirstTime:
		if len(e.people) > 1 && e.together["debrief"] == nil && e.nobodyDeclines("debrief") {
			e.addedStep("debrief", e.people, "After a first time, talking it over helps everyone make sense of it and shapes next time.")
		}
	case tend.LongDistance:
		if len(e.people) > 1 && e.together["stay-on-call"] == nil && e.nobodyDeclines("stay-on-call") {
			e.addedStep("stay-on-call", e.people, "Apart, staying on the line for a while keeps the closeness while bodies settle; hanging up at once can feel abrupt.")
		}
		for _, who := range e.people {
			if who.recv["self-care-kit"].Declined() || e.planned("self-care-kit", who) {
				continue
			}
			e.addedStep("self-care-kit", []*person{who}, fmt.Sprintf("Apart, nobody can hand %s anything, so %s keeps these within reach: %s.", who.name, who.name, e.kitList(who)))
		}
	case tend.Solo:
		who := e.people[0]
		for _, id := range []string{"self-checkin", "self-compassion"} {
			if !who.recv[id].Declined() && !e.planned(id, who) {
				e.addedStep(id, []*person{who}, "Alone, a moment of kindness and a short check-in with yourself are the heart of aftercare.")
			}
		}
	}
}

// kitList names the items in who's self-care kit for a distance encounter.
func (e *engine) kitList(who *person) string {
	var items []string
	for _, s := range e.kit {
		if s.who == who {
			items = append(items, s.item)
		}
	}
	if len(items) == 0 {
		return "water, something warm to wrap up in, and the phone charged"
	}
	return tend.JoinNames(items)
}

// supplyKind says why a supply is listed.
type supplyKind int

const (
	stepSupply  supplyKind = iota // a planned step needs it
	baseSupply                    // the kind of encounter calls for it
	unmetSupply                   // a need nobody gives: prepare it anyway
	kitSupply                     // part of one person's self-care kit
)

type supply struct {
	p    *tend.Practice
	item string
	kind supplyKind
	who  *person
}

func (e *engine) addSupply(p *tend.Practice, who *person, kind supplyKind) {
	for _, s := range e.kit {
		if s.item == p.Item && s.who == who {
			return
		}
	}
	e.kit = append(e.kit, supply{p: p, item: p.Item, kind: kind, who: who})
}

// finishSupplies lists what to have at hand: for the planned steps, the
// kind's basics, needs nobody gives, and each person's own kit.
func (e *engine) finishSupplies() []tend.Supply {
	out := []tend.Supply{}
	seen := map[string]bool{}
	for _, s := range e.steps {
		if !s.p.Supply || s.reason == "distance" || seen[s.p.Item] || s.p.ID == "self-care-kit" && e.kind == tend.LongDistance {
			continue
		}
		seen[s.p.Item] = true
		var forWhom []string
		for _, st := range e.steps {
			if st.p.Item == s.p.Item && st.reason != "distance" {
				for _, q := range st.forP {
					forWhom = appendUnique(forWhom, q.name)
				}
			}
		}
		out = append(out, tend.Supply{Item: s.p.Item, Why: fmt.Sprintf("For %s in the plan (%s).", s.p.Phrase(), tend.JoinNames(forWhom))})
	}
	if e.kind == tend.Intense {
		for _, id := range []string{"water", "snack", "blanket"} {
			p, ok := e.idx.Practice(id)
			if !ok || seen[p.Item] || e.anyone(func(q *person) bool { return q.recv[id] == tend.Never }) {
				continue
			}
			seen[p.Item] = true
			out = append(out, tend.Supply{Item: p.Item, Why: "After intense play bodies often get thirsty, cold or shaky; have it at hand even if nobody asked."})
		}
	}
	for _, s := range e.kit {
		if s.kind != unmetSupply || seen[s.item] {
			continue
		}
		seen[s.item] = true
		var who []string
		for _, t := range e.kit {
			if t.kind == unmetSupply && t.item == s.item {
				who = appendUnique(who, t.who.name)
			}
		}
		out = append(out, tend.Supply{Item: s.item, For: who,
			Why: fmt.Sprintf("%s %s %s and nobody here offers it; with %s at hand, %s covered either way.",
				tend.JoinNames(who), verb(len(who), "needs", "need"), s.p.Phrase(), s.item, tend.JoinNames(who)+" "+verb(len(who), "is", "are"))})
	}
	for _, who := range e.people {
		for _, s := range e.kit {
			if s.kind == kitSupply && s.who == who {
				out = append(out, tend.Supply{Item: s.item, For: []string{who.name},
					Why: fmt.Sprintf("Part of %s self-care kit: apart, nobody can hand it over.", possessive(who.name))})
			}
		}
	}
	return out
}

func (e *engine) anyone(f func(*person) bool) bool {
	for _, p := range e.people {
		if f(p) {
			return true
		}
	}
	return false
}

func appendUnique(ns []string, n string) []string {
	if slices.Contains(ns, n) {
		return ns
	}
	return append(ns, n)
}

// followup is one person's later check-in, before grouping.
type followup struct {
	after  int // minutes
	who    *person
	reason string
}

func (e *engine) followup(who *person, after int, reason string) {
	e.followups = append(e.followups, followup{after: after, who: who, reason: reason})
}

// kindFollowups schedules the check-ins the kind of encounter and people's
// drop patterns call for.
func (e *engine) kindFollowups() {
	for _, who := range e.people {
		when := tend.DropNone
		if who.card.Drop != nil {
			when = who.card.Drop.When
		}
		switch e.kind {
		case tend.Intense:
			evening := 6 * 60
			if when == tend.DropSameDay {
				evening = 3 * 60
			}
			e.followup(who, evening, "After intense play a drop can come within hours; a short check-in later that day.")
			e.followup(who, 24*60, "A drop can also come the next day; a check-in then, even if all seemed well.")
		case tend.FirstTime:
			e.followup(who, 24*60, "After a first time, a check-in the next day leaves room for what came up later.")
		case tend.LongDistance:
			if len(e.people) > 1 {
				e.followup(who, 60, "Apart, nobody is in the room to notice a low mood; a short message an hour later.")
			}
		}
		if when == tend.DropNone {
			continue
		}
		after := map[tend.DropWhen]int{tend.DropSameDay: 3 * 60, tend.DropNextDay: 24 * 60, tend.DropDaysLater: 3 * 24 * 60}[when]
		reason := fmt.Sprintf("%s low mood tends to come %s", possessive(who.name),
			map[tend.DropWhen]string{tend.DropSameDay: "the same day", tend.DropNextDay: "the next day", tend.DropDaysLater: "a few days later"}[when])
		var helps []string
		for _, h := range who.card.Drop.Helps {
			if h = listItem(h); h != "" {
				helps = append(helps, h)
			}
		}
		if len(helps) > 0 {
			reason += "; what helps then: " + strings.Join(helps, ", ")
		}
		e.followup(who, after, sentence(reason))
	}
}

// finishFollowups groups follow-ups by time: one per time, for everyone
// it concerns, with each distinct reason once.
func (e *engine) finishFollowups() []tend.Followup {
	sort.SliceStable(e.followups, func(i, j int) bool { return e.followups[i].after < e.followups[j].after })
	out := []tend.Followup{}
	for i := 0; i < len(e.followups); {
		j := i
		var who, reasons []string
		for ; j < len(e.followups) && e.followups[j].after == e.followups[i].after; j++ {
			who = appendUnique(who, e.followups[j].who.name)
			reasons = appendUnique(reasons, e.followups[j].reason)
		}
		sort.Strings(who)
		out = append(out, tend.Followup{After: isoDuration(e.followups[i].after), For: who, Why: strings.Join(reasons, " ")})
		i = j
	}
	return out
}

// isoDuration writes minutes as an ISO 8601 duration: PT45M, PT6H, P1D.
func isoDuration(m int) string {
	if m > 0 && m%(24*60) == 0 {
		return fmt.Sprintf("P%dD", m/(24*60))
	}
	s := "PT"
	if h := m / 60; h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m%60 > 0 || m == 0 {
		s += fmt.Sprintf("%dM", m%60)
	}
	return s
}
