package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/internal/smtptest"
	"github.com/tendcare/tend/notify"
	"github.com/tendcare/tend/sqlstore"
)

// outside is where -deliver sends: a webhook receiver and an SMTP server
// on this machine, and one receiver that never answers (the first
// person's webhook), which must not hold up anyone else's.
type outside struct {
	mu      sync.Mutex
	arrived []time.Time // each webhook and email that came, when
	hung    int         // requests the hanging receiver took
	webhook *httptest.Server
	hang    *httptest.Server
	mail    *smtptest.Server
	stop    chan struct{}
	cleanup []func()
}

// loadTB lets the tool start the test SMTP server.
type loadTB struct{ o *outside }

func (loadTB) Helper()             {}
func (loadTB) Fatal(args ...any)   { fmt.Fprintln(os.Stderr, args...); os.Exit(1) }
func (t loadTB) Cleanup(fn func()) { t.o.cleanup = append(t.o.cleanup, fn) }

func startOutside() *outside {
	o := &outside{stop: make(chan struct{})}
	o.webhook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.arrived = append(o.arrived, time.Now())
		o.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	o.hang = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.hung++
		o.mu.Unlock()
		select {
		case <-o.stop:
		case <-r.Context().Done():
		}
	}))
	o.mail = smtptest.Start(loadTB{o}, &smtptest.Server{})
	return o
}

func (o *outside) close() {
	close(o.stop)
	o.hang.Close()
	o.webhook.Close()
	for _, fn := range o.cleanup {
		fn()
	}
}

// addChannels gives the person a webhook (the hanging one for the first)
// and a confirmed email address, both taking follow-ups.
func (o *outside) addChannels(ctx context.Context, db *sqlstore.DB, personID string, first bool) error {
	url := o.webhook.URL + "/in"
	if first {
		url = o.hang.URL + "/in"
	}
	secret, err := notify.NewWebhookSecret()
	if err != nil {
		return err
	}
	for _, c := range []*tend.Channel{
		{Type: tend.ChannelWebhook, Address: url, Secret: secret, Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}},
		{Type: tend.ChannelEmail, Address: personID + "@example.org", Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}},
	} {
		_, confirm, err := db.AddChannel(ctx, personID, c)
		if err != nil {
			return err
		}
		if confirm != "" {
			if _, err := db.ConfirmChannel(ctx, confirm); err != nil {
				return err
			}
		}
	}
	return nil
}

// dispatcher sends as tend serve does, to this machine (private
// addresses allowed, as --allow-private-webhooks does).
func (o *outside) dispatcher(db *sqlstore.DB) *notify.Dispatcher {
	client := notify.NewGuardedClient(true)
	cfg, err := notify.ParseSMTP("smtp://127.0.0.1:"+strconv.Itoa(o.mail.Port)+"?tls=none", "", "tend@example.org")
	if err != nil {
		loadTB{o}.Fatal(err)
	}
	mailer := &notify.Mailer{Config: cfg}
	return &notify.Dispatcher{Store: db, BaseURL: "http://127.0.0.1", Open: func(c *tend.Channel) (notify.Channel, error) {
		if c.Type == tend.ChannelEmail {
			return notify.Email{Mailer: mailer, To: c.Address, Unsubscribe: "http://127.0.0.1/unsubscribe/" + c.Unsubscribe}, nil
		}
		return notify.NewWebhook(client, c.Address, c.Secret)
	}, Confirm: func(context.Context, *tend.Channel, string) error { return nil }}
}

// wait waits until want deliveries arrived (those to the hanging
// receiver never do), then reports their delays after due.
func (o *outside) wait(due time.Time, want int) error {
	count := func() int {
		o.mu.Lock()
		defer o.mu.Unlock()
		return len(o.arrived) + len(o.mail.Mails())
	}
	for count() < want {
		if time.Since(due) > 10*time.Minute {
			return fmt.Errorf("%d of %d deliveries after 10 minutes", count(), want)
		}
		time.Sleep(50 * time.Millisecond)
	}
	o.mu.Lock()
	at := slices.Clone(o.arrived)
	hung := o.hung
	o.mu.Unlock()
	for _, m := range o.mail.Mails() {
		at = append(at, m.At)
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	delay := func(q float64) time.Duration {
		return at[int(q*float64(len(at)-1))].Sub(due).Round(10 * time.Millisecond)
	}
	last := at[len(at)-1].Sub(due)
	fmt.Printf("%d deliveries (webhook and email) arrived: after due, p50 %s, p99 %s, last %s; %.0f a second; the hanging receiver took %d tries meanwhile\n",
		len(at), delay(0.5), delay(0.99), last.Round(10*time.Millisecond), float64(len(at))/last.Seconds(), hung)
	return nil
}
