package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// Ensure DB implements the service.
var _ tend.PersonService = (*DB)(nil)

func displayNamePlace(id string) seal.Place {
	return seal.Place{Table: "people", Column: "display_name", Row: id, Owner: id}
}

// CreatePerson stores a new person with a fresh data key.
func (d *DB) CreatePerson(ctx context.Context, p *tend.Person) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createPerson(ctx, tx, p); err != nil {
		return err
	}
	return tx.Commit()
}

func createPerson(ctx context.Context, tx *Tx, p *tend.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("new id: %w", err)
	}
	p.ID = id.String()
	dk, wrapped, err := tx.db.sealer.NewDataKey(p.ID)
	if err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = tx.now, tx.now
	_, err = tx.exec(ctx, `INSERT INTO people (id, username, display_name, admin, disabled, time_zone, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Username, dk.SealString(p.DisplayName, displayNamePlace(p.ID)), p.Admin, p.Disabled, p.TimeZone, millis(tx.now), millis(tx.now))
	if err != nil {
		return formatError(fmt.Errorf("insert person: %w", err), "that username is taken; choose another")
	}
	if _, err := tx.exec(ctx, `INSERT INTO data_keys (person_id, wrapped) VALUES (?, ?)`, p.ID, wrapped); err != nil {
		return fmt.Errorf("insert data key: %w", err)
	}
	return nil
}

// FindPersonByID returns the person with the id.
func (d *DB) FindPersonByID(ctx context.Context, id string) (*tend.Person, error) {
	return d.findPerson(ctx, "p.id = ?", id)
}

// FindPersonByUsername returns the person with the username.
func (d *DB) FindPersonByUsername(ctx context.Context, username string) (*tend.Person, error) {
	return d.findPerson(ctx, "p.username = ?", username)
}

func (d *DB) findPerson(ctx context.Context, where string, arg any) (*tend.Person, error) {
	return findPerson(ctx, d, reader{d}, where, arg)
}

func findPerson(ctx context.Context, d *DB, tx rowQuerier, where string, arg any) (*tend.Person, error) {
	var pr personRow
	err := tx.queryRow(ctx, `SELECT p.id, `+personColumns+` FROM people p JOIN data_keys k ON k.person_id = p.id WHERE `+where, d.waitingSince(), arg).
		Scan(append([]any{&pr.p.ID}, pr.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPerson()
	}
	if err != nil {
		return nil, fmt.Errorf("find person: %w", err)
	}
	return pr.person(d)
}

// personColumns are the columns of a person (but the id) and their data
// key, in the order personRow scans them; p is people, k is data_keys.
// The last is what waits in their inbox: follow-ups due, and partners'
// drop alerts of the last LowPlaceDays they have not answered yet. Its
// one argument is the start of those days (see waitingSince), before
// the query's own.
const personColumns = `p.username, p.display_name, p.admin, p.disabled, p.time_zone, p.quiet_start, p.quiet_end,
	p.created_at, p.updated_at, p.profile_version, p.profile_saved_at, k.wrapped,
	(SELECT COUNT(*) FROM followups f WHERE f.person_id = p.id AND f.state = 'due')
	+ (SELECT COUNT(*) FROM drop_alerts a JOIN encounter_members am ON am.encounter_id = a.encounter_id AND am.person_id = p.id
		WHERE a.person_id <> p.id AND a.created_at >= ?
		AND NOT EXISTS (SELECT 1 FROM drop_replies r WHERE r.alert_id = a.id AND r.person_id = p.id))`

// waitingSince is personColumns' argument: the drop alerts counted are
// those the person still sees (FindDropAlerts).
func (d *DB) waitingSince() int64 {
	return millis(d.Now().UTC().Add(-tend.LowPlaceDays * 24 * time.Hour))
}

// personRow is a person as read from personColumns.
type personRow struct {
	p                       tend.Person
	name, wrapped           []byte
	created, updated, saved int64
	qs, qe                  int
}

func (r *personRow) dest() []any {
	return []any{&r.p.Username, &r.name, &r.p.Admin, &r.p.Disabled, &r.p.TimeZone, &r.qs, &r.qe,
		&r.created, &r.updated, &r.p.ProfileVersion, &r.saved, &r.wrapped, &r.p.Waiting}
}

// person opens the sealed display name and fills in the times; p.ID
// must be set.
func (r *personRow) person(d *DB) (*tend.Person, error) {
	p := r.p
	dk, err := d.openDataKey(p.ID, r.wrapped)
	if err != nil {
		return nil, fmt.Errorf("person %s: %w", p.ID, err)
	}
	if p.DisplayName, err = dk.OpenString(r.name, displayNamePlace(p.ID)); err != nil {
		return nil, fmt.Errorf("person %s: display name: %w", p.ID, err)
	}
	p.CreatedAt, p.UpdatedAt = fromMillis(r.created), fromMillis(r.updated)
	if p.ProfileVersion > 0 {
		p.ProfileSavedAt = fromMillis(r.saved)
	}
	if r.qs >= 0 && r.qe >= 0 {
		p.Quiet = &tend.QuietHours{Start: r.qs, End: r.qe}
	}
	return &p, nil
}

func (d *DB) DeletePerson(ctx context.Context, id string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := handOverCircles(ctx, tx, id); err != nil {
		return err
	}
	encounters, err := personEncounters(ctx, tx, id)
	if err != nil {
		return err
	}
	// The key first: even if a later change leaves a row behind, nothing
	// sealed with this key can be opened again.
	if _, err := tx.exec(ctx, `DELETE FROM data_keys WHERE person_id = ?`, id); err != nil {
		return fmt.Errorf("delete data key: %w", err)
	}
	res, err := tx.exec(ctx, `DELETE FROM people WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete person: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete person: %w", err)
	} else if n == 0 {
		return errNoPerson()
	}
	if err := dropEmptyEncounters(ctx, tx, encounters); err != nil {
		return err
	}
	tx.publish(ctx, tend.Event{SignedOut: id})
	if err := tx.Commit(); err != nil {
		return err
	}
	d.cards.RemoveIf(func(k cardKey) bool { return k.person == id })
	d.keys.RemoveIf(func(k keyKey) bool { return k.person == id })
	d.opened.RemoveIf(func(k openedKey) bool { return k.owner == id })
	// Facts of encounters may hold their ticks and "not okay"s; deleting
	// an account is rare, so all go.
	d.facts.RemoveIf(func(factsKey) bool { return true })
	return d.forget(ctx)
}

// forget makes deleted rows unrecoverable from the database files. On
// SQLite, secure_delete has zeroed them in the database, but the write-
// ahead log still holds the pages as they were until a checkpoint copies
// it over and truncates it. (PostgreSQL keeps dead rows until vacuum
// reuses the space; see the README.)
func (d *DB) forget(ctx context.Context) error {
	if d.dialect != SQLite {
		return nil
	}
	var busy, logged, done int
	if err := d.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done); err != nil {
		return fmt.Errorf("checkpoint after delete: %w", err)
	}
	return nil
}
