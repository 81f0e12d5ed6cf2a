package tend

import (
	"slices"
	"strings"
	"time"
)

// SignalKind is what a live signal says.
type SignalKind string

// Signal kinds. Needs are tapped by a member; the rest follow from what
// members do.
const (
	SignalWater   SignalKind = "water"
	SignalBlanket SignalKind = "blanket"
	SignalHold    SignalKind = "hold"
	SignalSpace   SignalKind = "space"
	SignalTalk    SignalKind = "talk"
	SignalNotOkay SignalKind = "not-okay"
	// SignalOkay takes back the sender's "not okay": they are all right
	// again, and the others' alerts about them clear.
	SignalOkay SignalKind = "okay"
	// SignalCustom is a need in the member's own words (Text).
	SignalCustom SignalKind = "custom"
	// SignalComing answers a need: "on my way". Ref is the need's Seq.
	SignalComing SignalKind = "coming"
	// SignalTick and SignalUntick mark a plan step done or not; Ref is
	// the step's key.
	SignalTick   SignalKind = "tick"
	SignalUntick SignalKind = "untick"
	// SignalMessage is a check-in message between members far apart.
	SignalMessage SignalKind = "message"
	// SignalCheckIn tells that a member saved or confirmed their check-in.
	SignalCheckIn SignalKind = "check-in"
	// SignalReflected tells that a member recorded their reflection.
	SignalReflected SignalKind = "reflected"
	// SignalStage tells the encounter moved on; Ref is the new stage.
	SignalStage SignalKind = "stage"
)

// NeedKinds are the needs a member can tap, in the order shown.
func NeedKinds() []SignalKind {
	return []SignalKind{SignalWater, SignalBlanket, SignalHold, SignalSpace, SignalTalk, SignalNotOkay, SignalCustom}
}

// IsNeed reports whether k is a need a member taps.
func (k SignalKind) IsNeed() bool { return slices.Contains(NeedKinds(), k) }

// Sendable reports whether a member may send k themselves (the others
// are sent by Tend when they check in, reflect or move on).
func (k SignalKind) Sendable() bool {
	return k.IsNeed() || k == SignalOkay || k == SignalComing || k == SignalTick || k == SignalUntick || k == SignalMessage
}

// SignalOpen reports whether a member may send a signal of kind k while
// the encounter is at stage st: during the check-in, the aftercare, and
// while the others reflect (someone may still be on the aftercare
// screen); once it is done, only "I'm okay now", so that someone whose
// "not okay" still stands can take it back.
func SignalOpen(k SignalKind, st Stage) bool {
	switch st {
	case StageBefore, StageAfter, StageReflect:
		return true
	case StageDone:
		return k == SignalOkay
	}
	return false
}

// NotOkay returns, in the order they were sent, the "not okay" signals
// that still stand: those with no "okay" from the same person after them
// (one per person, their latest). signals are in the order stored.
func NotOkay(signals []*Signal) []*Signal {
	standing := map[string]*Signal{}
	var order []string
	for _, s := range signals {
		switch s.Kind {
		case SignalNotOkay:
			if _, ok := standing[s.From]; !ok {
				order = append(order, s.From)
			}
			standing[s.From] = s
		case SignalOkay:
			delete(standing, s.From)
			order = slices.DeleteFunc(order, func(p string) bool { return p == s.From })
		}
	}
	out := make([]*Signal, 0, len(order))
	for _, p := range order {
		out = append(out, standing[p])
	}
	return out
}

// Signal is one live event of an encounter, numbered from 1 in the order
// stored. Text (a custom need, a message) is sealed at rest.
type Signal struct {
	Seq      int64
	From     string
	FromName string
	Kind     SignalKind
	Text     string
	Ref      string
	At       time.Time
}

// MaxStepKeyLen bounds a plan step's key.
const MaxStepKeyLen = 200

// Validate trims and checks a signal a member sends.
func (s *Signal) Validate() error {
	if !s.Kind.Sendable() {
		return FieldErrorf("kind", "one of water, blanket, hold, space, talk, not-okay, okay, custom, coming, tick, untick or message")
	}
	var ps Problems
	var err error
	s.Text, err = CheckText("text", s.Text, 0, MaxSignalTextLen, false)
	ps.Check("text", err)
	s.Ref = strings.TrimSpace(s.Ref)
	switch s.Kind {
	case SignalCustom:
		if s.Text == "" && err == nil {
			ps.Add("text", "say what you need, in a few words")
		}
	case SignalMessage:
		if s.Text == "" && err == nil {
			ps.Add("text", "write your message, in a few words")
		}
	default:
		if s.Text != "" {
			ps.Add("text", "only for a need in your own words or a message")
		}
	}
	switch s.Kind {
	case SignalComing:
		if !isSeq(s.Ref) {
			ps.Add("ref", "the number of the need you answer")
		}
	case SignalTick, SignalUntick:
		if _, err := CheckText("ref", s.Ref, 1, MaxStepKeyLen, false); err != nil || len(s.Ref) > MaxStepKeyLen {
			ps.Add("ref", "the key of the plan step")
		}
	default:
		if s.Ref != "" {
			ps.Add("ref", "only to answer a need or tick a step")
		}
	}
	return ps.Err()
}

func isSeq(s string) bool {
	if s == "" || len(s) > 18 || s[0] == '0' {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
