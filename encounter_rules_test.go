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
