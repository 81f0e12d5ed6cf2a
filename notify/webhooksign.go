package notify

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// Webhooks are signed as Standard Webhooks say
// (https://www.standardwebhooks.com/, symmetric scheme), so that a
// receiver can check them with any of its libraries.
const (
	webhookSecretPrefix = "whsec_"
	// webhookSecretBytes is the key's size: the spec asks for 24 to 64.
	webhookSecretBytes = 32
	// webhookTolerance is how far a signed timestamp may be from the
	// receiver's clock, either way, before a replay is suspected.
	webhookTolerance = 5 * time.Minute

	headerWebhookID        = "webhook-id"
	headerWebhookTimestamp = "webhook-timestamp"
	headerWebhookSignature = "webhook-signature"
)

// NewWebhookSecret returns a new signing secret, "whsec_" and the
// base64 of 32 random bytes, to be shown to the person once for their
// receiver and kept (sealed) for signing.
func NewWebhookSecret() (string, error) {
	key := make([]byte, webhookSecretBytes)
	if _, err := rand.Read(key); err != nil {
		return "", tend.Errorf(tend.EINTERNAL, "no randomness for a webhook secret: %v", err)
	}
	return webhookSecretPrefix + base64.StdEncoding.EncodeToString(key), nil
}

// webhookKey returns the HMAC key of a secret: the base64 after
// "whsec_" (which may be left out, as the spec's libraries allow).
func webhookKey(secret string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, webhookSecretPrefix))
	if err != nil || len(key) < 24 || len(key) > 64 {
		return nil, tend.Errorf(tend.EINVALID, "that is not a webhook secret; it looks like whsec_ followed by letters and digits")
	}
	return key, nil
}

// signWebhook returns the webhook-signature of one attempt:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).
func signWebhook(key []byte, id string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// VerifyWebhook returns nil when header and body are a webhook signed
// with secret within 5 minutes of now, as a receiver would check one
// (and as its documentation can show). The signature header may hold
// several, space-separated; one "v1" match is enough.
//
// The error is a *tend.Error: EINVALID for a missing or malformed
// header or secret, EUNAUTHORIZED for a timestamp too far from now or no
// matching signature.
func VerifyWebhook(secret string, header http.Header, body []byte, now time.Time) error {
	key, err := webhookKey(secret)
	if err != nil {
		return err
	}
	id, ts, sigs := header.Get(headerWebhookID), header.Get(headerWebhookTimestamp), header.Get(headerWebhookSignature)
	if id == "" || ts == "" || sigs == "" {
		return tend.Errorf(tend.EINVALID, "the webhook-id, webhook-timestamp and webhook-signature headers are all needed")
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return tend.Errorf(tend.EINVALID, "webhook-timestamp is not a number of seconds")
	}
	if d := now.Sub(time.Unix(unix, 0)); d > webhookTolerance || d < -webhookTolerance {
		return tend.Errorf(tend.EUNAUTHORIZED, "webhook-timestamp is more than 5 minutes from now")
	}
	want := []byte(signWebhook(key, id, unix, body))
	for _, sig := range strings.Fields(sigs) {
		if hmac.Equal([]byte(sig), want) {
			return nil
		}
	}
	return tend.Errorf(tend.EUNAUTHORIZED, "no webhook-signature matches the secret")
}
