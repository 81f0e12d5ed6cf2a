package tend

import "testing"

// TestSendable: a member sends needs, answers, ticks and messages; what
// Tend says of itself (a stage, a check-in, a reflection) can never be
// sent, or anyone could move everyone on with a forged signal.
func TestSendable(t *testing.T) {
	for _, k := range []SignalKind{SignalWater, SignalBlanket, SignalHold, SignalSpace, SignalTalk, SignalNotOkay,
		SignalCustom, SignalOkay, SignalComing, SignalTick, SignalUntick, SignalMessage} {
		if !k.Sendable() {
			t.Errorf("%s is not sendable", k)
		}
	}
	for _, k := range []SignalKind{SignalStage, SignalCheckIn, SignalReflected, "", "STAGE", "anything"} {
		if k.Sendable() {
			t.Errorf("%q is sendable", k)
		}
		if err := (&Signal{Kind: k, Ref: string(StageDone)}).Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("a %q signal passes: %v", k, err)
		}
	}
}

// TestReflectionShared: what the others see of a reflection has no
// journal, and is a copy: changing it changes nothing of the author's.
func TestReflectionShared(t *testing.T) {
	r := &Reflection{PersonID: "sam", Mood: 4, Emotions: []string{"calm"}, Helped: []string{"water"},
		Missing: "more time", Favourite: "laughing", Note: "thank you", Journal: "my own words"}
	got := r.Shared()
	if got.Journal != "" {
		t.Errorf("the shared part holds the journal %q", got.Journal)
	}
	if got.Mood != 4 || got.Note != "thank you" || got.Missing != "more time" || got.Favourite != "laughing" || got.PersonID != "sam" {
		t.Errorf("the shared part lost what is shared: %+v", got)
	}
	got.Emotions[0], got.Helped[0] = "changed", "changed"
	if r.Emotions[0] != "calm" || r.Helped[0] != "water" || r.Journal != "my own words" {
		t.Errorf("the author's reflection changed: %+v", r)
	}
}
