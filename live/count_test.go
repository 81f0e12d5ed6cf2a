package live_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/live"
)

// TestCounts: encounters' screens and inbox streams are counted apart, up
// as they open and down as they leave, are signed out or closed.
func TestCounts(t *testing.T) {
	ctx := context.Background()
	st := &store{sigs: map[string][]*tend.Signal{}}
	h := live.NewRooms(live.Config{Read: st.read, Frames: frames})
	defer h.Close()
	sam, alex := uuid.NewString(), uuid.NewString()
	enc := uuid.NewString()
	want := func(what string, screens, inboxes int64) {
		t.Helper()
		if got, in := h.EncounterScreens(), h.InboxStreams(); got != screens || in != inboxes {
			t.Errorf("%s: %d screens and %d inbox streams, want %d and %d", what, got, in, screens, inboxes)
		}
		if h.Screens() != screens+inboxes {
			t.Errorf("%s: Screens() = %d, want %d", what, h.Screens(), screens+inboxes)
		}
	}
	want("none open", 0, 0)
	leaveSam, _ := h.Join(ctx, enc, sam, &fakeStream{}, nil, 0)
	h.Join(ctx, enc, alex, &fakeStream{}, nil, 0)
	leaveInbox, _ := h.JoinInbox(ctx, sam, &fakeStream{}, nil)
	h.JoinInbox(ctx, alex, &fakeStream{}, nil)
	h.JoinInbox(ctx, alex, &fakeStream{}, nil)
	want("two screens, three inboxes", 2, 3)
	leaveSam()
	leaveInbox()
	want("after Sam left both", 1, 2)
	h.CloseScreens(alex)
	want("after Alex was signed out", 0, 0)
	h.JoinInbox(ctx, sam, &fakeStream{}, nil)
	h.Join(ctx, enc, sam, &fakeStream{}, nil, 0)
	h.Close()
	want("closed", 0, 0)
}
