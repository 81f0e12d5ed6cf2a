package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tendcare/tend"
)

// A list of encounters is read in a fixed number of queries however long
// it is: the encounters with their circles in one, every member of them
// in another (never a query per encounter). testNoNPlusOne counts them.

// encounterSelect reads the encounters the person (the argument) is in,
// with their circle's sealed name and key.
const encounterSelect = `SELECT e.id, e.circle_id, e.kind, e.wrapped, e.stage, e.created_at, e.stage_at, e.minutes, e.reveal_after,
	e.last_seq, c.name, c.wrapped
	FROM encounters e JOIN encounter_members me ON me.encounter_id = e.id AND me.person_id = ?
	LEFT JOIN circles c ON c.id = e.circle_id`

// memberSelect reads every member of the encounters the person (the
// argument) is in.
const memberSelect = `SELECT m.encounter_id, m.person_id, m.starter, m.checkin_at, m.confirmed_at, m.checkin, m.reflected_at,
	p.display_name, k.wrapped
	FROM encounter_members me JOIN encounter_members m ON m.encounter_id = me.encounter_id
	JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
	WHERE me.person_id = ?`

// readEncounters reads the person's encounters, newest first, or only
// the one with the id onlyID when it is not "" (none, if the person is
// not in it): two queries either way.
func readEncounters(ctx context.Context, tx *Tx, personID, onlyID string) ([]*tend.Encounter, error) {
	q, args := encounterSelect+` ORDER BY e.created_at DESC, e.id DESC`, []any{personID}
	mq := memberSelect + ` ORDER BY m.encounter_id, m.position, m.person_id`
	if onlyID != "" {
		q, args = encounterSelect+` WHERE e.id = ?`, []any{personID, onlyID}
		mq = memberSelect + ` AND me.encounter_id = ? ORDER BY m.position, m.person_id`
	}
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find encounters: %w", err)
	}
	out := []*tend.Encounter{}
	byID := map[string]*tend.Encounter{}
	for rows.Next() {
		e, err := scanEncounter(tx, rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
		byID[e.ID] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find encounters: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := readMembers(ctx, tx, byID, mq, args...); err != nil {
		return nil, err
	}
	return out, nil
}

// scanEncounter reads one row of encounterSelect, opening its kind and
// its circle's name.
func scanEncounter(tx *Tx, rows *sql.Rows) (*tend.Encounter, error) {
	var (
		circle                     sql.NullString
		stage                      string
		kind, wrapped, cname, ckey []byte
		created, stageAt, rev      int64
		e                          = &tend.Encounter{}
	)
	if err := rows.Scan(&e.ID, &circle, &kind, &wrapped, &stage, &created, &stageAt, &e.Minutes, &rev, &e.LastSeq, &cname, &ckey); err != nil {
		return nil, fmt.Errorf("find encounter: %w", err)
	}
	dk, err := tx.db.openDataKey(e.ID, wrapped)
	if err != nil {
		return nil, fmt.Errorf("encounter key: %w", err)
	}
	k, err := openPadded(dk, kind, encounterKindPlace(e.ID))
	if err != nil {
		return nil, fmt.Errorf("encounter kind: %w", err)
	}
	e.CircleID, e.Kind = circle.String, tend.Kind(k)
	e.CreatedAt, e.StageAt, e.RevealAfter = fromMillis(created), fromMillis(stageAt), time.Duration(rev)*time.Millisecond
	e.Stage = tend.Timeline{Stage: tend.Stage(stage), Since: e.StageAt, RevealAfter: e.RevealAfter}.StageAt(tx.now)
	if e.CircleID != "" {
		if cname == nil {
			return nil, fmt.Errorf("encounter circle: %w", sql.ErrNoRows)
		}
		cdk, err := tx.db.openDataKey(e.CircleID, ckey)
		if err != nil {
			return nil, err
		}
		if e.CircleName, err = cdk.OpenString(cname, circleNamePlace(e.CircleID)); err != nil {
			return nil, fmt.Errorf("encounter circle name: %w", err)
		}
	}
	return e, nil
}

// readMembers reads the members of the encounters in byID by the query
// q (memberSelect, ordered) and adds each to its encounter.
func readMembers(ctx context.Context, tx *Tx, byID map[string]*tend.Encounter, q string, args ...any) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("find encounter members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			eid                             string
			m                               tend.Participant
			starter                         bool
			checkedIn, confirmed, reflected sql.NullInt64
			checkin, name, wrapped          []byte
		)
		if err := rows.Scan(&eid, &m.PersonID, &starter, &checkedIn, &confirmed, &checkin, &reflected, &name, &wrapped); err != nil {
			return fmt.Errorf("find encounter members: %w", err)
		}
		e := byID[eid]
		if e == nil {
			continue
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

// idSet is SQL for the set of strings that one argument holds as a JSON
// array (see idsArg), for `x IN (` + idSet() + `)`: one statement however
// many there are, prepared once, and never more arguments than a driver
// takes.
func (d *DB) idSet() string {
	if d.dialect == Postgres {
		return `SELECT jsonb_array_elements_text(CAST(CAST(? AS TEXT) AS JSONB))`
	}
	return `SELECT value FROM json_each(?)`
}

// idsArg is the argument for idSet.
func idsArg(ids []string) string {
	if len(ids) == 0 {
		return "[]"
	}
	b, err := json.Marshal(ids)
	if err != nil {
		panic("sqlstore: ids: " + err.Error()) // strings always marshal
	}
	return string(b)
}
