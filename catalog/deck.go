package catalog

import (
	"fmt"
	"io/fs"
	"slices"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

// Decks of questions.
const (
	Starter = "starter" // to open the conversation before
	Debrief = "debrief" // to talk it over after
)

// DeckInfo names a deck and says what it is for, in the words the
// command line and the web both show.
type DeckInfo struct {
	Name string `json:"name"`
	// Title reads as a heading: "Before: to start the conversation".
	Title string `json:"title"`
	// Purpose is one sentence on when and how to use it.
	Purpose string `json:"purpose"`
}

var decks = []DeckInfo{
	{Starter, "Before: to start the conversation", "Questions to ask each other before you begin, so each of you knows what helps afterwards."},
	{Debrief, "After: to talk it over", "Questions for afterwards, then or the next day: how it felt, and what to keep for next time."},
}

// Decks returns the question decks, the one to use before first.
func (c *Catalog) Decks() []DeckInfo { return slices.Clone(decks) }

// DeckInfo returns the deck with the name.
func (c *Catalog) DeckInfo(name string) (DeckInfo, bool) {
	for _, d := range decks {
		if d.Name == name {
			return d, true
		}
	}
	return DeckInfo{}, false
}

// Audiences of questions.
const (
	Anyone = "any"
	Casual = "casual" // a new or casual partner
	Group  = "group"  // three or more people
)

// Question is one conversation starter or debrief question.
type Question struct {
	ID       string      `json:"id"`
	Deck     string      `json:"deck"`
	Kinds    []tend.Kind `json:"kinds"`
	Audience string      `json:"audience"`
	Text     string      `json:"text"`
}

func loadQuestions(fsys fs.FS) ([]Question, error) {
	const name = "data/decks.json"
	var doc struct {
		Questions []Question `json:"questions"`
	}
	if err := decodeStrict(fsys, name, &doc); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, q := range doc.Questions {
		var problem string
		switch {
		case !catalogID.MatchString(q.ID):
			problem = "id: must be lowercase words joined by dashes"
		case seen[q.ID]:
			problem = "id: used twice"
		case q.Deck != Starter && q.Deck != Debrief:
			problem = fmt.Sprintf("deck: %q is not starter or debrief", q.Deck)
		case q.Audience != Anyone && q.Audience != Casual && q.Audience != Group:
			problem = fmt.Sprintf("audience: %q is not any, casual or group", q.Audience)
		case q.Text == "" || utf8.RuneCountInString(q.Text) > 200:
			problem = "text: must be 1 to 200 characters"
		case len(q.Kinds) == 0:
			problem = "kinds: must name at least one encounter kind"
		}
		for _, k := range q.Kinds {
			if !k.Valid() {
				problem = fmt.Sprintf("kinds: %q is not an encounter kind", k)
			}
		}
		if problem != "" {
			return nil, fmt.Errorf("catalog: %s: question %d (%q): %s", name, i+1, q.ID, problem)
		}
		seen[q.ID] = true
	}
	for _, k := range tend.Kinds() {
		for _, d := range []string{Starter, Debrief} {
			if len(filter(doc.Questions, k, d, "")) == 0 {
				return nil, fmt.Errorf("catalog: %s: no %s question for %s encounters", name, d, k)
			}
		}
	}
	return doc.Questions, nil
}

func filter(qs []Question, k tend.Kind, deck, audience string) []Question {
	var out []Question
	for _, q := range qs {
		if q.Deck != deck || audience != "" && q.Audience != audience {
			continue
		}
		for _, qk := range q.Kinds {
			if qk == k {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// Questions returns every question in the deck that fits the kind, for the
// audience ("" for all audiences), in catalog order.
func (c *Catalog) Questions(k tend.Kind, deck, audience string) []Question {
	return filter(c.questions, k, deck, audience)
}

// AllQuestions returns every question in catalog order.
func (c *Catalog) AllQuestions() []Question { return c.questions }

// Deck picks up to n questions of a deck for an encounter kind: general
// ones, plus ones worded for a group (people >= 3) or a casual partner.
// The pick is deterministic for the same arguments and seed; a caller
// that wants variety passes a different seed (a day number, say).
func (c *Catalog) Deck(k tend.Kind, deck string, n, people int, casual bool, seed uint64) []Question {
	var pool []Question
	for _, q := range filter(c.questions, k, deck, "") {
		switch {
		case q.Audience == Group && people < 3, q.Audience == Casual && !casual:
			continue
		}
		pool = append(pool, q)
	}
	if len(pool) <= n {
		return pool
	}
	// Put audience-specific questions first so they are not crowded out,
	// then rotate the rest by the seed.
	var special, general []Question
	for _, q := range pool {
		if q.Audience != Anyone {
			special = append(special, q)
		} else {
			general = append(general, q)
		}
	}
	rot := func(qs []Question) []Question {
		if len(qs) == 0 {
			return qs
		}
		s := int(seed % uint64(len(qs)))
		return append(append([]Question{}, qs[s:]...), qs[:s]...)
	}
	out := append(rot(special), rot(general)...)
	if len(special) > 0 && len(general) > 0 && n >= 2 {
		// Keep a balance: at most half the pick audience-specific.
		half := (n + 1) / 2
		sp := rot(special)
		if len(sp) > half {
			sp = sp[:half]
		}
		out = append(sp, rot(general)...)
	}
	return out[:n]
}
