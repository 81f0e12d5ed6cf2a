package insights

import (
	"cmp"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// Circle computes a circle's insights from its shared history at now,
// months counted in loc (nil: UTC), as Mine does: what members shared,
// never more. A member who keeps their reflections out counts for
// nothing, even if a reflection of theirs were in h; a journal is never
// read, so it can reach nothing this returns.
func Circle(h *tend.CircleHistory, names Names, now time.Time, loc *time.Location) *CircleInsights {
	loc = cmp.Or(loc, time.UTC)
	if h == nil {
		h = &tend.CircleHistory{}
	}
	out := &CircleInsights{Members: make([]MemberNeeds, len(h.Members))}
	member := make(map[string]int, len(h.Members))
	kept := 0
	for i, mh := range h.Members {
		out.Members[i] = MemberNeeds{PersonID: mh.PersonID, DisplayName: mh.DisplayName, Out: mh.Out}
		if _, dup := member[mh.PersonID]; !dup {
			member[mh.PersonID] = i
		}
		if mh.Out {
			kept++
		}
	}
	var first time.Time
	for _, e := range h.Encounters {
		if e != nil && !e.CreatedAt.IsZero() && !e.CreatedAt.After(now) && (first.IsZero() || e.CreatedAt.Before(first)) {
			first = e.CreatedAt
		}
	}
	win := newWindow(first, now, loc)
	rhythm := make([]RhythmMonth, win.n)
	for i := range rhythm {
		rhythm[i].Month = win.month(i).String()
	}
	var (
		ps      []practice
		lengths []length
	)
	index := map[string]int{}
	shared, inWindow := 0, 0
	for _, e := range h.Encounters {
		if e == nil || e.CreatedAt.After(now) {
			continue
		}
		out.Encounters++
		if mi := win.index(e.CreatedAt, loc); mi >= 0 {
			rhythm[mi].Encounters++
			lengths = countAftercare(rhythm, lengths, mi, e.AftercareAt, e.AftercareEnd)
			inWindow++
		}
		for _, r := range e.Reflections {
			if r == nil || r.At.After(now) {
				continue
			}
			k, isMember := member[r.PersonID]
			if isMember && out.Members[k].Out {
				continue
			}
			if isMember {
				out.Members[k].Reflections++
				if strings.TrimSpace(r.Missing) == "" {
					out.Members[k].Met++
				}
			}
			for _, id := range r.Helped {
				if id == "" {
					continue
				}
				j, ok := index[id]
				if !ok {
					j = len(ps)
					index[id] = j
					ps = append(ps, practice{id: id, saidAt: -1})
				}
				if ps[j].saidAt != shared {
					ps[j].saidAt = shared
					ps[j].said++
				}
			}
			shared++
		}
	}
	for i := range out.Members {
		mn := &out.Members[i]
		mn.Reading = memberReading(mn.DisplayName, mn.Out, mn.Reflections, mn.Met)
	}
	title := func(id string) string {
		if names != nil {
			if t := names(id); t != "" {
				return t
			}
		}
		return id
	}
	list := helpedList(ps, title)
	out.Helped = Helped{Practices: list, Reading: circleHelpedReading(list)}
	monthMedians(rhythm, lengths)
	out.Rhythm = Rhythm{Months: rhythm, Reading: circleRhythmReading(win, inWindow)}
	out.Reading = circleReading(out.Encounters, shared, kept)
	return out
}
