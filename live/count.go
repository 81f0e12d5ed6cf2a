package live

import (
	"strings"
	"sync/atomic"
)

// The counts here are for the operator's metrics: how many streams this
// node holds open, of each kind, never whose.

// EncounterScreens is how many encounters' live screens are open on this
// node.
func (h *Rooms) EncounterScreens() int64 { return h.screens.Load() }

// InboxStreams is how many inbox streams are open on this node.
func (h *Rooms) InboxStreams() int64 { return h.inboxes.Load() }

// counter is the count a screen of the room is in: an inbox's streams are
// counted apart from encounters' screens.
func (h *Rooms) counter(rm *room) *atomic.Int64 {
	if strings.HasPrefix(rm.id, inboxPrefix) {
		return &h.inboxes
	}
	return &h.screens
}
