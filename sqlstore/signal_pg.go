package sqlstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tendcare/tend"
)

// A Notifier is a publisher that tells the other nodes through
// PostgreSQL's NOTIFY (the live rooms with a PostgreSQL broker). A
// signal's transaction sends the notification itself, and PostgreSQL
// delivers it as the transaction commits, a round trip sooner than a
// Publish after the commit, and never for one rolled back; then only
// this node's screens are left to tell, with PublishHere.
type Notifier interface {
	tend.Publisher
	Notification(e tend.Event) (channel, payload string, ok bool)
	PublishHere(ctx context.Context, e tend.Event)
}

// A StatementNoter hears of statements a store sends around
// database/sql, on a connection it wraps (the tests' query counter).
type StatementNoter interface {
	NoteStatement(q string)
}

// numberSQL checks the sender is in the encounter, locks and numbers it,
// and reads the sender's name and key (see numberSignal).
const numberSQL = `UPDATE encounters SET last_seq = last_seq + 1
		WHERE id = ? AND EXISTS (SELECT 1 FROM encounter_members m WHERE m.encounter_id = ? AND m.person_id = ?)
		RETURNING stage, stage_at, reveal_after, last_seq,
		(SELECT p.display_name FROM people p WHERE p.id = ?), (SELECT k.wrapped FROM data_keys k WHERE k.person_id = ?)`

const insertSignalSQL = `INSERT INTO encounter_signals (encounter_id, seq, person_id, body, at) VALUES (?, ?, ?, ?, ?)`

// addSignalPG is AddSignal on PostgreSQL in two round trips instead of
// four: database/sql sends BEGIN and COMMIT each on its own, so the
// signal's transaction is sent as two pipelines on a connection of the
// pool: BEGIN with the statement that checks, locks and numbers; then,
// once the signal is sealed with its number, the insert, the other
// nodes' notification, and COMMIT. It does not take answers to a need
// (SignalComing), which read the need in between: AddSignal sends those
// the ordinary way.
func (d *DB) addSignalPG(ctx context.Context, personID, id string, s *tend.Signal) (*tend.Signal, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	var (
		out      *tend.Signal
		notified bool
		failed   error // the error to answer; Raw's own may be ErrBadConn
	)
	err = conn.Raw(func(dc any) error {
		pc, noter := pgxConn(dc)
		if pc == nil {
			failed = fmt.Errorf("add signal: the PostgreSQL connection is %T", dc)
			return failed
		}
		out, notified, failed = d.pipelineSignal(ctx, pc, noter, personID, id, s)
		if pc.PgConn().TxStatus() != 'I' {
			// Refused, or failed on the way: roll back here, so that the
			// encounter's lock goes at once; a connection that cannot is
			// closed, and database/sql drops it.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rollbackLimit)
			defer cancel()
			if _, err := pc.Exec(rctx, "ROLLBACK"); err != nil || pc.PgConn().TxStatus() != 'I' {
				pc.Close(rctx)
				return driver.ErrBadConn
			}
		}
		return nil
	})
	conn.Close() // before telling anyone, as Tx.Commit does
	if failed != nil {
		return nil, failed
	}
	if err != nil {
		return nil, fmt.Errorf("add signal: %w", err)
	}
	e := tend.Event{Encounter: id, Signals: []*tend.Signal{out}}
	if notified {
		d.publisher.(Notifier).PublishHere(ctx, e)
	} else {
		d.tell(ctx, e)
	}
	return out, nil
}

// rollbackLimit bounds the ROLLBACK of a refused or failed signal.
const rollbackLimit = 5 * time.Second

// pgxConn finds pgx's connection under database/sql's driver connection,
// through wrappers (Unwrap), and the first wrapper that notes statements.
func pgxConn(dc any) (*pgx.Conn, StatementNoter) {
	var noter StatementNoter
	for {
		if n, ok := dc.(StatementNoter); ok && noter == nil {
			noter = n
		}
		switch c := dc.(type) {
		case *stdlib.Conn:
			return c.Conn(), noter
		case interface{ Unwrap() driver.Conn }:
			dc = c.Unwrap()
		default:
			return nil, noter
		}
	}
}

// pipelineSignal sends the signal's transaction on pc (see addSignalPG),
// and says whether it carried the other nodes' notification. It leaves
// the transaction open when it fails or refuses.
func (d *DB) pipelineSignal(ctx context.Context, pc *pgx.Conn, noter StatementNoter, personID, id string, s *tend.Signal) (*tend.Signal, bool, error) {
	note := func(q string) {
		if noter != nil {
			noter.NoteStatement(q)
		}
	}
	now := d.Now().UTC()
	number := d.rebind(numberSQL) + quickCommit
	var n numbered
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue(number, id, id, personID, personID, personID).QueryRow(func(row pgx.Row) error {
		return row.Scan(n.dest(true)...)
	})
	note(number)
	err := pc.SendBatch(ctx, b).Close()
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, errNoEncounter()
	}
	if err != nil {
		return nil, false, fmt.Errorf("number signal: %w", err)
	}
	if err := n.done(); err != nil {
		return nil, false, err
	}
	if err := n.allows(s, now); err != nil {
		return nil, false, err
	}
	body, sig, err := d.sealSignal(personID, id, &n, s, now)
	if err != nil {
		return nil, false, err
	}
	e := tend.Event{Encounter: id, Signals: []*tend.Signal{sig}}
	notifier, _ := d.publisher.(Notifier)
	var channel, payload string
	notify := false
	if notifier != nil {
		channel, payload, notify = notifier.Notification(e)
	}
	insert := d.rebind(insertSignalSQL)
	b = &pgx.Batch{}
	b.Queue(insert, id, n.seq, personID, body, millis(now))
	note(insert)
	if notify {
		b.Queue("SELECT pg_notify($1, $2)", channel, payload)
		note("SELECT pg_notify($1, $2)")
	}
	b.Queue("COMMIT").Exec(func(tag pgconn.CommandTag) error {
		if tag.String() != "COMMIT" { // PostgreSQL answers COMMIT with ROLLBACK in a failed transaction
			return errors.New("the transaction was rolled back")
		}
		return nil
	})
	if err := pc.SendBatch(ctx, b).Close(); err != nil {
		return nil, false, fmt.Errorf("add signal: %w", err)
	}
	return sig, notify, nil
}
