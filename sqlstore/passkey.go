package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.PasskeyService = (*DB)(nil)

func passkeyNamePlace(id, personID string) seal.Place {
	return seal.Place{Table: "passkeys", Column: "name", Row: id, Owner: personID}
}

func errNoPasskey() error { return tend.Errorf(tend.ENOTFOUND, "there is no such passkey") }

// challengeGrace is how long a used challenge is kept past its expiry, so
// that nodes whose clocks differ a little still refuse a replay.
const challengeGrace = time.Hour

// passkeyColumns are read by scanPasskey, in this order.
const passkeyColumns = `id, person_id, credential_id, public_key, attestation_type, aaguid, sign_count, transports,
	backup_eligible, backup_state, name, created_at, last_used_at`

// CreatePasskey stores a new passkey, its name sealed with the person's key.
func (d *DB) CreatePasskey(ctx context.Context, k *tend.Passkey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("new id: %w", err)
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	dk, err := dataKey(ctx, tx, k.PersonID)
	if err != nil {
		return err
	}
	k.ID, k.CreatedAt, k.LastUsedAt = id.String(), tx.now, tx.now
	if k.AAGUID == nil {
		k.AAGUID = []byte{}
	}
	_, err = tx.exec(ctx, `INSERT INTO passkeys (`+passkeyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.ID, k.PersonID, k.CredentialID, k.PublicKey, k.AttestationType, k.AAGUID, int64(k.SignCount), strings.Join(k.Transports, ","),
		k.BackupEligible, k.BackupState, dk.SealString(k.Name, passkeyNamePlace(k.ID, k.PersonID)), millis(tx.now), millis(tx.now))
	if err != nil {
		return formatError(fmt.Errorf("insert passkey: %w", err), "this passkey is already registered")
	}
	return tx.Commit()
}

// scanPasskey reads the passkeyColumns of a row; the name stays sealed
// in the returned bytes.
func scanPasskey(scan func(...any) error) (*tend.Passkey, []byte, error) {
	var (
		k                   tend.Passkey
		count, created, use int64
		transports          string
		name                []byte
	)
	err := scan(&k.ID, &k.PersonID, &k.CredentialID, &k.PublicKey, &k.AttestationType, &k.AAGUID, &count, &transports,
		&k.BackupEligible, &k.BackupState, &name, &created, &use)
	if err != nil {
		return nil, nil, err
	}
	k.SignCount = uint32(count)
	if transports != "" {
		k.Transports = strings.Split(transports, ",")
	}
	k.CreatedAt, k.LastUsedAt = fromMillis(created), fromMillis(use)
	return &k, name, nil
}

// FindPasskeys lists the person's passkeys, newest first, names opened.
func (d *DB) FindPasskeys(ctx context.Context, personID string) ([]*tend.Passkey, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := findPasskeys(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// findPasskeys lists the person's passkeys in tx, newest first, names
// opened.
func findPasskeys(ctx context.Context, tx *Tx, personID string) ([]*tend.Passkey, error) {
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT `+passkeyColumns+` FROM passkeys WHERE person_id = ? ORDER BY created_at DESC, id DESC`), personID)
	if err != nil {
		return nil, fmt.Errorf("find passkeys: %w", err)
	}
	defer rows.Close()
	out := []*tend.Passkey{}
	for rows.Next() {
		k, name, err := scanPasskey(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("find passkeys: %w", err)
		}
		if k.Name, err = dk.OpenString(name, passkeyNamePlace(k.ID, personID)); err != nil {
			return nil, fmt.Errorf("passkey %s: %w", k.ID, err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find passkeys: %w", err)
	}
	return out, nil
}

// FindPasskeyByCredentialID returns the passkey for a sign-in. The name is
// not opened: signing in needs only the key and whose it is.
func (d *DB) FindPasskeyByCredentialID(ctx context.Context, credentialID []byte) (*tend.Passkey, error) {
	row := reader{d}.queryRow(ctx, `SELECT `+passkeyColumns+` FROM passkeys WHERE credential_id = ?`, credentialID)
	k, _, err := scanPasskey(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPasskey()
	}
	if err != nil {
		return nil, fmt.Errorf("find passkey: %w", err)
	}
	return k, nil
}

// UpdatePasskeyUse records a sign-in, and its challenge, which a second
// sign-in may not use again: the challenge's primary key makes a replay
// a conflict, even on another node at the same moment.
func (d *DB) UpdatePasskeyUse(ctx context.Context, id string, use tend.PasskeyUse) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM passkey_challenges WHERE expires_at < ?`, millis(tx.now.Add(-challengeGrace))); err != nil {
		return fmt.Errorf("forget challenges: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO passkey_challenges (challenge_hash, expires_at) VALUES (?, ?)`,
		hashToken(use.Challenge), millis(use.Until)); err != nil {
		return formatError(fmt.Errorf("record challenge: %w", err), "this passkey sign-in was used already; please try again")
	}
	res, err := tx.exec(ctx, `UPDATE passkeys SET sign_count = ?, backup_state = ?, last_used_at = ? WHERE id = ?`,
		int64(use.SignCount), use.BackupState, millis(tx.now), id)
	if err != nil {
		return fmt.Errorf("update passkey: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("update passkey: %w", err)
	} else if n == 0 {
		return errNoPasskey()
	}
	return tx.Commit()
}

// RenamePasskey seals a new name for one of the person's passkeys.
func (d *DB) RenamePasskey(ctx context.Context, personID, id, name string) (*tend.Passkey, error) {
	name, err := tend.ValidatePasskeyName(name)
	if err != nil {
		return nil, err
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, _, err := scanPasskey(tx.queryRow(ctx, `SELECT `+passkeyColumns+` FROM passkeys WHERE id = ? AND person_id = ?`, id, personID).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPasskey()
	}
	if err != nil {
		return nil, fmt.Errorf("find passkey: %w", err)
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	k.Name = name
	if _, err := tx.exec(ctx, `UPDATE passkeys SET name = ? WHERE id = ?`, dk.SealString(name, passkeyNamePlace(id, personID)), id); err != nil {
		return nil, fmt.Errorf("rename passkey: %w", err)
	}
	return k, tx.Commit()
}

// DeletePasskey removes one of the person's passkeys.
func (d *DB) DeletePasskey(ctx context.Context, personID, id string) error {
	err := d.writeOne(ctx, errNoPasskey(), `DELETE FROM passkeys WHERE id = ? AND person_id = ?`, id, personID)
	return wrapStore("delete passkey", err)
}
