package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// channelAPIRoutes are the JSON API of the ways a person is reached
// outside the app. They carry follow-ups and partners' alerts, so they
// go with the follow-ups' scopes: a token that may read those may see
// where they are sent, and one that may answer them may change it.
// Another person's channel answers 404, as a missing one does.
func (s *Server) channelAPIRoutes() []route {
	if s.Channels == nil {
		return nil // a server without channels has none of their routes
	}
	return []route{
		{method: "GET", pattern: "/api/v1/channels", access: signedIn, scope: tend.ScopeChannelsRead, handle: s.handleChannelList},
		{method: "POST", pattern: "/api/v1/channels", access: signedIn, scope: tend.ScopeChannelsWrite, handle: s.handleChannelCreate},
		{method: "PATCH", pattern: "/api/v1/channels/{id}", access: signedIn, scope: tend.ScopeChannelsWrite, handle: s.handleChannelPatch, object: "channel"},
		{method: "DELETE", pattern: "/api/v1/channels/{id}", access: signedIn, scope: tend.ScopeChannelsWrite, handle: s.handleChannelDelete, object: "channel"},
		{method: "POST", pattern: "/api/v1/channels/{id}/test", access: signedIn, scope: tend.ScopeChannelsWrite, handle: s.handleChannelTest, object: "channel"},
		{method: "POST", pattern: "/api/v1/channels/{id}/confirm-again", access: signedIn, scope: tend.ScopeChannelsWrite, handle: s.handleChannelConfirmAgain, object: "channel"},
	}
}

// channelJSON is a channel as the API shows it to its person: never its
// secrets (an ntfy token, a webhook's signing secret, a device's keys,
// its unsubscribe link), nor a device's push address.
type channelJSON struct {
	ID      string           `json:"id"`
	Type    tend.ChannelType `json:"type"`
	Address string           `json:"address,omitempty"`
	Device  string           `json:"device,omitempty"`
	// Relay is an ntfy topic's choice (see tend.Channel.Relay).
	Relay   bool          `json:"relay,omitempty"`
	Wording tend.Wording  `json:"wording"`
	Notices []tend.Notice `json:"notices"`
	// Confirmed is false for an email address until its link is opened:
	// nothing but the link is sent to it until then.
	Confirmed bool `json:"confirmed"`
	// Failing is true after tend.ChannelFailing failures in a row;
	// Problem says what went wrong last.
	Failing   bool      `json:"failing"`
	Failures  int       `json:"failures"`
	Problem   string    `json:"problem,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func toChannelJSON(c *tend.Channel) channelJSON {
	out := channelJSON{ID: c.ID, Type: c.Type, Address: c.Address, Device: c.Device, Relay: c.Relay, Wording: c.Wording, Notices: c.Notices,
		Confirmed: c.Type != tend.ChannelEmail || !c.Confirmed.IsZero(), Failing: c.IsFailing(), Failures: c.Failures,
		Problem: c.Problem, CreatedAt: c.CreatedAt.UTC()}
	if c.Type == tend.ChannelPush {
		out.Address = ""
	}
	if out.Notices == nil {
		out.Notices = []tend.Notice{}
	}
	return out
}

func (s *Server) handleChannelList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Channels.FindChannels(r.Context(), personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]channelJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toChannelJSON(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"channels": out})
}

// handleChannelCreate adds a channel. An email address is sent its
// confirmation link (its token never appears here: the mailbox is the
// proof); a webhook's signing secret is answered this once.
func (s *Server) handleChannelCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Type         tend.ChannelType `json:"type"`
		Address      string           `json:"address"`
		Token        string           `json:"token"`
		Device       string           `json:"device"`
		Wording      tend.Wording     `json:"wording"`
		Notices      []tend.Notice    `json:"notices"`
		Subscription json.RawMessage  `json:"subscription"`
		Relay        bool             `json:"relay"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	in := channelInput{Type: req.Type, Address: req.Address, Token: req.Token, Device: req.Device, Wording: req.Wording,
		Notices: req.Notices, Subscription: req.Subscription, Relay: req.Relay}
	c, err := s.newChannel(r, in)
	if err == nil {
		c, err = s.addChannel(r.Context(), personID(r), in, c)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := map[string]any{"channel": toChannelJSON(c)}
	if c.Type == tend.ChannelWebhook {
		out["secret"] = c.Secret
	}
	writeJSON(w, http.StatusCreated, out)
}

// handleChannelPatch changes what may change: the wording, the kinds of
// message, a device's name. The channel is found first, so that what
// the request gets wrong never tells whether another's exists.
func (s *Server) handleChannelPatch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.Channels.FindChannel(ctx, personID(r), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req struct {
		Wording *tend.Wording  `json:"wording"`
		Notices *[]tend.Notice `json:"notices"`
		Device  *string        `json:"device"`
	}
	if err := decode(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	ch := channelChange{Wording: c.Wording, Notices: c.Notices, Device: c.Device}
	if req.Wording != nil {
		ch.Wording = *req.Wording
	}
	if req.Notices != nil {
		ch.Notices = *req.Notices
	}
	if req.Device != nil {
		ch.Device, ch.DeviceGiven = *req.Device, true
	}
	err = checkChange(c, &ch)
	if err == nil {
		c, err = s.keepChange(r, c.ID, ch)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"channel": toChannelJSON(c)})
}

func (s *Server) handleChannelDelete(w http.ResponseWriter, r *http.Request) {
	s.noContent(w, r, s.Channels.DeleteChannel(r.Context(), personID(r), r.PathValue("id")))
}

// handleChannelTest queues a test message; an email address not yet
// confirmed answers 409.
func (s *Server) handleChannelTest(w http.ResponseWriter, r *http.Request) {
	s.noContent(w, r, s.Channels.SendTest(r.Context(), personID(r), r.PathValue("id")))
}

// handleChannelConfirmAgain sends an email address not yet confirmed a
// new link (the one before stops working); 409 for anything else.
func (s *Server) handleChannelConfirmAgain(w http.ResponseWriter, r *http.Request) {
	_, err := s.Channels.NewChannelConfirm(r.Context(), personID(r), r.PathValue("id"))
	s.noContent(w, r, err)
}
