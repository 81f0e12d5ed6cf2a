package jobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Queues are the queues Tend's jobs run in.
var Queues = []string{river.QueueDefault, QueueDeliveries}

// States are the states a job can be in, as River names them: available
// (queued, due), scheduled (queued, later), pending, running, retryable
// (failed, to be tried again), completed, discarded (failed for good)
// and cancelled.
func States() []string {
	var s []string
	for _, st := range rivertype.JobStates() {
		s = append(s, string(st))
	}
	return s
}

// QueueCount is how many jobs of one queue are in one state.
type QueueCount struct {
	Queue, State string
	N            int64
}

// CountByQueue counts the jobs in River's table by queue and state, in
// one query, on SQLite or PostgreSQL alike; for the operator's metrics,
// read when they are scraped. Only queues and states are read: never a
// job's arguments, which hold ids.
func CountByQueue(ctx context.Context, db *sql.DB) ([]QueueCount, error) {
	rows, err := db.QueryContext(ctx, "SELECT queue, state, count(*) FROM river_job GROUP BY queue, state")
	if err != nil {
		return nil, fmt.Errorf("jobs: count by queue: %w", err)
	}
	defer rows.Close()
	var out []QueueCount
	for rows.Next() {
		var c QueueCount
		if err := rows.Scan(&c.Queue, &c.State, &c.N); err != nil {
			return nil, fmt.Errorf("jobs: count by queue: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("jobs: count by queue: %w", err)
	}
	return out, nil
}
