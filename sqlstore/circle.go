package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.CircleService = (*DB)(nil)

func circleNamePlace(id string) seal.Place {
	return seal.Place{Table: "circles", Column: "name", Row: id, Owner: id}
}

// errNoCircle is the answer for a circle that does not exist and for one
// the person is not in, alike.
func errNoCircle() error { return tend.Errorf(tend.ENOTFOUND, "there is no such circle") }

// CreateCircle makes a circle with its own data key, the person its
// creator and only member.
func (d *DB) CreateCircle(ctx context.Context, personID, name string) (*tend.Circle, error) {
	name, err := tend.ValidateCircleName(name)
	if err != nil {
		return nil, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	dk, wrapped, err := d.sealer.NewDataKey(id.String())
	if err != nil {
		return nil, err
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := dataKey(ctx, tx, personID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO circles (id, name, wrapped, created_at) VALUES (?, ?, ?, ?)`,
		id.String(), dk.SealString(name, circleNamePlace(id.String())), wrapped, millis(tx.now)); err != nil {
		return nil, fmt.Errorf("insert circle: %w", err)
	}
	if err := addMember(ctx, tx, id.String(), personID, true, tend.ShareAll); err != nil {
		return nil, err
	}
	c, err := findCircle(ctx, tx, personID, id.String())
	if err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

func addMember(ctx context.Context, tx *Tx, circleID, personID string, creator bool, share tend.Share) error {
	_, err := tx.exec(ctx, `INSERT INTO circle_members (circle_id, person_id, creator, share, joined_at) VALUES (?, ?, ?, ?, ?)`,
		circleID, personID, creator, string(share), millis(tx.now))
	if err != nil {
		return formatError(fmt.Errorf("add member: %w", err), "you are in this circle already")
	}
	return nil
}

// FindCircles lists the person's circles, newest first, in one snapshot.
func (d *DB) FindCircles(ctx context.Context, personID string) ([]*tend.Circle, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCircles(ctx, tx, personID)
}

// findCircles lists the person's circles in tx, newest first, with their
// members: two queries however many circles.
func findCircles(ctx context.Context, tx *Tx, personID string) ([]*tend.Circle, error) {
	rows, err := tx.query(ctx, `SELECT c.id, c.name, c.wrapped, c.created_at FROM circles c JOIN circle_members m ON m.circle_id = c.id
		WHERE m.person_id = ? ORDER BY c.created_at DESC, c.id`, personID)
	if err != nil {
		return nil, fmt.Errorf("find circles: %w", err)
	}
	var out []*tend.Circle
	byID := map[string]*tend.Circle{}
	for rows.Next() {
		var (
			id            string
			name, wrapped []byte
			created       int64
		)
		if err := rows.Scan(&id, &name, &wrapped, &created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find circles: %w", err)
		}
		c, err := openCircle(tx, id, name, wrapped, created)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
		byID[id] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find circles: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	err = readCircleMembers(ctx, tx, byID, `WHERE m.circle_id IN (SELECT circle_id FROM circle_members WHERE person_id = ?)`, personID)
	return out, err
}

// openCircle opens a circle's row.
func openCircle(tx *Tx, id string, name, wrapped []byte, created int64) (*tend.Circle, error) {
	dk, err := tx.db.openDataKey(id, wrapped)
	if err != nil {
		return nil, fmt.Errorf("circle %s: %w", id, err)
	}
	c := &tend.Circle{ID: id, CreatedAt: fromMillis(created)}
	if c.Name, err = dk.OpenString(name, circleNamePlace(id)); err != nil {
		return nil, fmt.Errorf("circle %s: name: %w", id, err)
	}
	return c, nil
}

// FindCircle returns one of the person's circles.
func (d *DB) FindCircle(ctx context.Context, personID, circleID string) (*tend.Circle, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCircle(ctx, tx, personID, circleID)
}

// findCircle reads a circle the person is in (any circle, for personID
// ""), with its members.
func findCircle(ctx context.Context, tx *Tx, personID, circleID string) (*tend.Circle, error) {
	q, args := `SELECT c.name, c.wrapped, c.created_at FROM circles c WHERE c.id = ?`, []any{circleID}
	if personID != "" {
		q = `SELECT c.name, c.wrapped, c.created_at FROM circles c
			JOIN circle_members m ON m.circle_id = c.id AND m.person_id = ? WHERE c.id = ?`
		args = []any{personID, circleID}
	}
	var (
		name, wrapped []byte
		created       int64
	)
	err := tx.queryRow(ctx, q, args...).Scan(&name, &wrapped, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoCircle()
	}
	if err != nil {
		return nil, fmt.Errorf("find circle: %w", err)
	}
	c, err := openCircle(tx, circleID, name, wrapped, created)
	if err != nil {
		return nil, err
	}
	if err := findMembers(ctx, tx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// findMembers reads the circle's members, in the order they joined.
func findMembers(ctx context.Context, tx *Tx, c *tend.Circle) error {
	return readCircleMembers(ctx, tx, map[string]*tend.Circle{c.ID: c}, `WHERE m.circle_id = ?`, c.ID)
}

// readCircleMembers reads the members of the circles (by id) that where picks,
// each circle's in the order they joined.
func readCircleMembers(ctx context.Context, tx *Tx, circles map[string]*tend.Circle, where string, args ...any) error {
	rows, err := tx.query(ctx, `SELECT m.circle_id, m.person_id, m.creator, m.share, m.practices, m.joined_at, m.insights_out, p.display_name, k.wrapped
		FROM circle_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
		`+where+` ORDER BY m.circle_id, m.joined_at, m.person_id`, args...)
	if err != nil {
		return fmt.Errorf("find members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			circleID         string
			m                tend.Member
			creator          bool
			share            string
			joined           int64
			name, wrappedKey []byte
			practices        []byte
		)
		if err := rows.Scan(&circleID, &m.PersonID, &creator, &share, &practices, &joined, &m.InsightsOut, &name, &wrappedKey); err != nil {
			return fmt.Errorf("find members: %w", err)
		}
		c := circles[circleID]
		if c == nil {
			continue
		}
		dk, err := tx.db.openDataKey(m.PersonID, wrappedKey)
		if err != nil {
			return fmt.Errorf("member %s: %w", m.PersonID, err)
		}
		if m.DisplayName, err = dk.OpenString(name, displayNamePlace(m.PersonID)); err != nil {
			return fmt.Errorf("member %s: display name: %w", m.PersonID, err)
		}
		m.Share, m.JoinedAt = tend.Share(share), fromMillis(joined)
		list, err := openOpt(dk, practices, sharedPracticesPlace(c.ID, m.PersonID))
		if err != nil {
			return fmt.Errorf("member %s: practices: %w", m.PersonID, err)
		}
		if m.Practices, err = splitList(list); err != nil {
			return fmt.Errorf("member %s: practices: %w", m.PersonID, err)
		}
		if creator {
			c.CreatedBy = m.PersonID
		}
		c.Members = append(c.Members, &m)
	}
	return rows.Err()
}
