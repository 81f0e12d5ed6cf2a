package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

var _ tend.SessionService = (*DB)(nil)

// hashToken is how a token is stored and looked up.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func errNoSession() error {
	return tend.Errorf(tend.EUNAUTHORIZED, "you are signed out; please sign in again")
}

// CreateSession starts a session with a fresh 256-bit token.
func (d *DB) CreateSession(ctx context.Context, personID, device string) (string, *tend.Session, error) {
	token, id, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	device = strings.TrimSpace(device)
	if utf8.RuneCountInString(device) > tend.MaxDeviceLen {
		device = string([]rune(device)[:tend.MaxDeviceLen])
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	s := &tend.Session{ID: id.String(), PersonID: personID, Device: device, CreatedAt: tx.now, LastSeenAt: tx.now, AuthenticatedAt: tx.now}
	if _, err := tx.exec(ctx, `INSERT INTO sessions (id, person_id, token_hash, device, created_at, last_seen_at, authenticated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		s.ID, personID, hashToken(token), device, millis(tx.now), millis(tx.now), millis(tx.now)); err != nil {
		return "", nil, fmt.Errorf("insert session: %w", err)
	}
	return token, s, tx.Commit()
}

// FindSessionByToken returns the live session for the token and records
// its use (at most once a minute); a timed-out session is deleted. It
// reads without the write lock and writes only when there is something to
// note.
func (d *DB) FindSessionByToken(ctx context.Context, token string) (*tend.Session, error) {
	s, _, err := d.findSignedIn(ctx, token, false)
	return s, err
}

// FindSignedIn returns the live session for the token and its person.
func (d *DB) FindSignedIn(ctx context.Context, token string) (*tend.Session, *tend.Person, error) {
	return d.findSignedIn(ctx, token, true)
}

func (d *DB) findSignedIn(ctx context.Context, token string, withPerson bool) (*tend.Session, *tend.Person, error) {
	if token == "" {
		return nil, nil, errNoSession()
	}
	now := d.Now().UTC()
	var (
		s                     tend.Session
		pr                    personRow
		created, seen, authed int64
	)
	q := `SELECT s.id, s.person_id, s.device, s.created_at, s.last_seen_at, s.authenticated_at FROM sessions s WHERE s.token_hash = ?`
	dest := []any{&s.ID, &s.PersonID, &s.Device, &created, &seen, &authed}
	if withPerson {
		q = `SELECT s.id, s.person_id, s.device, s.created_at, s.last_seen_at, s.authenticated_at, ` + personColumns + `
			FROM sessions s JOIN people p ON p.id = s.person_id JOIN data_keys k ON k.person_id = p.id WHERE s.token_hash = ?`
		dest = append(dest, pr.dest()...)
	}
	hash := hashToken(token)
	args := []any{hash}
	if withPerson {
		args = []any{d.waitingSince(), hash}
	}
	err := reader{d}.queryRow(ctx, q, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoSession()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	s.CreatedAt, s.LastSeenAt = fromMillis(created), fromMillis(seen)
	if authed > 0 {
		s.AuthenticatedAt = fromMillis(authed)
	}
	switch {
	case s.Expired(now):
		if err := d.writeOne(ctx, nil, `DELETE FROM sessions WHERE id = ?`, s.ID); err != nil {
			return nil, nil, fmt.Errorf("end session: %w", err)
		}
		return nil, nil, errNoSession()
	case now.Sub(s.LastSeenAt) >= tend.SessionTouchEvery:
		if err := d.touch(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, millis(now), s.ID); err != nil {
			return nil, nil, fmt.Errorf("touch session: %w", err)
		}
		s.LastSeenAt = now
	}
	if !withPerson {
		return &s, nil, nil
	}
	pr.p.ID = s.PersonID
	p, err := pr.person(d)
	if err != nil {
		return nil, nil, err
	}
	return &s, p, nil
}

// FindSessions lists the person's live sessions, most recently used first.
func (d *DB) FindSessions(ctx context.Context, personID string) ([]*tend.Session, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	all, err := findSessions(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	var out []*tend.Session
	for _, s := range all {
		if !s.Expired(tx.now) {
			out = append(out, s)
		}
	}
	return out, tx.Commit()
}

// findSessions lists every stored session of the person in tx, most
// recently used first, timed-out ones too (until they are deleted).
func findSessions(ctx context.Context, tx *Tx, personID string) ([]*tend.Session, error) {
	rows, err := tx.query(ctx, `SELECT id, person_id, device, created_at, last_seen_at FROM sessions
		WHERE person_id = ? ORDER BY last_seen_at DESC, id`, personID)
	if err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	defer rows.Close()
	var out []*tend.Session
	for rows.Next() {
		var s tend.Session
		var created, seen int64
		if err := rows.Scan(&s.ID, &s.PersonID, &s.Device, &created, &seen); err != nil {
			return nil, fmt.Errorf("find sessions: %w", err)
		}
		s.CreatedAt, s.LastSeenAt = fromMillis(created), fromMillis(seen)
		out = append(out, &s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	return out, nil
}

// DeleteSession ends one of the person's sessions. Another person's
// session id answers ENOTFOUND, like a missing one.
func (d *DB) DeleteSession(ctx context.Context, personID, id string) error {
	err := d.writeOne(ctx, tend.Errorf(tend.ENOTFOUND, "there is no such session"),
		`DELETE FROM sessions WHERE id = ? AND person_id = ?`, id, personID)
	if err == nil {
		d.tell(ctx, tend.Event{SignedOut: personID})
	}
	return wrapStore("delete session", err)
}

// ConfirmSession notes that the password was just given in the session.
func (d *DB) ConfirmSession(ctx context.Context, id string) error {
	err := d.writeOne(ctx, errNoSession(), `UPDATE sessions SET authenticated_at = ? WHERE id = ?`, millis(d.Now()), id)
	return wrapStore("confirm session", err)
}

// DeleteSessions ends all the person's sessions except keepID ("" for all).
func (d *DB) DeleteSessions(ctx context.Context, personID, keepID string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE person_id = ? AND id <> ?`, personID, keepID); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	if err := signOutElsewhere(ctx, tx, personID); err != nil {
		return err
	}
	return tx.Commit()
}

// signOutElsewhere revokes what signs the person in without a session:
// their API tokens. Signing out everywhere, changing the password and
// resetting it all do.
func signOutElsewhere(ctx context.Context, tx *Tx, personID string) error {
	if _, err := tx.exec(ctx, `DELETE FROM api_tokens WHERE person_id = ?`, personID); err != nil {
		return fmt.Errorf("revoke API tokens: %w", err)
	}
	tx.publish(ctx, tend.Event{SignedOut: personID})
	return nil
}
