package sqlstore

import (
	"context"
	"fmt"

	"github.com/tendcare/tend"
)

// FindPeople lists everyone in username order.
func (d *DB) FindPeople(ctx context.Context) ([]*tend.Person, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.query(ctx, `SELECT p.id FROM people p ORDER BY p.username`)
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find people: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	out := make([]*tend.Person, 0, len(ids))
	for _, id := range ids {
		p, err := findPerson(ctx, tx.db, tx, "p.id = ?", id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, tx.Commit()
}

// UpdatePerson changes a person's display name, time zone or disabled
// flag, re-sealing the name with the person's key.
func (d *DB) UpdatePerson(ctx context.Context, id string, upd tend.PersonUpdate) (*tend.Person, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findPerson(ctx, tx.db, tx, "p.id = ?", id)
	if err != nil {
		return nil, err
	}
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	var wrapped []byte
	if err := tx.queryRow(ctx, `SELECT wrapped FROM data_keys WHERE person_id = ?`, id).Scan(&wrapped); err != nil {
		return nil, fmt.Errorf("update person: data key: %w", err)
	}
	dk, err := d.openDataKey(id, wrapped)
	if err != nil {
		return nil, fmt.Errorf("update person: %w", err)
	}
	p.UpdatedAt = tx.now
	qs, qe := -1, -1
	if p.Quiet != nil {
		qs, qe = p.Quiet.Start, p.Quiet.End
	}
	if _, err := tx.exec(ctx, `UPDATE people SET display_name = ?, time_zone = ?, disabled = ?, quiet_start = ?, quiet_end = ?, updated_at = ? WHERE id = ?`,
		dk.SealString(p.DisplayName, displayNamePlace(id)), p.TimeZone, p.Disabled, qs, qe, millis(tx.now), id); err != nil {
		return nil, fmt.Errorf("update person: %w", err)
	}
	return p, tx.Commit()
}
