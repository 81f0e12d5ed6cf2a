package plan

import (
	"fmt"
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
	out := make([]tend.Step, len(e.steps))
	for i, s := range e.steps {
		title := s.title
		if title == "" {
			title = s.p.Title
		}
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
		out[i] = tend.Step{Practice: s.p.ID, Title: title, Mode: mode, Phase: s.phase, At: s.at,
			For: names(s.forP), By: names(s.by), Minutes: s.minutes, Why: e.why(s), HowTo: how}
		for _, who := range s.forP {
			if c, ok := who.card.Comments[s.p.ID]; ok {
				out[i].Comments = append(out[i].Comments, tend.Note{From: who.name, Text: c})
			}
		}
	}
	return out
}

// why writes the reason for a step in plain words.
func (e *engine) why(s *step) string {
	var b strings.Builder
	switch s.kind {
	case stepFixed:
		b.WriteString(s.why)
	case stepGiven:
		b.WriteString(wantClause(s))
		fmt.Fprintf(&b, "; %s is %s to offer it.", s.by[0].name, giveWord(s.giveLevel))
	case stepTogether:
		b.WriteString(wantClause(s))
		switch len(s.by) {
		case 1:
			b.WriteString(".")
		case 2:
			b.WriteString("; it is shared, and neither of you turns it down.")
		default:
			b.WriteString("; it is shared, and nobody here turns it down.")
		}
	case stepSelf:
		b.WriteString(wantClause(s))
		b.WriteString("; it is something to do for yourself.")
	case stepSelfVersion:
		b.WriteString(wantClause(s))
		switch {
		case s.reason == "distance" && s.p.Supply:
			fmt.Fprintf(&b, "; at a distance nobody can hand it over, so %s keeps %s in reach.", s.forP[0].name, s.p.Item)
		case s.reason == "distance":
			fmt.Fprintf(&b, "; at a distance this is the version %s can do alone.", s.forP[0].name)
		case s.p.Supply:
			fmt.Fprintf(&b, "; alone, %s keeps %s within reach.", s.forP[0].name, s.p.Item)
		default:
			b.WriteString("; alone, this is a way to give it to yourself.")
		}
	}
	if s.at > 0 {
		fmt.Fprintf(&b, " It starts after %s, when %s ready.", mins(s.at), waitingFor(e, s))
	}
	if len(s.late) > 0 {
		fmt.Fprintf(&b, " %s %s in when ready.", list(names(s.late)), verb(len(s.late), "joins", "join"))
	}
	return b.String()
}

// waitingFor says whose time alone a delayed step waits for.
func waitingFor(e *engine, s *step) string {
	var who []string
	seen := map[*person]bool{}
	for _, q := range append(append([]*person{}, s.forP...), s.by...) {
		if !seen[q] && q.window(s.p.Contact) >= s.at {
			seen[q] = true
			who = append(who, q.name)
		}
	}
	if len(who) == 0 {
		return "everyone is"
	}
	sort.Strings(who)
	return list(who) + " " + verb(len(who), "is", "are")
}

// wantClause says who wants the step: "Sam needs a cuddle and Alex would
// like it too".
func wantClause(s *step) string {
	var needs, likes []string
	for i, who := range s.forP {
		if s.levels[i] == tend.Need {
			needs = append(needs, who.name)
		} else {
			likes = append(likes, who.name)
		}
	}
	phrase := s.p.Phrase()
	switch {
	case len(needs) > 0 && len(likes) > 0:
		return fmt.Sprintf("%s %s %s and %s would like it too", list(needs), verb(len(needs), "needs", "need"), phrase, list(likes))
	case len(needs) > 0:
		return fmt.Sprintf("%s %s %s", list(needs), verb(len(needs), "needs", "need"), phrase)
	}
	return fmt.Sprintf("%s would like %s", list(likes), phrase)
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

// list joins names in plain English: "Sam", "Sam and Alex", "Sam, Jo and Alex".
func list(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func lowerFirst(s string) string {
	if s == "" || len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
