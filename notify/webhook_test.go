package notify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// The Standard Webhooks reference test vector (libraries/go/
// webhook_test.go, TestWebhookSign, in standard-webhooks/
// standard-webhooks; the same in their other libraries).
const (
	vectorSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTimestamp = 1614265330
	vectorPayload   = `{"test": 2432232314}`
	vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestWebhookSignatureVector(t *testing.T) {
	key, err := webhookKey(vectorSecret)
	if err != nil {
		t.Fatal(err)
	}
	if got := signWebhook(key, vectorID, vectorTimestamp, []byte(vectorPayload)); got != vectorSignature {
		t.Errorf("signature %s, want %s", got, vectorSignature)
	}
}

func vectorHeader() http.Header {
	h := http.Header{}
	h.Set("webhook-id", vectorID)
	h.Set("webhook-timestamp", "1614265330")
	h.Set("webhook-signature", vectorSignature)
	return h
}

func TestVerifyWebhook(t *testing.T) {
	at := time.Unix(vectorTimestamp, 0)
	cases := []struct {
		name   string
		secret string
		change func(h http.Header)
		body   string
		now    time.Time
		want   string
	}{
		{name: "Valid", now: at},
		{name: "ValidWithoutPrefix", secret: strings.TrimPrefix(vectorSecret, "whsec_"), now: at},
		{name: "ValidAmongOthers", change: func(h http.Header) {
			h.Set("webhook-signature", "v1,bm9wZQ== v1a,"+strings.TrimPrefix(vectorSignature, "v1,")+" "+vectorSignature)
		}, now: at},
		{name: "FiveMinutesLate", now: at.Add(webhookTolerance)},
		{name: "FiveMinutesEarly", now: at.Add(-webhookTolerance)},
		{name: "ErrTooOld", now: at.Add(webhookTolerance + time.Second), want: tend.EUNAUTHORIZED},
		{name: "ErrTooNew", now: at.Add(-webhookTolerance - time.Second), want: tend.EUNAUTHORIZED},
		{name: "ErrBodyChanged", body: `{"test": 2432232315}`, now: at, want: tend.EUNAUTHORIZED},
		{name: "ErrIDChanged", change: func(h http.Header) { h.Set("webhook-id", vectorID+"x") }, now: at, want: tend.EUNAUTHORIZED},
		{name: "ErrTimestampChanged", change: func(h http.Header) { h.Set("webhook-timestamp", "1614265331") }, now: at, want: tend.EUNAUTHORIZED},
		{name: "ErrOtherSecret", secret: "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 32)), now: at, want: tend.EUNAUTHORIZED},
		{name: "ErrOnlyAsymmetric", change: func(h http.Header) {
			h.Set("webhook-signature", "v1a,"+strings.TrimPrefix(vectorSignature, "v1,"))
		}, now: at, want: tend.EUNAUTHORIZED},
		{name: "ErrNoID", change: func(h http.Header) { h.Del("webhook-id") }, now: at, want: tend.EINVALID},
		{name: "ErrNoTimestamp", change: func(h http.Header) { h.Del("webhook-timestamp") }, now: at, want: tend.EINVALID},
		{name: "ErrNoSignature", change: func(h http.Header) { h.Del("webhook-signature") }, now: at, want: tend.EINVALID},
		{name: "ErrTimestampNotNumber", change: func(h http.Header) { h.Set("webhook-timestamp", "2021-02-26") }, now: at, want: tend.EINVALID},
		{name: "ErrSecretNotBase64", secret: "whsec_not base64!", now: at, want: tend.EINVALID},
		{name: "ErrSecretTooShort", secret: "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 16)), now: at, want: tend.EINVALID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			secret, body, h := vectorSecret, vectorPayload, vectorHeader()
			if tc.secret != "" {
				secret = tc.secret
			}
			if tc.body != "" {
				body = tc.body
			}
			if tc.change != nil {
				tc.change(h)
			}
			err := VerifyWebhook(secret, h, []byte(body), tc.now)
			if got := tend.ErrorCode(err); got != tc.want {
				t.Errorf("code %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}

func TestNewWebhookSecret(t *testing.T) {
	a, err := NewWebhookSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewWebhookSecret()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, "whsec_"))
	if !strings.HasPrefix(a, "whsec_") || err != nil || len(key) != 32 {
		t.Fatalf("secret %q: %d bytes, %v", a, len(key), err)
	}
	if a == b {
		t.Error("two secrets are the same")
	}
	if _, err := NewWebhook(nil, "https://example.com/hook", a); err != nil {
		t.Errorf("a new secret is refused: %v", err)
	}
}

func TestWebhookSend(t *testing.T) {
	base, got := mustReceiver(t, http.StatusNoContent)
	secret, _ := NewWebhookSecret()
	w, err := NewWebhook(NewGuardedClient(true), base+"/hooks/tend?source=1", secret)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 4, 21, 30, 0, 0, time.FixedZone("", 2*3600))
	w.now = func() time.Time { return now }
	m := Message{ID: "dlv_01HZX3", Kind: KindAlert, Title: "Tend", Body: "Someone would like a check-in", Link: "https://tend.example/inbox/7", Urgent: true}
	if err := w.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if r.method != http.MethodPost || r.path != "/hooks/tend" {
		t.Errorf("%s %s, want POST /hooks/tend", r.method, r.path)
	}
	key, _ := webhookKey(secret)
	checkHeaders(t, r.header, map[string]string{
		"Content-Type":      "application/json",
		"Webhook-Id":        "dlv_01HZX3",
		"Webhook-Timestamp": "1777923000",
		"Webhook-Signature": signWebhook(key, "dlv_01HZX3", 1777923000, r.body),
	})
	if err := VerifyWebhook(secret, r.header, r.body, now.Add(time.Minute)); err != nil {
		t.Errorf("the receiver's check: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"type": "alert", "timestamp": "2026-05-04T19:30:00Z", "data": map[string]any{
		"title": "Tend", "message": "Someone would like a check-in", "link": "https://tend.example/inbox/7", "urgent": true,
	}}
	if !reflect.DeepEqual(body, want) {
		t.Errorf("body %s, want %v", r.body, want)
	}
}

func TestWebhookFailures(t *testing.T) {
	secret, _ := NewWebhookSecret()
	m := Message{ID: "dlv_1", Kind: KindTest, Title: "Tend", Body: "This is a test"}
	for _, tc := range []struct {
		status     int
		perm, gone bool
	}{
		{http.StatusMovedPermanently, true, false},
		{http.StatusNotFound, true, false},
		{http.StatusGone, true, true},
		{http.StatusRequestTimeout, false, false},
		{http.StatusServiceUnavailable, false, false},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			base, _ := mustReceiver(t, tc.status)
			w, _ := NewWebhook(NewGuardedClient(true), base+"/", secret)
			var f *Failure
			if err := w.Send(context.Background(), m); !errors.As(err, &f) || f.Permanent != tc.perm || f.Gone != tc.gone {
				t.Errorf("Send: %+v, want permanent %t, gone %t", err, tc.perm, tc.gone)
			}
		})
	}
	t.Run("RefusedAddress", func(t *testing.T) {
		base, got := mustReceiver(t, http.StatusOK)
		w, _ := NewWebhook(NewGuardedClient(false), base+"/", secret)
		var f *Failure
		if err := w.Send(context.Background(), m); !errors.As(err, &f) || !f.Permanent || !errors.Is(err, ErrAddressRefused) {
			t.Errorf("Send: %v, want a permanent refusal", err)
		}
		if len(got) != 0 {
			t.Error("the refused receiver was sent to")
		}
	})
	for name, id := range map[string]string{"NoID": "", "IDWithDot": "a.b", "IDWithSpace": "a b", "IDNotASCII": "ä", "IDTooLong": strings.Repeat("a", 256)} {
		t.Run(name, func(t *testing.T) {
			base, got := mustReceiver(t, http.StatusOK)
			w, _ := NewWebhook(NewGuardedClient(true), base+"/", secret)
			bad := m
			bad.ID = id
			var f *Failure
			if err := w.Send(context.Background(), bad); !errors.As(err, &f) || !f.Permanent {
				t.Errorf("Send: %v, want a permanent failure", err)
			}
			if len(got) != 0 {
				t.Error("sent with an unusable id")
			}
		})
	}
}

func TestNewWebhook(t *testing.T) {
	secret, _ := NewWebhookSecret()
	for _, tc := range []struct{ url, secret string }{
		{"", secret},
		{"hooks.example.com/in", secret},
		{"https://u:p@hooks.example.com/in", secret},
		{"https://hooks.example.com/in", ""},
		{"https://hooks.example.com/in", "whsec_tooshort"},
	} {
		if _, err := NewWebhook(nil, tc.url, tc.secret); tend.ErrorCode(err) != tend.EINVALID {
			t.Errorf("%q %q: %v, want EINVALID", tc.url, tc.secret, err)
		}
	}
}
