package web

import (
	"net/http"
	"slices"

	"github.com/tendcare/tend"
)

// channelPageRoutes are the forms of the settings page's section on
// reaching the person outside the app (the section itself is part of
// /settings: see channel_view.go).
func (s *Server) channelPageRoutes() []route {
	if s.Channels == nil {
		return nil // a server without channels has none of their routes
	}
	return []route{
		{method: "POST", pattern: "/settings/channels", access: sessionOnly, page: true, handle: s.handleChannelAddForm},
		{method: "POST", pattern: "/settings/channels/{id}", access: sessionOnly, page: true, handle: s.handleChannelChangeForm, object: "channel"},
		{method: "POST", pattern: "/settings/channels/{id}/test", access: sessionOnly, page: true, handle: s.handleChannelTestForm, object: "channel"},
		{method: "POST", pattern: "/settings/channels/{id}/confirm-again", access: sessionOnly, page: true, handle: s.handleChannelConfirmAgainForm, object: "channel"},
		{method: "POST", pattern: "/settings/channels/{id}/delete", access: sessionOnly, page: true, handle: s.handleChannelDeleteForm, object: "channel"},
	}
}

// onceWebhook is the kind of secret shown once for a new webhook.
const onceWebhook = "webhook"

// channelFlashes are the section's messages after a form.
var channelFlashes = map[string]string{
	"channel-email":   "Added. We sent a link to that address: open it to confirm. Nothing else is sent there until then.",
	"channel-added":   "Added. Send yourself a test to see how its messages look.",
	"channel-saved":   "Saved.",
	"channel-test":    "A test message is on its way. It can take a minute to arrive.",
	"channel-link":    "We sent a new link to that address. The one before no longer works.",
	"channel-removed": "Removed. Nothing more is sent there.",
}

// readNotices reads the ticked kinds of message; an unknown one is a
// mistake noted in ps under path.
func readNotices(r *http.Request, ps *tend.Problems, path string) []tend.Notice {
	out := []tend.Notice{}
	for _, v := range r.PostForm["notice"] {
		n := tend.Notice(v)
		if !slices.Contains(tend.Notices(), n) {
			ps.Add(path, "tick only the kinds of message listed")
			continue
		}
		out = append(out, n)
	}
	return out
}

// addFormOf is the add form of the type on the page, or nil for a type
// the page adds by no form.
func (v *channelsView) addFormOf(t tend.ChannelType) *channelAddForm {
	switch t {
	case tend.ChannelEmail:
		return &v.Email
	case tend.ChannelNtfy:
		return &v.Ntfy
	case tend.ChannelWebhook:
		return &v.Webhook
	}
	return nil
}

// handleChannelAddForm adds an email address, an ntfy topic or a
// webhook (the form's "type"): every mistake at once beside its field,
// what was typed kept, nothing saved. A webhook's signing secret goes
// to the settings page in the shown-once cookie, to be shown there
// once.
func (s *Server) handleChannelAddForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	t := tend.ChannelType(formValue(r, "type"))
	f := v.Channels.addFormOf(t)
	if f == nil {
		s.formError(w, r, "settings", &v.Page, v, tend.Errorf(tend.EINVALID, "this form could not be read; reload the page and try again"))
		return
	}
	var ps tend.Problems
	in := channelInput{Type: t, Address: formValue(r, "address"), Token: formValue(r, "token"),
		Wording: tend.Wording(formValue(r, "wording")), Notices: readNotices(r, &ps, "notices")}
	if t == tend.ChannelNtfy {
		in.Relay = readTick(r, &ps, "relay")
	}
	f.Address, f.Token, f.Relay, f.Wording, f.Notices = in.Address, in.Token, in.Relay, wordingChoices(in.Wording), noticeChoices(in.Notices)
	if in.Wording == "" {
		ps.Add("wording", "choose discreet or plain")
	}
	c, err := s.newChannel(r, in)
	if made := err; err == nil || tend.ErrorCode(err) == tend.EINVALID {
		err = checkedWhole(ps, func() error { return made })
	}
	if err == nil {
		c, err = s.addChannel(r.Context(), personID(r), in, c)
	}
	if err != nil {
		f.Open = true
		s.formError(w, r, "settings", &v.Page, v, channelProblems(string(t), err))
		return
	}
	switch t {
	case tend.ChannelWebhook:
		if err := s.keepShownOnce(w, r, "/settings", shownOnce{Kind: onceWebhook, Person: personID(r), Token: c.Secret}); err != nil {
			s.pageError(w, r, err)
			return
		}
		redirect(w, r, "/settings", "")
	case tend.ChannelEmail:
		redirect(w, r, "/settings", "channel-email")
	default:
		redirect(w, r, "/settings", "channel-added")
	}
}

// channelRowOf is the listed channel the path names; an id not in the
// list (another person's, or none) answers 404, as a missing one does.
func (s *Server) channelRowOf(w http.ResponseWriter, r *http.Request, v *settingsView) (*channelRow, bool) {
	id := r.PathValue("id")
	for i := range v.Channels.List {
		if v.Channels.List[i].ID == id {
			return &v.Channels.List[i], true
		}
	}
	s.pageError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such channel"))
	return nil, false
}

// handleChannelChangeForm saves a channel's wording, the kinds of
// message it takes, and a device's name.
func (s *Server) handleChannelChangeForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.settingsForm(w, r)
	if !ok {
		return
	}
	row, ok := s.channelRowOf(w, r, v)
	if !ok {
		return
	}
	var ps tend.Problems
	ch := channelChange{Wording: tend.Wording(formValue(r, "wording")), Notices: readNotices(r, &ps, "notices"), Device: row.Device}
	row.Wording, row.Notices = wordingChoices(ch.Wording), noticeChoices(ch.Notices)
	if row.Type == tend.ChannelPush {
		ch.Device, ch.DeviceGiven = formValue(r, "device"), true
		row.Device = ch.Device
	}
	c, err := s.Channels.FindChannel(r.Context(), personID(r), row.ID)
	if err == nil {
		checked := checkChange(c, &ch)
		if err = checkedWhole(ps, func() error { return checked }); err == nil {
			_, err = s.keepChange(r, c.ID, ch)
		}
	}
	if err != nil {
		s.formError(w, r, "settings", &v.Page, v, channelProblems(channelRowPrefix(row.ID), err))
		return
	}
	redirect(w, r, "/settings", "channel-saved")
}

func (s *Server) handleChannelTestForm(w http.ResponseWriter, r *http.Request) {
	if err := s.Channels.SendTest(r.Context(), personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings", "channel-test")
}

func (s *Server) handleChannelConfirmAgainForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Channels.NewChannelConfirm(r.Context(), personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings", "channel-link")
}

func (s *Server) handleChannelDeleteForm(w http.ResponseWriter, r *http.Request) {
	if err := s.Channels.DeleteChannel(r.Context(), personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/settings", "channel-removed")
}
