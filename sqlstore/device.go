package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tendcare/tend"
)

// FindSignInDevice returns the person's device with the secret, by the
// secret's hash.
func (d *DB) FindSignInDevice(ctx context.Context, personID, secret string) (*tend.SignInDevice, error) {
	var (
		dev                 = tend.SignInDevice{PersonID: personID}
		last, created, used int64
	)
	err := reader{d}.queryRow(ctx, `SELECT id, failures, last_failure, created_at, last_used_at FROM signin_devices
		WHERE token_hash = ? AND person_id = ?`, hashToken(secret), personID).Scan(&dev.ID, &dev.Failures, &last, &created, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tend.Errorf(tend.ENOTFOUND, "this device has not signed in here before")
	}
	if err != nil {
		return nil, fmt.Errorf("find sign-in device: %w", err)
	}
	if last != 0 {
		dev.LastFailure = fromMillis(last)
	}
	dev.CreatedAt, dev.LastUsedAt = fromMillis(created), fromMillis(used)
	return &dev, nil
}

// CreateSignInDevice remembers a device with a fresh 256-bit secret, and
// forgets the person's least recently used ones past the bound.
func (d *DB) CreateSignInDevice(ctx context.Context, personID string) (string, *tend.SignInDevice, error) {
	secret, id, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	dev := &tend.SignInDevice{ID: id.String(), PersonID: personID, CreatedAt: tx.now, LastUsedAt: tx.now}
	if _, err := tx.exec(ctx, `INSERT INTO signin_devices (id, person_id, token_hash, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)`,
		dev.ID, personID, hashToken(secret), millis(tx.now), millis(tx.now)); err != nil {
		return "", nil, wrapStore("remember sign-in device", err)
	}
	// The new device stays; of the others, those signed in from again
	// are kept before those used once (a script without a cookie jar
	// makes a new one each time), then the most recently used.
	if _, err := tx.exec(ctx, `DELETE FROM signin_devices WHERE person_id = ? AND id <> ? AND id NOT IN
		(SELECT id FROM signin_devices WHERE person_id = ? AND id <> ?
		ORDER BY CASE WHEN last_used_at > created_at THEN 1 ELSE 0 END DESC, last_used_at DESC, id DESC LIMIT ?)`,
		personID, dev.ID, personID, dev.ID, tend.MaxSignInDevices-1); err != nil {
		return "", nil, fmt.Errorf("forget old sign-in devices: %w", err)
	}
	return secret, dev, tx.Commit()
}

// RecordDeviceFailure counts a failed sign-in from the device.
func (d *DB) RecordDeviceFailure(ctx context.Context, deviceID string) (int, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	err = tx.queryRow(ctx, `UPDATE signin_devices SET failures = failures + 1, last_failure = ? WHERE id = ? RETURNING failures`,
		millis(tx.now), deviceID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, tend.Errorf(tend.ENOTFOUND, "there is no such device")
	}
	if err != nil {
		return 0, fmt.Errorf("record device failure: %w", err)
	}
	return n, tx.Commit()
}

// SignedInFromDevice clears the device's failures and notes its use.
func (d *DB) SignedInFromDevice(ctx context.Context, deviceID string) error {
	return wrapStore("signed in from device", d.writeOne(ctx, tend.Errorf(tend.ENOTFOUND, "there is no such device"),
		`UPDATE signin_devices SET failures = 0, last_failure = 0, last_used_at = ? WHERE id = ?`, millis(d.Now()), deviceID))
}

// ChangePassword stores a new password's hash and, in the same
// transaction, signs the person out everywhere else: sessions but one,
// API tokens, remembered devices, failed sign-ins.
func (d *DB) ChangePassword(ctx context.Context, personID, hash, keepSessionID string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE people SET password_hash = ?, signin_failures = 0, last_signin_failure = 0, updated_at = ? WHERE id = ?`,
		hash, millis(tx.now), personID)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoPerson()
	}
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE person_id = ? AND id <> ?`, personID, keepSessionID); err != nil {
		return fmt.Errorf("change password: sessions: %w", err)
	}
	if err := signOutElsewhere(ctx, tx, personID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM signin_devices WHERE person_id = ?`, personID); err != nil {
		return fmt.Errorf("change password: devices: %w", err)
	}
	return tx.Commit()
}
