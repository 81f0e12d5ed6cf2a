package sqlstore

import (
	"context"
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
		if err := c.CanDelete(personID); err != nil {
			return false, err
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
		return true, leaveCircle(ctx, tx, personID, c)
	})
	return err
}

// leaveCircle takes the person out; whoever tend.Circle.HandOver names
// holds it after them, and the last one out deletes it.
func leaveCircle(ctx context.Context, tx *Tx, personID string, c *tend.Circle) error {
	next := c.HandOver(personID)
	if _, err := tx.exec(ctx, `DELETE FROM circle_members WHERE circle_id = ? AND person_id = ?`, c.ID, personID); err != nil {
		return fmt.Errorf("leave circle: %w", err)
	}
	// Their follow-ups after this circle's encounters end here; nobody
	// hears of them again.
	if err := cancelFollowups(ctx, tx, personID, c.ID); err != nil {
		return err
	}
	switch {
	case next == "":
		if _, err := tx.exec(ctx, `DELETE FROM circles WHERE id = ?`, c.ID); err != nil {
			return fmt.Errorf("leave circle: %w", err)
		}
	case next != c.CreatedBy:
		if _, err := tx.exec(ctx, `UPDATE circle_members SET creator = ? WHERE circle_id = ? AND person_id = ?`, true, c.ID, next); err != nil {
			return fmt.Errorf("leave circle: %w", err)
		}
	}
	return nil
}

// RemoveMember takes another member out of the circle.
func (d *DB) RemoveMember(ctx context.Context, personID, circleID, memberID string) (*tend.Circle, error) {
	return d.changeCircle(ctx, personID, circleID, func(tx *Tx, c *tend.Circle) (bool, error) {
		if err := c.CanRemove(personID, memberID); err != nil {
			return false, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM circle_members WHERE circle_id = ? AND person_id = ?`, c.ID, memberID); err != nil {
			return false, err
		}
		return false, cancelFollowups(ctx, tx, memberID, c.ID)
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
		c := &tend.Circle{ID: id}
		if err := findMembers(ctx, tx, c); err != nil {
			return err
		}
		if err := leaveCircle(ctx, tx, personID, c); err != nil {
			return err
		}
	}
	return rows.Err()
}
