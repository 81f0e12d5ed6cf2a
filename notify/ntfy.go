package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/tendcare/tend"
)

// ntfy's priorities (https://docs.ntfy.sh/publish/#message-priority).
const (
	ntfyPriorityDefault = 3
	ntfyPriorityHigh    = 4
)

// maxNtfyToken bounds an access token; ntfy's are 32 characters.
const maxNtfyToken = 256

// NtfyTopic is an ntfy topic a person gave, to be sent to.
type NtfyTopic struct {
	// URL is the topic's address, as ntfy's apps show it:
	// https://ntfy.sh/mytopic, or a self-hosted server's, with a path
	// before the topic when it is served under one.
	URL string
	// Token is an access token for a protected topic ("tk_..."), sent
	// as a bearer token; "" for none.
	Token string
	// Cache lets the ntfy server keep the message for a while (ntfy.sh
	// keeps it 12 hours) so that a phone that was offline still gets
	// it. Off by default: the message is then only delivered to phones
	// connected at the time, and not stored on someone else's server.
	Cache bool
	// Firebase lets ntfy.sh forward the message through Google's
	// Firebase, which its Android app from Google Play (without
	// "instant delivery") and its iOS app rely on. Off by default, so
	// that no copy goes to Google: the person's phone must then keep its
	// own connection to ntfy.
	Firebase bool
}

// Ntfy publishes messages to one ntfy topic, as JSON to the server's
// root (https://docs.ntfy.sh/publish/#publish-as-json), so that the
// topic travels in the body, not in the address.
type Ntfy struct {
	client *http.Client
	root   string // the server's address, ending in "/"
	topic  string
	token  string
	cache  bool
	fire   bool
}

// NewNtfy returns the channel for t, sending through client (the
// guarded client, see NewGuardedClient). The error is an EINVALID
// *tend.Error when t's address or token is not one ntfy accepts.
func NewNtfy(client *http.Client, t NtfyTopic) (*Ntfy, error) {
	root, topic, err := parseNtfyURL(t.URL)
	if err != nil {
		return nil, err
	}
	if err := checkNtfyToken(t.Token); err != nil {
		return nil, err
	}
	return &Ntfy{client: client, root: root, topic: topic, token: t.Token, cache: t.Cache, fire: t.Firebase}, nil
}

// CheckNtfyTopic returns nil when t can be saved: its address passes
// CheckURL and names a topic, its token is usable. The error is an
// EINVALID *tend.Error whose Field is "url" or "token".
func CheckNtfyTopic(t NtfyTopic, allowPrivate bool) error {
	var ps tend.Problems
	if err := CheckURL(t.URL, allowPrivate); err != nil {
		ps.Check("url", err)
	} else if _, _, err := parseNtfyURL(t.URL); err != nil {
		ps.Check("url", err)
	}
	ps.Check("token", checkNtfyToken(t.Token))
	return ps.Err()
}

// parseNtfyURL splits a topic's address into the server's root and the
// topic's name.
func parseNtfyURL(raw string) (root, topic string, err error) {
	u, err := parseURL(raw)
	if err != nil {
		return "", "", err
	}
	if u.RawQuery != "" || u.ForceQuery || strings.Contains(raw, "#") {
		return "", "", tend.Errorf(tend.EINVALID, "the address should end with the topic's name, with nothing after it")
	}
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	i := strings.LastIndexByte(path, '/')
	if i < 0 || !isNtfyTopic(path[i+1:]) {
		return "", "", tend.Errorf(tend.EINVALID, "the address should end with the topic's name, like https://ntfy.sh/mytopic; a name is up to 64 letters, digits, - and _")
	}
	return u.Scheme + "://" + u.Host + path[:i] + "/", path[i+1:], nil
}

// isNtfyTopic reports whether s is a topic name ntfy accepts.
func isNtfyTopic(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func checkNtfyToken(token string) error {
	if len(token) > maxNtfyToken {
		return tend.FieldErrorf("token", "that token is too long; paste the access token from ntfy, which starts with tk_")
	}
	for _, r := range token {
		if r <= ' ' || r > '~' {
			return tend.FieldErrorf("token", "a token has no spaces or other special characters; paste the access token from ntfy, which starts with tk_")
		}
	}
	return nil
}

// ntfyMessage is ntfy's JSON publishing format. No tags: ntfy shows
// them beside the message, and some turn into emoji.
type ntfyMessage struct {
	Topic    string `json:"topic"`
	Title    string `json:"title"`
	Message  string `json:"message"`
	Priority int    `json:"priority"`
	Click    string `json:"click,omitempty"`
}

// Send publishes m to the topic: its title, body and link, priority
// high when it is urgent, nothing else. The result is nil or a *Failure.
func (n *Ntfy) Send(ctx context.Context, m Message) error {
	msg := ntfyMessage{Topic: n.topic, Title: m.Title, Message: m.Body, Priority: ntfyPriorityDefault, Click: m.Link}
	if m.Urgent {
		msg.Priority = ntfyPriorityHigh
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return Failed(err)
	}
	h := http.Header{}
	if n.token != "" {
		h.Set("Authorization", "Bearer "+n.token)
	}
	// The headers work on every ntfy version; the JSON's own "cache"
	// and "firebase" keys only since 2.11.
	if !n.cache {
		h.Set("X-Cache", "no")
	}
	if !n.fire {
		h.Set("X-Firebase", "no")
	}
	return post(ctx, n.client, "the ntfy server", n.root, h, body)
}
