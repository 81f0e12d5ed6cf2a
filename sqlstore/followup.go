package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.FollowupService = (*DB)(nil)

// Planner makes an encounter's plan from its cards (cmd/tend gives
// plan.Make with the catalog): the store schedules the plan's follow-ups
// when the aftercare begins.
type Planner func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error)

// SetPlanner sets the planner; without one, no follow-ups are scheduled.
// Set it before the store is used.
func (d *DB) SetPlanner(p Planner) { d.planner = p }

func errNoFollowup() error { return tend.Errorf(tend.ENOTFOUND, "there is no such follow-up") }

// followupPlace is where a follow-up's answer is sealed, with its
// person's key.
func followupPlace(id, personID string) seal.Place {
	return seal.Place{Table: "followups", Column: "answer", Row: id, Owner: personID}
}

// followupPrefsPlace is where a person's follow-up preferences are sealed.
func followupPrefsPlace(personID string) seal.Place {
	return seal.Place{Table: "people", Column: "followup_prefs", Row: personID, Owner: personID}
}

type followupAnswerRecord struct {
	Answer string `json:"a"`
	Words  string `json:"w,omitempty"`
}

type followupPrefsRecord struct {
	Off         bool     `json:"off,omitempty"`
	AfterGentle bool     `json:"gentle,omitempty"`
	OffCircles  []string `json:"circles,omitempty"`
	// Tell is whom a low answer tells (tend.DropTell; "" until chosen).
	Tell string `json:"tell,omitempty"`
}

// prefsRecord reads the person's sealed choices about follow-ups.
func prefsRecord(ctx context.Context, tx *Tx, personID string) (*followupPrefsRecord, error) {
	var b, wrapped []byte
	err := tx.queryRow(ctx, `SELECT p.followup_prefs, k.wrapped FROM people p JOIN data_keys k ON k.person_id = p.id WHERE p.id = ?`,
		personID).Scan(&b, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPerson()
	}
	if err != nil {
		return nil, fmt.Errorf("follow-up preferences: %w", err)
	}
	r := &followupPrefsRecord{}
	if len(b) == 0 {
		return r, nil
	}
	dk, err := tx.db.openDataKey(personID, wrapped)
	if err != nil {
		return nil, err
	}
	if err := openJSON(dk, b, followupPrefsPlace(personID), r); err != nil {
		return nil, fmt.Errorf("follow-up preferences: %w", err)
	}
	return r, nil
}

// writePrefs seals and stores the person's choices.
func writePrefs(ctx context.Context, tx *Tx, personID string, r *followupPrefsRecord) error {
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE people SET followup_prefs = ? WHERE id = ?`, sealJSON(dk, r, followupPrefsPlace(personID)), personID); err != nil {
		return fmt.Errorf("follow-up preferences: %w", err)
	}
	return nil
}

// scheduleFollowups schedules, in the transaction that begins the
// aftercare, each member's follow-ups: the plan's, in the member's time
// zone, out of their quiet hours, as they chose (tend.ScheduleFollowups);
// each a row, and a job for when it is due.
func scheduleFollowups(ctx context.Context, tx *Tx, e *tend.Encounter) error {
	if tx.db.planner == nil {
		return nil
	}
	var jobs []tend.Job
	for _, m := range e.Members {
		in, err := followupInput(ctx, tx, e, m)
		if err != nil {
			return err
		}
		ats, err := tend.ScheduleFollowups(in)
		if err != nil {
			return err
		}
		for _, at := range ats {
			id, err := uuid.NewV7()
			if err != nil {
				return err
			}
			res, err := tx.exec(ctx, `INSERT INTO followups (id, encounter_id, person_id, after_ms, due_at, state, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (encounter_id, person_id, after_ms) DO NOTHING`,
				id.String(), e.ID, m.PersonID, at.After.Milliseconds(), millis(at.Due), string(tend.FollowupScheduled), millis(tx.now))
			if err != nil {
				return fmt.Errorf("schedule follow-up: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // scheduled before
			}
			jobs = append(jobs, tend.Job{Kind: tend.JobFollowup, Ref: id.String(), At: at.Due})
		}
	}
	return tx.schedule(ctx, jobs...) // in one go: the queue's inserts cost most
}

// followupInput gathers what scheduling one member's follow-ups needs:
// the plan as they see it, their time zone, quiet hours and choices.
func followupInput(ctx context.Context, tx *Tx, e *tend.Encounter, m *tend.Participant) (tend.FollowupInput, error) {
	var in tend.FollowupInput
	ec, err := encounterCards(ctx, tx, m.PersonID, e)
	if err != nil {
		return in, err
	}
	pl, err := tx.db.planner(ec.Cards, ec.Kind)
	if err != nil {
		return in, err
	}
	var (
		zone       string
		qs, qe     sql.NullInt64
		prefs      []byte
		wrapped    []byte
		off        bool
		circleGone = ec.Kind == tend.Solo && !e.Solo()
	)
	if err := tx.queryRow(ctx, `SELECT p.time_zone, p.quiet_start, p.quiet_end, p.followup_prefs, k.wrapped, m.followups_off
		FROM people p JOIN data_keys k ON k.person_id = p.id JOIN encounter_members m ON m.person_id = p.id AND m.encounter_id = ?
		WHERE p.id = ?`, e.ID, m.PersonID).Scan(&zone, &qs, &qe, &prefs, &wrapped, &off); err != nil {
		return in, fmt.Errorf("follow-ups of %s: %w", m.PersonID, err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	dk, err := tx.db.openDataKey(m.PersonID, wrapped)
	if err != nil {
		return in, err
	}
	p, err := openPrefs(dk, m.PersonID, prefs)
	if err != nil {
		return in, err
	}
	in = tend.FollowupInput{Start: tx.now, Kind: ec.Kind, CircleID: e.CircleID, Followups: pl.Followups,
		Name: m.DisplayName, Loc: loc, Prefs: *p, EncounterOff: off}
	if circleGone {
		in.CircleID = ""
	}
	if qs.Valid && qe.Valid && qs.Int64 >= 0 && qe.Int64 >= 0 {
		in.Quiet = &tend.QuietHours{Start: int(qs.Int64), End: int(qe.Int64)}
	}
	return in, nil
}

func openPrefs(dk *seal.DataKey, personID string, b []byte) (*tend.FollowupPrefs, error) {
	p := &tend.FollowupPrefs{}
	if len(b) == 0 {
		return p, nil
	}
	var r followupPrefsRecord
	if err := openJSON(dk, b, followupPrefsPlace(personID), &r); err != nil {
		return nil, fmt.Errorf("follow-up preferences: %w", err)
	}
	p.Off, p.AfterGentle, p.OffCircles = r.Off, r.AfterGentle, r.OffCircles
	return p, nil
}

const followupColumns = `f.id, f.encounter_id, f.person_id, f.after_ms, f.due_at, f.state, f.answer, f.answered_at, f.created_at, k.wrapped
	FROM followups f JOIN data_keys k ON k.person_id = f.person_id`

func scanFollowup(tx *Tx, rows interface{ Scan(...any) error }) (*tend.FollowupItem, error) {
	var (
		f                   tend.FollowupItem
		after, due, created int64
		state               string
		answer, wrapped     []byte
		answered            sql.NullInt64
	)
	if err := rows.Scan(&f.ID, &f.EncounterID, &f.PersonID, &after, &due, &state, &answer, &answered, &created, &wrapped); err != nil {
		return nil, err
	}
	f.After, f.Due, f.Since, f.State = time.Duration(after)*time.Millisecond, fromMillis(due), fromMillis(created), tend.FollowupState(state)
	if answered.Valid {
		f.AnsweredAt = fromMillis(answered.Int64)
	}
	if len(answer) > 0 {
		dk, err := tx.db.openDataKey(f.PersonID, wrapped)
		if err != nil {
			return nil, err
		}
		var r followupAnswerRecord
		if err := openJSON(dk, answer, followupPlace(f.ID, f.PersonID), &r); err != nil {
			return nil, fmt.Errorf("follow-up %s: %w", f.ID, err)
		}
		f.Answer, f.Words = tend.FollowupAnswer(r.Answer), r.Words
	}
	return &f, nil
}

// FindFollowups lists the person's due follow-ups, earliest first.
func (d *DB) FindFollowups(ctx context.Context, personID string) ([]*tend.FollowupItem, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := findFollowups(ctx, tx, `WHERE f.person_id = ? AND f.state = ? ORDER BY f.due_at, f.id`, personID, string(tend.FollowupDue))
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

func findFollowups(ctx context.Context, tx *Tx, where string, args ...any) ([]*tend.FollowupItem, error) {
	rows, err := tx.query(ctx, `SELECT `+followupColumns+` `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("find follow-ups: %w", err)
	}
	defer rows.Close()
	out := []*tend.FollowupItem{}
	for rows.Next() {
		f, err := scanFollowup(tx, rows)
		if err != nil {
			return nil, fmt.Errorf("find follow-ups: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindFollowup returns one of the person's follow-ups.
func (d *DB) FindFollowup(ctx context.Context, personID, id string) (*tend.FollowupItem, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findFollowup(ctx, tx, personID, id)
}

func findFollowup(ctx context.Context, tx *Tx, personID, id string) (*tend.FollowupItem, error) {
	q, args := `SELECT `+followupColumns+` WHERE f.id = ?`, []any{id}
	if personID != "" {
		q, args = q+` AND f.person_id = ?`, append(args, personID)
	}
	f, err := scanFollowup(tx, tx.queryRow(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoFollowup()
	}
	if err != nil {
		return nil, fmt.Errorf("find follow-up: %w", err)
	}
	return f, nil
}

// changeFollowup runs change on the person's follow-up in one write
// transaction and returns it as it is afterwards.
func (d *DB) changeFollowup(ctx context.Context, personID, id string, change func(*Tx, *tend.FollowupItem) error) (*tend.FollowupItem, error) {
	return write(ctx, d, func(tx *Tx) (*tend.FollowupItem, error) {
		f, err := findFollowup(ctx, tx, personID, id)
		if err != nil {
			return nil, err
		}
		if err := change(tx, f); err != nil {
			return nil, err
		}
		if f, err = findFollowup(ctx, tx, personID, id); err != nil {
			return nil, err
		}
		tx.tellInbox(ctx, personID)
		return f, nil
	})
}

// AnswerFollowup records the answer, sealed whole.
func (d *DB) AnswerFollowup(ctx context.Context, personID, id string, r *tend.FollowupReply) (*tend.FollowupItem, error) {
	return d.changeFollowup(ctx, personID, id, func(tx *Tx, f *tend.FollowupItem) error {
		if err := r.Validate(); err != nil {
			return err
		}
		if err := f.CanAnswer(); err != nil {
			return err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE followups SET state = ?, answer = ?, answered_at = ? WHERE id = ?`,
			string(tend.FollowupAnswered), sealJSON(dk, followupAnswerRecord{Answer: string(r.Answer), Words: r.Words}, followupPlace(id, personID)),
			millis(tx.now), id); err != nil {
			return err
		}
		if !r.Answer.Low() {
			return nil
		}
		// A low answer tells the others at once when the person chose so
		// beforehand; "ask" leaves it to TellDrop, "never" to nobody.
		tell, err := dropTell(ctx, tx, personID)
		if err != nil || tell != tend.DropTellAuto {
			return err
		}
		_, err = raiseDrop(ctx, tx, personID, f.EncounterID, id, r.Answer)
		return err
	})
}

// SnoozeFollowup moves the follow-up to until, with a job for then.
func (d *DB) SnoozeFollowup(ctx context.Context, personID, id string, until time.Time) (*tend.FollowupItem, error) {
	return d.changeFollowup(ctx, personID, id, func(tx *Tx, f *tend.FollowupItem) error {
		if err := f.CanSnooze(tx.now, until); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE followups SET state = ?, due_at = ? WHERE id = ?`,
			string(tend.FollowupScheduled), millis(until), id); err != nil {
			return err
		}
		return tx.schedule(ctx, tend.Job{Kind: tend.JobFollowup, Ref: id, At: until})
	})
}

// MakeFollowupDue puts the follow-up in its person's inbox, if its time
// has come and it still waits.
func (d *DB) MakeFollowupDue(ctx context.Context, id string) error {
	return writeErr(ctx, d, func(tx *Tx) error {
		f, err := findFollowup(ctx, tx, "", id)
		if err != nil {
			return err
		}
		if f.State != tend.FollowupScheduled || f.Due.After(tx.now) {
			return nil // answered, cancelled, or snoozed to later meanwhile
		}
		if _, err := tx.exec(ctx, `UPDATE followups SET state = ? WHERE id = ? AND state = ?`,
			string(tend.FollowupDue), id, string(tend.FollowupScheduled)); err != nil {
			return fmt.Errorf("follow-up due: %w", err)
		}
		tx.tellInbox(ctx, f.PersonID)
		return tx.notify(ctx, notice{kind: tend.NoticeFollowup, event: "followup", key: "followup-" + id, path: "/followups/" + id}, f.PersonID)
	})
}

// FindFollowupPrefs reads what the person chose.
func (d *DB) FindFollowupPrefs(ctx context.Context, personID string) (*tend.FollowupPrefs, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findFollowupPrefs(ctx, tx, personID)
}

func findFollowupPrefs(ctx context.Context, tx *Tx, personID string) (*tend.FollowupPrefs, error) {
	r, err := prefsRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return &tend.FollowupPrefs{Off: r.Off, AfterGentle: r.AfterGentle, OffCircles: r.OffCircles}, nil
}

// SetFollowupPrefs stores what the person chose, sealed. Turning
// follow-ups off cancels those waiting, everywhere or in the circles
// named.
func (d *DB) SetFollowupPrefs(ctx context.Context, personID string, p *tend.FollowupPrefs) error {
	if err := p.Validate(); err != nil {
		return err
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
	// A circle newly chosen must be one of theirs; one chosen before
	// may stay after they left it (sending back what was read loses
	// nothing).
	for _, c := range p.OffCircles {
		if slices.Contains(r.OffCircles, c) {
			continue
		}
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM circle_members WHERE circle_id = ? AND person_id = ?`, c, personID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return tend.FieldErrorf("off_circles", "the circle %q is not one of yours; choose only circles you are in", c)
		}
		if err != nil {
			return fmt.Errorf("follow-up settings: %w", err)
		}
	}
	r.Off, r.AfterGentle, r.OffCircles = p.Off, p.AfterGentle, p.OffCircles
	if err := writePrefs(ctx, tx, personID, r); err != nil {
		return err
	}
	if p.Off {
		if err := cancelFollowups(ctx, tx, personID, ""); err != nil {
			return err
		}
	}
	for _, c := range p.OffCircles {
		if err := cancelFollowups(ctx, tx, personID, c); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetEncounterFollowups turns the person's follow-ups for the encounter
// on or off; off cancels those waiting.
func (d *DB) SetEncounterFollowups(ctx context.Context, personID, encounterID string, on bool) error {
	return writeErr(ctx, d, func(tx *Tx) error {
		if _, err := readHead(ctx, tx, personID, encounterID, true); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE encounter_members SET followups_off = ? WHERE encounter_id = ? AND person_id = ?`,
			!on, encounterID, personID); err != nil {
			return fmt.Errorf("encounter follow-ups: %w", err)
		}
		if !on {
			if _, err := tx.exec(ctx, `UPDATE followups SET state = ? WHERE person_id = ? AND encounter_id = ? AND state IN (?, ?)`,
				string(tend.FollowupCancelled), personID, encounterID, string(tend.FollowupScheduled), string(tend.FollowupDue)); err != nil {
				return fmt.Errorf("encounter follow-ups: %w", err)
			}
		}
		return nil
	})
}

// cancelFollowups cancels the person's waiting follow-ups: all of them,
// or those of the circle's encounters. Nobody hears of them after that.
func cancelFollowups(ctx context.Context, tx *Tx, personID, circleID string) error {
	q := `UPDATE followups SET state = ? WHERE person_id = ? AND state IN (?, ?)`
	args := []any{string(tend.FollowupCancelled), personID, string(tend.FollowupScheduled), string(tend.FollowupDue)}
	if circleID != "" {
		q += ` AND encounter_id IN (SELECT id FROM encounters WHERE circle_id = ?)`
		args = append(args, circleID)
	}
	if _, err := tx.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("cancel follow-ups: %w", err)
	}
	return nil
}
