package notify

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestWebPushAnswers turns each answer of a push service into what the
// caller must do: nothing, remove the subscription, give up, or retry.
func TestWebPushAnswers(t *testing.T) {
	for _, tc := range []struct {
		name            string
		status          int
		ok              bool
		permanent, gone bool
	}{
		{"Created", http.StatusCreated, true, false, false},
		{"Accepted", http.StatusAccepted, true, false, false},
		{"GoneIsGone", http.StatusGone, false, true, true},
		{"NotFoundIsGone", http.StatusNotFound, false, true, true},
		{"TooLargePermanent", http.StatusRequestEntityTooLarge, false, true, false},
		{"BadRequestPermanent", http.StatusBadRequest, false, true, false},
		{"ForbiddenPermanent", http.StatusForbidden, false, true, false},
		{"TooManyTransient", http.StatusTooManyRequests, false, false, false},
		{"ServerErrorTransient", http.StatusInternalServerError, false, false, false},
		{"UnavailableTransient", http.StatusServiceUnavailable, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := newPushService(t, tc.status)
			w := WebPush{Sub: newBrowser(t, ps.URL+"/p").sub, Keys: mustVAPIDKeys(t), Subject: "mailto:ops@example.org", Client: ps.Client()}
			err := w.Send(context.Background(), Message{Kind: KindFollowup, Title: "Tend", Body: "A check-in is waiting"})
			if tc.ok {
				if err != nil {
					t.Fatalf("got %v, want delivered", err)
				}
				return
			}
			var f *Failure
			if !errors.As(err, &f) {
				t.Fatalf("got %v, want a *Failure", err)
			}
			if f.Permanent != tc.permanent || f.Gone != tc.gone {
				t.Errorf("got permanent %v gone %v, want %v %v (%v)", f.Permanent, f.Gone, tc.permanent, tc.gone, f)
			}
			if f.Said == "" || strings.Contains(f.Said, "reason from") {
				t.Errorf("said %q: want our own words, not the push service's", f.Said)
			}
			if f.Err == nil || !strings.Contains(f.Err.Error(), "reason from the push service") {
				t.Errorf("cause %v: want the push service's reason kept for the log", f.Err)
			}
		})
	}
}

// TestWebPushUnreachable: a push service that cannot be reached is
// worth another try; a missing client or a damaged subscription is not.
func TestWebPushUnreachable(t *testing.T) {
	ps := newPushService(t, http.StatusCreated)
	client, endpoint := ps.Client(), ps.URL+"/p"
	ps.Close()
	m := Message{Kind: KindAlert, Title: "Tend", Body: "Something is waiting", Urgent: true}
	keys := mustVAPIDKeys(t)
	sub := newBrowser(t, endpoint).sub

	f := Failed(WebPush{Sub: sub, Keys: keys, Subject: "mailto:ops@example.org", Client: client}.Send(context.Background(), m))
	if f == nil || f.Permanent || f.Gone {
		t.Errorf("closed push service: got %+v, want a transient failure", f)
	}

	f = Failed(WebPush{Sub: sub, Keys: keys, Subject: "mailto:ops@example.org"}.Send(context.Background(), m))
	if f == nil || !f.Permanent || f.Gone {
		t.Errorf("no client: got %+v, want a permanent failure, not a default client", f)
	}

	long := m
	long.Body = strings.Repeat("x", pushRecordSize)
	f = Failed(WebPush{Sub: sub, Keys: keys, Subject: "mailto:ops@example.org", Client: client}.Send(context.Background(), long))
	if f == nil || !f.Permanent || f.Gone {
		t.Errorf("a message too long: got %+v, want permanent, the subscription kept", f)
	}

	damaged := sub
	damaged.Keys.Auth = "short"
	f = Failed(WebPush{Sub: damaged, Keys: keys, Subject: "mailto:ops@example.org", Client: client}.Send(context.Background(), m))
	if f == nil || !f.Permanent || !f.Gone {
		t.Errorf("damaged subscription: got %+v, want it gone", f)
	}

	bad := keys
	bad.Public = mustVAPIDKeys(t).Public
	f = Failed(WebPush{Sub: sub, Keys: bad, Subject: "mailto:ops@example.org", Client: client}.Send(context.Background(), m))
	if f == nil || !f.Permanent || f.Gone {
		t.Errorf("mismatched VAPID keys: got %+v, want permanent, the subscription kept", f)
	}

	f = Failed(WebPush{Sub: sub, Keys: keys, Subject: "https://localhost", Client: client}.Send(context.Background(), m))
	if f == nil || !f.Permanent || f.Gone {
		t.Errorf("localhost subject: got %+v, want permanent, the subscription kept", f)
	}
}

// TestWebPushRefusedByClient: a failure the outbound client made (the
// guard refusing an address) comes back as the client said it.
func TestWebPushRefusedByClient(t *testing.T) {
	refused := &Failure{Said: "that address is on a private network", Permanent: true}
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, refused })}
	w := WebPush{Sub: newBrowser(t, "https://push.example.org/p").sub, Keys: mustVAPIDKeys(t), Subject: "mailto:ops@example.org", Client: client}
	if f := Failed(w.Send(context.Background(), Message{Kind: KindTest})); f != refused {
		t.Errorf("got %+v, want the client's own failure", f)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
