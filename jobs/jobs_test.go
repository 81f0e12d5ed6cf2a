package jobs

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tendcare/tend"
)

func TestArgsOf(t *testing.T) {
	a, err := argsOf(tend.Job{Kind: tend.JobFollowup, Ref: "f1"})
	if err != nil || a.Kind() != "followup" || a.(FollowupArgs).ID != "f1" {
		t.Errorf("a follow-up job: %+v %v", a, err)
	}
	if _, err := argsOf(tend.Job{Kind: "mystery", Ref: "x"}); err == nil {
		t.Error("a job of no known kind was taken")
	}
}

func TestUnknownDatabase(t *testing.T) {
	if err := Migrate(context.Background(), &sql.DB{}, "oracle"); err == nil {
		t.Error("migrated a database River has no driver for")
	}
	if _, err := New(Config{DB: &sql.DB{}, Dialect: "oracle"}); err == nil {
		t.Error("made a queue for a database River has no driver for")
	}
}

// TestWorkerDoneWhenGone: a follow-up that is gone (cancelled, its person
// deleted) is done with, not retried; another failure is retried.
func TestWorkerDoneWhenGone(t *testing.T) {
	for _, tc := range []struct {
		err   error
		retry bool
	}{
		{nil, false},
		{tend.Errorf(tend.ENOTFOUND, "gone"), false},
		{errors.New("database away"), true},
	} {
		var got string
		w := &followupWorker{run: func(_ context.Context, id string) error { got = id; return tc.err }}
		err := w.Work(context.Background(), &river.Job[FollowupArgs]{JobRow: &rivertype.JobRow{}, Args: FollowupArgs{ID: "f1"}})
		if got != "f1" || (err != nil) != tc.retry {
			t.Errorf("%v: ran %q, answered %v", tc.err, got, err)
		}
	}
}
