package tend

import (
	"strings"
	"testing"
	"time"
)

func TestChannelValidate(t *testing.T) {
	ok := func() *Channel {
		return &Channel{Type: ChannelEmail, Address: "sam@example.org", Wording: WordingDiscreet, Notices: []Notice{NoticeFollowup}}
	}
	for _, tc := range []struct {
		name   string
		change func(*Channel)
		field  string
	}{
		{"fine", func(*Channel) {}, ""},
		{"an unknown type", func(c *Channel) { c.Type = "pager" }, "type"},
		{"not an address", func(c *Channel) { c.Address = "sam" }, "address"},
		{"an address with a name", func(c *Channel) { c.Address = "Sam <sam@example.org>" }, "address"},
		{"no dot", func(c *Channel) { c.Address = "sam@localhost" }, "address"},
		{"a long URL", func(c *Channel) { c.Type, c.Address = ChannelNtfy, "https://ntfy.sh/"+strings.Repeat("a", 2000) }, "address"},
		{"a long device name", func(c *Channel) {
			c.Type, c.Address, c.Device = ChannelPush, "https://push.example/x", strings.Repeat("é", 61)
		}, "device"},
		{"a long token", func(c *Channel) {
			c.Type, c.Address, c.Token = ChannelNtfy, "https://ntfy.sh/t", strings.Repeat("t", 201)
		}, "token"},
		{"no wording", func(c *Channel) { c.Wording = "" }, "wording"},
		{"an unknown notice", func(c *Channel) { c.Notices = []Notice{NoticeAlert, "gossip"} }, "notices"},
	} {
		c := ok()
		tc.change(c)
		err := c.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if ErrorCode(err) != EINVALID || ProblemsOf(err, "").Field(tc.field) == "" {
			t.Errorf("%s: %v, want a problem with %s", tc.name, err, tc.field)
		}
	}
}

func TestChannelTakes(t *testing.T) {
	email := &Channel{Type: ChannelEmail, Notices: []Notice{NoticeAlert}}
	if email.Takes(NoticeAlert) {
		t.Error("an unconfirmed address takes messages")
	}
	email.Confirmed = time.Now()
	if !email.Takes(NoticeAlert) || email.Takes(NoticeFollowup) {
		t.Error("a confirmed address takes only what was chosen")
	}
	push := &Channel{Type: ChannelPush, Notices: []Notice{NoticeFollowup, NoticeStarted}}
	if !push.Takes(NoticeStarted) || push.Takes(NoticeAlert) {
		t.Error("a device takes only what was chosen")
	}
	if push.IsFailing() {
		t.Error("failing without failures")
	}
	push.Failures = ChannelFailing
	if !push.IsFailing() {
		t.Error("not failing after three in a row")
	}
}
