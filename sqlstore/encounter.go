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
	"github.com/tendcare/tend/seal"
)

var _ tend.EncounterService = (*DB)(nil)

// errNoEncounter is the answer for an encounter that does not exist and
// for one the person is not in, alike.
func errNoEncounter() error { return tend.Errorf(tend.ENOTFOUND, "there is no such encounter") }

func memberPlace(encounterID, personID, column string) seal.Place {
	return seal.Place{Table: "encounter_members", Column: column, Row: encounterID, Owner: personID}
}

func signalPlace(encounterID string, seq int64, personID string) seal.Place {
	return seal.Place{Table: "encounter_signals", Column: "text", Row: fmt.Sprintf("%s/%d", encounterID, seq), Owner: personID}
}

// sealOpt seals s, or gives NULL for an empty text.
func sealOpt(dk *seal.DataKey, s string, p seal.Place) []byte {
	if s == "" {
		return nil
	}
	return dk.SealString(s, p)
}

// openOpt opens what sealOpt sealed.
func openOpt(dk *seal.DataKey, b []byte, p seal.Place) (string, error) {
	if b == nil {
		return "", nil
	}
	return dk.OpenString(b, p)
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// head is an encounter's row, as one member reads it.
type head struct {
	stage       tend.Stage
	stageAt     time.Time
	revealAfter time.Duration
	lastSeq     int64
	kind        tend.Kind
}

// effective is the stage as it stands now: reflecting turns into done
// at the circle's deadline.
func (h *head) effective(now time.Time) tend.Stage {
	if h.stage == tend.StageReflect && h.revealAfter > 0 && !now.Before(h.stageAt.Add(h.revealAfter)) {
		return tend.StageDone
	}
	return h.stage
}

// readHead reads the encounter if the person is in it (any person for
// ""). forUpdate locks the row on PostgreSQL, so that writers of one
// encounter take turns (SQLite has one writer anyway).
func readHead(ctx context.Context, tx *Tx, personID, id string, forUpdate bool) (*head, error) {
	q := `SELECT e.stage, e.stage_at, e.reveal_after, e.last_seq, e.kind FROM encounters e WHERE e.id = ?`
	args := []any{id}
	if personID != "" {
		q = `SELECT e.stage, e.stage_at, e.reveal_after, e.last_seq, e.kind FROM encounters e
			JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ? WHERE e.id = ?`
		args = []any{personID, id}
	}
	if forUpdate && tx.db.dialect == Postgres {
		q += ` FOR UPDATE OF e`
	}
	var (
		h              head
		stageAt, delay int64
	)
	err := tx.queryRow(ctx, q, args...).Scan(&h.stage, &stageAt, &delay, &h.lastSeq, &h.kind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEncounter()
	}
	if err != nil {
		return nil, fmt.Errorf("find encounter: %w", err)
	}
	h.stageAt, h.revealAfter = fromMillis(stageAt), time.Duration(delay)*time.Millisecond
	return &h, nil
}

// CreateEncounter starts an encounter at the check-in, with every member
// of the circle, or the person alone.
func (d *DB) CreateEncounter(ctx context.Context, personID string, n tend.NewEncounter) (*tend.Encounter, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
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
	if _, err := tx.exec(ctx, `INSERT INTO encounters (id, circle_id, kind, stage, created_by, created_at, stage_at, minutes, reveal_after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id.String(), circle, string(n.Kind), string(tend.StageBefore), personID,
		millis(tx.now), millis(tx.now), n.Minutes, n.RevealAfter.Milliseconds()); err != nil {
		return nil, fmt.Errorf("insert encounter: %w", err)
	}
	for i, m := range members {
		if _, err := tx.exec(ctx, `INSERT INTO encounter_members (encounter_id, person_id, position) VALUES (?, ?, ?)`,
			id.String(), m, i); err != nil {
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
		kind, stage, by       string
		created, stageAt, rev int64
		e                     = &tend.Encounter{ID: id}
	)
	err := tx.queryRow(ctx, `SELECT e.circle_id, e.kind, e.stage, e.created_by, e.created_at, e.stage_at, e.minutes, e.reveal_after, e.last_seq
		FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ? WHERE e.id = ?`, personID, id).
		Scan(&circle, &kind, &stage, &by, &created, &stageAt, &e.Minutes, &rev, &e.LastSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEncounter()
	}
	if err != nil {
		return nil, fmt.Errorf("find encounter: %w", err)
	}
	e.CircleID, e.Kind, e.CreatedBy = circle.String, tend.Kind(kind), by
	e.CreatedAt, e.StageAt, e.RevealAfter = fromMillis(created), fromMillis(stageAt), time.Duration(rev)*time.Millisecond
	h := head{stage: tend.Stage(stage), stageAt: e.StageAt, revealAfter: e.RevealAfter}
	e.Stage = h.effective(tx.now)
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
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT m.person_id, m.checkin_at, m.confirmed_at, m.mood, m.energy,
		m.limits, m.triggers, m.safeword, m.needs, m.reflected_at, p.display_name, k.wrapped
		FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
		WHERE m.encounter_id = ? ORDER BY m.position, m.person_id`), e.ID)
	if err != nil {
		return fmt.Errorf("find encounter members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			m                          tend.Participant
			checkin, confirmed, refl   sql.NullInt64
			mood, energy               int
			limits, triggers, safeword []byte
			needs                      string
			name, wrapped              []byte
		)
		if err := rows.Scan(&m.PersonID, &checkin, &confirmed, &mood, &energy, &limits, &triggers, &safeword, &needs,
			&refl, &name, &wrapped); err != nil {
			return fmt.Errorf("find encounter members: %w", err)
		}
		dk, err := tx.db.openDataKey(m.PersonID, wrapped)
		if err != nil {
			return fmt.Errorf("member %s: %w", m.PersonID, err)
		}
		if m.DisplayName, err = dk.OpenString(name, displayNamePlace(m.PersonID)); err != nil {
			return fmt.Errorf("member %s: display name: %w", m.PersonID, err)
		}
		m.Reflected = refl.Valid
		if checkin.Valid {
			c := &tend.CheckIn{Mood: tend.Scale(mood), Energy: tend.Scale(energy), Needs: splitList(needs),
				Confirmed: confirmed.Valid, UpdatedAt: fromMillis(checkin.Int64)}
			if confirmed.Valid {
				c.ConfirmedAt = fromMillis(confirmed.Int64)
			}
			for _, f := range []struct {
				col string
				b   []byte
				s   *string
			}{{"limits", limits, &c.Limits}, {"triggers", triggers, &c.Triggers}, {"safeword", safeword, &c.Safeword}} {
				if *f.s, err = openOpt(dk, f.b, memberPlace(e.ID, m.PersonID, f.col)); err != nil {
					return fmt.Errorf("member %s: %s: %w", m.PersonID, f.col, err)
				}
			}
			m.CheckIn = c
		}
		e.Members = append(e.Members, &m)
	}
	return rows.Err()
}

// MoveEncounter moves the encounter on by one stage, if it is still at
// from, and announces it with a signal.
func (d *DB) MoveEncounter(ctx context.Context, personID, id string, m tend.Move) (*tend.Encounter, *tend.Signal, error) {
	from := m.From
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, nil, err
	}
	to := from.Next()
	if to == "" {
		return nil, nil, tend.Errorf(tend.EINVALID, "from: the stage it is at now, one of planned, before or after (reflections end it)")
	}
	if now := h.effective(tx.now); now != from {
		return nil, nil, tend.Errorf(tend.ECONFLICT, "from: it is at %q now, not %q (someone may have moved it on); look again", now, from)
	}
	if from == tend.StageAfter && !m.Anyway {
		sigs, err := readSignals(ctx, tx, id, 0, 0)
		if err != nil {
			return nil, nil, err
		}
		if err := tend.CheckEnd(m, tend.NotOkay(sigs)); err != nil {
			return nil, nil, err
		}
	}
	if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`, string(to), millis(tx.now), id); err != nil {
		return nil, nil, fmt.Errorf("move encounter: %w", err)
	}
	sig, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(to)})
	if err != nil {
		return nil, nil, err
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, nil, err
	}
	return e, sig, tx.Commit()
}

// SaveCheckIn saves the person's check-in before the aftercare begins.
func (d *DB) SaveCheckIn(ctx context.Context, personID, id string, c *tend.CheckIn) (*tend.Encounter, *tend.Signal, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	if s := h.effective(tx.now); s != tend.StagePlanned && s != tend.StageBefore {
		return nil, nil, tend.Errorf(tend.ECONFLICT, "stage: the check-in is closed once the aftercare has begun")
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, nil, err
	}
	var confirmed any
	ref := "saved"
	if c.Confirmed {
		confirmed, ref = millis(tx.now), "confirmed"
	}
	if _, err := tx.exec(ctx, `UPDATE encounter_members SET checkin_at = ?, confirmed_at = ?, mood = ?, energy = ?,
		limits = ?, triggers = ?, safeword = ?, needs = ? WHERE encounter_id = ? AND person_id = ?`,
		millis(tx.now), confirmed, int(c.Mood), int(c.Energy),
		sealOpt(dk, c.Limits, memberPlace(id, personID, "limits")),
		sealOpt(dk, c.Triggers, memberPlace(id, personID, "triggers")),
		sealOpt(dk, c.Safeword, memberPlace(id, personID, "safeword")),
		strings.Join(c.Needs, ","), id, personID); err != nil {
		return nil, nil, fmt.Errorf("save check-in: %w", err)
	}
	sig, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalCheckIn, Ref: ref})
	if err != nil {
		return nil, nil, err
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, nil, err
	}
	return e, sig, tx.Commit()
}

// SaveReflection saves the person's reflection; the last one in ends the
// encounter. Someone who had not answered by the deadline may still.
func (d *DB) SaveReflection(ctx context.Context, personID, id string, r *tend.Reflection) (*tend.Encounter, []*tend.Signal, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, nil, err
	}
	var reflected sql.NullInt64
	if err := tx.queryRow(ctx, `SELECT reflected_at FROM encounter_members WHERE encounter_id = ? AND person_id = ?`,
		id, personID).Scan(&reflected); err != nil {
		return nil, nil, fmt.Errorf("save reflection: %w", err)
	}
	switch s := h.effective(tx.now); {
	case s == tend.StageDone && reflected.Valid:
		return nil, nil, tend.Errorf(tend.ECONFLICT, "stage: the reflections are revealed; yours can no longer change")
	case s != tend.StageReflect && s != tend.StageDone:
		return nil, nil, tend.Errorf(tend.ECONFLICT, "stage: reflections open once the aftercare is over")
	}
	dk, err := dataKey(ctx, tx, personID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE encounter_members SET reflected_at = ?, r_mood = ?, r_emotions = ?, r_helped = ?,
		r_missing = ?, r_favourite = ?, r_note = ?, r_journal = ? WHERE encounter_id = ? AND person_id = ?`,
		millis(tx.now), int(r.Mood), strings.Join(r.Emotions, ","), strings.Join(r.Helped, ","),
		sealOpt(dk, r.Missing, memberPlace(id, personID, "r_missing")),
		sealOpt(dk, r.Favourite, memberPlace(id, personID, "r_favourite")),
		sealOpt(dk, r.Note, memberPlace(id, personID, "r_note")),
		sealOpt(dk, r.Journal, memberPlace(id, personID, "r_journal")), id, personID); err != nil {
		return nil, nil, fmt.Errorf("save reflection: %w", err)
	}
	var sigs []*tend.Signal
	sig, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalReflected})
	if err != nil {
		return nil, nil, err
	}
	sigs = append(sigs, sig)
	if h.stage == tend.StageReflect {
		var waiting int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM encounter_members WHERE encounter_id = ? AND reflected_at IS NULL`,
			id).Scan(&waiting); err != nil {
			return nil, nil, fmt.Errorf("save reflection: %w", err)
		}
		if waiting == 0 {
			if _, err := tx.exec(ctx, `UPDATE encounters SET stage = ?, stage_at = ? WHERE id = ?`,
				string(tend.StageDone), millis(tx.now), id); err != nil {
				return nil, nil, fmt.Errorf("end encounter: %w", err)
			}
			sig, err := addSignal(ctx, tx, personID, id, &tend.Signal{Kind: tend.SignalStage, Ref: string(tend.StageDone)})
			if err != nil {
				return nil, nil, err
			}
			sigs = append(sigs, sig)
		}
	}
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, nil, err
	}
	return e, sigs, tx.Commit()
}

// FindReflections returns the person's reflection and, once revealed,
// the others' shared parts. Another's journal is never even opened.
func (d *DB) FindReflections(ctx context.Context, personID, id string) (*tend.Reflection, []*tend.Reflection, bool, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, false)
	if err != nil {
		return nil, nil, false, err
	}
	revealed := h.effective(tx.now) == tend.StageDone
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT m.person_id, m.reflected_at, m.r_mood, m.r_emotions, m.r_helped,
		m.r_missing, m.r_favourite, m.r_note, CASE WHEN m.person_id = ? THEN m.r_journal END, p.display_name, k.wrapped
		FROM encounter_members m JOIN people p ON p.id = m.person_id JOIN data_keys k ON k.person_id = m.person_id
		WHERE m.encounter_id = ? AND m.reflected_at IS NOT NULL AND (m.person_id = ? OR ?)
		ORDER BY m.position, m.person_id`), personID, id, personID, revealed)
	if err != nil {
		return nil, nil, false, fmt.Errorf("find reflections: %w", err)
	}
	defer rows.Close()
	var (
		mine   *tend.Reflection
		others []*tend.Reflection
	)
	for rows.Next() {
		var (
			r                                 tend.Reflection
			at                                int64
			mood                              int
			emotions, helped                  string
			missing, fav, note, journal, name []byte
			wrapped                           []byte
		)
		if err := rows.Scan(&r.PersonID, &at, &mood, &emotions, &helped, &missing, &fav, &note, &journal, &name, &wrapped); err != nil {
			return nil, nil, false, fmt.Errorf("find reflections: %w", err)
		}
		dk, err := tx.db.openDataKey(r.PersonID, wrapped)
		if err != nil {
			return nil, nil, false, err
		}
		r.At, r.Mood, r.Emotions, r.Helped = fromMillis(at), tend.Scale(mood), splitList(emotions), splitList(helped)
		if r.DisplayName, err = dk.OpenString(name, displayNamePlace(r.PersonID)); err != nil {
			return nil, nil, false, fmt.Errorf("reflection: display name: %w", err)
		}
		texts := []struct {
			col string
			b   []byte
			s   *string
		}{{"r_missing", missing, &r.Missing}, {"r_favourite", fav, &r.Favourite}, {"r_note", note, &r.Note}}
		if r.PersonID == personID {
			texts = append(texts, struct {
				col string
				b   []byte
				s   *string
			}{"r_journal", journal, &r.Journal})
		}
		for _, f := range texts {
			if *f.s, err = openOpt(dk, f.b, memberPlace(id, r.PersonID, f.col)); err != nil {
				return nil, nil, false, fmt.Errorf("reflection: %s: %w", f.col, err)
			}
		}
		if r.PersonID == personID {
			mine = &r
		} else {
			others = append(others, r.Shared())
		}
	}
	return mine, others, revealed, rows.Err()
}

// AddSignal stores a signal the person sends during the check-in or the
// aftercare.
func (d *DB) AddSignal(ctx context.Context, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	tx, err := d.beginLight(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	h, err := readHead(ctx, tx, personID, id, true)
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if st := h.effective(tx.now); st != tend.StageBefore && st != tend.StageAfter && st != tend.StageReflect {
		return nil, tend.Errorf(tend.ECONFLICT, "stage: live signals are for the check-in and the aftercare; this encounter is over")
	}
	if h.lastSeq >= tend.MaxSignals {
		return nil, tend.Errorf(tend.ECONFLICT, "signals: this encounter has had %d; start a new one", tend.MaxSignals)
	}
	if s.Kind == tend.SignalComing {
		var kind string
		err := tx.queryRow(ctx, `SELECT kind FROM encounter_signals WHERE encounter_id = ? AND seq = ?`, id, s.Ref).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !tend.SignalKind(kind).IsNeed()) {
			return nil, tend.Errorf(tend.EINVALID, "ref: there is no need %s to answer", s.Ref)
		}
		if err != nil {
			return nil, fmt.Errorf("add signal: %w", err)
		}
	}
	sig, err := addSignal(ctx, tx, personID, id, s)
	if err != nil {
		return nil, err
	}
	return sig, tx.Commit()
}

// addSignal numbers and stores a signal in the transaction.
func addSignal(ctx context.Context, tx *Tx, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	var seq int64
	if err := tx.queryRow(ctx, `UPDATE encounters SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq`, id).Scan(&seq); err != nil {
		return nil, fmt.Errorf("number signal: %w", err)
	}
	var text []byte
	if s.Text != "" {
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return nil, err
		}
		text = dk.SealString(s.Text, signalPlace(id, seq, personID))
	}
	if _, err := tx.exec(ctx, `INSERT INTO encounter_signals (encounter_id, seq, person_id, kind, text, ref, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, seq, personID, string(s.Kind), text, s.Ref, millis(tx.now)); err != nil {
		return nil, fmt.Errorf("add signal: %w", err)
	}
	out := *s
	out.Seq, out.From, out.At = seq, personID, tx.now
	name, err := displayName(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	out.FromName = name
	return &out, nil
}

func displayName(ctx context.Context, tx *Tx, personID string) (string, error) {
	var name, wrapped []byte
	err := tx.queryRow(ctx, `SELECT p.display_name, k.wrapped FROM people p JOIN data_keys k ON k.person_id = p.id WHERE p.id = ?`,
		personID).Scan(&name, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errNoPerson()
	}
	if err != nil {
		return "", fmt.Errorf("display name: %w", err)
	}
	dk, err := tx.db.openDataKey(personID, wrapped)
	if err != nil {
		return "", err
	}
	return dk.OpenString(name, displayNamePlace(personID))
}

// FindSignals returns the encounter's signals after seq, to a member.
func (d *DB) FindSignals(ctx context.Context, personID, id string, after int64, limit int) ([]*tend.Signal, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := readHead(ctx, tx, personID, id, false); err != nil {
		return nil, err
	}
	return readSignals(ctx, tx, id, after, limit)
}

// ReadSignals returns the encounter's signals after seq without asking
// who wants them: for a live screen whose membership was checked when it
// opened.
func (d *DB) ReadSignals(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readSignals(ctx, tx, id, after, limit)
}

func readSignals(ctx context.Context, tx *Tx, id string, after int64, limit int) ([]*tend.Signal, error) {
	if limit <= 0 || limit > tend.MaxSignals {
		limit = tend.MaxSignals
	}
	rows, err := tx.QueryContext(ctx, tx.db.rebind(`SELECT s.seq, s.person_id, s.kind, s.text, s.ref, s.at, p.display_name, k.wrapped
		FROM encounter_signals s JOIN people p ON p.id = s.person_id JOIN data_keys k ON k.person_id = s.person_id
		WHERE s.encounter_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`), id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("find signals: %w", err)
	}
	defer rows.Close()
	var out []*tend.Signal
	for rows.Next() {
		var (
			s                   tend.Signal
			kind                string
			at                  int64
			text, name, wrapped []byte
		)
		if err := rows.Scan(&s.Seq, &s.From, &kind, &text, &s.Ref, &at, &name, &wrapped); err != nil {
			return nil, fmt.Errorf("find signals: %w", err)
		}
		dk, err := tx.db.openDataKey(s.From, wrapped)
		if err != nil {
			return nil, err
		}
		if s.FromName, err = dk.OpenString(name, displayNamePlace(s.From)); err != nil {
			return nil, fmt.Errorf("signal: display name: %w", err)
		}
		if s.Text, err = openOpt(dk, text, signalPlace(id, s.Seq, s.From)); err != nil {
			return nil, fmt.Errorf("signal %d: text: %w", s.Seq, err)
		}
		s.Kind, s.At = tend.SignalKind(kind), fromMillis(at)
		out = append(out, &s)
	}
	return out, rows.Err()
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
