package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// Webhook posts messages as signed JSON to one address a person gave
// (Standard Webhooks: see VerifyWebhook for the receiver's side).
type Webhook struct {
	client *http.Client
	url    string
	key    []byte
	// now is the clock; tests set it.
	now func() time.Time
}

// NewWebhook returns the channel for url, signing with secret (from
// NewWebhookSecret) and sending through client (the guarded client, see
// NewGuardedClient). The error is an EINVALID *tend.Error when url (see
// CheckURL, which the address should have passed when saved) or the
// secret is not usable.
func NewWebhook(client *http.Client, url, secret string) (*Webhook, error) {
	if _, err := parseURL(url); err != nil {
		return nil, err
	}
	key, err := webhookKey(secret)
	if err != nil {
		return nil, err
	}
	return &Webhook{client: client, url: url, key: key, now: time.Now}, nil
}

// webhookPayload is the body: the spec's type, timestamp and data, the
// data being the Message's own fields and nothing else.
type webhookPayload struct {
	Type      string      `json:"type"`
	Timestamp string      `json:"timestamp"`
	Data      webhookData `json:"data"`
}

type webhookData struct {
	Title   string `json:"title"`
	Message string `json:"message"`
	Link    string `json:"link"`
	Urgent  bool   `json:"urgent"`
}

// Send posts m, signed, with m.ID as the webhook-id (the same on every
// try, so the receiver can tell a retry) and the time of this try as
// the timestamp. The result is nil or a *Failure; a 410 answer is a
// Gone one.
func (w *Webhook) Send(ctx context.Context, m Message) error {
	if !isWebhookID(m.ID) {
		return &Failure{Said: "the delivery has no usable id", Permanent: true}
	}
	now := w.now()
	body, err := json.Marshal(webhookPayload{
		Type:      string(m.Kind),
		Timestamp: now.UTC().Format(time.RFC3339),
		Data:      webhookData{Title: m.Title, Message: m.Body, Link: m.Link, Urgent: m.Urgent},
	})
	if err != nil {
		return Failed(err)
	}
	h := http.Header{}
	h.Set(headerWebhookID, m.ID)
	h.Set(headerWebhookTimestamp, strconv.FormatInt(now.Unix(), 10))
	h.Set(headerWebhookSignature, signWebhook(w.key, m.ID, now.Unix(), body))
	return post(ctx, w.client, "the webhook's receiver", w.url, h, body)
}

// isWebhookID reports whether id can be signed and sent: printable
// ASCII without spaces, and without ".", which the signed content uses
// to separate the id from the timestamp.
func isWebhookID(id string) bool {
	if id == "" || len(id) > 255 {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || r == '.' {
			return false
		}
	}
	return true
}
