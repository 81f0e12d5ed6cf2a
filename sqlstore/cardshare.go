package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.CardShareService = (*DB)(nil)

func errNoCardShare() error {
	return tend.Errorf(tend.ENOTFOUND, "this card is not shared (any more): the link may have expired or been revoked")
}

// CreateCardShare shares the person's card under a fresh 256-bit token;
// expired shares of the person go.
func (d *DB) CreateCardShare(ctx context.Context, personID string, share tend.Share, practices []string, ttl time.Duration) (string, *tend.CardShare, error) {
	if err := tend.ValidateShare(share, practices); err != nil {
		return "", nil, err
	}
	if err := tend.ValidateCardShareTTL(ttl); err != nil {
		return "", nil, err
	}
	token, id, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return "", nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM card_shares WHERE person_id = ? AND expires_at <= ?`, personID, millis(tx.now)); err != nil {
		return "", nil, fmt.Errorf("share card: %w", err)
	}
	cs := &tend.CardShare{ID: id.String(), PersonID: personID, Share: share, Practices: practices,
		CreatedAt: tx.now, ExpiresAt: tx.now.Add(ttl).Truncate(time.Millisecond)}
	if _, err := tx.exec(ctx, `INSERT INTO card_shares (id, person_id, token_hash, share, practices, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		cs.ID, personID, hashToken(token), string(share), sealOpt(dk, strings.Join(practices, ","), sharedCardPlace(cs.ID, personID)),
		millis(cs.CreatedAt), millis(cs.ExpiresAt)); err != nil {
		return "", nil, fmt.Errorf("share card: %w", err)
	}
	return token, cs, tx.Commit()
}

// sharedCardPlace is where the practices a card link is limited to are
// sealed, with its owner's key.
func sharedCardPlace(id, personID string) seal.Place {
	return seal.Place{Table: "card_shares", Column: "practices", Row: id, Owner: personID}
}

const cardShareColumns = `c.id, c.person_id, c.share, c.practices, c.created_at, c.expires_at, c.opened_at, c.opens, k.wrapped
	FROM card_shares c JOIN data_keys k ON k.person_id = c.person_id`

func (d *DB) scanCardShare(scan func(...any) error) (*tend.CardShare, error) {
	var (
		cs                       tend.CardShare
		share                    string
		practices, wrapped       []byte
		created, expires, opened int64
	)
	if err := scan(&cs.ID, &cs.PersonID, &share, &practices, &created, &expires, &opened, &cs.Opens, &wrapped); err != nil {
		return nil, err
	}
	cs.Share, cs.CreatedAt, cs.ExpiresAt = tend.Share(share), fromMillis(created), fromMillis(expires)
	if opened > 0 {
		cs.OpenedAt = fromMillis(opened)
	}
	if practices != nil {
		dk, err := d.openDataKey(cs.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		list, err := openPadded(dk, practices, sharedCardPlace(cs.ID, cs.PersonID))
		if err != nil {
			return nil, fmt.Errorf("shared card practices: %w", err)
		}
		cs.Practices = splitList(list)
	}
	return &cs, nil
}

// FindCardShares lists the person's shared cards still valid.
func (d *DB) FindCardShares(ctx context.Context, personID string) ([]*tend.CardShare, error) {
	return d.findCardShares(ctx, d.rdb, personID, millis(d.Now()))
}

// findCardShares lists the person's shared cards that expire after the
// time (UTC milliseconds; math.MinInt64 for every one kept), newest
// first, reading through q: the read pool, or a transaction.
func (d *DB) findCardShares(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, personID string, after int64) ([]*tend.CardShare, error) {
	rows, err := q.QueryContext(ctx, d.rebind(`SELECT `+cardShareColumns+`
		WHERE c.person_id = ? AND c.expires_at > ? ORDER BY c.created_at DESC, c.id`), personID, after)
	if err != nil {
		return nil, fmt.Errorf("find shared cards: %w", err)
	}
	defer rows.Close()
	out := []*tend.CardShare{}
	for rows.Next() {
		cs, err := d.scanCardShare(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("find shared cards: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// DeleteCardShare revokes a shared card.
func (d *DB) DeleteCardShare(ctx context.Context, personID, id string) error {
	return d.writeOne(ctx, errNoCardShare(), `DELETE FROM card_shares WHERE id = ? AND person_id = ?`, id, personID)
}

// OpenCardShare finds the shared card for a token and counts the opening.
func (d *DB) OpenCardShare(ctx context.Context, token string) (*tend.CardShare, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cs, err := findCardShare(ctx, tx, token)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE card_shares SET opened_at = ?, opens = opens + 1 WHERE id = ?`, millis(tx.now), cs.ID); err != nil {
		return nil, fmt.Errorf("open shared card: %w", err)
	}
	cs.OpenedAt, cs.Opens = tx.now, cs.Opens+1
	return cs, tx.Commit()
}

// FindCardShareByToken finds the shared card for a token, counting
// nothing: for its downloads and the plan, and a page seen before.
func (d *DB) FindCardShareByToken(ctx context.Context, token string) (*tend.CardShare, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCardShare(ctx, tx, token)
}

// findCardShare reads a valid shared card by its token.
func findCardShare(ctx context.Context, tx *Tx, token string) (*tend.CardShare, error) {
	cs, err := tx.db.scanCardShare(tx.queryRow(ctx, `SELECT `+cardShareColumns+` WHERE c.token_hash = ?`, hashToken(token)).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoCardShare()
	}
	if err != nil {
		return nil, fmt.Errorf("find shared card: %w", err)
	}
	if !tx.now.Before(cs.ExpiresAt) {
		return nil, errNoCardShare()
	}
	return cs, nil
}
