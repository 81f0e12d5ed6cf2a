package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tendcare/tend"
)

// AddSignal stores a signal the person sends during the check-in, the
// aftercare, or while the others reflect. It is the live screens' hot
// path: two statements, one that checks the person is in the encounter,
// locks and numbers it, reads the sender's name and key, and lets this
// commit skip waiting for the disk, then the insert. On PostgreSQL they
// go in two round trips with BEGIN, COMMIT and the other nodes'
// notification (addSignalPG). A refused signal rolls the numbering back
// with the rest.
func (d *DB) AddSignal(ctx context.Context, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	if d.dialect == Postgres && s.Kind != tend.SignalComing {
		return d.addSignalPG(ctx, personID, id, s)
	}
	begin := d.beginLight
	if d.dialect == Postgres {
		begin = d.begin // the statement below sets synchronous_commit itself
	}
	tx, err := begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// Whose it is comes first: someone not in it learns nothing, not
	// even what was wrong with their signal.
	n, err := numberSignal(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	if err := n.allows(s, tx.now); err != nil {
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
	sig, err := insertSignal(ctx, tx, personID, id, n, s)
	if err != nil {
		return nil, err
	}
	return sig, tx.Commit()
}

// numbered is a signal's number, with the encounter as it stood before
// it and the sender's sealed name and wrapped key.
type numbered struct {
	head          tend.Timeline
	seq           int64
	name, wrapped []byte

	// stageAt and delay are read into these, then set in head (done).
	stageAt, delay int64
}

// dest is where numberSQL's row is read, and the quick commit's answer
// (ignored) on PostgreSQL.
func (n *numbered) dest(quick bool) []any {
	dest := []any{&n.head.Stage, &n.stageAt, &n.delay, &n.seq, &n.name, &n.wrapped}
	if quick {
		var ignored sql.NullString
		dest = append(dest, &ignored)
	}
	return dest
}

// done finishes n once its row is read: errNoPerson when the sender's
// name or key is gone.
func (n *numbered) done() error {
	if n.name == nil || n.wrapped == nil {
		return errNoPerson()
	}
	n.head.Since, n.head.RevealAfter, n.head.Signals = fromMillis(n.stageAt), time.Duration(n.delay)*time.Millisecond, n.seq-1
	return nil
}

// allows checks the signal itself, and that the encounter as it stood
// takes it now.
func (n *numbered) allows(s *tend.Signal, now time.Time) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return n.head.CanSignal(now, s.Kind)
}

// quickCommit, added to numberSQL on PostgreSQL, lets the signal's
// commit skip waiting for the disk.
const quickCommit = `, set_config('synchronous_commit', 'off', true)`

// numberSignal takes the encounter's next signal number for a member,
// in one statement; ENOTFOUND when the person is not in it.
func numberSignal(ctx context.Context, tx *Tx, personID, id string) (*numbered, error) {
	pg := tx.db.dialect == Postgres
	q := numberSQL
	if pg {
		q += quickCommit
	}
	var n numbered
	err := tx.queryRow(ctx, q, id, id, personID, personID, personID).Scan(n.dest(pg)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEncounter()
	}
	if err != nil {
		return nil, fmt.Errorf("number signal: %w", err)
	}
	if err := n.done(); err != nil {
		return nil, err
	}
	return &n, nil
}

// addSignal numbers and stores a signal in the transaction, sealed with
// the sender's key; it is told to the live screens once the transaction
// commits. Every signal is stored here or by AddSignal, so none goes
// untold.
func addSignal(ctx context.Context, tx *Tx, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	n, err := numberSignal(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	return insertSignal(ctx, tx, personID, id, n, s)
}

// insertSignal seals and stores the numbered signal.
func insertSignal(ctx context.Context, tx *Tx, personID, id string, n *numbered, s *tend.Signal) (*tend.Signal, error) {
	body, out, err := tx.db.sealSignal(personID, id, n, s, tx.now)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, insertSignalSQL, id, n.seq, personID, body, millis(tx.now)); err != nil {
		return nil, fmt.Errorf("add signal: %w", err)
	}
	tx.publish(ctx, tend.Event{Encounter: id, Signals: []*tend.Signal{out}})
	return out, nil
}

// sealSignal seals the numbered signal with the sender's key, for the
// insert, and returns it as stored, with the sender's name opened.
func (d *DB) sealSignal(personID, id string, n *numbered, s *tend.Signal, now time.Time) ([]byte, *tend.Signal, error) {
	dk, err := d.openDataKey(personID, n.wrapped)
	if err != nil {
		return nil, nil, err
	}
	out := *s
	out.Seq, out.From, out.At = n.seq, personID, now
	if out.FromName, err = dk.OpenString(n.name, displayNamePlace(personID)); err != nil {
		return nil, nil, fmt.Errorf("signal sender: %w", err)
	}
	return sealJSON(dk, signalRecord{Kind: string(s.Kind), Text: s.Text, Ref: s.Ref}, signalPlace(id, n.seq, personID)), &out, nil
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
	return readSignals(ctx, d, tx, id, after, limit)
}

// ReadSignals returns the encounter's signals after seq without asking
// who wants them: for a live screen whose membership was checked when it
// opened.
// It is one statement outside a transaction: every node that holds a
// screen of the encounter runs it for each signal.
func (d *DB) ReadSignals(ctx context.Context, id string, after int64, limit int) ([]*tend.Signal, error) {
	return readSignals(ctx, d, reader{d}, id, after, limit)
}

const signalColumns = `SELECT s.seq, s.person_id, s.body, s.at, p.display_name, k.wrapped
	FROM encounter_signals s JOIN people p ON p.id = s.person_id JOIN data_keys k ON k.person_id = s.person_id`

func readSignals(ctx context.Context, d *DB, q rowsQuerier, id string, after int64, limit int) ([]*tend.Signal, error) {
	if limit <= 0 || limit > tend.MaxSignals {
		limit = tend.MaxSignals
	}
	rows, err := q.query(ctx, signalColumns+` WHERE s.encounter_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`, id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("find signals: %w", err)
	}
	defer rows.Close()
	var out []*tend.Signal
	for rows.Next() {
		s, err := scanSignal(d, id, rows)
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
	return scanSignal(tx.db, id, rows)
}

func scanSignal(d *DB, id string, rows *sql.Rows) (*tend.Signal, error) {
	var (
		s                   tend.Signal
		at                  int64
		body, name, wrapped []byte
	)
	if err := rows.Scan(&s.Seq, &s.From, &body, &at, &name, &wrapped); err != nil {
		return nil, fmt.Errorf("find signals: %w", err)
	}
	dk, err := d.openDataKey(s.From, wrapped)
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
