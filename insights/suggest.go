package insights

import (
	"slices"
	"strings"

	"github.com/tendcare/tend"
)

// Thresholds of suggestions.
const (
	// MinBest is how many best-rated (4 or 5) reflected encounters a
	// receive suggestion needs.
	MinBest = 5
	// MinDropSuggest is how many timed low times after encounters a
	// drop suggestion needs.
	MinDropSuggest = 3
)

// suggest makes the suggestions the evidence supports, leaving out
// those the person dismissed: the drop timing first, then "I'd like
// this" for practices by strength.
func (m *miner) suggest() []Suggestion {
	out := []Suggestion{}
	if s, ok := m.dropSuggestion(); ok {
		out = append(out, s)
	}
	out = append(out, m.receiveSuggestions()...)
	return slices.DeleteFunc(out, func(s Suggestion) bool { return slices.Contains(m.h.Dismissed, s.ID) })
}

// dropSuggestion suggests when drop tends to come, for a profile that
// does not say (or says it doesn't happen), when more than half of at
// least MinDropSuggest timed low times after encounters (follow-up
// answers and "low place"; "not okay" is during, so not counted) came
// at one of the profile's timings.
func (m *miner) dropSuggestion() (Suggestion, bool) {
	var from tend.DropWhen
	if d := m.h.Profile.Drop; d != nil {
		from = d.When
	}
	if from != "" && from != tend.DropNone {
		return Suggestion{}, false
	}
	a := m.afterEnc
	total := a[0] + a[1] + a[2] + a[3]
	if total < MinDropSuggest {
		return Suggestion{}, false
	}
	for _, b := range []struct {
		when tend.DropWhen
		n    int
	}{{tend.DropSameDay, a[0] + a[1]}, {tend.DropNextDay, a[2]}, {tend.DropDaysLater, a[3]}} {
		if 2*b.n > total {
			text, question, why := dropTexts(b.n, total, from, b.when)
			return Suggestion{ID: "drop.when." + string(b.when), Text: text, Question: question, Why: why,
				Path: "drop.when", From: string(from), To: string(b.when)}, true
		}
	}
	return Suggestion{}, false
}

// receiveSuggestions suggest "I'd like this" for practices that come
// with better days (ComesWith's thresholds met, better share higher
// with them), present in at least two thirds of at least MinBest
// best-rated encounters, that the profile leaves "okay either way" or
// unmarked. A practice neither names nor the profile knows is left out:
// a card cannot name it.
func (m *miner) receiveSuggestions() []Suggestion {
	if m.better < MinBest {
		return nil
	}
	var es []Evidence
	for i := range m.practices {
		e := m.evidence(&m.practices[i])
		if comparable(e) && betterWith(e) && 3*e.WithBetter >= 2*m.better {
			es = append(es, e)
		}
	}
	slices.SortFunc(es, byGap)
	var out []Suggestion
	for _, e := range es {
		title := m.knownTitle(e.Practice)
		path, from, ok := receivePath(m.h.Profile, e.Practice)
		if title == "" || !ok {
			continue
		}
		text, question, why := receiveTexts(e.Practice, title, e.WithBetter, m.better, from, tend.Like)
		out = append(out, Suggestion{ID: "receive." + e.Practice + ".like", Text: text, Question: question, Why: why,
			Path: path, From: string(from), To: string(tend.Like)})
	}
	return out
}

// receivePath returns where the card keeps the person's level for
// receiving the practice, as tend.DiffCards names it, and the level
// there; ok is false unless that level is okay or unset. The top-level
// receive wins over a custom practice's own level, as in Card.Levels. A
// decline anywhere (top level, own practice, any kind's adjustment) is
// respected: no suggestion, ever.
func receivePath(c *tend.Card, id string) (path string, from tend.Receive, ok bool) {
	var custom *tend.CustomPractice
	for i := range c.Custom {
		if c.Custom[i].ID == id {
			custom = &c.Custom[i]
		}
	}
	if custom != nil && custom.Receive.Declined() {
		return "", "", false
	}
	for _, o := range c.Encounters {
		if o != nil && o.Receive[id].Declined() {
			return "", "", false
		}
	}
	path = "receive." + id
	if r, set := c.Receive[id]; set {
		from = r
	} else if custom != nil {
		path, from = "custom."+id+".receive", custom.Receive
	}
	return path, from, from == "" || from == tend.Okay
}

// Apply returns a clone of the card with the suggestion's change made
// (c is not changed; nil is an empty card). EINVALID when the
// suggestion's path is not one Apply knows, its To is not a level or
// timing, or the card no longer has From there: the profile changed
// since the suggestion was made, so the person looks again.
func Apply(s Suggestion, c *tend.Card) (*tend.Card, error) {
	if c == nil {
		c = &tend.Card{}
	}
	out := c.Clone()
	changed := tend.Errorf(tend.EINVALID, "your profile changed since this suggestion was made; look at your insights again")
	if s.Path == "drop.when" {
		to := tend.DropWhen(s.To)
		if !to.Valid() {
			return nil, tend.Errorf(tend.EINVALID, "%q is not a time drop comes", tend.Printable(s.To))
		}
		var cur tend.DropWhen
		if out.Drop != nil {
			cur = out.Drop.When
		}
		if string(cur) != s.From {
			return nil, changed
		}
		if out.Drop == nil {
			out.Drop = &tend.Drop{}
		}
		out.Drop.When = to
		return out, nil
	}
	to := tend.Receive(s.To)
	if id, ok := strings.CutPrefix(s.Path, "receive."); ok && pathID(id) {
		if !to.Valid() {
			return nil, tend.Errorf(tend.EINVALID, "%q is not a level", tend.Printable(s.To))
		}
		if string(out.Receive[id]) != s.From {
			return nil, changed
		}
		if out.Receive == nil {
			out.Receive = map[string]tend.Receive{}
		}
		out.Receive[id] = to
		return out, nil
	}
	if id, ok := customReceive(s.Path); ok {
		if !to.Valid() {
			return nil, tend.Errorf(tend.EINVALID, "%q is not a level", tend.Printable(s.To))
		}
		k := slices.IndexFunc(out.Custom, func(cp tend.CustomPractice) bool { return cp.ID == id })
		if k < 0 || string(out.Custom[k].Receive) != s.From {
			return nil, changed
		}
		out.Custom[k].Receive = to
		return out, nil
	}
	return nil, tend.Errorf(tend.EINVALID, "this is not a change Tend suggests")
}

// customReceive returns the id of a "custom.<id>.receive" path.
func customReceive(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "custom.")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, ".receive")
	return id, ok && tend.IsCustomID(id) && pathID(id)
}

// pathID reports whether id can be one part of a path: not empty, no
// dot.
func pathID(id string) bool { return id != "" && !strings.Contains(id, ".") }
