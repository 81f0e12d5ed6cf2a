package tend

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ReviewAfter is how long after its last save a profile is gently
// suggested for review: needs change, and so do relationships.
const ReviewAfter = 90 * 24 * time.Hour

// MaxProfileVersions is how many versions of a profile are kept; older
// ones are deleted as new ones are saved.
const MaxProfileVersions = 100

// Profile is a person's aftercare profile: what they want to receive and
// are glad to give, their own practices, notes, drop pattern and per-kind
// adjustments. It is held as a card (without name, created or expiry:
// those are the person's and the share's), and every save is a version.
type Profile struct {
	PersonID  string
	Version   int // 0: never saved
	Card      *Card
	UpdatedAt time.Time
}

// NeedsReview reports whether the profile was saved, but not for
// ReviewAfter.
func (p *Profile) NeedsReview(now time.Time) bool {
	return p.Version > 0 && now.Sub(p.UpdatedAt) >= ReviewAfter
}

// ProfileVersion is one saved version in the history of a profile.
type ProfileVersion struct {
	Version   int
	CreatedAt time.Time
	// Restored is the version this one restored, or 0.
	Restored int
	// Why says why it was saved, when a suggestion made it ("" for a
	// save by hand).
	Why string
}

// MaxWhyLen bounds what a profile version keeps about why it was saved.
const MaxWhyLen = 500

// ProfileService stores profiles and their versions.
type ProfileService interface {
	// FindProfile returns the person's latest profile (an empty one,
	// version 0, if they never saved one).
	FindProfile(ctx context.Context, personID string) (*Profile, error)
	// SaveProfile validates the card and saves it as a new version.
	// EINVALID for a card that does not check. Cards a profile holds have
	// no name of their own: it is always the person's display name, which
	// Find methods fill in.
	SaveProfile(ctx context.Context, personID string, c *Card) (*Profile, error)
	// SaveProfileWhy saves the card as a new version made from version
	// base, keeping why: a suggestion accepted. ECONFLICT when the
	// profile has changed since base.
	SaveProfileWhy(ctx context.Context, personID string, c *Card, base int, why string) (*Profile, error)
	// FindProfileVersions lists the versions, newest first.
	FindProfileVersions(ctx context.Context, personID string) ([]ProfileVersion, error)
	// FindProfileVersion returns one version; ENOTFOUND if there is none.
	FindProfileVersion(ctx context.Context, personID string, version int) (*Profile, error)
	// RestoreProfileVersion saves an old version again as the newest.
	RestoreProfileVersion(ctx context.Context, personID string, version int) (*Profile, error)
}

// ProfileCard makes the card a profile is stored as: the person's name and
// pronouns go in for validation, times are left out.
func ProfileCard(c *Card, name string) *Card {
	out := *c
	out.Tend, out.Name = CardVersion, name
	out.Created, out.Expires = time.Time{}, time.Time{}
	return &out
}

// Change is one difference between two cards, for "what changed" and for
// the preview of an import.
type Change struct {
	Path string `json:"path"` // "receive.water", "notes", "space_first_minutes"
	From string `json:"from"` // "" when added
	To   string `json:"to"`   // "" when removed
}

// DiffCards lists what changes from a to b, in a stable order (an empty
// list, never nil, when nothing does).
func DiffCards(a, b *Card) []Change {
	if a == nil {
		a = &Card{}
	}
	if b == nil {
		b = &Card{}
	}
	out := []Change{}
	add := func(path, from, to string) {
		if from != to {
			out = append(out, Change{Path: path, From: from, To: to})
		}
	}
	diffMap(&out, "receive", a.Receive, b.Receive)
	diffMap(&out, "give", a.Give, b.Give)
	diffMap(&out, "comments", a.Comments, b.Comments)
	add("pronouns", a.Pronouns, b.Pronouns)
	add("space_first_minutes", minutesText(a.SpaceFirstMinutes), minutesText(b.SpaceFirstMinutes))
	add("notes", strings.Join(a.Notes, "\n"), strings.Join(b.Notes, "\n"))
	add("avoid", strings.Join(a.Avoid, "\n"), strings.Join(b.Avoid, "\n"))
	drop := func(c *Card) map[string]string {
		if c.Drop == nil {
			return nil
		}
		return map[string]string{"when": string(c.Drop.When), "signs": strings.Join(c.Drop.Signs, "\n"), "helps": strings.Join(c.Drop.Helps, "\n")}
	}
	diffMap(&out, "drop", drop(a), drop(b))
	customs := func(c *Card) map[string]string {
		m := map[string]string{}
		for _, cp := range c.Custom {
			m[cp.ID+".title"], m[cp.ID+".mode"] = cp.Title, string(cp.Mode)
			m[cp.ID+".receive"], m[cp.ID+".give"] = string(cp.Receive), string(cp.Give)
			m[cp.ID+".remote"], m[cp.ID+".quick"] = yes(cp.Remote), yes(cp.Quick)
		}
		return m
	}
	diffMap(&out, "custom", customs(a), customs(b))
	kinds := func(c *Card) map[string]string {
		m := map[string]string{}
		for k, o := range c.Encounters {
			if o == nil {
				continue
			}
			for id, r := range o.Receive {
				m[string(k)+".receive."+id] = string(r)
			}
			for id, g := range o.Give {
				m[string(k)+".give."+id] = string(g)
			}
			m[string(k)+".minutes"] = minutesText(o.Minutes)
		}
		return m
	}
	diffMap(&out, "encounters", kinds(a), kinds(b))
	return out
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func diffMap[V ~string](out *[]Change, name string, a, b map[string]V) {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		if from, to := string(a[k]), string(b[k]); from != to {
			*out = append(*out, Change{Path: name + "." + k, From: from, To: to})
		}
	}
}

func minutesText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}
