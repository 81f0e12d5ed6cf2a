package notify

import (
	"context"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// browser is a subscriber as a browser makes one: its own P-256 key
// pair and auth secret, and the subscription it would hand over.
type browser struct {
	key  *ecdh.PrivateKey
	auth []byte
	sub  PushSubscription
}

func newBrowser(tb testing.TB, endpoint string) browser {
	tb.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	return browser{key: key, auth: auth, sub: PushSubscription{
		Endpoint: endpoint,
		Keys:     PushKeys{P256dh: b64(key.PublicKey().Bytes()), Auth: b64(auth)},
	}}
}

// pushed is one request the push service took.
type pushed struct {
	header http.Header
	path   string
	body   []byte
}

// pushService is a push service for one test: it keeps what it is sent
// and answers with status.
type pushService struct {
	*httptest.Server
	mu     sync.Mutex
	got    []pushed
	status int
}

// newPushService starts it over TLS, as push services are reached: the
// endpoint is https and webpush-go posts to it as given.
func newPushService(t *testing.T, status int) *pushService {
	t.Helper()
	ps := &pushService{status: status}
	ps.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.got = append(ps.got, pushed{header: r.Header.Clone(), path: r.URL.Path, body: body})
		ps.mu.Unlock()
		if ps.status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "120")
		}
		w.WriteHeader(ps.status)
		if ps.status >= 400 {
			io.WriteString(w, "reason from the push service\n")
		}
	}))
	t.Cleanup(ps.Close)
	return ps
}

func (ps *pushService) one(t *testing.T) pushed {
	t.Helper()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.got) != 1 {
		t.Fatalf("the push service got %d requests, want 1", len(ps.got))
	}
	return ps.got[0]
}

// TestWebPushDelivers sends as Tend would and reads the request as a
// push service and then the browser would: the VAPID token signed with
// the server's key for the endpoint's origin, the headers, and the
// payload decrypted with the browser's own key.
func TestWebPushDelivers(t *testing.T) {
	for _, tc := range []struct {
		name, subject string
		m             Message
		urgency, ttl  string
	}{
		{"Followup", "mailto:ops@example.org",
			Message{ID: "d1", Kind: KindFollowup, Title: "Tend", Body: "A check-in is waiting", Link: "https://tend.example.org/followups/7"},
			"normal", "86400"},
		{"AlertUrgent", "https://tend.example.org",
			Message{ID: "d2", Kind: KindAlert, Title: "Tend", Body: "Something is waiting", Link: "https://tend.example.org/inbox", Urgent: true},
			"high", "86400"},
		{"TestShortLived", "mailto:ops@example.org",
			Message{ID: "d3", Kind: KindTest, Title: "Tend", Body: "This is a test", Link: "https://tend.example.org/settings"},
			"normal", "3600"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := newPushService(t, http.StatusCreated)
			b := newBrowser(t, ps.URL+"/push/v2/abc-123")
			keys := mustVAPIDKeys(t)
			w := WebPush{Sub: b.sub, Keys: keys, Subject: tc.subject, Client: ps.Client()}
			if err := w.Send(context.Background(), tc.m); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := ps.one(t)
			if got.path != "/push/v2/abc-123" {
				t.Errorf("posted to %q, want the endpoint's path", got.path)
			}
			for name, want := range map[string]string{
				"Content-Encoding": "aes128gcm",
				"Urgency":          tc.urgency,
				"TTL":              tc.ttl,
				"Topic":            string(tc.m.Kind),
			} {
				if v := got.header.Get(name); v != want {
					t.Errorf("%s: got %q, want %q", name, v, want)
				}
			}
			checkVAPID(t, got.header.Get("Authorization"), keys, ps.URL, tc.subject)
			if len(got.body) != pushRecordSize {
				t.Errorf("body of %d bytes, want every message padded to %d", len(got.body), pushRecordSize)
			}

			plain, _, err := decryptPush(got.body, b.key, b.auth)
			if err != nil {
				t.Fatalf("the browser cannot decrypt the message: %v", err)
			}
			var p map[string]string
			if err := json.Unmarshal(plain, &p); err != nil {
				t.Fatalf("payload %q: %v", plain, err)
			}
			want := map[string]string{"title": tc.m.Title, "body": tc.m.Body, "url": tc.m.Link, "tag": string(tc.m.Kind)}
			if len(p) != len(want) {
				t.Errorf("payload %v, want exactly %v", p, want)
			}
			for k, v := range want {
				if p[k] != v {
					t.Errorf("payload %s: got %q, want %q", k, p[k], v)
				}
			}
		})
	}
}

// checkVAPID checks an Authorization header as RFC 8292 has a push
// service check it: "vapid t=<JWT>, k=<public key>", the JWT signed
// with ES256 by k, for the endpoint's origin, expiring within a day,
// with the server's subject.
func checkVAPID(t *testing.T, header string, keys VAPIDKeys, origin, subject string) {
	t.Helper()
	rest, ok := strings.CutPrefix(header, "vapid ")
	if !ok {
		t.Fatalf("Authorization %q is not vapid", header)
	}
	params := map[string]string{}
	for _, kv := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		params[k] = v
	}
	if params["k"] != keys.Public {
		t.Errorf("k=%q, want the server's public key %q", params["k"], keys.Public)
	}
	parts := strings.Split(params["t"], ".")
	if len(parts) != 3 {
		t.Fatalf("t=%q is not a JWT", params["t"])
	}
	var head struct{ Alg, Typ string }
	if err := json.Unmarshal(mustB64(t, parts[0]), &head); err != nil || head.Alg != "ES256" {
		t.Errorf("JWT header %s (%v), want alg ES256", mustB64(t, parts[0]), err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), mustB64(t, params["k"]))
	if err != nil {
		t.Fatalf("k: %v", err)
	}
	sig := mustB64(t, parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if len(sig) != 64 || !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		t.Errorf("the JWT's signature does not verify with k")
	}
	var claims struct {
		Aud, Sub string
		Exp      int64
	}
	if err := json.Unmarshal(mustB64(t, parts[1]), &claims); err != nil {
		t.Fatalf("JWT claims: %v", err)
	}
	if claims.Aud != origin {
		t.Errorf("aud %q, want the endpoint's origin %q", claims.Aud, origin)
	}
	if claims.Sub != subject {
		t.Errorf("sub %q, want %q", claims.Sub, subject)
	}
	// RFC 8292 §2: no more than 24 hours from the time of the request.
	if exp, now := time.Unix(claims.Exp, 0), time.Now(); !exp.After(now) || exp.After(now.Add(24*time.Hour)) {
		t.Errorf("exp %v is not within the next 24 hours", exp)
	}
}
