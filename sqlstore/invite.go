package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tendcare/tend"
)

// errNoInvite answers a wrong, used and expired invitation alike.
func errNoInvite() error {
	return tend.Errorf(tend.ENOTFOUND, "this invitation is not valid: it may have been used or have expired; ask for a new one")
}

// CreateInvite makes an invitation to the person's circle, with a fresh
// 256-bit token; expired invitations of the circle go.
func (d *DB) CreateInvite(ctx context.Context, personID, circleID string) (string, *tend.Invite, error) {
	token, id, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var inv *tend.Invite
	_, err = d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		if len(c.Members) >= tend.MaxCircleMembers {
			return false, tend.Errorf(tend.ECONFLICT, "the circle is full: a plan is for at most %d people", tend.MaxCircleMembers)
		}
		if _, err := tx.exec(ctx, `DELETE FROM circle_invites WHERE circle_id = ? AND expires_at <= ?`, c.ID, millis(tx.now)); err != nil {
			return false, fmt.Errorf("invite: %w", err)
		}
		inv = &tend.Invite{ID: id.String(), CircleID: c.ID, CreatedBy: personID, CreatedAt: tx.now, ExpiresAt: tx.now.Add(tend.InviteTTL)}
		_, err := tx.exec(ctx, `INSERT INTO circle_invites (id, circle_id, created_by, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			inv.ID, c.ID, personID, hashToken(token), millis(inv.CreatedAt), millis(inv.ExpiresAt))
		return false, err
	})
	if err != nil {
		return "", nil, err
	}
	return token, inv, nil
}

// findInvite reads a valid invitation by its token.
func findInvite(ctx context.Context, tx *Tx, token string) (*tend.Invite, error) {
	var inv tend.Invite
	var created, expires int64
	err := tx.queryRow(ctx, `SELECT id, circle_id, created_by, created_at, expires_at FROM circle_invites WHERE token_hash = ?`, hashToken(token)).
		Scan(&inv.ID, &inv.CircleID, &inv.CreatedBy, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoInvite()
	}
	if err != nil {
		return nil, fmt.Errorf("find invite: %w", err)
	}
	inv.CreatedAt, inv.ExpiresAt = fromMillis(created), fromMillis(expires)
	if !tx.now.Before(inv.ExpiresAt) {
		return nil, errNoInvite()
	}
	return &inv, nil
}

// FindInvite returns a valid invitation and its circle.
func (d *DB) FindInvite(ctx context.Context, token string) (*tend.Invite, *tend.Circle, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	inv, err := findInvite(ctx, tx, token)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCircle(ctx, tx, "", inv.CircleID)
	if err != nil {
		return nil, nil, err
	}
	return inv, c, nil
}

// AcceptInvite uses the invitation up and adds the person to the circle.
func (d *DB) AcceptInvite(ctx context.Context, token, personID string) (*tend.Circle, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	inv, err := findInvite(ctx, tx, token)
	if err != nil {
		return nil, err
	}
	c, err := findCircle(ctx, tx, "", inv.CircleID)
	if err != nil {
		return nil, err
	}
	switch {
	case c.Member(personID) != nil:
		return nil, tend.Errorf(tend.ECONFLICT, "you are in this circle already")
	case len(c.Members) >= tend.MaxCircleMembers:
		return nil, tend.Errorf(tend.ECONFLICT, "the circle is full: a plan is for at most %d people", tend.MaxCircleMembers)
	}
	if _, err := dataKey(ctx, tx, personID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM circle_invites WHERE id = ?`, inv.ID); err != nil {
		return nil, fmt.Errorf("accept invite: %w", err)
	}
	if err := addMember(ctx, tx, c.ID, personID, false, tend.ShareLevels); err != nil {
		return nil, err
	}
	if c, err = findCircle(ctx, tx, personID, c.ID); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

// DeclineInvite uses the invitation up without joining.
func (d *DB) DeclineInvite(ctx context.Context, token string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	inv, err := findInvite(ctx, tx, token)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM circle_invites WHERE id = ?`, inv.ID); err != nil {
		return fmt.Errorf("decline invite: %w", err)
	}
	return tx.Commit()
}

// CreateAccountByInvite makes an account on the strength of a valid
// invitation that has not made one yet. The check, the mark and the
// account are one transaction, so that racing sign-ups with one
// invitation make one account: the others find it marked.
func (d *DB) CreateAccountByInvite(ctx context.Context, token string, p *tend.Person, hash string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	inv, err := findInvite(ctx, tx, token)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE circle_invites SET signup_at = ? WHERE id = ? AND signup_at = 0`, millis(tx.now), inv.ID)
	if err != nil {
		return fmt.Errorf("sign up by invite: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sign up by invite: %w", err)
	}
	if n != 1 {
		return tend.Errorf(tend.EFORBIDDEN, "this invitation has made an account already: sign in with that account, or ask for a new invitation")
	}
	// Someone invited them, so this is never the server's first account:
	// never its administrator.
	p.Admin = false
	if err := createPerson(ctx, tx, p); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE people SET password_hash = ? WHERE id = ?`, hash, p.ID); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return tx.Commit()
}
