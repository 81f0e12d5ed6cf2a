package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
)

// The settings page's section "Reaching you outside Tend": the person's
// channels, each with its wording and the messages it takes, and the
// forms to add an email address, an ntfy topic or a webhook (a device's
// notifications are added by push.js).

// channelsView is the section's view.
type channelsView struct {
	EmailReady bool
	// VAPID is the server's web push key for push.js; empty when
	// notifications on devices are not offered.
	VAPID string
	List  []channelRow
	// The add forms, with what was typed when one came back.
	Email, Ntfy, Webhook channelAddForm
	// NewSecret is a webhook's signing secret, shown once, just after
	// the form made it.
	NewSecret string
	// Discreet and Plain are examples of each wording, in notify's words.
	Discreet, Plain string
}

// channelAddForm is one add form: its type (which prefixes its fields'
// ids: "email-address") and what was typed.
type channelAddForm struct {
	Type           tend.ChannelType
	Address, Token string
	Relay          bool
	Wording        []formChoice
	Notices        []formChoice
	// Open unfolds the form: it came back with mistakes.
	Open bool
	page *page
}

// channelRow is one of the person's channels as the section lists it.
type channelRow struct {
	ID   string
	Type tend.ChannelType
	// Title is the type in words ("Email", "Notifications on Firefox on
	// Android"), Shown the address as shown (in full for an email
	// address; a web address shortened), Name both, for the buttons.
	Title, Shown, Name string
	Device             string
	Token              bool
	// Waiting: an email address not yet confirmed. Failing: too many
	// failures in a row, Problem what went wrong last.
	Waiting, Failing bool
	Problem          string
	Wording          []formChoice
	Notices          []formChoice
	page             *page
}

// FieldID is the id of a form's field ("email-address",
// "ch-ID-wording"), ChoiceID of one of its radios or boxes, and Field
// the field's state on the page (its mistakes, what describes it).
func (f channelAddForm) FieldID(name string) string     { return string(f.Type) + "-" + name }
func (f channelAddForm) ChoiceID(name, v string) string { return f.FieldID(name) + "-" + v }
func (f channelAddForm) Field(name string, hints ...string) fieldState {
	return f.page.Field(f.FieldID(name), hints...)
}
func (r channelRow) FieldID(name string) string     { return channelRowPrefix(r.ID) + "-" + name }
func (r channelRow) ChoiceID(name, v string) string { return r.FieldID(name) + "-" + v }
func (r channelRow) Field(name string, hints ...string) fieldState {
	return r.page.Field(r.FieldID(name), hints...)
}

// channelRowPrefix is a listed channel's part of its fields' ids and
// paths; channelFieldPath is a field's path in a form of the section.
func channelRowPrefix(id string) string           { return "ch-" + id }
func channelFieldPath(prefix, name string) string { return prefix + "." + name }

// wordingLabels and noticeLabels are the choices in the page's words.
var (
	wordingLabels = map[tend.Wording]string{tend.WordingDiscreet: "Discreet", tend.WordingPlain: "Plain"}
	noticeLabels  = map[tend.Notice]string{
		tend.NoticeFollowup: "My follow-ups",
		tend.NoticeAlert:    "My partners' alerts and answers",
		tend.NoticeStarted:  "When someone starts an encounter with me",
	}
)

func wordingChoices(chosen tend.Wording) []formChoice {
	var out []formChoice
	for _, w := range []tend.Wording{tend.WordingDiscreet, tend.WordingPlain} {
		out = append(out, formChoice{Value: string(w), Label: wordingLabels[w], Checked: w == chosen})
	}
	return out
}

func noticeChoices(chosen []tend.Notice) []formChoice {
	var out []formChoice
	for _, n := range tend.Notices() {
		out = append(out, formChoice{Value: string(n), Label: noticeLabels[n], Checked: slices.Contains(chosen, n)})
	}
	return out
}

// newAddForm is an empty add form with a new channel's defaults:
// discreet, every kind of message.
func newAddForm(t tend.ChannelType, p *page) channelAddForm {
	return channelAddForm{Type: t, Wording: wordingChoices(tend.WordingDiscreet), Notices: noticeChoices(defaultNotices()), page: p}
}

// channelTitle is a channel's type in words.
func channelTitle(c *tend.Channel) string {
	switch c.Type {
	case tend.ChannelEmail:
		return "Email"
	case tend.ChannelPush:
		if c.Device == "" {
			return "Notifications on a device"
		}
		return "Notifications on " + c.Device
	case tend.ChannelNtfy:
		return "ntfy"
	case tend.ChannelWebhook:
		return "Webhook"
	}
	return string(c.Type)
}

// shortURL shows a web address without its scheme, query or anything
// after, and cut in the middle when long: enough to know it again,
// while the whole of a topic's name (which works like a password on a
// public ntfy server) stays off the screen.
func shortURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "a web address"
	}
	s := u.Host + strings.TrimSuffix(u.EscapedPath(), "/")
	if utf8.RuneCountInString(s) <= 32 {
		return s
	}
	r := []rune(s)
	return string(r[:20]) + "…" + string(r[len(r)-8:])
}

func toChannelRow(c *tend.Channel, p *page) channelRow {
	row := channelRow{page: p, ID: c.ID, Type: c.Type, Title: channelTitle(c), Device: c.Device, Token: c.Token != "",
		Waiting: c.Type == tend.ChannelEmail && c.Confirmed.IsZero(), Failing: c.IsFailing(), Problem: c.Problem,
		Wording: wordingChoices(c.Wording), Notices: noticeChoices(c.Notices)}
	switch c.Type {
	case tend.ChannelEmail:
		row.Shown = c.Address
	case tend.ChannelNtfy, tend.ChannelWebhook:
		row.Shown = shortURL(c.Address)
	}
	row.Name = row.Title
	if row.Shown != "" {
		row.Name += " " + row.Shown
	}
	return row
}

// channelFields are the fields of the section's forms: the add forms',
// and each listed channel's, with their paths as channelProblems names
// them ("email.address", "ch-ID.wording").
func channelFields(v *channelsView) []formField {
	var out []formField
	for _, f := range []channelAddForm{v.Email, v.Ntfy, v.Webhook} {
		p := string(f.Type)
		address := map[tend.ChannelType]string{tend.ChannelEmail: "Email address", tend.ChannelNtfy: "Topic address", tend.ChannelWebhook: "Webhook address"}[f.Type]
		out = append(out, formField{Path: channelFieldPath(p, "address"), ID: f.FieldID("address"), Label: address})
		if f.Type == tend.ChannelNtfy {
			out = append(out, formField{Path: channelFieldPath(p, "token"), ID: f.FieldID("token"), Label: "Access token"})
		}
		out = append(out,
			formField{Path: channelFieldPath(p, "wording"), ID: f.FieldID("wording"), Label: "Wording", Link: f.ChoiceID("wording", "discreet")},
			formField{Path: channelFieldPath(p, "notices"), ID: f.FieldID("notices"), Label: "Messages it takes", Link: f.ChoiceID("notice", "followup")})
	}
	for _, r := range v.List {
		p := channelRowPrefix(r.ID)
		if r.Type == tend.ChannelPush {
			out = append(out, formField{Path: channelFieldPath(p, "device"), ID: r.FieldID("device"), Label: "Device name"})
		}
		out = append(out,
			formField{Path: channelFieldPath(p, "wording"), ID: r.FieldID("wording"), Label: r.Title + ": wording", Link: r.ChoiceID("wording", "discreet")},
			formField{Path: channelFieldPath(p, "notices"), ID: r.FieldID("notices"), Label: r.Title + ": messages it takes", Link: r.ChoiceID("notice", "followup")})
	}
	return out
}

// channelProblems puts the problems of err under one form's names
// ("address" of the email form becomes "email.address"), so that each
// lands beside its own field among the section's forms; other errors
// pass as they are.
func channelProblems(prefix string, err error) error {
	ps := tend.ProblemsOf(err, "")
	if len(ps) == 0 {
		return err
	}
	for i := range ps {
		if ps[i].Path != "" {
			ps[i].Path = channelFieldPath(prefix, ps[i].Path)
		}
	}
	return ps.Err()
}

// channelSettings fills the settings page's section; a server without
// channels shows none.
func (s *Server) channelSettings(r *http.Request, v *settingsView) error {
	if s.Channels == nil {
		return nil
	}
	cv := &channelsView{EmailReady: s.Outbound.EmailReady, VAPID: s.Outbound.VAPIDPublicKey,
		Email: newAddForm(tend.ChannelEmail, &v.Page), Ntfy: newAddForm(tend.ChannelNtfy, &v.Page), Webhook: newAddForm(tend.ChannelWebhook, &v.Page),
		Discreet: notify.Title + ": " + notify.Words(notify.EventFollowup, tend.WordingDiscreet, ""),
		Plain:    notify.Words(notify.EventLow, tend.WordingPlain, "Sam")}
	v.Channels = cv
	v.Page.Styles = append(v.Page.Styles, "css/channels.css")
	if cv.VAPID != "" {
		v.Page.Scripts = append(v.Page.Scripts, "js/push.js")
	}
	list, err := s.Channels.FindChannels(r.Context(), personID(r))
	if err != nil {
		return err
	}
	for _, c := range list {
		cv.List = append(cv.List, toChannelRow(c, &v.Page))
	}
	v.Page.Fields = append(v.Page.Fields, channelFields(cv)...)
	return nil
}

// newWebhookSecretShown puts a new webhook's signing secret on the page,
// once: the form that made it sent it here in the shown-once cookie.
func (s *Server) newWebhookSecretShown(w http.ResponseWriter, r *http.Request, v *settingsView) {
	if v.Channels == nil {
		return
	}
	if o := s.takeShownOnce(w, r, "/settings", onceWebhook, ""); o != nil {
		v.Channels.NewSecret = o.Token
	}
}
