package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// FindChannelByID reads a channel for its delivery job, whoever's it is
// (the job carries only its id).
func (d *DB) FindChannelByID(ctx context.Context, id string) (*tend.Channel, error) {
	return read(ctx, d, func(tx *Tx) (*tend.Channel, error) { return findChannel(ctx, tx, `c.id = ?`, id) })
}

// Delivered reports whether the channel already took the delivery.
func (d *DB) Delivered(ctx context.Context, channelID, deliveryID string) (bool, error) {
	var one int
	err := reader{d}.queryRow(ctx, `SELECT 1 FROM deliveries WHERE channel_id = ? AND delivery_id = ?`, channelID, deliveryID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("delivered: %w", err)
	}
	return true, nil
}

// RecordDelivery notes that the channel took the delivery, and that it
// works again: its failures in a row and its problem are cleared. A
// delivery recorded before stays as it was (false).
func (d *DB) RecordDelivery(ctx context.Context, channelID, deliveryID string) (bool, error) {
	return write(ctx, d, func(tx *Tx) (bool, error) {
		res, err := tx.exec(ctx, `INSERT INTO deliveries (channel_id, delivery_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			channelID, deliveryID, millis(tx.now))
		if err != nil {
			return false, fmt.Errorf("record delivery: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return false, err
		}
		// A channel that works (no failures: failures and the problem
		// are set together) is left alone without opening it.
		var failures int
		if err := tx.queryRow(ctx, `SELECT failures FROM channels WHERE id = ?`, channelID).Scan(&failures); err != nil || failures == 0 {
			return err == nil, wrapStore("record delivery", err)
		}
		c, err := findChannel(ctx, tx, `c.id = ?`, channelID)
		if err != nil {
			return false, err
		}
		c.Failures, c.Problem = 0, ""
		return true, resealChannel(ctx, tx, c)
	})
}

// ChannelFailed counts a failed delivery against the channel and keeps
// what went wrong, in plain words, for Settings. gone removes the
// channel instead (a push subscription the push service no longer
// knows).
func (d *DB) ChannelFailed(ctx context.Context, channelID, problem string, gone bool) error {
	return writeErr(ctx, d, func(tx *Tx) error {
		c, err := findChannel(ctx, tx, `c.id = ?`, channelID)
		if err != nil {
			return err
		}
		if gone {
			_, err := tx.exec(ctx, `DELETE FROM channels WHERE id = ?`, channelID)
			return err
		}
		c.Failures++
		c.Problem = problem
		return resealChannel(ctx, tx, c)
	})
}

func serverKeyPlace(name string) seal.Place {
	return seal.Place{Table: "server_keys", Column: "body", Row: name, Owner: "server:" + name}
}

// ServerKey returns the server's own key of that name, made by generate the
// first time any node asks, so that every node sharing the database uses
// the same (web push's VAPID pair). It is sealed with a data key of its
// own, wrapped by the server key.
func (d *DB) ServerKey(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error) {
	if b, err := d.readServerKey(ctx, name); err == nil || tend.ErrorCode(err) != tend.ENOTFOUND {
		return b, err
	}
	fresh, err := generate()
	if err != nil {
		return nil, err
	}
	dk, wrapped, err := d.sealer.NewDataKey("server:" + name)
	if err != nil {
		return nil, err
	}
	err = writeErr(ctx, d, func(tx *Tx) error {
		// Another node may have made one meanwhile: the first kept wins.
		_, err := tx.exec(ctx, `INSERT INTO server_keys (name, wrapped, body, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			name, wrapped, dk.Seal(fresh, serverKeyPlace(name)), millis(tx.now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("server key %s: %w", name, err)
	}
	return d.readServerKey(ctx, name)
}

func (d *DB) readServerKey(ctx context.Context, name string) ([]byte, error) {
	var wrapped, body []byte
	err := reader{d}.queryRow(ctx, `SELECT wrapped, body FROM server_keys WHERE name = ?`, name).Scan(&wrapped, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tend.Errorf(tend.ENOTFOUND, "no server key %s", name)
	}
	if err != nil {
		return nil, fmt.Errorf("server key %s: %w", name, err)
	}
	dk, err := d.sealer.DataKey("server:"+name, wrapped)
	if err != nil {
		return nil, err
	}
	return dk.Open(body, serverKeyPlace(name))
}
