// Package tend is the domain of Tend, a private aftercare companion: the
// practices people give and receive after sex, the cards that carry one
// person's preferences, and the plans computed from them.
//
// It imports nothing of this repository; every other package depends on it.
package tend

// Kind is the kind of encounter a plan is made for. Needs and offers may
// differ per kind, and the plan engine shapes the plan to it.
type Kind string

// The encounter kinds of tend.card/v1.
const (
	Gentle       Kind = "gentle"
	Intense      Kind = "intense"
	Quickie      Kind = "quickie"
	FirstTime    Kind = "first-time"
	LongDistance Kind = "long-distance"
	Solo         Kind = "solo"
)

// Kinds lists every encounter kind in the order they are presented.
func Kinds() []Kind {
	return []Kind{Gentle, Intense, Quickie, FirstTime, LongDistance, Solo}
}

// Valid reports whether k is one of the known encounter kinds.
func (k Kind) Valid() bool {
	switch k {
	case Gentle, Intense, Quickie, FirstTime, LongDistance, Solo:
		return true
	}
	return false
}

// Mode says who does a practice for whom.
type Mode string

// The practice modes of tend.card/v1.
const (
	// Given: one person does it for another (water, a massage).
	Given Mode = "given"
	// Together: shared by everyone who takes part (a cuddle, a walk).
	Together Mode = "together"
	// Self: a person does it for themself (time alone, a journal entry).
	Self Mode = "self"
)

// Valid reports whether m is one of the known modes.
func (m Mode) Valid() bool {
	return m == Given || m == Together || m == Self
}

// Receive is how much a person wants to receive a practice.
type Receive string

// Receive levels, from most to least wanted.
const (
	Need      Receive = "need"
	Like      Receive = "like"
	Okay      Receive = "okay"
	RatherNot Receive = "rather-not"
	Never     Receive = "never"
)

// ReceiveLevels lists the receive levels from most to least wanted.
func ReceiveLevels() []Receive { return []Receive{Need, Like, Okay, RatherNot, Never} }

// Valid reports whether r is a known receive level.
func (r Receive) Valid() bool {
	switch r {
	case Need, Like, Okay, RatherNot, Never:
		return true
	}
	return false
}

// Wanted reports whether r asks for the practice (need or like).
func (r Receive) Wanted() bool { return r == Need || r == Like }

// Declined reports whether r turns the practice down (rather-not or never).
func (r Receive) Declined() bool { return r == RatherNot || r == Never }

// Give is whether a person offers to give a practice.
type Give string

// Give levels, from most to least glad.
const (
	Glad    Give = "glad"
	Willing Give = "willing"
	No      Give = "no"
)

// GiveLevels lists the give levels from most to least glad.
func GiveLevels() []Give { return []Give{Glad, Willing, No} }

// Valid reports whether g is a known give level.
func (g Give) Valid() bool { return g == Glad || g == Willing || g == No }

// Offered reports whether g offers the practice (glad or willing).
func (g Give) Offered() bool { return g == Glad || g == Willing }

// Phase says when in the aftercare a step happens.
type Phase string

// Plan phases, in order.
const (
	First Phase = "first" // right away
	Soon  Phase = "soon"  // within the first half hour
	Later Phase = "later" // hours or a day later
)

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool { return p == First || p == Soon || p == Later }

// Rank orders phases: first < soon < later.
func (p Phase) Rank() int {
	switch p {
	case First:
		return 0
	case Soon:
		return 1
	}
	return 2
}
