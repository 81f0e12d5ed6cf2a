package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// How long a push service keeps a message for a device that is off
// (RFC 8030 §5.2). A follow-up or an alert still matters the next day; a
// test the person asked for makes sense only while they wait for it.
const (
	pushTTL     = 24 * time.Hour
	pushTestTTL = time.Hour
)

// pushRecordSize is the size of every message's body: webpush-go pads
// the one record to it, so that a push service sees no difference in
// length between one message and another. webpush-go's default, 4096,
// is more than some push services take (Firefox for Android's refuses a
// message to a "constrained device" above about 3 KB); 2048 leaves
// 1945 bytes for the payload, many times what Tend sends.
const pushRecordSize = 2048

// WebPush sends to one browser's push subscription (RFC 8030), the
// payload encrypted for it (RFC 8291) and signed with the server's VAPID
// keys (RFC 8292). webpush-go does the protocol; the rest of Tend sees
// only this type.
type WebPush struct {
	Sub     PushSubscription
	Keys    VAPIDKeys
	Subject string // see VAPIDSubject
	// Client posts to the push service. There is no default: the
	// endpoint comes from a browser, so the caller passes the guarded
	// outbound client that refuses private addresses.
	Client *http.Client
}

// pushPayload is what the service worker receives and shows: Tag is the
// message's kind, so that a newer message of a kind replaces the one
// still on the screen.
type pushPayload struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
	Tag   string `json:"tag"`
}

// Send posts m to the push service. A subscription the push service no
// longer knows (404, 410) comes back as a Gone failure, for the caller to
// remove; a refused message as a permanent one; a busy or unreachable
// push service as a transient one.
func (w WebPush) Send(ctx context.Context, m Message) error {
	if w.Client == nil {
		return &Failure{Said: "web push is not set up on this server", Permanent: true, Err: errors.New("notify: WebPush without a Client")}
	}
	if err := w.Sub.Validate(); err != nil {
		return &Failure{Said: "this device's notification subscription is damaged; turn notifications on again on that device", Permanent: true, Gone: true, Err: err}
	}
	if err := w.Keys.Validate(); err != nil {
		return &Failure{Said: "this server's web push keys are not valid; the person who runs it needs to fix them", Permanent: true, Err: err}
	}
	if err := ValidateVAPIDSubject(w.Subject); err != nil {
		return &Failure{Said: "this server's web push contact is not valid; the person who runs it needs to fix it", Permanent: true, Err: err}
	}
	payload, err := json.Marshal(pushPayload{Title: m.Title, Body: m.Body, URL: m.Link, Tag: string(m.Kind)})
	if err != nil {
		return Failed(err)
	}
	resp, err := webpush.SendNotificationWithContext(ctx, payload, &webpush.Subscription{
		Endpoint: w.Sub.Endpoint,
		Keys:     webpush.Keys{P256dh: w.Sub.Keys.P256dh, Auth: w.Sub.Keys.Auth},
	}, w.options(m))
	if err != nil {
		return pushSendFailure(err)
	}
	defer resp.Body.Close()
	return answerFailure(resp)
}

// options are webpush-go's for one message.
func (w WebPush) options(m Message) *webpush.Options {
	ttl := pushTTL
	if m.Kind == KindTest {
		ttl = pushTestTTL
	}
	urgency := webpush.UrgencyNormal
	if m.Urgent {
		urgency = webpush.UrgencyHigh
	}
	return &webpush.Options{
		HTTPClient: w.Client,
		RecordSize: pushRecordSize,
		// webpush-go v1.4.0 puts "mailto:" before any subscriber that
		// does not start with "https:", so an address goes in bare.
		Subscriber: strings.TrimPrefix(w.Subject, "mailto:"),
		TTL:        int(ttl / time.Second),
		Urgency:    urgency,
		// A push service keeps only the newest undelivered message of a
		// topic (RFC 8030 §5.4), as the service worker shows only the
		// newest of a tag.
		Topic:           pushTopic(m.Kind),
		VAPIDPublicKey:  w.Keys.Public,
		VAPIDPrivateKey: w.Keys.Private,
	}
}

// pushTopic is the kind, when it fits a Topic header (at most 32
// base64url characters); else none.
func pushTopic(k Kind) string {
	if len(k) == 0 || len(k) > 32 {
		return ""
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return ""
		}
	}
	return string(k)
}

// pushSendFailure says why no answer came: a failure the outbound client
// made itself (a refused address) as it is, a message too long to
// encrypt into one record as permanent, anything on the way as
// transient.
func pushSendFailure(err error) error {
	var f *Failure
	var ue *url.Error
	switch {
	case errors.As(err, &f):
		return f
	case errors.Is(err, webpush.ErrMaxPadExceeded):
		return &Failure{Said: "the message is too long for web push", Permanent: true, Err: err}
	case errors.As(err, &ue):
		return &Failure{Said: "the push service could not be reached; it will be tried again", Err: err}
	}
	return Failed(err)
}

// answerFailure reads the push service's answer (RFC 8030 §5, §8.3).
func answerFailure(resp *http.Response) error {
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil
	}
	err := answerError(resp)
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return &Failure{Said: "this device no longer takes notifications from Tend (its browser ended the subscription); turn notifications on again on that device", Permanent: true, Gone: true, Err: err}
	case code == http.StatusRequestEntityTooLarge:
		return &Failure{Said: "the push service refused the message as too long", Permanent: true, Err: err}
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		// The subscription was made for other VAPID keys, or the
		// server's signature was refused: signing again the same way
		// cannot help.
		return &Failure{Said: "the push service refused this server's signature; turn notifications off and on again on that device", Permanent: true, Err: err}
	case code == http.StatusTooManyRequests:
		return &Failure{Said: "the push service asked for fewer messages; it will be tried again", Err: err}
	case code >= 500:
		return &Failure{Said: "the push service is having trouble; it will be tried again", Err: err}
	case code >= 400:
		return &Failure{Said: "the push service refused the message", Permanent: true, Err: err}
	}
	return &Failure{Said: "the push service gave an answer Tend does not understand; it will be tried again", Err: err}
}

// answerError keeps the push service's status, its Retry-After and the
// start of its reason, for the log. The body holds the push service's
// words, never the person's: the message went encrypted.
func answerError(resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	reason := strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(string(b), ""))
	msg := "push service answered " + resp.Status
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		msg += fmt.Sprintf(" (retry after %.40q)", ra)
	}
	if reason = strings.TrimSpace(reason); reason != "" {
		msg += ": " + reason
	}
	return errors.New(msg)
}
