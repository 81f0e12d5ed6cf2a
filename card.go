package tend

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"time"
)

// CardVersion is the value of a card's "tend" field.
const CardVersion = "card/v1"

// Card is one person's aftercare preferences in the open tend.card/v1
// format: a small JSON file anyone can read, write by hand and hand to a
// partner. Field order here is the order Tend writes them in.
type Card struct {
	Tend              string             `json:"tend"`
	Name              string             `json:"name"`
	Pronouns          string             `json:"pronouns,omitempty"`
	Created           time.Time          `json:"created,omitzero"`
	Expires           time.Time          `json:"expires,omitzero"`
	Receive           map[string]Receive `json:"receive,omitempty"`
	Give              map[string]Give    `json:"give,omitempty"`
	Comments          map[string]string  `json:"comments,omitempty"`
	Custom            []CustomPractice   `json:"custom,omitempty"`
	SpaceFirstMinutes int                `json:"space_first_minutes,omitempty"`
	Notes             []string           `json:"notes,omitempty"`
	Avoid             []string           `json:"avoid,omitempty"`
	Drop              *Drop              `json:"drop,omitempty"`
	Encounters        map[Kind]*Override `json:"encounters,omitempty"`
}

// CustomPractice is a person's own practice on their card. Its id starts
// with "x-"; partners may name the same id on their cards to share it.
type CustomPractice struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Mode    Mode    `json:"mode"`
	Remote  bool    `json:"remote,omitempty"`
	Quick   bool    `json:"quick,omitempty"`
	Receive Receive `json:"receive,omitempty"`
	Give    Give    `json:"give,omitempty"`
}

// Practice returns the custom practice as a Practice for planning.
func (c CustomPractice) Practice() *Practice {
	phase := Soon
	if c.Quick {
		phase = First
	}
	minutes := 5
	if c.Quick {
		minutes = 2
	}
	kinds := []Kind{Gentle, Intense, FirstTime, Solo}
	if c.Quick {
		kinds = append(kinds, Quickie)
	}
	if c.Remote {
		kinds = append(kinds, LongDistance)
	}
	return &Practice{ID: c.ID, Category: Own, Title: c.Title, Mode: c.Mode,
		Remote: c.Remote, Quick: c.Quick, Phase: phase, Minutes: minutes, Kinds: kinds, Order: 1 << 20}
}

// DropWhen is when a person's low mood after sex tends to come, if at all.
type DropWhen string

// Drop timings.
const (
	DropNone      DropWhen = "none"
	DropSameDay   DropWhen = "same-day"
	DropNextDay   DropWhen = "next-day"
	DropDaysLater DropWhen = "days-later"
)

// Valid reports whether w is a known drop timing.
func (w DropWhen) Valid() bool {
	return w == DropNone || w == DropSameDay || w == DropNextDay || w == DropDaysLater
}

// Drop describes a person's drop pattern: when it comes, how it shows and
// what helps then.
type Drop struct {
	When  DropWhen `json:"when"`
	Signs []string `json:"signs,omitempty"`
	Helps []string `json:"helps,omitempty"`
}

// Override is a card's adjustment for one encounter kind, laid over the
// card's top-level receive and give before planning.
type Override struct {
	Receive map[string]Receive `json:"receive,omitempty"`
	Give    map[string]Give    `json:"give,omitempty"`
	Minutes int                `json:"minutes,omitempty"`
}

// Expired reports whether the card has an expiry time at or before now.
func (c *Card) Expired(now time.Time) bool {
	return !c.Expires.IsZero() && !now.Before(c.Expires)
}

// Levels returns the card's receive and give levels for the encounter
// kind, with that kind's overrides laid over the top-level ones, and the
// minutes the card asks for that kind (0 if none). Custom practices'
// own levels count as top-level entries. The card is not modified.
func (c *Card) Levels(k Kind) (map[string]Receive, map[string]Give, int) {
	o := c.Encounters[k]
	n := len(c.Receive) + len(c.Custom)
	if o != nil {
		n += len(o.Receive)
	}
	recv := make(map[string]Receive, n)
	give := make(map[string]Give, len(c.Give)+len(c.Custom))
	for _, cp := range c.Custom {
		if cp.Receive != "" {
			recv[cp.ID] = cp.Receive
		}
		if cp.Give != "" {
			give[cp.ID] = cp.Give
		}
	}
	for id, r := range c.Receive {
		recv[id] = r
	}
	for id, g := range c.Give {
		give[id] = g
	}
	minutes := 0
	if o != nil {
		for id, r := range o.Receive {
			recv[id] = r
		}
		for id, g := range o.Give {
			give[id] = g
		}
		minutes = o.Minutes
	}
	return recv, give, minutes
}

// MarshalCard returns the card as indented tend.card/v1 JSON with a final
// newline, the form Tend writes card files in.
func MarshalCard(c *Card) ([]byte, error) {
	out := *c
	out.Tend = CardVersion
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Clone returns a deep copy of the card, to change without touching the
// original.
func (c *Card) Clone() *Card {
	out := *c
	out.Receive = maps.Clone(c.Receive)
	out.Give = maps.Clone(c.Give)
	out.Comments = maps.Clone(c.Comments)
	out.Custom = slices.Clone(c.Custom)
	out.Notes = slices.Clone(c.Notes)
	out.Avoid = slices.Clone(c.Avoid)
	if c.Drop != nil {
		d := *c.Drop
		d.Signs, d.Helps = slices.Clone(d.Signs), slices.Clone(d.Helps)
		out.Drop = &d
	}
	if c.Encounters != nil {
		out.Encounters = make(map[Kind]*Override, len(c.Encounters))
		for k, o := range c.Encounters {
			if o == nil {
				continue
			}
			oc := *o
			oc.Receive, oc.Give = maps.Clone(o.Receive), maps.Clone(o.Give)
			out.Encounters[k] = &oc
		}
	}
	return &out
}
