package sqlstore

import (
	"context"
	"strings"

	"github.com/tendcare/tend"
)

// notice is a message a change sends outside the app: its kind (which
// channels take it), what it tells, its own key, whom it is about and
// the page it opens.
type notice struct {
	kind              tend.Notice
	event, key, about string
	path              string
}

// notify schedules, in the change's transaction, one delivery to each of
// the people's channels that take the notice: each a job of its own, so
// that a slow channel never holds up another. Without a job queue (the
// CLI, some tests) nothing is scheduled.
func (tx *Tx) notify(ctx context.Context, n notice, people ...string) error {
	if tx.db.jobs == nil || len(people) == 0 {
		return nil
	}
	args := make([]any, len(people))
	for i, p := range people {
		args[i] = p
	}
	channels, err := findChannels(ctx, tx, `c.person_id IN (?`+strings.Repeat(", ?", len(people)-1)+`)`, args...)
	if err != nil {
		return err
	}
	var jobs []tend.Job
	for _, c := range channels {
		if c.Takes(n.kind) {
			jobs = append(jobs, tend.Job{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: n.key, Channel: c.ID, Event: n.event, About: n.about, Path: n.path}})
		}
	}
	return tx.schedule(ctx, jobs...)
}
