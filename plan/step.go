package plan

import (
	"slices"
	"sort"
	"strings"

	"github.com/tendcare/tend"
)

type stepKind int

const (
	stepGiven       stepKind = iota // one person gives to others
	stepTogether                    // shared by everyone
	stepSelf                        // a self practice
	stepSelfVersion                 // the alone version of a given/together practice
	stepFixed                       // planned by a rule, with its own why
)

// step is a plan step being built: receivers are added as wants arrive,
// and the words are written once at the end.
type step struct {
	p         *tend.Practice
	kind      stepKind
	prio      int       // orders steps that start together: time alone first
	mode      tend.Mode // overrides the practice's mode
	phase     tend.Phase
	at        int
	minutes   int
	forP      []*person
	levels    []tend.Receive // each receiver's level, parallel to forP
	by        []*person
	late      []*person // join a together step after their time alone
	giveLevel tend.Give
	why       string // set for stepFixed
	how       string // overrides the practice's how-to
	title     string // overrides the practice's title
	final     string // the title written out, set by finishSteps
	reason    string // for stepSelfVersion: "" (solo) or "distance"
}

// finishSteps orders the steps and writes them out with their reasons.
func (e *engine) finishSteps() []tend.Step {
	for _, s := range e.steps {
		if s.at > 0 && s.phase == tend.First {
			s.phase = tend.Soon
		}
	}
	sort.SliceStable(e.steps, func(i, j int) bool {
		a, b := e.steps[i], e.steps[j]
		if a.phase != b.phase {
			return a.phase.Rank() < b.phase.Rank()
		}
		if a.at != b.at {
			return a.at < b.at
		}
		if a.prio != b.prio {
			return a.prio < b.prio
		}
		if a.p.Order != b.p.Order {
			return a.p.Order < b.p.Order
		}
		if a.p.ID != b.p.ID {
			return a.p.ID < b.p.ID
		}
		return a.forP[0].name < b.forP[0].name
	})
	e.titles()
	out := make([]tend.Step, len(e.steps))
	for i, s := range e.steps {
		how := s.how
		if how == "" {
			how = s.p.HowTo
		}
		mode := s.p.Mode
		if s.mode != "" {
			mode = s.mode
		} else if s.kind == stepSelfVersion {
			mode = tend.Self
		}
		out[i] = tend.Step{Practice: s.p.ID, Title: s.final, Mode: mode, Phase: s.phase, At: s.at,
			For: names(s.forP), By: names(s.by), Minutes: s.minutes, Why: e.why(s), HowTo: how}
		for _, who := range s.forP {
			if c, ok := who.card.Comments[s.p.ID]; ok {
				out[i].Comments = append(out[i].Comments, tend.Note{From: who.name, Text: c})
			}
		}
	}
	return out
}

// why writes the reason for a step in plain words. It is on the hot path
// of every plan, so it writes into one builder rather than formatting.
func (e *engine) why(s *step) string {
	var b strings.Builder
	b.Grow(160)
	switch s.kind {
	case stepFixed:
		b.WriteString(s.why)
	case stepGiven:
		wantClause(&b, s)
		b.WriteString("; ")
		b.WriteString(s.by[0].name)
		b.WriteString(" is ")
		b.WriteString(giveWord(s.giveLevel))
		b.WriteString(" to offer it.")
	case stepTogether:
		wantClause(&b, s)
		switch len(s.by) {
		case 1:
			endSentence(&b)
		case 2:
			b.WriteString("; it is shared, and neither turns it down.")
		default:
			b.WriteString("; it is shared, and nobody here turns it down.")
		}
	case stepSelf:
		wantClause(&b, s)
		b.WriteString("; it is something to do alone.")
	case stepSelfVersion:
		wantClause(&b, s)
		who := s.forP[0].name
		switch {
		case s.reason == "distance" && s.p.Supply:
			b.WriteString("; at a distance nobody can hand it over, so ")
			b.WriteString(who + " keeps " + s.p.Item + " in reach.")
		case s.reason == "distance":
			b.WriteString("; at a distance this is the version " + who + " can do alone.")
		case s.p.Supply:
			b.WriteString("; alone, " + who + " keeps " + s.p.Item + " within reach.")
		default:
			b.WriteString("; alone, " + who + " can do a version of it.")
		}
	}
	if s.at > 0 {
		b.WriteString(" It starts after ")
		b.WriteString(mins(s.at))
		b.WriteString(", when ")
		b.WriteString(waitingFor(s))
		b.WriteString(" ready.")
		e.untilThen(&b, s)
	}
	if len(s.late) > 0 {
		b.WriteString(" ")
		b.WriteString(tend.JoinNames(names(s.late)))
		b.WriteString(" ")
		b.WriteString(verb(len(s.late), "joins", "join"))
		b.WriteString(" in when ready.")
	}
	return b.String()
}

// waitingFor says whose time alone a delayed step waits for.
func waitingFor(s *step) string {
	var who []string
	for _, group := range [][]*person{s.forP, s.by} {
		for _, q := range group {
			if q.window(s.p.Contact) >= s.at && !slices.Contains(who, q.name) {
				who = append(who, q.name)
			}
		}
	}
	if len(who) == 0 {
		return "everyone is"
	}
	slices.Sort(who)
	return tend.JoinNames(who) + " " + verb(len(who), "is", "are")
}

// wantClause writes who wants the step: "Sam needs a cuddle and Alex
// would like it too".
func wantClause(b *strings.Builder, s *step) {
	needs, likes := 0, 0
	for _, l := range s.levels {
		if l == tend.Need {
			needs++
		} else {
			likes++
		}
	}
	writeNames := func(level bool, n int) {
		i := 0
		for j, who := range s.forP {
			if (s.levels[j] == tend.Need) != level {
				continue
			}
			if i > 0 {
				if i == n-1 {
					b.WriteString(" and ")
				} else {
					b.WriteString(", ")
				}
			}
			b.WriteString(who.name)
			i++
		}
	}
	phrase := s.p.Phrase()
	if needs > 0 {
		writeNames(true, needs)
		b.WriteString(" " + verb(needs, "needs", "need") + " " + phrase)
		if likes > 0 {
			b.WriteString(" and ")
			writeNames(false, likes)
			b.WriteString(" would like it too")
		}
		return
	}
	writeNames(false, likes)
	b.WriteString(" would like " + phrase)
}

func giveWord(g tend.Give) string {
	if g == tend.Glad {
		return "glad"
	}
	return "willing"
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// titles sets each step's title: the practice's own, unless another step
// has the same one (one practice given by two people, everyone's own time
// alone), when both say for whom, so a checklist can tell them apart.
func (e *engine) titles() {
	count := map[string]int{}
	for _, s := range e.steps {
		s.final = s.title
		if s.final == "" {
			s.final = s.p.Title
		}
		count[s.final]++
	}
	for _, s := range e.steps {
		if count[s.final] < 2 {
			continue
		}
		s.final += " for " + tend.JoinNames(names(s.forP))
	}
}

// untilThen says what each receiver who needs a step, and must wait for
// someone else's time alone, does until it starts.
func (e *engine) untilThen(b *strings.Builder, s *step) {
	for j, q := range s.forP {
		// Care given without closeness can be left within reach during
		// someone's own time; a shared step waits for theirs too.
		own := receiverWindow(q, s.p)
		if s.kind == stepTogether {
			own = q.window(s.p.Contact)
		}
		if s.levels[j] != tend.Need || own >= s.at {
			continue
		}
		b.WriteString(" Until then, ")
		b.WriteString(q.name)
		if w := e.waitBy[q]; w != nil && w.step != nil {
			b.WriteString(" starts alone: see \"" + w.step.final + "\".")
		} else {
			b.WriteString(" and the others agree beforehand what would comfort " + q.name + " meanwhile.")
		}
	}
}
