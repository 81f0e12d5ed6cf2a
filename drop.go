package tend

import (
	"context"
	"time"
)

// LowPlaceDays is how long after an encounter Home offers "I'm in a low
// place" at any time, not only when a follow-up asks.
const LowPlaceDays = 7

// DropReplyKind is a one-tap answer to someone's drop alert.
type DropReplyKind string

// One-tap answers, in the order offered.
const (
	// DropThinking: "Thinking of you".
	DropThinking DropReplyKind = "thinking"
	// DropCall: "I'll call you".
	DropCall DropReplyKind = "call"
	// DropComing: "Coming over".
	DropComing DropReplyKind = "coming"
)

// DropReplyKinds returns the one-tap answers in the order offered.
func DropReplyKinds() []DropReplyKind { return []DropReplyKind{DropThinking, DropCall, DropComing} }

// Valid reports whether k is a known answer.
func (k DropReplyKind) Valid() bool {
	for _, x := range DropReplyKinds() {
		if k == x {
			return true
		}
	}
	return false
}

// DropAlert tells the other members of an encounter that someone is
// having a low time: from a follow-up's answer (a bit low, could use some
// care), or from "I'm in a low place". What helps them is read from
// their card as they share it with the circle, when the alert is shown.
type DropAlert struct {
	ID          string
	EncounterID string
	// PersonID and DisplayName are who is low.
	PersonID    string
	DisplayName string
	// Answer is the follow-up's answer that raised it (FollowupLow or
	// FollowupCare), or "" for "I'm in a low place".
	Answer     FollowupAnswer
	FollowupID string
	At         time.Time
	// Replies are the others' one-tap answers, oldest first.
	Replies []*DropReply
}

// DropReply is someone's one-tap answer to a drop alert.
type DropReply struct {
	PersonID    string
	DisplayName string
	Kind        DropReplyKind
	At          time.Time
}

// CanRaiseLow says whether the person may say "I'm in a low place" after
// an encounter that began at began, at now: from its beginning for
// LowPlaceDays.
func CanRaiseLow(began, now time.Time) error {
	if now.Before(began) || now.Sub(began) > LowPlaceDays*24*time.Hour {
		return Errorf(ECONFLICT, "this encounter was more than %d days ago; tell the people close to you another way, or reach one of the support lines", LowPlaceDays)
	}
	return nil
}

// DropService keeps drop alerts. Another's alert answers ENOTFOUND.
type DropService interface {
	// TellDrop tells the encounter's other members of the person's low
	// answer to the follow-up (they chose "ask me each time" and said
	// yes); once per follow-up.
	TellDrop(ctx context.Context, personID, followupID string) (*DropAlert, error)
	// RaiseLow tells them "I'm in a low place", within LowPlaceDays.
	RaiseLow(ctx context.Context, personID, encounterID string) (*DropAlert, error)
	// FindDropAlerts lists the alerts about the person and to them from
	// the last LowPlaceDays, newest first.
	FindDropAlerts(ctx context.Context, personID string) ([]*DropAlert, error)
	// ReplyDrop answers another's alert with one tap.
	ReplyDrop(ctx context.Context, personID, alertID string, kind DropReplyKind) (*DropAlert, error)
	// FindDropTell and SetDropTell read and change whom a low answer
	// tells (DefaultDropTell until chosen).
	FindDropTell(ctx context.Context, personID string) (DropTell, error)
	SetDropTell(ctx context.Context, personID string, t DropTell) error
}
