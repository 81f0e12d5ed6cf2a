package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.ProfileService = (*DB)(nil)

func profilePlace(personID string, version int) seal.Place {
	return seal.Place{Table: "profile_versions", Column: "card", Row: personID + "/" + strconv.Itoa(version), Owner: personID}
}

// dataKey loads the person's data key within the transaction.
func dataKey(ctx context.Context, tx *Tx, personID string) (*seal.DataKey, error) {
	var wrapped []byte
	err := tx.queryRow(ctx, `SELECT wrapped FROM data_keys WHERE person_id = ?`, personID).Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPerson()
	}
	if err != nil {
		return nil, fmt.Errorf("data key: %w", err)
	}
	return tx.db.openDataKey(personID, wrapped)
}

// lockPerson serialises writes to one person's rows. SQLite's immediate
// transactions already hold the database's one write lock; PostgreSQL
// needs a row lock.
func lockPerson(ctx context.Context, tx *Tx, personID string) error {
	if tx.db.dialect != Postgres {
		return nil
	}
	var id string
	err := tx.queryRow(ctx, `SELECT id FROM people WHERE id = ? FOR UPDATE`, personID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoPerson()
	}
	return err
}

// FindProfile returns the newest version of the person's profile. It is
// the most frequent read there is: one query, no transaction.
func (d *DB) FindProfile(ctx context.Context, personID string) (*tend.Profile, error) {
	return findProfile(ctx, d, reader{d}, personID, 0)
}

// FindProfileVersion returns one version of the profile.
func (d *DB) FindProfileVersion(ctx context.Context, personID string, version int) (*tend.Profile, error) {
	if version < 1 {
		return nil, tend.Errorf(tend.ENOTFOUND, "there is no such version")
	}
	return findProfile(ctx, d, reader{d}, personID, version)
}

// findProfile reads a version (0: the newest) with the person's name and
// data key in one query, and opens it. A person who never saved gets an
// empty profile, version 0.
func findProfile(ctx context.Context, d *DB, q rowQuerier, personID string, version int) (*tend.Profile, error) {
	which, args := `(SELECT MAX(version) FROM profile_versions WHERE person_id = p.id)`, []any{personID}
	if version > 0 {
		which, args = `?`, []any{version, personID}
	}
	var (
		name, wrapped, sealed []byte
		found, created        sql.NullInt64
	)
	err := q.queryRow(ctx, `SELECT p.display_name, k.wrapped, v.version, v.card, v.created_at
		FROM people p JOIN data_keys k ON k.person_id = p.id
		LEFT JOIN profile_versions v ON v.person_id = p.id AND v.version = `+which+`
		WHERE p.id = ?`, args...).Scan(&name, &wrapped, &found, &sealed, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPerson()
	}
	if err != nil {
		return nil, fmt.Errorf("find profile: %w", err)
	}
	if !found.Valid && version > 0 {
		return nil, tend.Errorf(tend.ENOTFOUND, "there is no such version")
	}
	dk, err := d.openDataKey(personID, wrapped)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", personID, err)
	}
	display, err := dk.OpenString(name, displayNamePlace(personID))
	if err != nil {
		return nil, fmt.Errorf("profile %s: display name: %w", personID, err)
	}
	prof := &tend.Profile{PersonID: personID}
	if !found.Valid {
		prof.Card = &tend.Card{Tend: tend.CardVersion, Name: display}
		return prof, nil
	}
	prof.Version, prof.UpdatedAt = int(found.Int64), fromMillis(created.Int64)
	key := cardKey{personID, prof.Version}
	if c, ok := d.cards.Get(key); ok {
		prof.Card = c.Clone()
	} else {
		if prof.Card, err = openCard(dk, personID, prof.Version, sealed); err != nil {
			return nil, err
		}
		d.cards.Put(key, prof.Card.Clone())
	}
	prof.Card.Name = display
	return prof, nil
}

// openCard opens and decodes a stored version. The card was checked when
// it was saved, and the seal proves it is unchanged since: decoding it is
// enough.
func openCard(dk *seal.DataKey, personID string, version int, sealed []byte) (*tend.Card, error) {
	data, err := dk.Open(sealed, profilePlace(personID, version))
	if err != nil {
		return nil, fmt.Errorf("profile %s/%d: %w", personID, version, err)
	}
	var c *tend.Card
	if err := json.Unmarshal(data, &c); err != nil || c == nil {
		return nil, fmt.Errorf("profile %s/%d: stored card does not decode: %v", personID, version, err)
	}
	return c, nil
}

// SaveProfile stores the card as the newest version. The card is checked
// before the transaction begins, so that the work is not done while
// holding SQLite's one write lock.
func (d *DB) SaveProfile(ctx context.Context, personID string, c *tend.Card) (*tend.Profile, error) {
	data, checked, err := checkCard(c)
	if err != nil {
		return nil, err
	}
	return d.saveProfile(ctx, personID, func(ctx context.Context, tx *Tx) (*tend.Card, int, error) { return c, 0, nil }, data, checked, "")
}

// SaveProfileWhy stores the card as the newest version, made from
// version base, keeping why (sealed).
func (d *DB) SaveProfileWhy(ctx context.Context, personID string, c *tend.Card, base int, why string) (*tend.Profile, error) {
	why, err := tend.CheckText("why", why, 0, tend.MaxWhyLen, false)
	if err != nil {
		return nil, err
	}
	data, checked, err := checkCard(c)
	if err != nil {
		return nil, err
	}
	return d.saveProfile(ctx, personID, func(ctx context.Context, tx *Tx) (*tend.Card, int, error) {
		var latest int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM profile_versions WHERE person_id = ?`, personID).Scan(&latest); err != nil {
			return nil, 0, fmt.Errorf("save profile: %w", err)
		}
		if latest != base {
			return nil, 0, tend.Errorf(tend.ECONFLICT, "your profile changed since this was suggested; have a look at it again")
		}
		return c, 0, nil
	}, data, checked, why)
}

func profileWhyPlace(personID string, version int) seal.Place {
	return seal.Place{Table: "profile_versions", Column: "why", Row: personID + "/" + strconv.Itoa(version), Owner: personID}
}

// checkCard checks a card by the same rules as a card file (nothing that
// would not read back is ever stored) and returns what to store. The name
// is the person's, added when the profile is read.
func checkCard(c *tend.Card) ([]byte, *tend.Card, error) {
	data, err := tend.MarshalCard(tend.ProfileCard(c, "profile"))
	if err != nil {
		return nil, nil, fmt.Errorf("save profile: %w", err)
	}
	checked, _, err := tend.ParseCard("profile", data, nil)
	if err != nil {
		return nil, nil, err
	}
	return data, checked, nil
}

// RestoreProfileVersion saves an old version again as the newest.
func (d *DB) RestoreProfileVersion(ctx context.Context, personID string, version int) (*tend.Profile, error) {
	return d.saveProfile(ctx, personID, func(ctx context.Context, tx *Tx) (*tend.Card, int, error) {
		if version < 1 {
			return nil, 0, tend.Errorf(tend.ENOTFOUND, "there is no such version")
		}
		old, err := findProfile(ctx, d, tx, personID, version)
		if err != nil {
			return nil, 0, err
		}
		return old.Card, version, nil
	}, nil, nil, "")
}

// saveProfile stores the card that card returns as the newest version;
// data and checked are its checked form when already known. On SQLite the
// save joins the next group commit (see groupcommit.go).
func (d *DB) saveProfile(ctx context.Context, personID string, card func(context.Context, *Tx) (*tend.Card, int, error), data []byte, checked *tend.Card, why string) (*tend.Profile, error) {
	run := func(ctx context.Context, tx *Tx) (*tend.Profile, error) {
		return saveVersion(ctx, tx, personID, card, data, checked, why)
	}
	if d.saver != nil {
		return d.save(ctx, run)
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := run(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save profile: %w", err)
	}
	return p, nil
}

// saveVersion writes the new version in tx.
func saveVersion(ctx context.Context, tx *Tx, personID string, card func(context.Context, *Tx) (*tend.Card, int, error), data []byte, checked *tend.Card, why string) (*tend.Profile, error) {
	if err := lockPerson(ctx, tx, personID); err != nil {
		return nil, err
	}
	c, restored, err := card(ctx, tx)
	if err != nil {
		return nil, err
	}
	if data == nil {
		if data, checked, err = checkCard(c); err != nil {
			return nil, err
		}
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	var latest int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM profile_versions WHERE person_id = ?`, personID).Scan(&latest); err != nil {
		return nil, fmt.Errorf("save profile: %w", err)
	}
	next := latest + 1
	if _, err := tx.exec(ctx, `INSERT INTO profile_versions (person_id, version, card, restored, why, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		personID, next, dk.Seal(data, profilePlace(personID, next)), restored, sealOpt(dk, why, profileWhyPlace(personID, next)), millis(tx.now)); err != nil {
		return nil, fmt.Errorf("save profile: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE people SET profile_version = ?, profile_saved_at = ? WHERE id = ?`, next, millis(tx.now), personID); err != nil {
		return nil, fmt.Errorf("save profile: %w", err)
	}
	// Keep the newest versions (nothing to prune before there are more).
	if next > tend.MaxProfileVersions {
		if _, err := tx.exec(ctx, `DELETE FROM profile_versions WHERE person_id = ? AND version <= ?`, personID, next-tend.MaxProfileVersions); err != nil {
			return nil, fmt.Errorf("save profile: prune: %w", err)
		}
	}
	// A copy: the caller's card may be changed; the checked one is theirs.
	out := *checked
	out.Name = ""
	return &tend.Profile{PersonID: personID, Version: next, Card: &out, UpdatedAt: tx.now}, nil
}

// FindProfileVersions lists the versions, newest first.
func (d *DB) FindProfileVersions(ctx context.Context, personID string) ([]tend.ProfileVersion, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := findProfileVersions(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// findProfileVersions lists the versions in tx, newest first.
func findProfileVersions(ctx context.Context, tx *Tx, personID string) ([]tend.ProfileVersion, error) {
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT version, restored, why, created_at FROM profile_versions WHERE person_id = ? ORDER BY version DESC`, personID)
	if err != nil {
		return nil, fmt.Errorf("find versions: %w", err)
	}
	defer rows.Close()
	out := []tend.ProfileVersion{}
	for rows.Next() {
		var v tend.ProfileVersion
		var created int64
		var why []byte
		if err := rows.Scan(&v.Version, &v.Restored, &why, &created); err != nil {
			return nil, fmt.Errorf("find versions: %w", err)
		}
		if v.Why, err = openOpt(dk, why, profileWhyPlace(personID, v.Version)); err != nil {
			return nil, fmt.Errorf("find versions: why: %w", err)
		}
		v.CreatedAt = fromMillis(created)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find versions: %w", err)
	}
	return out, nil
}
