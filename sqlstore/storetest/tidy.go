package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/sqlstore"
)

// testTidy: the tidy job removes delivery records older than they are
// kept and expired confirmation links, and nothing newer.
func testTidy(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	hook, _, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/x",
		Secret: "whsec_x", Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil {
		t.Fatal(err)
	}
	record := func(at time.Time, id string) {
		t.Helper()
		during(s, at, func() {
			if _, err := s.DB.RecordDelivery(ctx, hook.ID, id); err != nil {
				t.Fatal(err)
			}
		})
	}
	record(now.Add(-sqlstore.DeliveryRecordsKept-time.Minute), "old")
	record(now.Add(-sqlstore.DeliveryRecordsKept+time.Minute), "recent")
	var oldLink, newLink string
	during(s, now.Add(-48*time.Hour), func() {
		_, oldLink, err = s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "old@example.org",
			Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, newLink, err = s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "new@example.org",
		Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.DB.Tidy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Deliveries != 1 || got.Confirms != 1 {
		t.Errorf("tidied %+v, want 1 delivery record and 1 link", got)
	}
	for id, want := range map[string]bool{"old": false, "recent": true} {
		if done, err := s.DB.Delivered(ctx, hook.ID, id); err != nil || done != want {
			t.Errorf("delivery %s kept: %v (%v), want %v", id, done, err, want)
		}
	}
	if _, err := s.DB.ConfirmChannel(ctx, newLink); err != nil {
		t.Errorf("the link still valid: %v", err)
	}
	if _, err := s.DB.ConfirmChannel(ctx, oldLink); tend.ErrorCode(err) == "" {
		t.Errorf("the expired link: confirmed")
	}
	if again, err := s.DB.Tidy(ctx); err != nil || again.Deliveries+again.Confirms != 0 {
		t.Errorf("tidying again: %+v %v, want nothing", again, err)
	}
}
