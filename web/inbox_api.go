package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// inboxAPIRoutes are the live inbox: a stream that tells an open page
// when the person's inbox changed (a follow-up came due, someone told of
// a low time or answered one), so that it reads the inbox again. It
// carries nothing of the change itself.
func (s *Server) inboxAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/inbox/events", access: signedIn, scope: tend.ScopeFollowupsRead, handle: s.handleInboxEvents, stream: true},
	}
}

// handleInboxEvents streams an "inbox" event each time the person's
// inbox changes, on any node.
func (s *Server) handleInboxEvents(w http.ResponseWriter, r *http.Request) {
	me := personID(r)
	s.openStream(w, r, func(out live.Stream, head []byte) (func(), bool) {
		return s.live.JoinInbox(r.Context(), me, out, head)
	})
}
