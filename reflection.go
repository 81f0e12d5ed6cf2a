package tend

import (
	"slices"
	"strings"
	"time"
)

// Emotions are the words a reflection may name.
var emotions = []string{
	"calm", "close", "content", "cared for", "grateful", "happy", "playful", "proud", "relieved", "safe", "tender",
	"tired", "numb", "unsure", "restless", "sad", "lonely", "anxious", "ashamed", "overwhelmed", "irritable", "raw",
}

// Emotions returns the words a reflection may name, pleasant ones first.
func Emotions() []string { return slices.Clone(emotions) }

// Reflection is one member's look back. Missing, Favourite and Note are
// shared with the others once revealed; Journal is private, always.
// Every text is sealed at rest.
type Reflection struct {
	PersonID    string
	DisplayName string
	Mood        Scale
	Emotions    []string
	// Helped are practice ids of plan steps that helped.
	Helped    []string
	Missing   string
	Favourite string
	Note      string
	// Journal is only ever shown to its author.
	Journal string
	At      time.Time
}

// Validate trims and checks a reflection.
func (r *Reflection) Validate() error {
	var ps Problems
	if r.Mood < 1 || r.Mood > 5 {
		ps.Add("mood", "choose how you feel now, from 1 (low) to 5 (great)")
	}
	if len(r.Emotions) > len(emotions) {
		ps.Add("emotions", "at most %d", len(emotions))
	} else {
		for _, e := range r.Emotions {
			if !slices.Contains(emotions, e) {
				ps.Add("emotions", "%q is not one of the words offered", Printable(e))
				break
			}
		}
	}
	for _, f := range []struct {
		name string
		s    *string
		max  int
	}{{"missing", &r.Missing, MaxCheckInTextLen}, {"favourite", &r.Favourite, MaxCheckInTextLen},
		{"note", &r.Note, MaxCheckInTextLen}, {"journal", &r.Journal, MaxJournalLen}} {
		var err error
		*f.s, err = CheckText(f.name, *f.s, 0, f.max, true)
		ps.Check(f.name, err)
	}
	ps.Check("helped", checkIDs("helped", r.Helped))
	return ps.Err()
}

// Shared returns the parts of r the other members may see once revealed.
func (r *Reflection) Shared() *Reflection {
	out := *r
	out.Journal = ""
	out.Emotions = slices.Clone(r.Emotions)
	out.Helped = slices.Clone(r.Helped)
	return &out
}

func checkIDs(name string, ids []string) error {
	if len(ids) > MaxLevels {
		return FieldErrorf(name, "at most %d", MaxLevels)
	}
	for _, id := range ids {
		if len(id) > MaxIDLen || !idPattern.MatchString(strings.TrimPrefix(id, "x-")) {
			return FieldErrorf(name, "%q is not a practice id", Printable(id))
		}
	}
	return nil
}

// Reflections is what FindReflections answers for one encounter.
type Reflections struct {
	Mine     *Reflection
	Others   []*Reflection
	Revealed bool
}
