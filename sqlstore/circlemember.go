package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// changeCircle runs change on the person's circle in one transaction and
// returns the circle as the person sees it afterwards, or nil when
// change says they no longer can (they left, or it is gone).
func (d *DB) changeCircle(ctx context.Context, personID, circleID string, change func(*Tx, *tend.Circle) (gone bool, err error)) (*tend.Circle, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCircle(ctx, tx, personID, circleID)
	if err != nil {
		return nil, err
	}
	gone, err := change(tx, c)
	if err != nil {
		return nil, err
	}
	if gone {
		return nil, tx.Commit()
	}
	if c, err = findCircle(ctx, tx, personID, circleID); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

// RenameCircle renames the circle; any member may.
// Validation comes after the membership check, so that someone outside
// the circle learns nothing but "no such circle".
func (d *DB) RenameCircle(ctx context.Context, personID, circleID, name string) (*tend.Circle, error) {
	return d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		name, err := tend.ValidateCircleName(name)
		if err != nil {
			return false, err
		}
		var wrapped []byte
		if err := tx.queryRow(ctx, `SELECT wrapped FROM circles WHERE id = ?`, c.ID).Scan(&wrapped); err != nil {
			return false, fmt.Errorf("rename circle: %w", err)
		}
		dk, err := d.openDataKey(c.ID, wrapped)
		if err != nil {
			return false, err
		}
		_, err = tx.exec(ctx, `UPDATE circles SET name = ? WHERE id = ?`, dk.SealString(name, circleNamePlace(c.ID)), c.ID)
		return false, err
	})
}

// DeleteCircle deletes the circle, its members, invitations and key.
func (d *DB) DeleteCircle(ctx context.Context, personID, circleID string) error {
	_, err := d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		if c.CreatedBy != personID {
			return false, tend.Errorf(tend.EFORBIDDEN, "only the person who made the circle can delete it; you can leave it")
		}
		if _, err := tx.exec(ctx, `DELETE FROM circles WHERE id = ?`, c.ID); err != nil {
			return false, fmt.Errorf("delete circle: %w", err)
		}
		d.keys.RemoveIf(func(k keyKey) bool { return k.person == c.ID })
		return true, nil
	})
	return err
}

// sharedPracticesPlace is where the practices a member shares with a
// circle are sealed, with the member's own key.
func sharedPracticesPlace(circleID, personID string) seal.Place {
	return seal.Place{Table: "circle_members", Column: "practices", Row: circleID, Owner: personID}
}

// SetShare changes what the person shares with the circle.
func (d *DB) SetShare(ctx context.Context, personID, circleID string, share tend.Share, practices []string) (*tend.Circle, error) {
	return d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		if err := tend.ValidateShare(share, practices); err != nil {
			return false, err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return false, err
		}
		_, err = tx.exec(ctx, `UPDATE circle_members SET share = ?, practices = ? WHERE circle_id = ? AND person_id = ?`,
			string(share), sealOpt(dk, joinList(practices), sharedPracticesPlace(c.ID, personID)), c.ID, personID)
		return false, err
	})
}

// LeaveCircle takes the person out of the circle.
func (d *DB) LeaveCircle(ctx context.Context, personID, circleID string) error {
	_, err := d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		return true, leaveCircle(ctx, tx, personID, c.ID)
	})
	return err
}

// leaveCircle takes the person out; if they made it, the longest-standing
// member takes it over, and the last one out deletes it.
func leaveCircle(ctx context.Context, tx *Tx, personID, circleID string) error {
	if _, err := tx.exec(ctx, `DELETE FROM circle_members WHERE circle_id = ? AND person_id = ?`, circleID, personID); err != nil {
		return fmt.Errorf("leave circle: %w", err)
	}
	var next string
	var creator bool
	err := tx.queryRow(ctx, `SELECT person_id, creator FROM circle_members WHERE circle_id = ? ORDER BY creator DESC, joined_at, person_id LIMIT 1`, circleID).
		Scan(&next, &creator)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.exec(ctx, `DELETE FROM circles WHERE id = ?`, circleID)
		return err
	case err != nil:
		return fmt.Errorf("leave circle: %w", err)
	case !creator:
		_, err = tx.exec(ctx, `UPDATE circle_members SET creator = ? WHERE circle_id = ? AND person_id = ?`, true, circleID, next)
		return err
	}
	return nil
}

// RemoveMember takes another member out of the circle.
func (d *DB) RemoveMember(ctx context.Context, personID, circleID, memberID string) (*tend.Circle, error) {
	return d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		switch {
		case c.CreatedBy != personID:
			return false, tend.Errorf(tend.EFORBIDDEN, "only the person who made the circle can remove someone from it")
		case memberID == personID:
			return false, tend.Errorf(tend.EINVALID, "to go, leave the circle instead")
		case c.Member(memberID) == nil:
			return false, tend.Errorf(tend.ENOTFOUND, "there is no such member in this circle")
		}
		_, err := tx.exec(ctx, `DELETE FROM circle_members WHERE circle_id = ? AND person_id = ?`, c.ID, memberID)
		return false, err
	})
}

// handOverCircles runs before a person is deleted: in every circle they
// made, the longest-standing other member takes over, and circles they are
// alone in go.
func handOverCircles(ctx context.Context, tx *Tx, personID string) error {
	rows, err := tx.query(ctx, `SELECT circle_id FROM circle_members WHERE person_id = ?`, personID)
	if err != nil {
		return fmt.Errorf("hand over circles: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("hand over circles: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := leaveCircle(ctx, tx, personID, id); err != nil {
			return err
		}
	}
	return rows.Err()
}
