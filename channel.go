package tend

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ChannelType is how a channel reaches its person outside the app.
type ChannelType string

const (
	// ChannelEmail: an email address, confirmed through a link first.
	ChannelEmail ChannelType = "email"
	// ChannelPush: one browser or device's web push subscription.
	ChannelPush ChannelType = "push"
	// ChannelNtfy: an ntfy topic URL, with an access token or none.
	ChannelNtfy ChannelType = "ntfy"
	// ChannelWebhook: a URL that takes signed JSON (Standard Webhooks).
	ChannelWebhook ChannelType = "webhook"
)

// ChannelTypes are every type, in the order Settings lists them.
func ChannelTypes() []ChannelType {
	return []ChannelType{ChannelEmail, ChannelPush, ChannelNtfy, ChannelWebhook}
}

// Notice is a kind of message a person chooses channels for.
type Notice string

const (
	// NoticeFollowup: a follow-up of mine is waiting.
	NoticeFollowup Notice = "followup"
	// NoticeAlert: a partner's low time, or an answer to mine.
	NoticeAlert Notice = "alert"
	// NoticeStarted: a partner started an encounter with me.
	NoticeStarted Notice = "started"
)

// Notices are every kind, in the order Settings lists them.
func Notices() []Notice { return []Notice{NoticeFollowup, NoticeAlert, NoticeStarted} }

// Wording is how a channel's messages are worded: WordingDiscreet (the
// default) says nothing about what happened; WordingPlain says what a
// message is about, still without practice names or anyone's words.
type Wording string

const (
	WordingDiscreet Wording = "discreet"
	WordingPlain    Wording = "plain"
)

// ChannelFailing is how many deliveries in a row may fail before a
// channel is shown as failing in Settings.
const ChannelFailing = 3

// Channel is one way a person is reached. Everything but its type, its
// person and its times is sealed at rest.
type Channel struct {
	ID       string
	PersonID string
	Type     ChannelType
	// Address is the email address, the ntfy topic URL, the webhook URL
	// or the push service's endpoint.
	Address string
	// Token is the ntfy access token (none when the topic is open).
	Token string
	// Secret is the webhook's signing secret ("whsec_..."), made by Tend.
	Secret string
	// P256dh and Auth are the push subscription's keys, as the browser
	// gave them (base64url).
	P256dh, Auth string
	// Device names a push subscription for the person ("Phone").
	Device string
	// Relay, for an ntfy topic, lets the ntfy server keep a message a
	// while and pass it on through Firebase, which ntfy's phone apps
	// from the app stores rely on; off, nothing is stored on the ntfy
	// server and no copy goes to Google or Apple.
	Relay   bool
	Wording Wording
	// Notices are the kinds of message it takes.
	Notices []Notice
	// Confirmed is when an email address was confirmed (zero until
	// then: nothing is sent to it but the confirmation).
	Confirmed time.Time
	// Failures counts deliveries failed in a row; Problem says, in plain
	// words, what went wrong last.
	Failures  int
	Problem   string
	CreatedAt time.Time
	// Unsubscribe is the token of the channel's one-click unsubscribe
	// link, which every email it carries names. Never shown otherwise.
	Unsubscribe string
}

// Takes reports whether the channel takes messages of the kind: only a
// confirmed one, when an email address.
func (c *Channel) Takes(n Notice) bool {
	if c.Type == ChannelEmail && c.Confirmed.IsZero() {
		return false
	}
	return slices.Contains(c.Notices, n)
}

// IsFailing reports whether Settings shows the channel as failing.
func (c *Channel) IsFailing() bool { return c.Failures >= ChannelFailing }

// Validate checks what the person chose for the channel: its type, an
// email address's shape, the wording and the kinds of message. (URLs are
// checked by the outbound guard, which knows which addresses the server
// may reach.)
func (c *Channel) Validate() error {
	var ps Problems
	if !slices.Contains(ChannelTypes(), c.Type) {
		ps.Add("type", "choose email, push, ntfy or webhook")
	}
	if c.Type == ChannelEmail {
		if a, err := mail.ParseAddress(c.Address); err != nil || a.Address != c.Address || !strings.Contains(a.Address, ".") {
			ps.Add("address", "write an email address, such as name@example.org")
		}
	}
	if len(c.Address) > 2000 {
		ps.Add("address", "is too long (at most 2000 characters)")
	}
	if utf8.RuneCountInString(c.Device) > 60 {
		ps.Add("device", "is too long (at most 60 characters)")
	}
	if len(c.Token) > 200 {
		ps.Add("token", "is too long (at most 200 characters)")
	}
	if c.Wording != WordingDiscreet && c.Wording != WordingPlain {
		ps.Add("wording", "choose discreet or plain")
	}
	for _, n := range c.Notices {
		if !slices.Contains(Notices(), n) {
			ps.Add("notices", "choose from follow-ups, alerts and started")
			break
		}
	}
	return ps.Err()
}

// ChannelService keeps the ways people are reached outside the app.
type ChannelService interface {
	// AddChannel keeps a new channel; an email address comes back with
	// its confirmation token and takes nothing until confirmed.
	AddChannel(ctx context.Context, personID string, c *Channel) (*Channel, string, error)
	FindChannels(ctx context.Context, personID string) ([]*Channel, error)
	FindChannel(ctx context.Context, personID, id string) (*Channel, error)
	// ChangeChannel changes its wording, the kinds it takes and a
	// device's name; nothing else.
	ChangeChannel(ctx context.Context, personID, id string, change func(*Channel)) (*Channel, error)
	DeleteChannel(ctx context.Context, personID, id string) error
	// NewChannelConfirm sends an address not yet confirmed a new link.
	NewChannelConfirm(ctx context.Context, personID, id string) (string, error)
	// ConfirmChannel confirms the address whose link carries the token
	// (no session needed); Unsubscribe removes the channel whose
	// unsubscribe link carries it.
	ConfirmChannel(ctx context.Context, token string) (*Channel, error)
	Unsubscribe(ctx context.Context, token string) error
	// SendTest queues a test message through the channel.
	SendTest(ctx context.Context, personID, id string) error
}
