package tend

import "context"

// Event is news of a change, told once the change is committed, to those
// who act on it: the live screens of this node and the others, and (with
// the next pieces) follow-ups and notifications. It carries ids and what
// was stored, never a reason to look anything up again.
type Event struct {
	// Encounter got Signals, in the order stored (numbered, sealed at
	// rest, opened here).
	Encounter string
	Signals   []*Signal
	// SignedOut is a person whose sessions or tokens ended (signed out,
	// a token revoked, the password changed, the account deleted), or who
	// left an encounter: every screen of theirs closes, and those still
	// allowed reconnect and are checked again. Set alone.
	SignedOut string
	// Inbox are people whose inbox changed (a follow-up came due, a low
	// time was told to them, theirs was answered): their open inbox
	// screens look again. Set alone.
	Inbox []string
}

// Publisher hears of committed changes. The store calls it after its
// transaction commits, never for one rolled back; Publish must not block
// for long (it runs on the request's goroutine) and never fails the
// change, which is stored already.
type Publisher interface {
	Publish(ctx context.Context, e Event)
}
