package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/tendcare/tend"
)

// AddSignal stores a signal the person sends during the check-in, the
// aftercare, or while the others reflect.
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
	if err := h.CanSignal(tx.now, s.Kind); err != nil {
		return nil, err
	}
	if s.Kind == tend.SignalComing {
		seq, _ := strconv.ParseInt(s.Ref, 10, 64)
		need, err := readSignal(ctx, tx, id, seq)
		if tend.ErrorCode(err) == tend.ENOTFOUND || (err == nil && !need.Kind.IsNeed()) {
			return nil, tend.FieldErrorf("ref", "there is no need %s to answer", s.Ref)
		}
		if err != nil {
			return nil, err
		}
	}
	sig, err := addSignal(ctx, tx, personID, id, s)
	if err != nil {
		return nil, err
	}
	return sig, tx.Commit()
}

// addSignal numbers and stores a signal in the transaction, sealed with
// the sender's key; it is told to the live screens once the transaction
// commits. Every signal is stored here, so none goes untold.
func addSignal(ctx context.Context, tx *Tx, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	var seq int64
	if err := tx.queryRow(ctx, `UPDATE encounters SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq`, id).Scan(&seq); err != nil {
		return nil, fmt.Errorf("number signal: %w", err)
	}
	var name, wrapped []byte
	err := tx.queryRow(ctx, `SELECT p.display_name, k.wrapped FROM people p JOIN data_keys k ON k.person_id = p.id WHERE p.id = ?`,
		personID).Scan(&name, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPerson()
	}
	if err != nil {
		return nil, fmt.Errorf("signal sender: %w", err)
	}
	dk, err := tx.db.openDataKey(personID, wrapped)
	if err != nil {
		return nil, err
	}
	body := sealJSON(dk, signalRecord{Kind: string(s.Kind), Text: s.Text, Ref: s.Ref}, signalPlace(id, seq, personID))
	if _, err := tx.exec(ctx, `INSERT INTO encounter_signals (encounter_id, seq, person_id, body, at) VALUES (?, ?, ?, ?, ?)`,
		id, seq, personID, body, millis(tx.now)); err != nil {
		return nil, fmt.Errorf("add signal: %w", err)
	}
	out := *s
	out.Seq, out.From, out.At = seq, personID, tx.now
	if out.FromName, err = dk.OpenString(name, displayNamePlace(personID)); err != nil {
		return nil, fmt.Errorf("signal sender: %w", err)
	}
	tx.publish(ctx, tend.Event{Encounter: id, Signals: []*tend.Signal{&out}})
	return &out, nil
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

const signalColumns = `SELECT s.seq, s.person_id, s.body, s.at, p.display_name, k.wrapped
	FROM encounter_signals s JOIN people p ON p.id = s.person_id JOIN data_keys k ON k.person_id = s.person_id`

func readSignals(ctx context.Context, tx *Tx, id string, after int64, limit int) ([]*tend.Signal, error) {
	if limit <= 0 || limit > tend.MaxSignals {
		limit = tend.MaxSignals
	}
	rows, err := tx.query(ctx, signalColumns+` WHERE s.encounter_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`, id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("find signals: %w", err)
	}
	defer rows.Close()
	var out []*tend.Signal
	for rows.Next() {
		s, err := scanSignal(tx, id, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// readSignal reads one signal; ENOTFOUND if there is none.
func readSignal(ctx context.Context, tx *Tx, id string, seq int64) (*tend.Signal, error) {
	rows, err := tx.query(ctx, signalColumns+` WHERE s.encounter_id = ? AND s.seq = ?`, id, seq)
	if err != nil {
		return nil, fmt.Errorf("find signal: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("find signal: %w", err)
		}
		return nil, tend.Errorf(tend.ENOTFOUND, "there is no such signal")
	}
	return scanSignal(tx, id, rows)
}

func scanSignal(tx *Tx, id string, rows *sql.Rows) (*tend.Signal, error) {
	var (
		s                   tend.Signal
		at                  int64
		body, name, wrapped []byte
	)
	if err := rows.Scan(&s.Seq, &s.From, &body, &at, &name, &wrapped); err != nil {
		return nil, fmt.Errorf("find signals: %w", err)
	}
	dk, err := tx.db.openDataKey(s.From, wrapped)
	if err != nil {
		return nil, err
	}
	if s.FromName, err = dk.OpenString(name, displayNamePlace(s.From)); err != nil {
		return nil, fmt.Errorf("signal: display name: %w", err)
	}
	var rec signalRecord
	if err := openJSON(dk, body, signalPlace(id, s.Seq, s.From), &rec); err != nil {
		return nil, fmt.Errorf("signal %d: %w", s.Seq, err)
	}
	s.Kind, s.Text, s.Ref, s.At = tend.SignalKind(rec.Kind), rec.Text, rec.Ref, fromMillis(at)
	return &s, nil
}
