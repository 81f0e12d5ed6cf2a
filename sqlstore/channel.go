package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// ConfirmFor is how long an email address's confirmation link works.
const ConfirmFor = 24 * time.Hour

func channelPlace(id, personID string) seal.Place {
	return seal.Place{Table: "channels", Column: "body", Row: id, Owner: personID}
}

func errNoChannel() error { return tend.Errorf(tend.ENOTFOUND, "there is no such channel") }

// channelRecord is what a channel keeps sealed.
type channelRecord struct {
	Address     string        `json:"address"`
	Token       string        `json:"token,omitempty"`
	Secret      string        `json:"secret,omitempty"`
	P256dh      string        `json:"p256dh,omitempty"`
	Auth        string        `json:"auth,omitempty"`
	Device      string        `json:"device,omitempty"`
	Relay       bool          `json:"relay,omitempty"`
	Wording     tend.Wording  `json:"wording"`
	Notices     []tend.Notice `json:"notices"`
	Problem     string        `json:"problem,omitempty"`
	Unsubscribe string        `json:"unsubscribe"`
}

func toChannelRecord(c *tend.Channel, unsubscribe string) channelRecord {
	return channelRecord{Address: c.Address, Token: c.Token, Secret: c.Secret, P256dh: c.P256dh, Auth: c.Auth, Device: c.Device, Relay: c.Relay,
		Wording: c.Wording, Notices: c.Notices, Problem: c.Problem, Unsubscribe: unsubscribe}
}

// AddChannel keeps a new channel of the person's, sealed, with its own
// unsubscribe token. An email address waits for its confirmation (the
// token returned, valid for ConfirmFor); the other types take messages
// at once.
func (d *DB) AddChannel(ctx context.Context, personID string, c *tend.Channel) (*tend.Channel, string, error) {
	c.Notices = dedupeNotices(c.Notices)
	if err := c.Validate(); err != nil {
		return nil, "", err
	}
	unsub, id, err := newSecret()
	if err != nil {
		return nil, "", err
	}
	confirm := ""
	out := *c
	out.ID, out.PersonID, out.Failures, out.Problem, out.Confirmed, out.Unsubscribe = id.String(), personID, 0, "", time.Time{}, unsub
	err = writeErr(ctx, d, func(tx *Tx) error {
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return err
		}
		out.CreatedAt = tx.now
		confirmed := int64(0)
		if out.Type != tend.ChannelEmail {
			out.Confirmed, confirmed = tx.now, millis(tx.now)
		}
		if _, err := tx.exec(ctx, `INSERT INTO channels (id, person_id, type, body, confirmed_at, unsubscribe_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			out.ID, personID, string(out.Type), sealJSON(dk, toChannelRecord(&out, unsub), channelPlace(out.ID, personID)),
			confirmed, hashToken(unsub), millis(tx.now)); err != nil {
			return fmt.Errorf("add channel: %w", err)
		}
		if out.Type != tend.ChannelEmail {
			return nil
		}
		if confirm, err = newConfirm(ctx, tx, out.ID); err != nil {
			return err
		}
		// The email itself makes its own link when it is sent (the
		// job's arguments are readable: they never hold a token).
		return tx.schedule(ctx, tend.Job{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "confirm-" + out.ID, Channel: out.ID, Event: "confirm"}})
	})
	if err != nil {
		return nil, "", err
	}
	return &out, confirm, nil
}

func dedupeNotices(ns []tend.Notice) []tend.Notice {
	out := []tend.Notice{}
	for _, n := range ns {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// newConfirm makes a confirmation token for the channel, replacing any
// made before.
func newConfirm(ctx context.Context, tx *Tx, channelID string) (string, error) {
	token, _, err := newSecret()
	if err != nil {
		return "", err
	}
	if _, err := tx.exec(ctx, `DELETE FROM channel_confirms WHERE channel_id = ?`, channelID); err != nil {
		return "", fmt.Errorf("confirmation: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO channel_confirms (token_hash, channel_id, expires_at) VALUES (?, ?, ?)`,
		hashToken(token), channelID, millis(tx.now.Add(ConfirmFor))); err != nil {
		return "", fmt.Errorf("confirmation: %w", err)
	}
	return token, nil
}

// NewChannelConfirm sends one of the person's email addresses not yet
// confirmed a new confirmation email (the last link stops working); the
// token returned is the new link's, until the email makes its own.
func (d *DB) NewChannelConfirm(ctx context.Context, personID, id string) (string, error) {
	return write(ctx, d, func(tx *Tx) (string, error) {
		c, err := findChannel(ctx, tx, `c.id = ? AND c.person_id = ?`, id, personID)
		if err != nil {
			return "", err
		}
		if c.Type != tend.ChannelEmail || !c.Confirmed.IsZero() {
			return "", tend.Errorf(tend.ECONFLICT, "this channel needs no confirmation")
		}
		token, err := newConfirm(ctx, tx, id)
		if err != nil {
			return "", err
		}
		// A new email, with a key of its own (the first one's was taken);
		// it makes its own link when sent, as the first did.
		return token, tx.schedule(ctx, tend.Job{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "confirm-" + id + "-" + token[:8], Channel: id, Event: "confirm"}})
	})
}

// ConfirmLink makes the confirmation token an email about to be sent
// carries (the one made before stops working), for the channel's
// delivery job; none when the address was confirmed meanwhile.
func (d *DB) ConfirmLink(ctx context.Context, channelID string) (string, error) {
	return write(ctx, d, func(tx *Tx) (string, error) {
		c, err := findChannel(ctx, tx, `c.id = ?`, channelID)
		if err != nil {
			return "", err
		}
		if c.Type != tend.ChannelEmail || !c.Confirmed.IsZero() {
			return "", nil
		}
		return newConfirm(ctx, tx, channelID)
	})
}

// SendTest sends a test message through one of the person's channels
// (an email address once confirmed), as a job like any other.
func (d *DB) SendTest(ctx context.Context, personID, id string) error {
	key, _, err := newSecret()
	if err != nil {
		return err
	}
	return writeErr(ctx, d, func(tx *Tx) error {
		c, err := findChannel(ctx, tx, `c.id = ? AND c.person_id = ?`, id, personID)
		if err != nil {
			return err
		}
		if c.Type == tend.ChannelEmail && c.Confirmed.IsZero() {
			return tend.Errorf(tend.ECONFLICT, "confirm this address first: the link is in the email Tend sent to it")
		}
		return tx.schedule(ctx, tend.Job{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "test-" + key, Channel: id, Event: "test", Path: "/settings"}})
	})
}

// ConfirmChannel confirms the email address whose link carries the
// token: once, before it expires. It needs no session: the link is the
// proof of the mailbox.
func (d *DB) ConfirmChannel(ctx context.Context, token string) (*tend.Channel, error) {
	return write(ctx, d, func(tx *Tx) (*tend.Channel, error) {
		var id string
		var expires int64
		err := tx.queryRow(ctx, `SELECT channel_id, expires_at FROM channel_confirms WHERE token_hash = ?`, hashToken(token)).Scan(&id, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, tend.Errorf(tend.ENOTFOUND, "this confirmation link is not valid: it was used already, or replaced by a newer one")
		}
		if err != nil {
			return nil, fmt.Errorf("confirm: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM channel_confirms WHERE token_hash = ?`, hashToken(token)); err != nil {
			return nil, fmt.Errorf("confirm: %w", err)
		}
		if tx.now.After(fromMillis(expires)) {
			return nil, tend.Errorf(tend.ECONFLICT, "this confirmation link has expired; add the address again in Settings for a new one")
		}
		if _, err := tx.exec(ctx, `UPDATE channels SET confirmed_at = ? WHERE id = ?`, millis(tx.now), id); err != nil {
			return nil, fmt.Errorf("confirm: %w", err)
		}
		return findChannel(ctx, tx, `c.id = ?`, id)
	})
}

// Unsubscribe removes the channel whose unsubscribe link carries the
// token (one click, no session: RFC 8058). It answers not found when
// there is none, as when it was removed already.
func (d *DB) Unsubscribe(ctx context.Context, token string) error {
	return d.writeOne(ctx, tend.Errorf(tend.ENOTFOUND, "this unsubscribe link is not valid any more: the address was removed already"),
		`DELETE FROM channels WHERE unsubscribe_hash = ?`, hashToken(token))
}

// FindChannels lists the person's channels, oldest first.
func (d *DB) FindChannels(ctx context.Context, personID string) ([]*tend.Channel, error) {
	return read(ctx, d, func(tx *Tx) ([]*tend.Channel, error) { return findChannels(ctx, tx, `c.person_id = ?`, personID) })
}

// FindChannel reads one of the person's channels.
func (d *DB) FindChannel(ctx context.Context, personID, id string) (*tend.Channel, error) {
	return read(ctx, d, func(tx *Tx) (*tend.Channel, error) {
		return findChannel(ctx, tx, `c.id = ? AND c.person_id = ?`, id, personID)
	})
}

// ChangeChannel changes what the person may change of a channel (its
// wording, the kinds it takes, a device's name), sealed again.
func (d *DB) ChangeChannel(ctx context.Context, personID, id string, change func(*tend.Channel)) (*tend.Channel, error) {
	return write(ctx, d, func(tx *Tx) (*tend.Channel, error) {
		c, err := findChannel(ctx, tx, `c.id = ? AND c.person_id = ?`, id, personID)
		if err != nil {
			return nil, err
		}
		kept := *c
		change(c)
		// Only these three are the person's to change.
		kept.Wording, kept.Notices, kept.Device = c.Wording, dedupeNotices(c.Notices), c.Device
		if err := kept.Validate(); err != nil {
			return nil, err
		}
		return &kept, resealChannel(ctx, tx, &kept)
	})
}

// DeleteChannel removes one of the person's channels.
func (d *DB) DeleteChannel(ctx context.Context, personID, id string) error {
	return d.writeOne(ctx, errNoChannel(), `DELETE FROM channels WHERE id = ? AND person_id = ?`, id, personID)
}

func resealChannel(ctx context.Context, tx *Tx, c *tend.Channel) error {
	dk, err := dataKey(ctx, tx, c.PersonID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE channels SET body = ?, failures = ? WHERE id = ?`,
		sealJSON(dk, toChannelRecord(c, c.Unsubscribe), channelPlace(c.ID, c.PersonID)), c.Failures, c.ID); err != nil {
		return fmt.Errorf("channel: %w", err)
	}
	return nil
}

func findChannel(ctx context.Context, tx *Tx, where string, args ...any) (*tend.Channel, error) {
	out, err := findChannels(ctx, tx, where, args...)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNoChannel()
	}
	return out[0], nil
}

func findChannels(ctx context.Context, tx *Tx, where string, args ...any) ([]*tend.Channel, error) {
	rows, err := tx.query(ctx, `SELECT c.id, c.person_id, c.type, c.body, c.confirmed_at, c.failures, c.created_at, k.wrapped
		FROM channels c JOIN data_keys k ON k.person_id = c.person_id WHERE `+where+` ORDER BY c.created_at, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("channels: %w", err)
	}
	defer rows.Close()
	out := []*tend.Channel{}
	for rows.Next() {
		var (
			c             tend.Channel
			typ           string
			body, wrapped []byte
			confirmed, at int64
		)
		if err := rows.Scan(&c.ID, &c.PersonID, &typ, &body, &confirmed, &c.Failures, &at, &wrapped); err != nil {
			return nil, fmt.Errorf("channels: %w", err)
		}
		dk, err := tx.db.openDataKey(c.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		var r channelRecord
		if err := openJSON(dk, body, channelPlace(c.ID, c.PersonID), &r); err != nil {
			return nil, fmt.Errorf("channel %s: %w", c.ID, err)
		}
		c.Type, c.CreatedAt = tend.ChannelType(typ), fromMillis(at)
		if confirmed > 0 {
			c.Confirmed = fromMillis(confirmed)
		}
		c.Address, c.Token, c.Secret, c.P256dh, c.Auth, c.Device = r.Address, r.Token, r.Secret, r.P256dh, r.Auth, r.Device
		c.Wording, c.Notices, c.Problem, c.Relay = r.Wording, r.Notices, r.Problem, r.Relay
		c.Unsubscribe = r.Unsubscribe
		out = append(out, &c)
	}
	return out, rows.Err()
}

// exportChannels adds the person's channels, without their secrets.
func exportChannels(ctx context.Context, tx *Tx, x *tend.Export) error {
	list, err := findChannels(ctx, tx, `c.person_id = ?`, x.Person.ID)
	if err != nil {
		return err
	}
	x.Channels = make([]tend.ExportChannel, 0, len(list))
	for _, c := range list {
		out := tend.ExportChannel{ID: c.ID, Type: c.Type, Address: c.Address, Device: c.Device, Relay: c.Relay, Wording: c.Wording,
			Notices: c.Notices, Failures: c.Failures, Problem: c.Problem, CreatedAt: c.CreatedAt}
		if !c.Confirmed.IsZero() {
			out.Confirmed = &c.Confirmed
		}
		x.Channels = append(x.Channels, out)
	}
	return nil
}

var _ tend.ChannelService = (*DB)(nil)
