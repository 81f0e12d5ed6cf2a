package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.TokenService = (*DB)(nil)

func tokenNamePlace(id, personID string) seal.Place {
	return seal.Place{Table: "api_tokens", Column: "name", Row: id, Owner: personID}
}

func errNoToken() error {
	return tend.Errorf(tend.EUNAUTHORIZED, "that API token is not valid; it may have been revoked")
}

// CreateAPIToken makes a token with a fresh 256-bit secret.
func (d *DB) CreateAPIToken(ctx context.Context, personID, name string, scopes []tend.Scope) (string, *tend.APIToken, error) {
	var ps tend.Problems
	name, err := tend.ValidateTokenName(name)
	ps.Check("name", err)
	scopes, err = tend.NormalizeScopes(scopes)
	ps.Check("scopes", err)
	if err := ps.Err(); err != nil {
		return "", nil, err
	}
	secret, id, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	secret = tend.APITokenPrefix + secret
	tx, err := d.begin(ctx)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return "", nil, err
	}
	t := &tend.APIToken{ID: id.String(), PersonID: personID, Name: name, Scopes: scopes, CreatedAt: tx.now, LastUsedAt: tx.now}
	if _, err := tx.exec(ctx, `INSERT INTO api_tokens (id, person_id, name, scopes, token_hash, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		t.ID, personID, dk.SealString(name, tokenNamePlace(t.ID, personID)), joinScopes(scopes), hashToken(secret),
		millis(tx.now), millis(tx.now)); err != nil {
		return "", nil, fmt.Errorf("insert token: %w", err)
	}
	return secret, t, tx.Commit()
}

// FindAPITokenByToken returns the token for a secret, noting its use at
// most once a minute. The name is not opened: authentication needs only
// who it belongs to.
func (d *DB) FindAPITokenByToken(ctx context.Context, secret string) (*tend.APIToken, error) {
	var t tend.APIToken
	var created, used int64
	var scopes string
	err := reader{d}.queryRow(ctx, `SELECT id, person_id, scopes, created_at, last_used_at FROM api_tokens WHERE token_hash = ?`, hashToken(secret)).
		Scan(&t.ID, &t.PersonID, &scopes, &created, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoToken()
	}
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	t.CreatedAt, t.LastUsedAt, t.Scopes = fromMillis(created), fromMillis(used), splitScopes(scopes)
	if now := d.Now().UTC(); now.Sub(t.LastUsedAt) >= tend.SessionTouchEvery {
		if err := d.touch(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, millis(now), t.ID); err != nil {
			return nil, fmt.Errorf("touch token: %w", err)
		}
		t.LastUsedAt = now
	}
	return &t, nil
}

// FindAPITokens lists the person's tokens, newest first, names opened.
func (d *DB) FindAPITokens(ctx context.Context, personID string) ([]*tend.APIToken, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := findAPITokens(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// findAPITokens lists the person's tokens in tx, newest first, names opened.
func findAPITokens(ctx context.Context, tx *Tx, personID string) ([]*tend.APIToken, error) {
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT id, name, scopes, created_at, last_used_at FROM api_tokens WHERE person_id = ? ORDER BY created_at DESC, id DESC`), personID)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	defer rows.Close()
	out := []*tend.APIToken{}
	for rows.Next() {
		t := &tend.APIToken{PersonID: personID}
		var name []byte
		var created, used int64
		var scopes string
		if err := rows.Scan(&t.ID, &name, &scopes, &created, &used); err != nil {
			return nil, fmt.Errorf("find tokens: %w", err)
		}
		if t.Name, err = dk.OpenString(name, tokenNamePlace(t.ID, personID)); err != nil {
			return nil, fmt.Errorf("token %s: %w", t.ID, err)
		}
		t.CreatedAt, t.LastUsedAt, t.Scopes = fromMillis(created), fromMillis(used), splitScopes(scopes)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	return out, nil
}

// DeleteAPIToken revokes one of the person's tokens.
func (d *DB) DeleteAPIToken(ctx context.Context, personID, id string) error {
	err := d.writeOne(ctx, tend.Errorf(tend.ENOTFOUND, "there is no such token"),
		`DELETE FROM api_tokens WHERE id = ? AND person_id = ?`, id, personID)
	if err == nil {
		d.tell(ctx, tend.Event{SignedOut: personID})
	}
	return wrapStore("delete token", err)
}

// DeleteAPITokens revokes all the person's tokens.
func (d *DB) DeleteAPITokens(ctx context.Context, personID string) error {
	err := d.writeOne(ctx, nil, `DELETE FROM api_tokens WHERE person_id = ?`, personID)
	if err == nil {
		d.tell(ctx, tend.Event{SignedOut: personID})
	}
	return wrapStore("delete tokens", err)
}

func joinScopes(scopes []tend.Scope) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		parts[i] = string(s)
	}
	return strings.Join(parts, ",")
}

// splitScopes reads the stored scopes; one no longer known is dropped,
// so that a token never gains by a rename.
func splitScopes(s string) []tend.Scope {
	var out []tend.Scope
	for _, part := range splitList(s) {
		if sc := tend.Scope(part); sc.Valid() {
			out = append(out, sc)
		}
	}
	return out
}
