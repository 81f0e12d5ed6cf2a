package web

import (
	"net/http"

	"github.com/tendcare/tend"
)

// The two pages an email's links open, without a session: the link's
// token is the proof of the mailbox. Opening one (GET) changes nothing,
// so that a mail scanner fetching links confirms or removes nothing; the
// page's button posts. Neither says whose address it is, nor shows it:
// whoever holds the link knows no more after opening it than before.
//
// The tokens are 32 random bytes whose hash alone is stored, so they
// cannot be guessed, and like the other secret links (invitations,
// shared cards) these pages have no limit of their own.

// channelPublicPageRoutes are the confirmation and unsubscribe pages.
func (s *Server) channelPublicPageRoutes() []route {
	if s.Channels == nil {
		return nil // a server without channels has none of their routes
	}
	return []route{
		{method: "GET", pattern: "/channels/confirm/{token}", access: public, page: true, handle: s.handleChannelConfirmPage},
		{method: "POST", pattern: "/channels/confirm/{token}", access: public, page: true, handle: s.handleChannelConfirmForm},
		{method: "GET", pattern: "/channels/confirmed", access: public, page: true, handle: s.handleChannelConfirmedPage},
		{method: "GET", pattern: "/unsubscribe/{token}", access: public, page: true, handle: s.handleUnsubscribePage},
		{method: "POST", pattern: "/unsubscribe/{token}", access: public, page: true, handle: s.handleUnsubscribeForm},
	}
}

// channelLinkView is one of the pages: what it asks or says, and the
// token for its button ("" once done).
type channelLinkView struct {
	Page page
	// Step is "confirm", "confirmed", "unsubscribe", "unsubscribed" or
	// "failed"; Token is the link's, for the button.
	Step, Token string
	// For "failed": which link it was ("confirm" or "unsubscribe"), and
	// whether it expired (else it was used, replaced or removed). The
	// page says so in its own words, with what to do.
	Link    string
	Expired bool
}

func (s *Server) channelLinkPage(w http.ResponseWriter, r *http.Request, status int, title, step string) {
	v := &channelLinkView{Page: s.base(r, title, ""), Step: step}
	v.Page.Styles = []string{"css/channels.css"}
	if step == "confirm" || step == "unsubscribe" {
		v.Token = r.PathValue("token")
	}
	s.render(w, r, status, "channellink", v)
}

// channelLinkFailed says why a link did not work, and what to do, with
// the status of the error: 404 for a link used, replaced or removed, 409
// for one expired.
func (s *Server) channelLinkFailed(w http.ResponseWriter, r *http.Request, title, link string, err error) {
	a := s.answer(w, r, err)
	if a.Internal || (a.Code != tend.ENOTFOUND && a.Code != tend.ECONFLICT) {
		s.pageError(w, r, err)
		return
	}
	v := &channelLinkView{Page: s.base(r, title, ""), Step: "failed", Link: link, Expired: a.Code == tend.ECONFLICT}
	v.Page.Styles = []string{"css/channels.css"}
	s.render(w, r, a.Status, "channellink", v)
}

func (s *Server) handleChannelConfirmPage(w http.ResponseWriter, r *http.Request) {
	s.channelLinkPage(w, r, http.StatusOK, "Confirm this address for Tend", "confirm")
}

// handleChannelConfirmForm confirms the address and sends the browser
// on to a page saying so, so that a reload there confirms nothing again.
func (s *Server) handleChannelConfirmForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Channels.ConfirmChannel(r.Context(), r.PathValue("token")); err != nil {
		s.channelLinkFailed(w, r, "This link does not work", "confirm", err)
		return
	}
	http.Redirect(w, r, "/channels/confirmed", http.StatusSeeOther)
}

func (s *Server) handleChannelConfirmedPage(w http.ResponseWriter, r *http.Request) {
	s.channelLinkPage(w, r, http.StatusOK, "Address confirmed", "confirmed")
}

func (s *Server) handleUnsubscribePage(w http.ResponseWriter, r *http.Request) {
	s.channelLinkPage(w, r, http.StatusOK, "Stop messages from Tend", "unsubscribe")
}

// handleUnsubscribeForm removes the address: from the page's button, or
// as a mail provider's one-click unsubscribe (RFC 8058: a POST carrying
// List-Unsubscribe=One-Click, without cookies or Origin, which the
// cross-origin protection lets through as it does any request that is
// not a browser's from another site). It answers with the page itself,
// not a redirect, as RFC 8058 asks of the sender.
func (s *Server) handleUnsubscribeForm(w http.ResponseWriter, r *http.Request) {
	// The body (List-Unsubscribe=One-Click, or the page's button) says
	// nothing more than the request itself: it is not read, so that no
	// way of sending it can fail.
	if err := s.Channels.Unsubscribe(r.Context(), r.PathValue("token")); err != nil {
		s.channelLinkFailed(w, r, "This link does not work", "unsubscribe", err)
		return
	}
	s.channelLinkPage(w, r, http.StatusOK, "Unsubscribed", "unsubscribed")
}
