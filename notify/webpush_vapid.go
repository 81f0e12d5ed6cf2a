package notify

import (
	"crypto/ecdh"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/mail"
	"net/url"
	"strings"

	"github.com/tendcare/tend"
)

// VAPIDKeys is the server's VAPID key pair (RFC 8292), which identifies
// this server to the push services. Browsers bind a subscription to the
// public key (the service worker passes it as applicationServerKey), so
// the pair is made once and kept: a new pair orphans every subscription,
// and every node must use the same one.
//
// Both halves are base64url without padding, as webpush-go and browsers
// take them: Public is the 65-byte uncompressed P-256 point, Private the
// 32-byte scalar.
type VAPIDKeys struct {
	Public  string
	Private string
}

// NewVAPIDKeys makes a new key pair from the system's randomness.
func NewVAPIDKeys() (VAPIDKeys, error) {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return VAPIDKeys{}, &tend.Error{Code: tend.EINTERNAL, Op: "notify.NewVAPIDKeys", Err: err}
	}
	return VAPIDKeys{
		Public:  base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes()),
		Private: base64.RawURLEncoding.EncodeToString(k.Bytes()),
	}, nil
}

// Validate checks a stored pair: both halves decode, the private key is
// a P-256 scalar and the public key is the one it makes. A pair that
// fails would sign tokens no push service accepts, so the server should
// refuse to start with it rather than fail at every delivery. The error
// never quotes the private key.
func (k VAPIDKeys) Validate() error {
	pub, err := decodeB64URL(k.Public)
	if err != nil || len(pub) != 65 || pub[0] != 4 {
		return tend.Errorf(tend.EINVALID, "the VAPID public key is not a base64url P-256 point of 65 bytes")
	}
	priv, err := decodeB64URL(k.Private)
	if err != nil || len(priv) != 32 {
		return tend.Errorf(tend.EINVALID, "the VAPID private key is not a base64url P-256 key of 32 bytes")
	}
	key, err := ecdh.P256().NewPrivateKey(priv)
	if err != nil {
		return tend.Errorf(tend.EINVALID, "the VAPID private key is not a valid P-256 key")
	}
	if subtle.ConstantTimeCompare(key.PublicKey().Bytes(), pub) != 1 {
		return tend.Errorf(tend.EINVALID, "the VAPID public key does not belong to the private key")
	}
	return nil
}

// String shows the public key only, so that a pair printed or logged by
// mistake does not give away the private one.
func (k VAPIDKeys) String() string {
	return "VAPIDKeys{Public: " + k.Public + ", Private: (hidden)}"
}

// VAPIDSubject returns the VAPID subject, the contact a push service
// may use to reach whoever runs this server (RFC 8292 §2.1): "mailto:"
// and the operator's email address when one is given, else the public
// URL's origin. Apple's push service refuses a subject at localhost, so
// a local or plain-http URL without an email is an error saying what to
// set.
func VAPIDSubject(publicURL, email string) (string, error) {
	if email = strings.TrimSpace(email); email != "" {
		if err := checkSubjectEmail(email); err != nil {
			return "", err
		}
		return "mailto:" + email, nil
	}
	if publicURL == "" {
		return "", tend.Errorf(tend.EINVALID, "web push needs a contact for the push services: set the public URL (--public-url, like https://tend.example.org) or the address emails come from (--mail-from)")
	}
	return subjectURL(publicURL)
}

// ValidateVAPIDSubject checks a subject made earlier or configured by
// hand: "mailto:" and one plain address, or an https URL not at
// localhost.
func ValidateVAPIDSubject(subject string) error {
	if email, ok := strings.CutPrefix(subject, "mailto:"); ok {
		return checkSubjectEmail(email)
	}
	_, err := subjectURL(subject)
	return err
}

// subjectURL returns the origin of an https URL that is not local.
func subjectURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return "", tend.Errorf(tend.EINVALID, "%q: web push needs an https public URL, like https://tend.example.org, or the address emails come from (--mail-from)", raw)
	}
	if isLocalHost(u.Hostname()) {
		return "", tend.Errorf(tend.EINVALID, "%q: push services refuse a localhost address as the contact; set the public URL people open Tend at, or the address emails come from (--mail-from)", raw)
	}
	return "https://" + strings.ToLower(u.Host), nil
}

// checkSubjectEmail accepts one bare address (no name, no angle
// brackets) that can go into a mailto: URI as it is, at a domain that
// is not local.
func checkSubjectEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || strings.ContainsAny(email, " \"\\?#%&<>/") {
		return tend.Errorf(tend.EINVALID, "%q: give the operator's email address alone, like ops@example.org", email)
	}
	domain := email[strings.LastIndexByte(email, '@')+1:]
	if isLocalHost(domain) || !strings.Contains(domain, ".") {
		return tend.Errorf(tend.EINVALID, "%q: push services need an address they can write to, at a domain like example.org", email)
	}
	return nil
}

// isLocalHost reports a name or address that means this machine:
// localhost, *.localhost (RFC 6761), loopback and unspecified addresses.
func isLocalHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// decodeB64URL decodes base64url with or without padding, the forms
// browsers and webpush-go write; Strict refuses stray bits, so a value
// decodes one way only and encodes back to the same text.
func decodeB64URL(s string) ([]byte, error) {
	if strings.HasSuffix(s, "=") {
		return base64.URLEncoding.Strict().DecodeString(s)
	}
	return base64.RawURLEncoding.Strict().DecodeString(s)
}
