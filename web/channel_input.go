package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
)

// What a new channel is made of, as the settings page's forms and the
// API give it: the one place that checks it, so that both refuse the
// same things in the same words.

// OutboundConfig is what the operator set up for reaching people
// outside the app; cmd/tend fills it from notify and its flags.
type OutboundConfig struct {
	// EmailReady is true when the operator configured SMTP: only then
	// can an email address be added (it is sent its confirmation link).
	EmailReady bool
	// VAPIDPublicKey is the server's web push key (base64url), which a
	// browser subscribes with; empty, notifications on devices are not
	// offered.
	VAPIDPublicKey string
	// CheckURL checks an ntfy topic's or a webhook's address a person
	// gives (the outbound guard: which addresses this server may reach),
	// answering EINVALID with what to fix. Nil: only its form is checked
	// here (an absolute https or http address).
	CheckURL func(raw string) error
	// CheckNtfy checks an ntfy topic's address and access token together
	// (problems named "url" and "token"); nil: CheckURL checks the
	// address, and the token is checked as any text.
	CheckNtfy func(topicURL, token string) error
	// NewWebhookSecret makes a webhook's signing secret ("whsec_..."); nil:
	// "whsec_" and the base64 of 24 random bytes, made here.
	NewWebhookSecret func() (string, error)
}

// channelInput is a new channel as a form or a request gives it.
// Wording "" and Notices nil mean not given.
type channelInput struct {
	Type    tend.ChannelType
	Address string
	Token   string
	Device  string
	Wording tend.Wording
	Notices []tend.Notice
	// Subscription is a browser's PushSubscription.toJSON(), for push.
	Subscription json.RawMessage
	// Relay, for ntfy: see tend.Channel.Relay.
	Relay bool
}

// defaultNotices are a new channel's kinds of message: all of them.
func defaultNotices() []tend.Notice { return tend.Notices() }

// newChannel checks the input and makes the channel it describes, with
// every mistake at once under the API's names ("address", "token",
// "subscription.keys.auth", "notices"). A type this server cannot send
// is a conflict, said in words for the person to pass on.
func (s *Server) newChannel(r *http.Request, in channelInput) (*tend.Channel, error) {
	c := &tend.Channel{Type: in.Type, Wording: in.Wording, Notices: in.Notices}
	if c.Wording == "" {
		c.Wording = tend.WordingDiscreet
	}
	if c.Notices == nil {
		c.Notices = defaultNotices()
	}
	var ps tend.Problems
	switch in.Type {
	case tend.ChannelEmail:
		if !s.Outbound.EmailReady {
			return nil, tend.Errorf(tend.ECONFLICT, "email is not set up on this server: ask whoever runs it to configure SMTP")
		}
		c.Address = strings.TrimSpace(in.Address)
		if c.Address == "" {
			ps.Add("address", "write your email address, such as name@example.org")
		}
	case tend.ChannelNtfy:
		c.Address = strings.TrimSpace(in.Address)
		token, err := tend.CheckText("token", in.Token, 0, 200, false)
		ps.Check("token", err)
		c.Token, c.Relay = token, in.Relay
		if c.Address == "" {
			ps.Add("address", "write the topic's whole address, such as https://ntfy.sh/a-long-name-nobody-could-guess")
		} else {
			cerr := s.checkNtfy(c.Address, c.Token, err == nil)
			if notMine(cerr) {
				return nil, cerr
			}
			for _, p := range tend.ProblemsOf(cerr, "address") {
				if p.Path == "url" {
					p.Path = "address"
				}
				ps = append(ps, p)
			}
		}
	case tend.ChannelWebhook:
		c.Address = strings.TrimSpace(in.Address)
		if c.Address == "" {
			ps.Add("address", "write the whole address your receiver listens at, starting with https://")
		} else if err := s.checkChannelURL(c.Address); notMine(err) {
			return nil, err
		} else {
			ps.Check("address", err)
		}
	case tend.ChannelPush:
		if s.Outbound.VAPIDPublicKey == "" {
			return nil, tend.Errorf(tend.ECONFLICT, "notifications on devices are not set up on this server")
		}
		if len(in.Subscription) == 0 || string(in.Subscription) == "null" {
			ps.Add("subscription", "send the browser's subscription, as PushSubscription.toJSON() gives it")
		} else if sub, err := notify.ParsePushSubscription(in.Subscription); err != nil {
			for _, p := range tend.ProblemsOf(err, "") {
				p.Path = strings.TrimSuffix("subscription."+p.Path, ".")
				ps = append(ps, p)
			}
		} else {
			c.Address, c.P256dh, c.Auth = sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth
		}
		name, err := tend.CheckText("device", in.Device, 0, 60, false)
		ps.Check("device", err)
		if c.Device = name; name == "" {
			c.Device = device(r)
		}
	default:
		ps.Add("type", "choose email, push, ntfy or webhook")
	}
	if in.Type == tend.ChannelPush && strings.TrimSpace(in.Address) != "" {
		ps.Add("address", "a device is added with its subscription, not an address")
	}
	if in.Type != tend.ChannelNtfy && in.Relay {
		ps.Add("relay", "only an ntfy topic is relayed")
	}
	if in.Type != tend.ChannelNtfy && in.Token != "" {
		ps.Add("token", "only an ntfy topic takes an access token")
	}
	if in.Type != tend.ChannelPush && len(in.Subscription) > 0 && string(in.Subscription) != "null" {
		ps.Add("subscription", "only notifications on a device (push) take a subscription")
	}
	if in.Type != tend.ChannelPush && in.Device != "" {
		ps.Add("device", "only notifications on a device have a device name")
	}
	if in.Notices != nil && len(in.Notices) == 0 {
		ps.Add("notices", "choose at least one kind of message, or there is nothing to send")
	}
	if err := checkedWhole(ps, c.Validate); err != nil {
		return nil, err
	}
	return c, nil
}

// notMine reports whether err is not the person's to fix: anything but
// a mistake in what they gave.
func notMine(err error) bool { return err != nil && tend.ErrorCode(err) != tend.EINVALID }

// sameAddress reports whether two channels of a type reach the same
// place: email addresses in any case, web addresses exactly.
func sameAddress(a, b *tend.Channel) bool {
	if a.Type != b.Type {
		return false
	}
	if a.Type == tend.ChannelEmail {
		return strings.EqualFold(a.Address, b.Address)
	}
	return a.Address == b.Address
}

// checkChannelURL checks an address Tend is to send to: the operator's
// guard when set, else only that it is an absolute web address.
func (s *Server) checkChannelURL(raw string) error {
	if s.Outbound.CheckURL != nil {
		return s.Outbound.CheckURL(raw)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return tend.Errorf(tend.EINVALID, "write the whole address, starting with https://")
	}
	return nil
}

// checkNtfy checks an ntfy topic's address, and its token when tokenOK
// (a token already refused is not checked again).
func (s *Server) checkNtfy(topic, token string, tokenOK bool) error {
	if s.Outbound.CheckNtfy != nil && tokenOK {
		return s.Outbound.CheckNtfy(topic, token)
	}
	return s.checkChannelURL(topic)
}

// newWebhookSecret makes a webhook's signing secret, as Standard
// Webhooks has them: "whsec_" and the key in base64.
func (s *Server) newWebhookSecret() (string, error) {
	if s.Outbound.NewWebhookSecret != nil {
		return s.Outbound.NewWebhookSecret()
	}
	key := make([]byte, 24)
	if _, err := rand.Read(key); err != nil {
		return "", err
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(key), nil
}

// addChannel keeps a new channel of the signed-in person's. An address
// they have already is refused beside its field; a device subscribed
// again replaces its old entry, keeping what was chosen for it unless
// the input says otherwise. A webhook is given its signing secret here.
func (s *Server) addChannel(ctx context.Context, personID string, in channelInput, c *tend.Channel) (*tend.Channel, error) {
	have, err := s.Channels.FindChannels(ctx, personID)
	if err != nil {
		return nil, err
	}
	var replaced *tend.Channel
	for _, h := range have {
		if !sameAddress(h, c) {
			continue
		}
		if c.Type != tend.ChannelPush {
			return nil, tend.FieldErrorf("address", "this address is in your list already")
		}
		replaced = h
		if in.Wording == "" {
			c.Wording = h.Wording
		}
		if in.Notices == nil {
			c.Notices = h.Notices
		}
		if strings.TrimSpace(in.Device) == "" {
			c.Device = h.Device
		}
	}
	if c.Type == tend.ChannelWebhook {
		if c.Secret, err = s.newWebhookSecret(); err != nil {
			return nil, err
		}
	}
	added, _, err := s.Channels.AddChannel(ctx, personID, c)
	if err != nil {
		return nil, err
	}
	if replaced != nil {
		if err := s.Channels.DeleteChannel(ctx, personID, replaced.ID); err != nil && tend.ErrorCode(err) != tend.ENOTFOUND {
			return nil, err
		}
	}
	return added, nil
}

// channelChange is what a person may change of a channel.
type channelChange struct {
	Wording tend.Wording
	Notices []tend.Notice
	Device  string
	// DeviceGiven is set when the request names the device.
	DeviceGiven bool
}

// checkChange checks a change of the channel with every mistake at
// once (under the API's names); ch comes back as it is to be kept.
func checkChange(c *tend.Channel, ch *channelChange) error {
	var ps tend.Problems
	if ch.DeviceGiven {
		name, err := tend.CheckText("device", ch.Device, 0, 60, false)
		switch {
		case c.Type != tend.ChannelPush:
			ps.Add("device", "only notifications on a device have a device name")
		case err != nil:
			ps.Check("device", err)
		case name == "":
			ps.Add("device", "give the device a name, like “my phone”")
		}
		ch.Device = name
	}
	changed := *c
	changed.Wording, changed.Notices, changed.Device = ch.Wording, ch.Notices, ch.Device
	return checkedWhole(ps, changed.Validate)
}

// keepChange keeps a change checked by checkChange.
func (s *Server) keepChange(r *http.Request, id string, ch channelChange) (*tend.Channel, error) {
	return s.Channels.ChangeChannel(r.Context(), personID(r), id, func(c *tend.Channel) {
		c.Wording, c.Notices, c.Device = ch.Wording, ch.Notices, ch.Device
	})
}
