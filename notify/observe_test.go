package notify_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/notify"
)

// heard records what an observer was told.
type heard struct {
	mu  sync.Mutex
	got []string
}

func (h *heard) Delivered(c tend.ChannelType, o notify.Outcome) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, string(c)+" "+string(o))
}

// TestObserver: the observer hears each try's channel type and outcome
// (sent, transient or permanent failure, busy), and nothing for a
// delivery already made or a channel gone.
func TestObserver(t *testing.T) {
	ctx := context.Background()
	db := store(t)
	sam := &tend.Person{Username: "sam", DisplayName: "Sam", TimeZone: "UTC"}
	if err := db.CreatePerson(ctx, sam); err != nil {
		t.Fatal(err)
	}
	hook, _, err := db.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/", Secret: "whsec_x",
		Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil {
		t.Fatal(err)
	}
	box := &outbox{}
	hung := &stuck{started: make(chan struct{}, 10), release: make(chan struct{})}
	useHung := false
	h := &heard{}
	d := &notify.Dispatcher{Store: db, BaseURL: "https://tend.example", Observer: h,
		Open: func(*tend.Channel) (notify.Channel, error) {
			if useHung {
				return hung, nil
			}
			return box, nil
		}}
	deliver := func(key string) error {
		return d.Deliver(ctx, tend.Delivery{Key: key, Channel: hook.ID, Event: "test", Path: "/"})
	}
	deliver("sent")
	deliver("sent") // already made: nothing sent, nothing heard
	box.fail = errors.New("connection refused")
	deliver("transient")
	box.fail = &notify.Failure{Said: "refused", Permanent: true}
	deliver("permanent")
	box.fail = nil
	useHung = true
	errs := make(chan error, notify.PerChannel)
	for i := range notify.PerChannel {
		go func() { errs <- deliver(string(rune('a' + i))) }()
		<-hung.started
	}
	if err := deliver("busy"); !errors.Is(err, tend.ErrBusy) {
		t.Fatalf("a busy channel: %v", err)
	}
	close(hung.release)
	for range notify.PerChannel {
		<-errs
	}
	d.Deliver(ctx, tend.Delivery{Key: "gone", Channel: "no-such-channel", Event: "test", Path: "/"})
	want := []string{"webhook sent", "webhook transient_failure", "webhook permanent_failure", "webhook busy", "webhook sent", "webhook sent"}
	if !slices.Equal(h.got, want) {
		t.Errorf("heard %q, want %q", h.got, want)
	}
}
