package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"

	"github.com/tendcare/tend"
)

// Store is what a delivery needs of the store.
type Store interface {
	FindChannelByID(ctx context.Context, id string) (*tend.Channel, error)
	FindPersonByID(ctx context.Context, id string) (*tend.Person, error)
	Delivered(ctx context.Context, channelID, key string) (bool, error)
	RecordDelivery(ctx context.Context, channelID, key string) (bool, error)
	ChannelFailed(ctx context.Context, channelID, problem string, gone bool) error
	ConfirmLink(ctx context.Context, channelID string) (string, error)
}

// Dispatcher runs one delivery job: it reads the channel, words the
// message in the channel's wording, sends it, and records the outcome.
type Dispatcher struct {
	Store Store
	// BaseURL is the server's public URL ("https://tend.example"),
	// which the links in messages start with.
	BaseURL string
	// Open makes the sender for a channel of the person's.
	Open func(c *tend.Channel) (Channel, error)
	// Confirm sends an email address its confirmation link.
	Confirm func(ctx context.Context, c *tend.Channel, link string) error
	Logger  *slog.Logger
	// Observer, when set, hears how each delivery went (see observe.go).
	Observer Observer

	mu      sync.Mutex
	sending map[string]int // deliveries under way, by channel
}

// PerChannel is how many deliveries a node sends through one channel at
// once; more wait (tend.ErrBusy), so that a channel whose server hangs
// holds a few workers, not all of them.
const PerChannel = 2

// take notes one more delivery under way through the channel, or says
// there are as many as may be.
func (d *Dispatcher) take(channelID string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sending == nil {
		d.sending = map[string]int{}
	}
	if d.sending[channelID] >= PerChannel {
		return false
	}
	d.sending[channelID]++
	return true
}

func (d *Dispatcher) done(channelID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sending[channelID]--; d.sending[channelID] <= 0 {
		delete(d.sending, channelID)
	}
}

// EventConfirm is the delivery of an email address's confirmation link.
const EventConfirm Event = "confirm"

// MessageID is a delivery's own id: the same for a message and a
// channel on every try, different for each channel.
func MessageID(key, channelID string) string {
	sum := sha256.Sum256([]byte(key + "\x00" + channelID))
	return "d" + hex.EncodeToString(sum[:16])
}

// Deliver sends one delivery, once: a channel that took it already
// sends nothing, and one already sending PerChannel answers tend.ErrBusy
// (the job runs again shortly). A failure is counted against the channel, with what
// went wrong in plain words; a transient one is returned (the job is
// tried again later), a permanent one is not.
func (d *Dispatcher) Deliver(ctx context.Context, dl tend.Delivery) error {
	c, err := d.Store.FindChannelByID(ctx, dl.Channel)
	if err != nil {
		return err // not found: the job is done with
	}
	if done, err := d.Store.Delivered(ctx, c.ID, dl.Key); err != nil || done {
		return err
	}
	if !d.take(c.ID) {
		d.observe(c, OutcomeBusy)
		return tend.ErrBusy
	}
	defer d.done(c.ID)
	if err := d.send(ctx, c, dl); err != nil {
		f := Failed(err)
		d.logger().Warn("delivery failed", "channel", c.ID, "type", string(c.Type), "permanent", f.Permanent, "gone", f.Gone)
		d.observe(c, f.outcome())
		if err := d.Store.ChannelFailed(ctx, c.ID, f.Said, f.Gone); err != nil && tend.ErrorCode(err) != tend.ENOTFOUND {
			return err
		}
		if f.Permanent {
			return nil
		}
		return f
	}
	d.observe(c, OutcomeSent)
	_, err = d.Store.RecordDelivery(ctx, c.ID, dl.Key)
	return err
}

func (d *Dispatcher) send(ctx context.Context, c *tend.Channel, dl tend.Delivery) error {
	if Event(dl.Event) == EventConfirm {
		token, err := d.Store.ConfirmLink(ctx, c.ID)
		if err != nil || token == "" {
			return err // confirmed meanwhile: nothing to send
		}
		return d.Confirm(ctx, c, d.link("/channels/confirm/"+token))
	}
	who := ""
	if dl.About != "" {
		p, err := d.Store.FindPersonByID(ctx, dl.About)
		switch {
		case err == nil:
			who = p.DisplayName
		case tend.ErrorCode(err) != tend.ENOTFOUND:
			return err
		}
	}
	ch, err := d.Open(c)
	if err != nil {
		return err
	}
	return ch.Send(ctx, Compose(MessageID(dl.Key, c.ID), Event(dl.Event), c.Wording, who, d.link(dl.Path)))
}

// link is the absolute URL of a page on this server.
func (d *Dispatcher) link(path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return strings.TrimSuffix(d.BaseURL, "/") + path
}

func (d *Dispatcher) logger() *slog.Logger {
	if d.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Logger
}
