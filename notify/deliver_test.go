package notify_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
)

// outbox is a channel that keeps what it is given, failing as told:
// the channels' own tests send through real servers.
type outbox struct {
	mu   sync.Mutex
	sent []notify.Message
	fail error
}

func (o *outbox) Send(_ context.Context, m notify.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fail != nil {
		return o.fail
	}
	o.sent = append(o.sent, m)
	return nil
}

func store(t *testing.T) *sqlstore.DB {
	t.Helper()
	k, err := seal.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(k)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "tend.db"), sealer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDeliver: a delivery is worded in the channel's wording, names the
// other person, links to its page, and is sent once; a transient failure
// is counted and tried again, a permanent one counted and not, a gone
// channel removed; an email address gets its confirmation link.
func TestDeliver(t *testing.T) {
	ctx := context.Background()
	db := store(t)
	sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	alex := &tend.Person{Username: "alex", DisplayName: "Alex", TimeZone: "UTC"}
	for _, p := range []*tend.Person{sam, alex} {
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	box := &outbox{}
	var confirmed []string
	d := &notify.Dispatcher{Store: db, BaseURL: "https://tend.example/",
		Open: func(*tend.Channel) (notify.Channel, error) { return box, nil },
		Confirm: func(_ context.Context, c *tend.Channel, link string) error {
			confirmed = append(confirmed, c.Address+" "+link)
			return nil
		}}
	hook, _, err := db.AddChannel(ctx, alex.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/", Secret: "whsec_x",
		Wording: tend.WordingPlain, Notices: []tend.Notice{tend.NoticeAlert}})
	if err != nil {
		t.Fatal(err)
	}
	low := tend.Delivery{Key: "alert-1", Channel: hook.ID, Event: "low", About: sam.ID, Path: "/#drops-h"}
	for range 2 { // a retried job
		if err := d.Deliver(ctx, low); err != nil {
			t.Fatal(err)
		}
	}
	want := notify.Message{ID: notify.MessageID("alert-1", hook.ID), Kind: notify.KindAlert, Title: "Tend", Body: "Sam is having a low day",
		Link: "https://tend.example/#drops-h", Urgent: true}
	if len(box.sent) != 1 || box.sent[0] != want {
		t.Fatalf("sent %+v, want once %+v", box.sent, want)
	}

	// Discreet, after a transient failure and a success.
	if _, err := db.ChangeChannel(ctx, alex.ID, hook.ID, func(c *tend.Channel) {
		c.Wording, c.Notices = tend.WordingDiscreet, []tend.Notice{tend.NoticeFollowup}
	}); err != nil {
		t.Fatal(err)
	}
	box.fail = errors.New("connection refused")
	due := tend.Delivery{Key: "followup-1", Channel: hook.ID, Event: "followup", Path: "/followups/1"}
	if err := d.Deliver(ctx, due); err == nil {
		t.Fatal("a transient failure was not returned, so it would not be tried again")
	}
	if c, _ := db.FindChannelByID(ctx, hook.ID); c.Failures != 1 || c.Problem != "the delivery failed; it will be tried again" {
		t.Errorf("after a failure: %+v", c)
	}
	box.fail = nil
	if err := d.Deliver(ctx, due); err != nil {
		t.Fatal(err)
	}
	if m := box.sent[len(box.sent)-1]; m.Body != "A check-in is waiting for you" || m.Urgent || m.Link != "https://tend.example/followups/1" {
		t.Errorf("the follow-up: %+v", m)
	}
	if c, _ := db.FindChannelByID(ctx, hook.ID); c.Failures != 0 || c.Problem != "" {
		t.Errorf("a success did not clear the failure: %+v", c)
	}

	// Refused for good: counted, not tried again; gone: removed.
	box.fail = &notify.Failure{Said: "the receiver refused the message (400)", Permanent: true}
	if err := d.Deliver(ctx, tend.Delivery{Key: "test-1", Channel: hook.ID, Event: "test", Path: "/settings"}); err != nil {
		t.Errorf("a permanent failure was returned, so it would be tried again: %v", err)
	}
	if c, _ := db.FindChannelByID(ctx, hook.ID); c.Failures != 1 || c.Problem != "the receiver refused the message (400)" {
		t.Errorf("after a refusal: %+v", c)
	}
	box.fail = &notify.Failure{Said: "the device unsubscribed", Permanent: true, Gone: true}
	if err := d.Deliver(ctx, tend.Delivery{Key: "test-2", Channel: hook.ID, Event: "test", Path: "/settings"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindChannelByID(ctx, hook.ID); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a gone channel stays: %v", err)
	}
	if err := d.Deliver(ctx, due); tend.ErrorCode(err) != tend.ENOTFOUND {
		t.Errorf("a delivery to a channel gone: %v", err)
	}

	// An email address: its link, which confirms it.
	email, _, err := db.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org", Wording: tend.WordingDiscreet})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Deliver(ctx, tend.Delivery{Key: "confirm-" + email.ID, Channel: email.ID, Event: "confirm"}); err != nil {
		t.Fatal(err)
	}
	const prefix = "sam@example.org https://tend.example/channels/confirm/"
	if len(confirmed) != 1 || !strings.HasPrefix(confirmed[0], prefix) {
		t.Fatalf("confirmation: %q", confirmed)
	}
	if c, err := db.ConfirmChannel(ctx, strings.TrimPrefix(confirmed[0], prefix)); err != nil || c.ID != email.ID {
		t.Errorf("the link sent does not confirm: %v", err)
	}
}

func TestMessageID(t *testing.T) {
	a, b := notify.MessageID("alert-1", "c1"), notify.MessageID("alert-1", "c2")
	if a != notify.MessageID("alert-1", "c1") || a == b || len(a) != 33 {
		t.Errorf("%q %q", a, b)
	}
}

// stuck is a channel whose sends wait until released.
type stuck struct {
	started chan struct{}
	release chan struct{}
}

func (s *stuck) Send(ctx context.Context, _ notify.Message) error {
	s.started <- struct{}{}
	<-s.release
	return nil
}

// TestDeliverBusy: a channel already sending PerChannel deliveries on
// this node answers the next with tend.ErrBusy (tried again shortly, not
// counted as a failure); another channel is not held up; once one
// finishes, the next goes.
func TestDeliverBusy(t *testing.T) {
	ctx := context.Background()
	db := store(t)
	sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := db.CreatePerson(ctx, sam); err != nil {
		t.Fatal(err)
	}
	add := func(url string) *tend.Channel {
		c, _, err := db.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: url, Secret: "whsec_x",
			Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	slow, fast := add("https://slow.example/"), add("https://fast.example/")
	hung := &stuck{started: make(chan struct{}, 10), release: make(chan struct{})}
	box := &outbox{}
	d := &notify.Dispatcher{Store: db, BaseURL: "https://tend.example", Open: func(c *tend.Channel) (notify.Channel, error) {
		if c.ID == slow.ID {
			return hung, nil
		}
		return box, nil
	}}
	errs := make(chan error, notify.PerChannel)
	for i := range notify.PerChannel {
		go func() {
			errs <- d.Deliver(ctx, tend.Delivery{Key: fmt.Sprint("k", i), Channel: slow.ID, Event: "test", Path: "/"})
		}()
		<-hung.started
	}
	if err := d.Deliver(ctx, tend.Delivery{Key: "k-more", Channel: slow.ID, Event: "test", Path: "/"}); !errors.Is(err, tend.ErrBusy) {
		t.Errorf("one more through the busy channel: %v, want tend.ErrBusy", err)
	}
	if c, _ := db.FindChannelByID(ctx, slow.ID); c.Failures != 0 {
		t.Errorf("busy counted as a failure: %+v", c)
	}
	if err := d.Deliver(ctx, tend.Delivery{Key: "k-fast", Channel: fast.ID, Event: "test", Path: "/"}); err != nil || len(box.sent) != 1 {
		t.Errorf("another channel was held up: %v, %d sent", err, len(box.sent))
	}
	hung.release <- struct{}{}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	go func() {
		errs <- d.Deliver(ctx, tend.Delivery{Key: "k-more", Channel: slow.ID, Event: "test", Path: "/"})
	}()
	<-hung.started
	close(hung.release)
	for range notify.PerChannel {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
