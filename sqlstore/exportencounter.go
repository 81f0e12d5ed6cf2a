package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tendcare/tend"
)

// exportRow is one of the person's encounters with their own member row,
// as stored.
type exportRow struct {
	id                              string
	circle                          sql.NullString
	kind, wrapped                   []byte
	stage                           string
	created, stageAt, reveal        int64
	minutes                         int
	checkedIn, confirmed, reflected sql.NullInt64
	checkin, reflection, journal    []byte
	followupsOff                    bool
}

// exportEncounters adds every encounter the person is in, newest first,
// with their own check-in, reflection (journal and all) and the signals
// they sent. Only the person's own answers are read and opened: the other
// members appear by name.
func exportEncounters(ctx context.Context, tx *Tx, x *tend.Export) error {
	personID := x.Person.ID
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT e.id, e.circle_id, e.kind, e.wrapped, e.stage, e.created_at, e.stage_at,
		e.minutes, e.reveal_after, m.checkin_at, m.confirmed_at, m.checkin, m.reflected_at, m.reflection, m.journal, m.followups_off
		FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ?
		ORDER BY e.created_at DESC, e.id DESC`, personID)
	if err != nil {
		return fmt.Errorf("encounters: %w", err)
	}
	var found []exportRow
	for rows.Next() {
		var r exportRow
		if err := rows.Scan(&r.id, &r.circle, &r.kind, &r.wrapped, &r.stage, &r.created, &r.stageAt, &r.minutes, &r.reveal,
			&r.checkedIn, &r.confirmed, &r.checkin, &r.reflected, &r.reflection, &r.journal, &r.followupsOff); err != nil {
			rows.Close()
			return fmt.Errorf("encounters: %w", err)
		}
		found = append(found, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("encounters: %w", err)
	}
	x.Encounters = make([]tend.ExportEncounter, 0, len(found))
	for _, r := range found {
		e, err := exportEncounter(ctx, tx, personID, r)
		if err != nil {
			return err
		}
		if r.checkedIn.Valid {
			var rec checkInRecord
			if err := openJSON(dk, r.checkin, memberPlace(r.id, personID, "checkin"), &rec); err != nil {
				return fmt.Errorf("encounter %s: check-in: %w", r.id, err)
			}
			c := toCheckIn(rec)
			e.CheckIn = &tend.ExportCheckIn{Mood: c.Mood, Energy: c.Energy, Limits: c.Limits, Triggers: c.Triggers,
				Safeword: c.Safeword, Needs: nonNil(c.Needs), Confirmed: r.confirmed.Valid, UpdatedAt: fromMillis(r.checkedIn.Int64)}
			if r.confirmed.Valid {
				t := fromMillis(r.confirmed.Int64)
				e.CheckIn.ConfirmedAt = &t
			}
		}
		if r.reflected.Valid {
			refl := tend.Reflection{PersonID: personID}
			if err := openReflection(dk, r.id, &refl, r.reflection, r.journal, true); err != nil {
				return err
			}
			e.Reflection = &tend.ExportReflection{Mood: refl.Mood, Emotions: nonNil(refl.Emotions), Helped: nonNil(refl.Helped),
				Missing: refl.Missing, Favourite: refl.Favourite, Note: refl.Note, Journal: refl.Journal, At: fromMillis(r.reflected.Int64)}
		}
		if e.Signals, err = exportSignals(ctx, tx, personID, r.id); err != nil {
			return err
		}
		e.FollowupsOff = r.followupsOff
		if e.Followups, err = exportFollowups(ctx, tx, personID, r.id); err != nil {
			return err
		}
		if e.DropAlerts, e.DropReplies, err = exportDrops(ctx, tx, personID, r.id); err != nil {
			return err
		}
		x.Encounters = append(x.Encounters, *e)
	}
	return nil
}

// exportEncounter opens the encounter's own parts (its kind, its circle's
// name) and lists who took part, by name.
func exportEncounter(ctx context.Context, tx *Tx, personID string, r exportRow) (*tend.ExportEncounter, error) {
	ek, err := tx.db.openDataKey(r.id, r.wrapped)
	if err != nil {
		return nil, fmt.Errorf("encounter key: %w", err)
	}
	kind, err := openPadded(ek, r.kind, encounterKindPlace(r.id))
	if err != nil {
		return nil, fmt.Errorf("encounter kind: %w", err)
	}
	h := tend.Timeline{Stage: tend.Stage(r.stage), Since: fromMillis(r.stageAt), RevealAfter: time.Duration(r.reveal) * time.Millisecond}
	e := &tend.ExportEncounter{ID: r.id, CircleID: r.circle.String, Kind: tend.Kind(kind), Stage: h.StageAt(tx.now),
		CreatedAt: fromMillis(r.created), StageAt: h.Since, Minutes: r.minutes, RevealAfterMinutes: int(h.RevealAfter / time.Minute),
		Members: []tend.ExportEncounterMember{}}
	if e.CircleID != "" {
		var name, wrapped []byte
		if err := tx.queryRow(ctx, `SELECT name, wrapped FROM circles WHERE id = ?`, e.CircleID).Scan(&name, &wrapped); err != nil {
			return nil, fmt.Errorf("encounter circle: %w", err)
		}
		ck, err := tx.db.openDataKey(e.CircleID, wrapped)
		if err != nil {
			return nil, err
		}
		if e.CircleName, err = ck.OpenString(name, circleNamePlace(e.CircleID)); err != nil {
			return nil, fmt.Errorf("encounter circle name: %w", err)
		}
	}
	rows, err := tx.query(ctx, `SELECT m.person_id, m.starter, p.display_name, k.wrapped
		FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
		WHERE m.encounter_id = ? ORDER BY m.position, m.person_id`, r.id)
	if err != nil {
		return nil, fmt.Errorf("encounter members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			m             tend.ExportEncounterMember
			starter       bool
			name, wrapped []byte
		)
		if err := rows.Scan(&m.PersonID, &starter, &name, &wrapped); err != nil {
			return nil, fmt.Errorf("encounter members: %w", err)
		}
		mk, err := tx.db.openDataKey(m.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		if m.DisplayName, err = mk.OpenString(name, displayNamePlace(m.PersonID)); err != nil {
			return nil, fmt.Errorf("encounter member %s: display name: %w", m.PersonID, err)
		}
		if starter {
			e.CreatedBy = m.PersonID
		}
		e.Members = append(e.Members, m)
	}
	return e, rows.Err()
}

// exportSignals lists the signals the person sent in the encounter,
// oldest first; nobody else's are read.
func exportSignals(ctx context.Context, tx *Tx, personID, encounterID string) ([]tend.ExportSignal, error) {
	rows, err := tx.query(ctx, signalColumns+` WHERE s.encounter_id = ? AND s.person_id = ? ORDER BY s.seq`,
		encounterID, personID)
	if err != nil {
		return nil, fmt.Errorf("signals: %w", err)
	}
	defer rows.Close()
	out := []tend.ExportSignal{}
	for rows.Next() {
		s, err := scanSignal(tx.db, encounterID, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, tend.ExportSignal{Seq: s.Seq, Kind: s.Kind, Text: s.Text, Ref: s.Ref, At: s.At})
	}
	return out, rows.Err()
}

// nonNil makes a missing list an empty one, so that the export shows [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// exportFollowups lists the person's follow-ups after the encounter, with
// their answers.
func exportFollowups(ctx context.Context, tx *Tx, personID, encounterID string) ([]tend.ExportFollowup, error) {
	fs, err := findFollowups(ctx, tx, `WHERE f.person_id = ? AND f.encounter_id = ? ORDER BY f.due_at, f.id`, personID, encounterID)
	if err != nil {
		return nil, err
	}
	out := make([]tend.ExportFollowup, 0, len(fs))
	for _, f := range fs {
		x := tend.ExportFollowup{ID: f.ID, AfterMinutes: int(f.After / time.Minute), Due: f.Due, State: f.State, Answer: f.Answer, Words: f.Words}
		if !f.AnsweredAt.IsZero() {
			at := f.AnsweredAt
			x.AnsweredAt = &at
		}
		out = append(out, x)
	}
	return out, nil
}

// exportDrops lists the alerts the person raised after the encounter, and
// their one-tap answers to the others'.
func exportDrops(ctx context.Context, tx *Tx, personID, encounterID string) ([]tend.ExportDropAlert, []tend.ExportDropReply, error) {
	all, err := readDropAlerts(ctx, tx, dropAlertsSeen+` AND a.encounter_id = ?`, personID, int64(0), encounterID)
	if err != nil {
		return nil, nil, err
	}
	alerts, replies := []tend.ExportDropAlert{}, []tend.ExportDropReply{}
	for i := len(all) - 1; i >= 0; i-- { // oldest first
		a := all[i]
		if a.PersonID == personID {
			alerts = append(alerts, tend.ExportDropAlert{ID: a.ID, Answer: a.Answer, FollowupID: a.FollowupID, At: a.At})
		}
		for _, r := range a.Replies {
			if r.PersonID == personID {
				replies = append(replies, tend.ExportDropReply{AlertID: a.ID, Kind: r.Kind, At: r.At})
			}
		}
	}
	return alerts, replies, nil
}
