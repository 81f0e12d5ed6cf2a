package web

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tendcare/tend"
)

// channelFixture is a server whose operator set up email and web push,
// with Sam and Alex signed in.
type channelFixture struct {
	s                        *Server
	h                        http.Handler
	clock                    *testClock
	sam, alex, samID, alexID string
}

func channelServer(t *testing.T) channelFixture {
	t.Helper()
	s, clock := newAccountServer(t, "open")
	s.Outbound = OutboundConfig{EmailReady: true, VAPIDPublicKey: testVAPIDKey(t)}
	h := s.Handler()
	sam, alex := people(t, s, h)
	return channelFixture{s: s, h: h, clock: clock, sam: sam, alex: alex, samID: sessionPerson(t, s, sam), alexID: sessionPerson(t, s, alex)}
}

// testVAPIDKey is a web push key as a server has one: a P-256 public
// key, uncompressed, in base64url.
func testVAPIDKey(t *testing.T) string {
	t.Helper()
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes())
}

// pushSubscription is what a browser's PushSubscription.toJSON() gives
// for the endpoint, with keys of its own.
func pushSubscription(t *testing.T, endpoint string) string {
	t.Helper()
	auth := make([]byte, 16)
	rand.Read(auth)
	b, err := json.Marshal(map[string]any{"endpoint": endpoint, "expirationTime": nil,
		"keys": map[string]string{"p256dh": testVAPIDKey(t), "auth": base64.RawURLEncoding.EncodeToString(auth)}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// addChannelFor keeps a channel of the person's straight in the store,
// returning it with an email address's confirmation token.
func addChannelFor(t *testing.T, s *Server, personID string, c *tend.Channel) (*tend.Channel, string) {
	t.Helper()
	if c.Wording == "" {
		c.Wording = tend.WordingDiscreet
	}
	if c.Notices == nil {
		c.Notices = tend.Notices()
	}
	got, confirm, err := s.Channels.AddChannel(context.Background(), personID, c)
	if err != nil {
		t.Fatal(err)
	}
	return got, confirm
}

// channelsOf lists the person's channels, as the store has them.
func channelsOf(t *testing.T, s *Server, personID string) []*tend.Channel {
	t.Helper()
	list, err := s.Channels.FindChannels(context.Background(), personID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
