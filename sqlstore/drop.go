package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.DropService = (*DB)(nil)

func errNoDropAlert() error { return tend.Errorf(tend.ENOTFOUND, "there is no such alert") }

// dropPlace is where an alert's answer is sealed, with the teller's key;
// dropReplyPlace where a one-tap answer is, with the answerer's.
func dropPlace(id, personID string) seal.Place {
	return seal.Place{Table: "drop_alerts", Column: "body", Row: id, Owner: personID}
}

func dropReplyPlace(alertID string, seq int, personID string) seal.Place {
	return seal.Place{Table: "drop_replies", Column: "body", Row: alertID + "/" + strconv.Itoa(seq), Owner: personID}
}

type dropRecord struct {
	Answer string `json:"a,omitempty"`
}

type dropReplyRecord struct {
	Kind string `json:"k"`
}

// raiseDrop tells the encounter's other members, in tx, of the person's
// low time: from the follow-up's answer, or "I'm in a low place" when
// followupID is "".
func raiseDrop(ctx context.Context, tx *Tx, personID, encounterID, followupID string, answer tend.FollowupAnswer) (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", err
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return "", err
	}
	var fid any
	if followupID != "" {
		fid = followupID
	}
	if _, err := tx.exec(ctx, `INSERT INTO drop_alerts (id, encounter_id, person_id, followup_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id.String(), encounterID, personID, fid, sealJSON(dk, dropRecord{Answer: string(answer)}, dropPlace(id.String(), personID)), millis(tx.now)); err != nil {
		return "", formatError(fmt.Errorf("drop alert: %w", err), "you have told them of this one already")
	}
	members, err := encounterMembers(ctx, tx, encounterID)
	if err != nil {
		return "", err
	}
	tx.tellInbox(ctx, members...)
	// "A bit low" is low; "I could use some care" and "I'm in a low
	// place" ask for care.
	event := "care"
	if answer == tend.FollowupLow {
		event = "low"
	}
	others := slices.DeleteFunc(slices.Clone(members), func(m string) bool { return m == personID })
	err = tx.notify(ctx, notice{kind: tend.NoticeAlert, event: event, key: "alert-" + id.String(), about: personID, path: "/#drops-h"}, others...)
	return id.String(), err
}

// dropTell reads whom the person's low answers tell.
func dropTell(ctx context.Context, tx *Tx, personID string) (tend.DropTell, error) {
	r, err := prefsRecord(ctx, tx, personID)
	if err != nil {
		return "", err
	}
	if t := tend.DropTell(r.Tell); t.Valid() {
		return t, nil
	}
	return tend.DefaultDropTell, nil
}

// TellDrop tells the others of a low answer the person gave.
func (d *DB) TellDrop(ctx context.Context, personID, followupID string) (*tend.DropAlert, error) {
	return write(ctx, d, func(tx *Tx) (*tend.DropAlert, error) {
		f, err := findFollowup(ctx, tx, personID, followupID)
		if err != nil {
			return nil, err
		}
		if f.State != tend.FollowupAnswered || !f.Answer.Low() {
			return nil, tend.Errorf(tend.ECONFLICT, "only an answer of a bit low or could use some care is told to the others")
		}
		tell, err := dropTell(ctx, tx, personID)
		if err != nil {
			return nil, err
		}
		if tell == tend.DropTellNever {
			return nil, tend.Errorf(tend.ECONFLICT, "you chose never to tell them; you can change that in your settings")
		}
		id, err := raiseDrop(ctx, tx, personID, f.EncounterID, f.ID, f.Answer)
		if err != nil {
			return nil, err
		}
		return findDropAlert(ctx, tx, personID, id)
	})
}

// RaiseLow tells the others "I'm in a low place".
func (d *DB) RaiseLow(ctx context.Context, personID, encounterID string) (*tend.DropAlert, error) {
	return write(ctx, d, func(tx *Tx) (*tend.DropAlert, error) {
		if _, err := readHead(ctx, tx, personID, encounterID, true); err != nil {
			return nil, err
		}
		var created int64
		if err := tx.queryRow(ctx, `SELECT created_at FROM encounters WHERE id = ?`, encounterID).Scan(&created); err != nil {
			return nil, fmt.Errorf("low place: %w", err)
		}
		if err := tend.CanRaiseLow(fromMillis(created), tx.now); err != nil {
			return nil, err
		}
		id, err := raiseDrop(ctx, tx, personID, encounterID, "", "")
		if err != nil {
			return nil, err
		}
		return findDropAlert(ctx, tx, personID, id)
	})
}

// dropAlertsSeen picks the alerts a member sees: those of their
// encounters since a time (arguments: the member, since).
const dropAlertsSeen = `JOIN encounter_members m ON m.encounter_id = a.encounter_id AND m.person_id = ?
	WHERE a.created_at >= ?`

// FindDropAlerts lists the alerts the person sees from the last
// LowPlaceDays, newest first, in two queries.
func (d *DB) FindDropAlerts(ctx context.Context, personID string) ([]*tend.DropAlert, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	since := millis(tx.now.Add(-tend.LowPlaceDays * 24 * time.Hour))
	out, err := readDropAlerts(ctx, tx, dropAlertsSeen, personID, since)
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// findDropAlert reads one alert the person sees, however old.
func findDropAlert(ctx context.Context, tx *Tx, personID, id string) (*tend.DropAlert, error) {
	out, err := readDropAlerts(ctx, tx, dropAlertsSeen+` AND a.id = ?`, personID, int64(0), id)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errNoDropAlert()
	}
	return out[0], nil
}

// readDropAlerts reads the alerts where picks, newest first, with their
// replies, oldest first.
func readDropAlerts(ctx context.Context, tx *Tx, where string, args ...any) ([]*tend.DropAlert, error) {
	rows, err := tx.query(ctx, `SELECT a.id, a.encounter_id, a.person_id, a.followup_id, a.body, a.created_at, p.display_name, k.wrapped
		FROM drop_alerts a JOIN people p ON p.id = a.person_id JOIN data_keys k ON k.person_id = a.person_id `+where+`
		ORDER BY a.created_at DESC, a.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("drop alerts: %w", err)
	}
	var out []*tend.DropAlert
	byID := map[string]*tend.DropAlert{}
	for rows.Next() {
		var (
			a                   tend.DropAlert
			fid                 sql.NullString
			body, name, wrapped []byte
			at                  int64
		)
		if err := rows.Scan(&a.ID, &a.EncounterID, &a.PersonID, &fid, &body, &at, &name, &wrapped); err != nil {
			rows.Close()
			return nil, fmt.Errorf("drop alerts: %w", err)
		}
		dk, err := tx.db.openDataKey(a.PersonID, wrapped)
		if err != nil {
			rows.Close()
			return nil, err
		}
		var r dropRecord
		if err := openJSON(dk, body, dropPlace(a.ID, a.PersonID), &r); err != nil {
			rows.Close()
			return nil, fmt.Errorf("drop alert %s: %w", a.ID, err)
		}
		if a.DisplayName, err = dk.OpenString(name, displayNamePlace(a.PersonID)); err != nil {
			rows.Close()
			return nil, fmt.Errorf("drop alert %s: %w", a.ID, err)
		}
		a.Answer, a.FollowupID, a.At, a.Replies = tend.FollowupAnswer(r.Answer), fid.String, fromMillis(at), []*tend.DropReply{}
		out = append(out, &a)
		byID[a.ID] = &a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("drop alerts: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err = tx.query(ctx, `SELECT r.alert_id, r.person_id, r.seq, r.body, r.created_at, p.display_name, k.wrapped
		FROM drop_replies r JOIN people p ON p.id = r.person_id JOIN data_keys k ON k.person_id = r.person_id
		WHERE r.alert_id IN (SELECT a.id FROM drop_alerts a `+where+`) ORDER BY r.alert_id, r.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("drop replies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			alertID             string
			rp                  tend.DropReply
			seq                 int
			body, name, wrapped []byte
			at                  int64
		)
		if err := rows.Scan(&alertID, &rp.PersonID, &seq, &body, &at, &name, &wrapped); err != nil {
			return nil, fmt.Errorf("drop replies: %w", err)
		}
		dk, err := tx.db.openDataKey(rp.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		var r dropReplyRecord
		if err := openJSON(dk, body, dropReplyPlace(alertID, seq, rp.PersonID), &r); err != nil {
			return nil, fmt.Errorf("drop reply: %w", err)
		}
		if rp.DisplayName, err = dk.OpenString(name, displayNamePlace(rp.PersonID)); err != nil {
			return nil, fmt.Errorf("drop reply: %w", err)
		}
		rp.Kind, rp.At = tend.DropReplyKind(r.Kind), fromMillis(at)
		if a := byID[alertID]; a != nil {
			a.Replies = append(a.Replies, &rp)
		}
	}
	return out, rows.Err()
}

// ReplyDrop answers another's alert with one tap.
func (d *DB) ReplyDrop(ctx context.Context, personID, alertID string, kind tend.DropReplyKind) (*tend.DropAlert, error) {
	return write(ctx, d, func(tx *Tx) (*tend.DropAlert, error) {
		a, err := findDropAlert(ctx, tx, personID, alertID)
		if err != nil {
			return nil, err
		}
		switch {
		case !kind.Valid():
			return nil, tend.FieldErrorf("kind", "answer with thinking (Thinking of you), call (I'll call you) or coming (Coming over)")
		case a.PersonID == personID:
			return nil, tend.Errorf(tend.ECONFLICT, "this is your own; the others answer it")
		case tx.now.Sub(a.At) > tend.LowPlaceDays*24*time.Hour:
			return nil, tend.Errorf(tend.ECONFLICT, "this was more than %d days ago; reach them another way if you would like to", tend.LowPlaceDays)
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return nil, err
		}
		seq := len(a.Replies) + 1
		if _, err := tx.exec(ctx, `INSERT INTO drop_replies (alert_id, person_id, seq, body, created_at) VALUES (?, ?, ?, ?, ?)`,
			alertID, personID, seq, sealJSON(dk, dropReplyRecord{Kind: string(kind)}, dropReplyPlace(alertID, seq, personID)), millis(tx.now)); err != nil {
			return nil, fmt.Errorf("drop reply: %w", err)
		}
		tx.tellInbox(ctx, a.PersonID, personID)
		if err := tx.notify(ctx, notice{kind: tend.NoticeAlert, event: "replied", key: fmt.Sprintf("reply-%s-%d", alertID, seq),
			about: personID, path: "/#drops-h"}, a.PersonID); err != nil {
			return nil, err
		}
		return findDropAlert(ctx, tx, personID, alertID)
	})
}

// FindDropTell reads whom the person's low answers tell.
func (d *DB) FindDropTell(ctx context.Context, personID string) (tend.DropTell, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return dropTell(ctx, tx, personID)
}

// SetDropTell changes it, keeping the rest of the person's choices.
func (d *DB) SetDropTell(ctx context.Context, personID string, t tend.DropTell) error {
	if !t.Valid() {
		return tend.FieldErrorf("drop_tell", "choose auto (tell them at once), ask (ask me each time) or never")
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := prefsRecord(ctx, tx, personID)
	if err != nil {
		return err
	}
	r.Tell = string(t)
	if err := writePrefs(ctx, tx, personID, r); err != nil {
		return err
	}
	return tx.Commit()
}
