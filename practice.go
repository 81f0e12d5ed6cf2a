package tend

import "strings"

// Category groups practices for browsing. Categories are presentation only;
// the plan engine works from modes and flags.
type Category string

// The catalog categories, in the order they are shown.
const (
	Body     Category = "body"
	Touch    Category = "touch"
	Words    Category = "words"
	Presence Category = "presence"
	Space    Category = "space"
	Distance Category = "distance"
	SelfCare Category = "self"
	LaterOn  Category = "later"
	// Own is the category of a person's own (custom) practices.
	Own Category = "own"
)

// Categories lists the catalog categories in display order.
func Categories() []Category {
	return []Category{Body, Touch, Words, Presence, Space, Distance, SelfCare, LaterOn}
}

// Contact says what a practice asks of another person's closeness straight
// away; it is what a need for space first clashes with.
type Contact string

// Contact values.
const (
	NoContact   Contact = ""
	TouchNeeded Contact = "touch"
	TalkNeeded  Contact = "talk"
	NearNeeded  Contact = "near" // close by, without touch or talk
)

// Practice is one thing people do for each other, together or alone as
// aftercare: a catalog entry, or a person's own practice from their card.
type Practice struct {
	ID       string   `json:"id"`
	Category Category `json:"category"`
	Title    string   `json:"title"`
	HowTo    string   `json:"howto,omitempty"`
	Mode     Mode     `json:"mode"`
	Remote   bool     `json:"remote"`
	Quick    bool     `json:"quick"`
	Supply   bool     `json:"supply"`
	Item     string   `json:"item,omitempty"`
	Contact  Contact  `json:"contact,omitempty"`
	Phase    Phase    `json:"phase"`
	Minutes  int      `json:"minutes"`
	Kinds    []Kind   `json:"kinds"`
	SelfHow  string   `json:"self,omitempty"`
	Near     []string `json:"near,omitempty"`
	// Order is the practice's position in its catalog; plans list steps
	// in this order so that output is stable.
	Order int `json:"-"`
}

// Custom reports whether the practice is a person's own (id starts x-).
func (p *Practice) Custom() bool { return IsCustomID(p.ID) }

// Suits reports whether the practice suits the encounter kind.
func (p *Practice) Suits(k Kind) bool {
	for _, pk := range p.Kinds {
		if pk == k {
			return true
		}
	}
	return false
}

// Phrase is the title as it reads inside a sentence: the catalog's noun
// phrase with its first letter lowercased ("Sam needs a glass of water"),
// or a person's own title in quotes, since it may be any kind of phrase.
func (p *Practice) Phrase() string {
	if p.Custom() || p.Title == "" {
		return `"` + p.Title + `"`
	}
	if strings.HasPrefix(p.Title, "I ") || len(p.Title) > 1 && p.Title[1] >= 'A' && p.Title[1] <= 'Z' {
		return p.Title
	}
	return strings.ToLower(p.Title[:1]) + p.Title[1:]
}

// IsCustomID reports whether id names a person's own practice.
func IsCustomID(id string) bool { return strings.HasPrefix(id, "x-") }

// PracticeIndex is a read-only set of practices, such as the built-in
// catalog. Implementations must be safe for concurrent use.
type PracticeIndex interface {
	// Practice returns the practice with the id, if there is one.
	Practice(id string) (*Practice, bool)
	// Practices returns every practice in catalog order.
	Practices() []*Practice
	// Closest returns the known id most like id, or "" if none is close.
	Closest(id string) string
}
