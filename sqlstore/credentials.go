package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/tendcare/tend"
)

var _ tend.CredentialService = (*DB)(nil)

// CreateAccount stores a person and their password hash in one
// transaction, so a failure leaves nothing half-made.
func (d *DB) CreateAccount(ctx context.Context, p *tend.Person, hash string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM people`).Scan(&n); err != nil {
		return fmt.Errorf("count people: %w", err)
	}
	p.Admin = n == 0
	if err := createPerson(ctx, tx, p); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE people SET password_hash = ? WHERE id = ?`, hash, p.ID); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return tx.Commit()
}

// FindCredentials returns what sign-in needs by username.
func (d *DB) FindCredentials(ctx context.Context, username string) (*tend.Credentials, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var c tend.Credentials
	var last int64
	err = tx.queryRow(ctx, `SELECT id, password_hash, disabled, signin_failures, last_signin_failure FROM people WHERE username = ?`,
		strings.ToLower(strings.TrimSpace(username))).Scan(&c.PersonID, &c.PasswordHash, &c.Disabled, &c.Failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tend.Errorf(tend.ENOTFOUND, "there is no such account")
	}
	if err != nil {
		return nil, fmt.Errorf("find credentials: %w", err)
	}
	if last != 0 {
		c.LastFailure = fromMillis(last)
	}
	return &c, tx.Commit()
}

// updatePerson runs an UPDATE on one person's row, ENOTFOUND if none.
func (d *DB) updatePerson(ctx context.Context, what, set string, args ...any) error {
	if err := d.writeOne(ctx, errNoPerson(), `UPDATE people SET `+set+` WHERE id = ?`, args...); err != nil {
		return wrapStore(what, err)
	}
	return nil
}

// SetPasswordHash stores a new password hash.
func (d *DB) SetPasswordHash(ctx context.Context, personID, hash string) error {
	now := millis(d.Now())
	return d.updatePerson(ctx, "set password", "password_hash = ?, updated_at = ?", hash, now, personID)
}

// RecordSignInFailure counts a failed sign-in, in one statement so that
// concurrent failures all count.
func (d *DB) RecordSignInFailure(ctx context.Context, personID string) (int, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `UPDATE people SET signin_failures = signin_failures + 1, last_signin_failure = ? WHERE id = ?`,
		millis(tx.now), personID); err != nil {
		return 0, fmt.Errorf("record sign-in failure: %w", err)
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT signin_failures FROM people WHERE id = ?`, personID).Scan(&n); errors.Is(err, sql.ErrNoRows) {
		return 0, errNoPerson()
	} else if err != nil {
		return 0, fmt.Errorf("record sign-in failure: %w", err)
	}
	return n, tx.Commit()
}

// ResetSignInFailures clears the failure count.
func (d *DB) ResetSignInFailures(ctx context.Context, personID string) error {
	return d.updatePerson(ctx, "reset sign-in failures", "signin_failures = 0, last_signin_failure = 0", personID)
}
