package sqlstore

import (
	"context"
	"database/sql"

	"github.com/tendcare/tend"
)

// SetPublisher sets who hears of committed changes: cmd/tend sets the
// live rooms. Set it before the store is used; nil tells nobody.
func (d *DB) SetPublisher(p tend.Publisher) { d.publisher = p }

// pending is an event a transaction will tell once it commits.
type pending struct {
	ctx context.Context
	e   tend.Event
}

// publish records, in the transaction that makes a change, what must be
// told because of it; Commit tells it once the change is stored, and a
// rollback forgets it. Signals for one encounter in one transaction go
// out as one event, in order. Work a change schedules for later (the
// follow-ups of an encounter) is inserted by schedule, in the same
// transaction, so that it happens if and only if the change does.
func (tx *Tx) publish(ctx context.Context, e tend.Event) {
	if n := len(tx.events); n > 0 && e.Encounter != "" && tx.events[n-1].e.Encounter == e.Encounter {
		last := &tx.events[n-1].e
		last.Signals = append(last.Signals, e.Signals...)
		return
	}
	tx.events = append(tx.events, pending{ctx, e})
}

// told hands what the committed transaction recorded to the publisher.
func (tx *Tx) told() {
	events := tx.events
	tx.events = nil
	if tx.db.publisher == nil {
		return
	}
	for _, p := range events {
		tx.db.publisher.Publish(p.ctx, p.e)
	}
}

// tell tells e after a change committed outside a Tx of ours (writeOne).
func (d *DB) tell(ctx context.Context, e tend.Event) {
	if d.publisher != nil {
		d.publisher.Publish(ctx, e)
	}
}

// JobInserter inserts jobs in a transaction of the store's (package jobs,
// on River): they exist if and only if the transaction commits.
type JobInserter interface {
	InsertJobs(ctx context.Context, tx *sql.Tx, jobs []tend.Job) error
}

// SetJobs sets where the changes' jobs go: cmd/tend sets the job queue.
// Without one (the command line's user tools, some tests) nothing is
// scheduled. Set it before the store is used.
func (d *DB) SetJobs(j JobInserter) { d.jobs = j }

// schedule inserts, in the transaction making a change, the jobs the
// change causes.
func (tx *Tx) schedule(ctx context.Context, jobs ...tend.Job) error {
	if tx.db.jobs == nil || len(jobs) == 0 {
		return nil
	}
	return tx.db.jobs.InsertJobs(ctx, tx.Tx, jobs)
}

// tellInbox records that the people's inboxes change with the
// transaction: their open inbox screens look again once it commits.
func (tx *Tx) tellInbox(ctx context.Context, people ...string) {
	if len(people) > 0 {
		tx.publish(ctx, tend.Event{Inbox: people})
	}
}

// encounterMembers lists who is in the encounter.
func encounterMembers(ctx context.Context, tx *Tx, id string) ([]string, error) {
	return queryStrings(ctx, tx, `SELECT person_id FROM encounter_members WHERE encounter_id = ? ORDER BY position, person_id`, id)
}
