package notify

import (
	"crypto/ecdh"
	"encoding/base64"
	"encoding/json"
	"net/url"

	"github.com/tendcare/tend"
)

// Limits on what a browser hands over. Real endpoints are a few hundred
// characters (Mozilla's are the longest); the whole toJSON() is well
// under a kilobyte.
const (
	maxPushEndpoint  = 2048
	maxPushSubscJSON = 8 << 10
)

// PushSubscription is one browser's subscription to web push, as its
// PushSubscription.toJSON() gives it: where to post (Endpoint, the push
// service's URL for this browser) and the keys to encrypt for.
type PushSubscription struct {
	Endpoint string   `json:"endpoint"`
	Keys     PushKeys `json:"keys"`
}

// PushKeys are the subscription's keys, base64url: P256dh the browser's
// P-256 public key (65 bytes, uncompressed), Auth its 16-byte secret
// (RFC 8291 §2).
type PushKeys struct {
	P256dh string `json:"p256dh"`
	Auth   string `json:"auth"`
}

// ParsePushSubscription reads the JSON of a browser's
// PushSubscription.toJSON() and checks it (see Validate). It returns the
// subscription with its keys written back as base64url without padding,
// so that one subscription is stored one way. Other members
// (expirationTime, which browsers leave null) are ignored. Errors are
// EINVALID, naming the field ("endpoint", "keys.p256dh", "keys.auth").
func ParsePushSubscription(data []byte) (PushSubscription, error) {
	if len(data) > maxPushSubscJSON {
		return PushSubscription{}, tend.Errorf(tend.EINVALID, "this is not a browser's push subscription: it is longer than any browser gives")
	}
	var s PushSubscription
	if err := json.Unmarshal(data, &s); err != nil {
		return PushSubscription{}, &tend.Error{Code: tend.EINVALID, Message: "this is not a browser's push subscription: send the JSON of PushSubscription.toJSON()", Err: err}
	}
	if err := s.Validate(); err != nil {
		return PushSubscription{}, err
	}
	p256dh, _ := decodeB64URL(s.Keys.P256dh)
	auth, _ := decodeB64URL(s.Keys.Auth)
	s.Keys.P256dh = base64.RawURLEncoding.EncodeToString(p256dh)
	s.Keys.Auth = base64.RawURLEncoding.EncodeToString(auth)
	return s, nil
}

// Validate checks what encryption and delivery need: an https endpoint
// without credentials in it, a p256dh that is a point on P-256 and an
// auth secret of 16 bytes. Whether the endpoint's host may be reached is
// the outbound client's to decide, when it connects. The error lists
// every field that is wrong (EINVALID).
func (s PushSubscription) Validate() error {
	var ps tend.Problems
	u, err := url.Parse(s.Endpoint)
	switch {
	case s.Endpoint == "":
		ps.Add("endpoint", "the browser gave no address to send to; turn notifications on again")
	case len(s.Endpoint) > maxPushEndpoint:
		ps.Add("endpoint", "the address is longer than any push service gives")
	case err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil:
		ps.Add("endpoint", "the address must be the https address of a push service, as the browser gives it")
	}
	// NewPublicKey takes only the 65-byte uncompressed form, on the curve.
	if p, err := decodeB64URL(s.Keys.P256dh); err != nil {
		ps.Add("keys.p256dh", "the browser's key must be in base64url")
	} else if _, err := ecdh.P256().NewPublicKey(p); err != nil {
		ps.Add("keys.p256dh", "the browser's key must be an uncompressed P-256 public key (65 bytes)")
	}
	if a, err := decodeB64URL(s.Keys.Auth); err != nil || len(a) != 16 {
		ps.Add("keys.auth", "the browser's secret must be 16 bytes in base64url")
	}
	return ps.Err()
}
