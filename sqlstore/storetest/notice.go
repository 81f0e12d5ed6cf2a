package storetest

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/tendcare/tend"
)

// scheduled records the deliveries the store schedules (the job queue's
// own tests check that jobs join the transaction and run once).
type scheduled struct {
	mu  sync.Mutex
	all []tend.Delivery
}

func (r *scheduled) InsertJobs(_ context.Context, _ *sql.Tx, jobs []tend.Job) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range jobs {
		if j.Kind == tend.JobDeliver {
			r.all = append(r.all, *j.Deliver)
		}
	}
	return nil
}

// take returns the deliveries scheduled since the last take.
func (r *scheduled) take() []tend.Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.all
	r.all = nil
	return out
}

// testNotices: each change that tells someone outside the app schedules
// one delivery per channel of theirs that takes it (a confirmed email
// address only), about whom, with the page it opens; never to the one
// who made the change, and never a word of anyone's in the job.
func testNotices(t *testing.T, s Store) {
	ctx := context.Background()
	planned(t, s)
	rec := &scheduled{}
	s.DB.SetJobs(rec)
	sam, alex := mustCreatePerson(t, s.DB, "sam", "Sam"), mustCreatePerson(t, s.DB, "alex", "Alex")
	c := mustCreateCircle(t, s, sam.ID, "us")
	if _, err := s.DB.AcceptInvite(ctx, mustInvite(t, s, sam.ID, c.ID), alex.ID); err != nil {
		t.Fatal(err)
	}
	add := func(who *tend.Person, ch *tend.Channel) *tend.Channel {
		t.Helper()
		out, _, err := s.DB.AddChannel(ctx, who.ID, ch)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	alexPush := add(alex, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/a", Wording: tend.WordingDiscreet,
		Notices: []tend.Notice{tend.NoticeAlert, tend.NoticeStarted}})
	add(alex, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/a", Wording: tend.WordingDiscreet,
		Notices: []tend.Notice{tend.NoticeFollowup}})
	samEmail := add(sam, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org", Wording: tend.WordingPlain,
		Notices: []tend.Notice{tend.NoticeFollowup, tend.NoticeAlert}})
	if got := rec.take(); len(got) != 1 || got[0] != (tend.Delivery{Key: "confirm-" + samEmail.ID, Channel: samEmail.ID, Event: "confirm"}) {
		t.Errorf("adding an email address schedules its confirmation: %+v", got)
	}
	if _, err := s.DB.NewChannelConfirm(ctx, sam.ID, samEmail.ID); err != nil {
		t.Fatal(err)
	}
	if got := rec.take(); len(got) != 1 || got[0].Event != "confirm" || got[0].Channel != samEmail.ID || got[0].Key == "confirm-"+samEmail.ID {
		t.Errorf("a new link sends a new email, under a key of its own: %+v", got)
	}
	samHook := add(sam, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/s", Secret: "whsec_x", Wording: tend.WordingDiscreet,
		Notices: []tend.Notice{tend.NoticeFollowup, tend.NoticeAlert}})

	want := func(what string, got []tend.Delivery, wants ...tend.Delivery) {
		t.Helper()
		if len(got) != len(wants) {
			t.Errorf("%s: scheduled %+v, want %+v", what, got, wants)
			return
		}
		for i := range got {
			if got[i] != wants[i] {
				t.Errorf("%s: scheduled %+v, want %+v", what, got[i], wants[i])
			}
		}
	}

	e, err := s.DB.CreateEncounter(ctx, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.Intense, Minutes: 20})
	if err != nil {
		t.Fatal(err)
	}
	want("an encounter started", rec.take(), tend.Delivery{Key: "started-" + e.ID, Channel: alexPush.ID, Event: "started", About: sam.ID, Path: "/encounters/" + e.ID})
	mustMove(t, s, sam.ID, e.ID, tend.StageBefore)
	rec.take()

	// Sam's follow-up: the webhook takes it, the address waits for its
	// confirmation.
	f := answerFirst(t, s, sam.ID, e.ID, tend.FollowupLow, marker+"-words")
	want("a follow-up due", rec.take(), tend.Delivery{Key: "followup-" + f.ID, Channel: samHook.ID, Event: "followup", Path: "/followups/" + f.ID})
	a, err := s.DB.TellDrop(ctx, sam.ID, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	want("a low time told", rec.take(), tend.Delivery{Key: "alert-" + a.ID, Channel: alexPush.ID, Event: "low", About: sam.ID, Path: "/#drops-h"})
	if _, err := s.DB.ReplyDrop(ctx, alex.ID, a.ID, tend.DropComing); err != nil {
		t.Fatal(err)
	}
	want("an answer to it", rec.take(), tend.Delivery{Key: "reply-" + a.ID + "-1", Channel: samHook.ID, Event: "replied", About: alex.ID, Path: "/#drops-h"})

	// Confirmed, the address takes what it chose too; "I'm in a low
	// place" asks for care.
	tok, err := s.DB.ConfirmLink(ctx, samEmail.ID)
	if err != nil || tok == "" {
		t.Fatalf("a link for the email about to be sent: %q %v", tok, err)
	}
	if _, err := s.DB.ConfirmChannel(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if tok, err := s.DB.ConfirmLink(ctx, samEmail.ID); err != nil || tok != "" {
		t.Errorf("a link for a confirmed address: %q %v", tok, err)
	}
	low, err := s.DB.RaiseLow(ctx, alex.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	want("a low place", rec.take(), tend.Delivery{Key: "alert-" + low.ID, Channel: samEmail.ID, Event: "care", About: alex.ID, Path: "/#drops-h"},
		tend.Delivery{Key: "alert-" + low.ID, Channel: samHook.ID, Event: "care", About: alex.ID, Path: "/#drops-h"})

	// A test, through one's own channel only.
	if err := s.DB.SendTest(ctx, sam.ID, samHook.ID); err != nil {
		t.Fatal(err)
	}
	if got := rec.take(); len(got) != 1 || got[0].Channel != samHook.ID || got[0].Event != "test" || !strings.HasPrefix(got[0].Key, "test-") {
		t.Errorf("a test: %+v", got)
	}
	wantCode(t, "a test through another's channel", s.DB.SendTest(ctx, alex.ID, samHook.ID), tend.ENOTFOUND)
	late := add(sam, &tend.Channel{Type: tend.ChannelEmail, Address: "late@example.org", Wording: tend.WordingDiscreet})
	rec.take()
	wantCode(t, "a test to an address not confirmed", s.DB.SendTest(ctx, sam.ID, late.ID), tend.ECONFLICT)
	if got := rec.take(); len(got) != 0 {
		t.Errorf("refused tests scheduled %+v", got)
	}

	// Nothing of anyone's words in what was scheduled.
	b, _ := json.Marshal(rec.all)
	if strings.Contains(string(b), marker) {
		t.Errorf("a job holds someone's words: %s", b)
	}
}
