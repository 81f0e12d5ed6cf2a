package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

// StableIDs returns the practice ids that tend.card/v1 fixes: the catalog
// must always contain them so that cards stay valid across versions.
func StableIDs() []string {
	return []string{
		"water", "snack", "meal", "towel", "clean-up", "bathroom", "shower-together",
		"bath", "blanket", "comfy-position", "rest", "nap-together", "first-aid", "lotion",
		"cuddle", "spoon", "hold-hand", "slow-kiss", "massage", "stroke-hair", "skin-contact",
		"ask-feelings", "ask-needs", "affirm", "appreciate", "praise", "debrief",
		"talk-feelings", "laugh", "nicknames", "reassure-relationship",
		"stay-close", "no-phones", "quiet-together", "breathe-together", "music",
		"movie", "walk",
		"space-first", "quiet-no-talk", "no-touch-first",
		"stay-on-call", "checkin-message", "self-care-kit",
		"self-compassion", "self-checkin", "journal",
		"evening-checkin", "next-day-checkin",
	}
}

var catalogID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// decodeStrict decodes one JSON document, refusing unknown fields and
// trailing data.
func decodeStrict(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("catalog: %s: %w", name, err)
	}
	if dec.More() {
		return fmt.Errorf("catalog: %s: data after the JSON document", name)
	}
	return nil
}

func loadPractices(fsys fs.FS) ([]*tend.Practice, error) {
	const name = "data/practices.json"
	var doc struct {
		Practices []*tend.Practice `json:"practices"`
	}
	if err := decodeStrict(fsys, name, &doc); err != nil {
		return nil, err
	}
	byID := map[string]*tend.Practice{}
	for i, p := range doc.Practices {
		p.Order = i
		if err := checkPractice(p); err != nil {
			return nil, fmt.Errorf("catalog: %s: practice %d (%q): %w", name, i+1, p.ID, err)
		}
		if byID[p.ID] != nil {
			return nil, fmt.Errorf("catalog: %s: practice %d: id %q is used twice", name, i+1, p.ID)
		}
		byID[p.ID] = p
	}
	for i, p := range doc.Practices {
		for _, n := range p.Near {
			if byID[n] == nil {
				return nil, fmt.Errorf("catalog: %s: practice %d (%q): near: %q is not a practice in the catalog", name, i+1, p.ID, n)
			}
			if n == p.ID {
				return nil, fmt.Errorf("catalog: %s: practice %d (%q): near: names itself", name, i+1, p.ID)
			}
		}
	}
	for _, id := range StableIDs() {
		if byID[id] == nil {
			return nil, fmt.Errorf("catalog: %s: stable id %q is missing; cards rely on it", name, id)
		}
	}
	return doc.Practices, nil
}

func checkPractice(p *tend.Practice) error {
	switch {
	case !catalogID.MatchString(p.ID) || len(p.ID) > tend.MaxIDLen:
		return fmt.Errorf("id: must be lowercase words joined by dashes")
	case tend.IsCustomID(p.ID):
		return fmt.Errorf("id: x- ids are for people's own practices")
	case !validCategory(p.Category):
		return fmt.Errorf("category: %q is not a catalog category", p.Category)
	case p.Title == "" || utf8.RuneCountInString(p.Title) > 48:
		return fmt.Errorf("title: must be 1 to 48 characters")
	case p.HowTo == "" || utf8.RuneCountInString(p.HowTo) > 400:
		return fmt.Errorf("howto: must be 1 to 400 characters")
	case !p.Mode.Valid():
		return fmt.Errorf("mode: %q is not given, together or self", p.Mode)
	case p.Supply != (p.Item != ""):
		return fmt.Errorf("item: must be set exactly when supply is true")
	case p.Contact != tend.NoContact && p.Contact != tend.TouchNeeded && p.Contact != tend.TalkNeeded && p.Contact != tend.NearNeeded:
		return fmt.Errorf("contact: %q is not touch, talk, near or empty", p.Contact)
	case !p.Phase.Valid():
		return fmt.Errorf("phase: %q is not first, soon or later", p.Phase)
	case p.Minutes < 1 || p.Minutes > 120:
		return fmt.Errorf("minutes: %d is not from 1 to 120", p.Minutes)
	case len(p.Kinds) == 0:
		return fmt.Errorf("kinds: must name at least one encounter kind")
	case p.Mode == tend.Self && p.SelfHow != "":
		return fmt.Errorf("self: a self practice has no separate self version")
	case utf8.RuneCountInString(p.SelfHow) > 200:
		return fmt.Errorf("self: longer than 200 characters")
	case len(p.Near) > 4:
		return fmt.Errorf("near: at most 4 ids")
	}
	if n := sentences(p.HowTo); n < 2 || n > 4 {
		return fmt.Errorf("howto: has %d sentences; write two to four", n)
	}
	seen := map[tend.Kind]bool{}
	for _, k := range p.Kinds {
		if !k.Valid() {
			return fmt.Errorf("kinds: %q is not an encounter kind", k)
		}
		if seen[k] {
			return fmt.Errorf("kinds: %q is listed twice", k)
		}
		seen[k] = true
	}
	return nil
}

func validCategory(c tend.Category) bool {
	for _, k := range tend.Categories() {
		if c == k {
			return true
		}
	}
	return false
}

// sentences counts sentence ends (., ! or ? followed by a space or the end).
func sentences(s string) int {
	s = strings.TrimSpace(s)
	n := 0
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i == len(s)-1 || s[i+1] == ' ') {
			n++
		}
	}
	return n
}
