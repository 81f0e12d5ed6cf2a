package storetest

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// populateChannels gives the person one channel of each type (the email
// address confirmed, a second waiting), a delivery, a failure and the
// server's VAPID key, with the marker in everything they typed.
func populateChannels(t *testing.T, s Store, personID string) {
	ctx := context.Background()
	mustAdd := func(c *tend.Channel) (*tend.Channel, string) {
		t.Helper()
		out, confirm, err := s.DB.AddChannel(ctx, personID, c)
		if err != nil {
			t.Fatal(err)
		}
		return out, confirm
	}
	all := []tend.Notice{tend.NoticeFollowup, tend.NoticeAlert}
	_, confirm := mustAdd(&tend.Channel{Type: tend.ChannelEmail, Address: marker + "@example.org", Wording: tend.WordingPlain, Notices: all})
	if _, err := s.DB.ConfirmChannel(ctx, confirm); err != nil {
		t.Fatal(err)
	}
	mustAdd(&tend.Channel{Type: tend.ChannelEmail, Address: marker + "2@example.org", Wording: tend.WordingDiscreet, Notices: all})
	push, _ := mustAdd(&tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/" + marker, P256dh: "p-" + marker, Auth: "a-" + marker,
		Device: marker + "-phone", Wording: tend.WordingDiscreet, Notices: all})
	mustAdd(&tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/" + marker, Token: "tk_" + marker, Relay: true, Wording: tend.WordingDiscreet, Notices: all})
	mustAdd(&tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/" + marker, Secret: "whsec_" + marker, Wording: tend.WordingDiscreet, Notices: all})
	if _, err := s.DB.RecordDelivery(ctx, push.ID, "d-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.ChannelFailed(ctx, push.ID, marker+"-problem", false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ServerKey(ctx, "vapid", func() ([]byte, error) { return []byte(marker + "-vapid"), nil }); err != nil {
		t.Fatal(err)
	}
}

// testChannels: a person's channels, sealed, theirs alone; an email
// address takes nothing until confirmed through its link (once, before
// it expires); a channel is changed only in what is the person's to
// change, removed by them or by its unsubscribe link without a session.
func testChannels(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	alex := mustCreatePerson(t, s.DB, "alex", "Alex")
	_, _, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam", Wording: "loud"})
	if ps := tend.ProblemsOf(err, ""); ps.Field("address") == "" || ps.Field("wording") == "" {
		t.Errorf("a wrong address and wording: %v", err)
	}
	email, confirm, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "sam@example.org",
		Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeAlert, tend.NoticeAlert}})
	if err != nil || confirm == "" || !email.Confirmed.IsZero() || email.Takes(tend.NoticeAlert) || !slices.Equal(email.Notices, []tend.Notice{tend.NoticeAlert}) {
		t.Fatalf("an email address: %+v %q %v", email, confirm, err)
	}
	push, confirmPush, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelPush, Address: "https://push.example/x",
		P256dh: "p", Auth: "a", Device: "Phone", Wording: tend.WordingPlain, Notices: []tend.Notice{tend.NoticeFollowup}})
	if err != nil || confirmPush != "" || push.Confirmed.IsZero() || !push.Takes(tend.NoticeFollowup) || push.Unsubscribe == "" {
		t.Fatalf("a device: %+v %q %v", push, confirmPush, err)
	}

	topic, _, err := s.DB.AddChannel(ctx, alex.ID, &tend.Channel{Type: tend.ChannelNtfy, Address: "https://ntfy.example/t", Relay: true,
		Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeAlert}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.DB.FindChannel(ctx, alex.ID, topic.ID); err != nil || !got.Relay {
		t.Errorf("an ntfy topic relayed, read back: %+v %v", got, err)
	}

	// Theirs alone.
	list, err := s.DB.FindChannels(ctx, sam.ID)
	if err != nil || len(list) != 2 || list[0].ID != email.ID || list[1].Device != "Phone" || list[1].P256dh != "p" {
		t.Fatalf("Sam's channels: %+v %v", list, err)
	}
	if got, _ := s.DB.FindChannels(ctx, alex.ID); len(got) != 1 || got[0].ID != topic.ID {
		t.Errorf("Alex sees %+v", got)
	}
	_, err = s.DB.FindChannel(ctx, alex.ID, email.ID)
	wantCode(t, "another's channel", err, tend.ENOTFOUND)
	_, err = s.DB.ChangeChannel(ctx, alex.ID, email.ID, func(c *tend.Channel) { c.Wording = tend.WordingPlain })
	wantCode(t, "changing another's channel", err, tend.ENOTFOUND)
	wantCode(t, "removing another's channel", s.DB.DeleteChannel(ctx, alex.ID, email.ID), tend.ENOTFOUND)
	_, err = s.DB.NewChannelConfirm(ctx, alex.ID, email.ID)
	wantCode(t, "a new link for another's address", err, tend.ENOTFOUND)

	// Confirmed once, through the link; a new link replaces the old.
	again, err := s.DB.NewChannelConfirm(ctx, sam.ID, email.ID)
	if err != nil || again == confirm {
		t.Fatalf("a new link: %v", err)
	}
	_, err = s.DB.ConfirmChannel(ctx, confirm)
	wantCode(t, "the replaced link", err, tend.ENOTFOUND)
	c, err := s.DB.ConfirmChannel(ctx, again)
	if err != nil || c.ID != email.ID || c.Confirmed.IsZero() || !c.Takes(tend.NoticeAlert) {
		t.Fatalf("confirmed: %+v %v", c, err)
	}
	_, err = s.DB.ConfirmChannel(ctx, again)
	wantCode(t, "the link used twice", err, tend.ENOTFOUND)
	_, err = s.DB.NewChannelConfirm(ctx, sam.ID, email.ID)
	wantCode(t, "a link for a confirmed address", err, tend.ECONFLICT)
	late, lateConfirm, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelEmail, Address: "late@example.org", Wording: tend.WordingDiscreet})
	if err != nil {
		t.Fatal(err)
	}
	during(s, now.Add(25*time.Hour), func() {
		_, err := s.DB.ConfirmChannel(ctx, lateConfirm)
		wantCode(t, "an expired link", err, tend.ECONFLICT)
	})
	if got, _ := s.DB.FindChannel(ctx, sam.ID, late.ID); !got.Confirmed.IsZero() {
		t.Error("an expired link confirmed the address")
	}

	// Changed only in wording, kinds and device name.
	changed, err := s.DB.ChangeChannel(ctx, sam.ID, push.ID, func(c *tend.Channel) {
		c.Wording, c.Notices, c.Device = tend.WordingDiscreet, []tend.Notice{tend.NoticeStarted}, "Tablet"
		c.Address, c.PersonID, c.Type = "https://elsewhere.example/", alex.ID, tend.ChannelWebhook
	})
	if err != nil || changed.Wording != tend.WordingDiscreet || changed.Device != "Tablet" || changed.Address != "https://push.example/x" ||
		changed.Type != tend.ChannelPush || changed.PersonID != sam.ID {
		t.Fatalf("changed: %+v %v", changed, err)
	}
	_, err = s.DB.ChangeChannel(ctx, sam.ID, push.ID, func(c *tend.Channel) { c.Notices = []tend.Notice{"gossip"} })
	wantCode(t, "an unknown kind", err, tend.EINVALID)
	if got, _ := s.DB.FindChannel(ctx, sam.ID, push.ID); !slices.Equal(got.Notices, []tend.Notice{tend.NoticeStarted}) {
		t.Errorf("a refused change was kept: %+v", got.Notices)
	}

	// Unsubscribed by its link, without a session; then the link is spent.
	if err := s.DB.Unsubscribe(ctx, c.Unsubscribe); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "unsubscribing twice", s.DB.Unsubscribe(ctx, c.Unsubscribe), tend.ENOTFOUND)
	wantCode(t, "an unknown unsubscribe link", s.DB.Unsubscribe(ctx, "nothing"), tend.ENOTFOUND)
	if err := s.DB.DeleteChannel(ctx, sam.ID, push.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.DB.FindChannels(ctx, sam.ID); len(got) != 1 || got[0].ID != late.ID {
		t.Errorf("after removing two: %+v", got)
	}
}

// testChannelDeliveries: a delivery is recorded once; failures count in
// a row with what went wrong, and a success clears them; a channel the
// service no longer knows goes.
func testChannelDeliveries(t *testing.T, s Store) {
	ctx := context.Background()
	sam := mustCreatePerson(t, s.DB, "sam", "Sam")
	hook, _, err := s.DB.AddChannel(ctx, sam.ID, &tend.Channel{Type: tend.ChannelWebhook, Address: "https://hook.example/",
		Secret: "whsec_x", Wording: tend.WordingDiscreet, Notices: []tend.Notice{tend.NoticeAlert}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range tend.ChannelFailing {
		if err := s.DB.ChannelFailed(ctx, hook.ID, "the receiver answered 500", false); err != nil {
			t.Fatal(err)
		}
		got, _ := s.DB.FindChannelByID(ctx, hook.ID)
		if got.Failures != i+1 || got.Problem != "the receiver answered 500" || got.IsFailing() != (i+1 == tend.ChannelFailing) {
			t.Errorf("after %d failures: %+v", i+1, got)
		}
	}
	if done, _ := s.DB.Delivered(ctx, hook.ID, "d1"); done {
		t.Error("delivered before it was")
	}
	first, err := s.DB.RecordDelivery(ctx, hook.ID, "d1")
	if err != nil || !first {
		t.Fatalf("recorded: %v %v", first, err)
	}
	if again, err := s.DB.RecordDelivery(ctx, hook.ID, "d1"); err != nil || again {
		t.Errorf("recorded twice: %v %v", again, err)
	}
	if done, _ := s.DB.Delivered(ctx, hook.ID, "d1"); !done {
		t.Error("not delivered after it was")
	}
	if got, _ := s.DB.FindChannel(ctx, sam.ID, hook.ID); got.Failures != 0 || got.Problem != "" || got.Secret != "whsec_x" {
		t.Errorf("a success did not clear the failures: %+v", got)
	}
	if err := s.DB.ChannelFailed(ctx, hook.ID, "gone", true); err != nil {
		t.Fatal(err)
	}
	_, err = s.DB.FindChannelByID(ctx, hook.ID)
	wantCode(t, "a channel gone", err, tend.ENOTFOUND)
	wantCode(t, "a failure of a channel gone", s.DB.ChannelFailed(ctx, hook.ID, "x", false), tend.ENOTFOUND)
}

// testServerKey: the first key made is the one every caller gets, even
// when several make one at once.
func testServerKey(t *testing.T, s Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := s.DB.ServerKey(ctx, "vapid", func() ([]byte, error) { return []byte{byte(i)}, nil })
			if err != nil {
				t.Error(err)
			}
			got[i] = k
		}()
	}
	wg.Wait()
	for i := range got {
		if len(got[i]) != 1 || !bytes.Equal(got[i], got[0]) {
			t.Fatalf("callers got different keys: %v", got)
		}
	}
	if k, err := s.DB.ServerKey(ctx, "vapid", func() ([]byte, error) { return []byte("new"), nil }); err != nil || !bytes.Equal(k, got[0]) {
		t.Errorf("a later call: %q %v", k, err)
	}
}
