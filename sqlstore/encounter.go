package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
)

var _ tend.EncounterService = (*DB)(nil)

// errNoEncounter is the answer for an encounter that does not exist and
// for one the person is not in, alike.
func errNoEncounter() error { return tend.Errorf(tend.ENOTFOUND, "there is no such encounter") }

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
	others := slices.DeleteFunc(slices.Clone(members), func(m string) bool { return m == personID })
	if err := tx.notify(ctx, notice{kind: tend.NoticeStarted, event: "started", key: "started-" + e.ID, about: personID,
		path: "/encounters/" + e.ID}, others...); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// FindEncounters lists the person's encounters, newest first, in one
// snapshot and two queries, however many there are.
func (d *DB) FindEncounters(ctx context.Context, personID string) ([]*tend.Encounter, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readEncounters(ctx, tx, personID, "")
}

func queryStrings(ctx context.Context, tx *Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.query(ctx, q, args...)
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
	list, err := readEncounters(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errNoEncounter()
	}
	return list[0], nil
}

// changeEncounter runs change on the person's encounter in one write
// transaction, its row locked (so that its writers take turns), and
// returns the encounter as the person sees it afterwards. Someone not in
// it learns nothing but "no such encounter".
func (d *DB) changeEncounter(ctx context.Context, personID, id string, change func(*Tx, *tend.Timeline) error) (*tend.Encounter, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, err
	}
	if err := change(tx, h); err != nil {
		return nil, err
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// MoveEncounter moves the encounter on by one stage, if it is still at
// m.From, and announces it with a signal.
func (d *DB) MoveEncounter(ctx context.Context, personID, id string, m tend.Move) (*tend.Encounter, error) {
	from := m.From
	return d.changeEncounter(ctx, personID, id, func(tx *Tx, h *tend.Timeline) error {
		var standing []*tend.Signal
		if from == tend.StageAfter { // only ending the aftercare asks who is not okay
			sigs, err := readSignals(ctx, tx.db, tx, id, 0, 0)
			if err != nil {
				return err
			}
			standing = tend.NotOkay(sigs)
		}
		to, err := h.CanMove(tx.now, m, standing)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`, string(to), millis(tx.now), id); err != nil {
			return fmt.Errorf("move encounter: %w", err)
		}
		if _, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(to)}); err != nil {
			return err
		}
		if to != tend.StageAfter {
			return nil
		}
		// The aftercare begins: each member's follow-ups are scheduled in
		// the same transaction.
		e, err := findEncounter(ctx, tx, personID, id)
		if err != nil {
			return err
		}
		return scheduleFollowups(ctx, tx, e)
	})
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
	for _, q := range []string{
		`DELETE FROM drop_replies WHERE person_id = ? AND alert_id IN (SELECT id FROM drop_alerts WHERE encounter_id = ?)`,
		`DELETE FROM drop_alerts WHERE person_id = ? AND encounter_id = ?`,
		`DELETE FROM followups WHERE person_id = ? AND encounter_id = ?`,
	} {
		if _, err := tx.exec(ctx, q, personID, id); err != nil {
			return fmt.Errorf("leave encounter: %w", err)
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM encounter_members WHERE encounter_id = ? AND person_id = ?`, id, personID); err != nil {
		return fmt.Errorf("leave encounter: %w", err)
	}
	if err := dropEmptyEncounters(ctx, tx, []string{id}); err != nil {
		return err
	}
	// Their screen of it closes; their other screens reconnect.
	tx.publish(ctx, tend.Event{SignedOut: personID})
	if err := tx.Commit(); err != nil {
		return err
	}
	// What insights kept of its signals held theirs: gone from here too
	// (other nodes' copies are never read again: the count changed).
	d.facts.RemoveIf(func(k factsKey) bool { return k.id == id })
	d.opened.RemoveIf(func(k openedKey) bool { return k.owner == personID && strings.HasSuffix(k.place, "/"+id) })
	return nil
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
