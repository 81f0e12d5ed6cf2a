// Package catalog is Tend's built-in catalog: the aftercare practices,
// the conversation-starter and debrief question decks, and the short
// guides. The data files are embedded in the binary and validated by Load,
// so a broken file stops the program at start, not in front of a person.
package catalog

import (
	"embed"
	"io/fs"
	"sort"

	"github.com/tendcare/tend"
)

//go:embed data/practices.json data/decks.json data/guides.json data/guides/*.md
var embedded embed.FS

// Catalog holds the validated catalog. It is read-only after Load and safe
// for concurrent use. It implements tend.PracticeIndex.
type Catalog struct {
	practices []*tend.Practice
	byID      map[string]*tend.Practice
	questions []Question
	guides    []Guide
}

// Load reads and validates the embedded catalog.
func Load() (*Catalog, error) { return LoadFS(embedded) }

// LoadFS reads and validates a catalog from fsys, which holds the layout
// of the embedded one (data/practices.json, data/decks.json,
// data/guides.json, data/guides/NAME.md). Any broken rule is an error
// naming the file and the entry.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{}
	var err error
	if c.practices, err = loadPractices(fsys); err != nil {
		return nil, err
	}
	c.byID = make(map[string]*tend.Practice, len(c.practices))
	for _, p := range c.practices {
		c.byID[p.ID] = p
	}
	if c.questions, err = loadQuestions(fsys); err != nil {
		return nil, err
	}
	if c.guides, err = loadGuides(fsys); err != nil {
		return nil, err
	}
	return c, nil
}

// Practice returns the practice with the id.
func (c *Catalog) Practice(id string) (*tend.Practice, bool) {
	p, ok := c.byID[id]
	return p, ok
}

// Practices returns every practice in catalog order. Callers must not
// modify the returned practices.
func (c *Catalog) Practices() []*tend.Practice { return c.practices }

// ForKind returns the practices that suit the encounter kind, in order.
func (c *Catalog) ForKind(k tend.Kind) []*tend.Practice {
	var out []*tend.Practice
	for _, p := range c.practices {
		if p.Suits(k) {
			out = append(out, p)
		}
	}
	return out
}

// Closest returns the catalog id most like id (by edit distance, ignoring
// case, spaces and underscores), or "" when none is close enough to be a
// likely typo.
func (c *Catalog) Closest(id string) string {
	want := normalizeID(id)
	if len(want) > 3*tend.MaxIDLen {
		return ""
	}
	best, bestD := "", 1<<30
	for _, p := range c.practices {
		d := distance(want, p.ID)
		if d < bestD || d == bestD && p.ID < best {
			best, bestD = p.ID, d
		}
	}
	limit := 2
	if n := len(want) / 3; n > limit {
		limit = n
	}
	if bestD > limit {
		// Also accept a catalog id contained in what was written
		// ("glass-of-water" → "water").
		var hits []string
		for _, p := range c.practices {
			if len(p.ID) >= 4 && containsWord(want, p.ID) {
				hits = append(hits, p.ID)
			}
		}
		if len(hits) == 0 {
			return ""
		}
		sort.Slice(hits, func(i, j int) bool {
			return len(hits[i]) > len(hits[j]) || len(hits[i]) == len(hits[j]) && hits[i] < hits[j]
		})
		return hits[0]
	}
	return best
}

// Files returns the embedded data files, for tools and tests that check
// or copy them.
func Files() fs.FS { return embedded }
