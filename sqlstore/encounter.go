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
)

var _ tend.EncounterService = (*DB)(nil)

// errNoEncounter is the answer for an encounter that does not exist and
// for one the person is not in, alike.
func errNoEncounter() error { return tend.Errorf(tend.ENOTFOUND, "there is no such encounter") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// readHead reads the encounter if the person is in it (any person for
// ""). forUpdate locks the row on PostgreSQL, so that writers of one
// encounter take turns (SQLite has one writer anyway).
// The rules of what may happen at which stage are tend.Timeline's.
func readHead(ctx context.Context, tx *Tx, personID, id string, forUpdate bool) (*tend.Timeline, error) {
	q := `SELECT e.stage, e.stage_at, e.reveal_after, e.last_seq FROM encounters e WHERE e.id = ?`
	args := []any{id}
	if personID != "" {
		q = `SELECT e.stage, e.stage_at, e.reveal_after, e.last_seq FROM encounters e
			JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ? WHERE e.id = ?`
		args = []any{personID, id}
	}
	if forUpdate && tx.db.dialect == Postgres {
		q += ` FOR UPDATE OF e`
	}
	var (
		h              tend.Timeline
		stageAt, delay int64
	)
	err := tx.queryRow(ctx, q, args...).Scan(&h.Stage, &stageAt, &delay, &h.Signals)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEncounter()
	}
	if err != nil {
		return nil, fmt.Errorf("find encounter: %w", err)
	}
	h.Since, h.RevealAfter = fromMillis(stageAt), time.Duration(delay)*time.Millisecond
	return &h, nil
}

// CreateEncounter starts an encounter at the check-in, with every member
// of the circle, or the person alone. It gets a data key of its own,
// which seals its kind.
func (d *DB) CreateEncounter(ctx context.Context, personID string, n tend.NewEncounter) (*tend.Encounter, error) {
	if err := n.Validate(); err != nil {
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
	members := []string{personID}
	var circle any
	if n.CircleID != "" {
		c, err := findCircle(ctx, tx, personID, n.CircleID)
		if err != nil {
			return nil, err
		}
		members = members[:0]
		for _, m := range c.Members {
			members = append(members, m.PersonID)
		}
		circle = n.CircleID
	} else if _, err := dataKey(ctx, tx, personID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO encounters (id, circle_id, kind, wrapped, stage, created_at, stage_at, minutes, reveal_after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id.String(), circle, sealPadded(dk, string(n.Kind), encounterKindPlace(id.String())), wrapped,
		string(tend.StageBefore), millis(tx.now), millis(tx.now), n.Minutes, n.RevealAfter.Milliseconds()); err != nil {
		return nil, fmt.Errorf("insert encounter: %w", err)
	}
	for i, m := range members {
		if _, err := tx.exec(ctx, `INSERT INTO encounter_members (encounter_id, person_id, position, starter) VALUES (?, ?, ?, ?)`,
			id.String(), m, i, m == personID); err != nil {
			return nil, fmt.Errorf("add encounter member: %w", err)
		}
	}
	e, err := findEncounter(ctx, tx, personID, id.String())
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// FindEncounters lists the person's encounters, newest first, in one
// snapshot.
func (d *DB) FindEncounters(ctx context.Context, personID string) ([]*tend.Encounter, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids, err := queryStrings(ctx, tx, `SELECT e.id FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id
		WHERE m.person_id = ? ORDER BY e.created_at DESC, e.id DESC`, personID)
	if err != nil {
		return nil, fmt.Errorf("find encounters: %w", err)
	}
	out := make([]*tend.Encounter, 0, len(ids))
	for _, id := range ids {
		e, err := findEncounter(ctx, tx, personID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func queryStrings(ctx context.Context, tx *Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, tx.db.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// FindEncounter returns one of the person's encounters.
func (d *DB) FindEncounter(ctx context.Context, personID, id string) (*tend.Encounter, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findEncounter(ctx, tx, personID, id)
}

func findEncounter(ctx context.Context, tx *Tx, personID, id string) (*tend.Encounter, error) {
	var (
		circle                sql.NullString
		stage                 string
		kind, wrapped         []byte
		created, stageAt, rev int64
		e                     = &tend.Encounter{ID: id}
	)
	err := tx.queryRow(ctx, `SELECT e.circle_id, e.kind, e.wrapped, e.stage, e.created_at, e.stage_at, e.minutes, e.reveal_after, e.last_seq
		FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ? WHERE e.id = ?`, personID, id).
		Scan(&circle, &kind, &wrapped, &stage, &created, &stageAt, &e.Minutes, &rev, &e.LastSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEncounter()
	}
	if err != nil {
		return nil, fmt.Errorf("find encounter: %w", err)
	}
	dk, err := tx.db.openDataKey(id, wrapped)
	if err != nil {
		return nil, fmt.Errorf("encounter key: %w", err)
	}
	k, err := openPadded(dk, kind, encounterKindPlace(id))
	if err != nil {
		return nil, fmt.Errorf("encounter kind: %w", err)
	}
	e.CircleID, e.Kind = circle.String, tend.Kind(k)
	e.CreatedAt, e.StageAt, e.RevealAfter = fromMillis(created), fromMillis(stageAt), time.Duration(rev)*time.Millisecond
	e.Stage = tend.Timeline{Stage: tend.Stage(stage), Since: e.StageAt, RevealAfter: e.RevealAfter}.StageAt(tx.now)
	if e.CircleID != "" {
		var name, wrapped []byte
		if err := tx.queryRow(ctx, `SELECT name, wrapped FROM circles WHERE id = ?`, e.CircleID).Scan(&name, &wrapped); err != nil {
			return nil, fmt.Errorf("encounter circle: %w", err)
		}
		dk, err := tx.db.openDataKey(e.CircleID, wrapped)
		if err != nil {
			return nil, err
		}
		if e.CircleName, err = dk.OpenString(name, circleNamePlace(e.CircleID)); err != nil {
			return nil, fmt.Errorf("encounter circle name: %w", err)
		}
	}
	return e, findParticipants(ctx, tx, e)
}

func findParticipants(ctx context.Context, tx *Tx, e *tend.Encounter) error {
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT m.person_id, m.starter, m.checkin_at, m.confirmed_at, m.checkin, m.reflected_at,
		p.display_name, k.wrapped
		FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
		WHERE m.encounter_id = ? ORDER BY m.position, m.person_id`), e.ID)
	if err != nil {
		return fmt.Errorf("find encounter members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			m                               tend.Participant
			starter                         bool
			checkedIn, confirmed, reflected sql.NullInt64
			checkin, name, wrapped          []byte
		)
		if err := rows.Scan(&m.PersonID, &starter, &checkedIn, &confirmed, &checkin, &reflected, &name, &wrapped); err != nil {
			return fmt.Errorf("find encounter members: %w", err)
		}
		dk, err := tx.db.openDataKey(m.PersonID, wrapped)
		if err != nil {
			return fmt.Errorf("member %s: %w", m.PersonID, err)
		}
		if m.DisplayName, err = dk.OpenString(name, displayNamePlace(m.PersonID)); err != nil {
			return fmt.Errorf("member %s: display name: %w", m.PersonID, err)
		}
		if starter {
			e.CreatedBy = m.PersonID
		}
		m.Reflected = reflected.Valid
		if checkedIn.Valid {
			var r checkInRecord
			if err := openJSON(dk, checkin, memberPlace(e.ID, m.PersonID, "checkin"), &r); err != nil {
				return fmt.Errorf("member %s: check-in: %w", m.PersonID, err)
			}
			c := toCheckIn(r)
			c.Confirmed, c.UpdatedAt = confirmed.Valid, fromMillis(checkedIn.Int64)
			if confirmed.Valid {
				c.ConfirmedAt = fromMillis(confirmed.Int64)
			}
			m.CheckIn = c
		}
		e.Members = append(e.Members, &m)
	}
	return rows.Err()
}

// MoveEncounter moves the encounter on by one stage, if it is still at
// m.From, and announces it with a signal.
func (d *DB) MoveEncounter(ctx context.Context, personID, id string, m tend.Move) (*tend.Encounter, error) {
	from := m.From
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, err
	}
	var standing []*tend.Signal
	if from == tend.StageAfter { // only ending the aftercare asks who is not okay
		sigs, err := readSignals(ctx, tx, id, 0, 0)
		if err != nil {
			return nil, err
		}
		standing = tend.NotOkay(sigs)
	}
	to, err := h.CanMove(tx.now, m, standing)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`, string(to), millis(tx.now), id); err != nil {
		return nil, fmt.Errorf("move encounter: %w", err)
	}
	if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(to)}); err != nil {
		return nil, err
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// SaveCheckIn saves the person's check-in before the aftercare begins,
// sealed whole.
func (d *DB) SaveCheckIn(ctx context.Context, personID, id string, c *tend.CheckIn) (*tend.Encounter, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := h.CanCheckIn(tx.now); err != nil {
		return nil, err
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	var confirmed any
	ref := "saved"
	if c.Confirmed {
		confirmed, ref = millis(tx.now), "confirmed"
	}
	if _, err := tx.exec(ctx, `UPDATE encounter_members SET checkin_at = ?, confirmed_at = ?, checkin = ? WHERE encounter_id = ? AND person_id = ?`,
		millis(tx.now), confirmed, sealJSON(dk, checkInToRecord(c), memberPlace(id, personID, "checkin")), id, personID); err != nil {
		return nil, fmt.Errorf("save check-in: %w", err)
	}
	if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalCheckIn, Ref: ref}); err != nil {
		return nil, err
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// LeaveEncounter takes the person out with everything of theirs; the last
// one out deletes it.
func (d *DB) LeaveEncounter(ctx context.Context, personID, id string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := readHead(ctx, tx, personID, id, true); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM encounter_signals WHERE encounter_id = ? AND person_id = ?`, id, personID); err != nil {
		return fmt.Errorf("leave encounter: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM encounter_members WHERE encounter_id = ? AND person_id = ?`, id, personID); err != nil {
		return fmt.Errorf("leave encounter: %w", err)
	}
	if err := dropEmptyEncounters(ctx, tx, []string{id}); err != nil {
		return err
	}
	// Their screen of it closes; their other screens reconnect.
	tx.publish(ctx, tend.Event{SignedOut: personID})
	return tx.Commit()
}

// dropEmptyEncounters deletes those of the encounters nobody is in any
// more.
func dropEmptyEncounters(ctx context.Context, tx *Tx, ids []string) error {
	for _, id := range ids {
		if _, err := tx.exec(ctx, `DELETE FROM encounters WHERE id = ? AND NOT EXISTS
			(SELECT 1 FROM encounter_members m WHERE m.encounter_id = encounters.id)`, id); err != nil {
			return fmt.Errorf("drop empty encounters: %w", err)
		}
	}
	return nil
}

// personEncounters lists the encounters the person is in.
func personEncounters(ctx context.Context, tx *Tx, personID string) ([]string, error) {
	ids, err := queryStrings(ctx, tx, `SELECT encounter_id FROM encounter_members WHERE person_id = ?`, personID)
	if err != nil {
		return nil, fmt.Errorf("person's encounters: %w", err)
	}
	return ids, nil
}
