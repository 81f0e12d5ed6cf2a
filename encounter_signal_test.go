package tend

import (
	"strings"
	"testing"
)

// TestSignalKindSendable: a member may send the needs and the answers to
// them; what Tend itself announces (a stage, a check-in, a reflection)
// can never come from a client, or anyone could forge "the aftercare
// is over".
func TestSignalKindSendable(t *testing.T) {
	tests := []struct {
		kind     SignalKind
		need     bool
		sendable bool
	}{
		{SignalWater, true, true},
		{SignalBlanket, true, true},
		{SignalHold, true, true},
		{SignalSpace, true, true},
		{SignalTalk, true, true},
		{SignalNotOkay, true, true},
		{SignalCustom, true, true},
		{SignalOkay, false, true},
		{SignalComing, false, true},
		{SignalTick, false, true},
		{SignalUntick, false, true},
		{SignalMessage, false, true},
		{SignalStage, false, false},
		{SignalCheckIn, false, false},
		{SignalReflected, false, false},
		{"", false, false},
		{"Stage", false, false},
		{"stage ", false, false},
		{"WATER", false, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			if got := tc.kind.IsNeed(); got != tc.need {
				t.Errorf("IsNeed(%q): got %v, want %v", tc.kind, got, tc.need)
			}
			if got := tc.kind.Sendable(); got != tc.sendable {
				t.Errorf("Sendable(%q): got %v, want %v", tc.kind, got, tc.sendable)
			}
		})
	}
}

// TestSignalValidate: what a member sends is checked whole; a kind only
// Tend sends is refused before anything else.
func TestSignalValidate(t *testing.T) {
	tests := []struct {
		name string
		in   Signal
		want []string // the fields with a problem; nil for none
	}{
		{"StageIsForged", Signal{Kind: SignalStage, Ref: string(StageDone)}, []string{"kind"}},
		{"CheckInIsForged", Signal{Kind: SignalCheckIn}, []string{"kind"}},
		{"ReflectedIsForged", Signal{Kind: SignalReflected}, []string{"kind"}},
		{"UnknownKind", Signal{Kind: "hug"}, []string{"kind"}},
		{"Water", Signal{Kind: SignalWater}, nil},
		{"NotOkay", Signal{Kind: SignalNotOkay}, nil},
		{"WaterWithText", Signal{Kind: SignalWater, Text: "cold please"}, []string{"text"}},
		{"WaterWithRef", Signal{Kind: SignalWater, Ref: "3"}, []string{"ref"}},
		{"CustomWithText", Signal{Kind: SignalCustom, Text: "my hoodie"}, nil},
		{"CustomWithoutText", Signal{Kind: SignalCustom}, []string{"text"}},
		{"CustomBlank", Signal{Kind: SignalCustom, Text: "   "}, []string{"text"}},
		{"CustomTextAtLimit", Signal{Kind: SignalCustom, Text: strings.Repeat("ü", MaxSignalTextLen)}, nil},
		{"CustomTextOverLimit", Signal{Kind: SignalCustom, Text: strings.Repeat("ü", MaxSignalTextLen+1)}, []string{"text"}},
		{"CustomTextOneLine", Signal{Kind: SignalCustom, Text: "a\nb"}, []string{"text"}},
		{"MessageWithText", Signal{Kind: SignalMessage, Text: "home safe"}, nil},
		{"MessageWithoutText", Signal{Kind: SignalMessage}, []string{"text"}},
		{"ComingToNeedOne", Signal{Kind: SignalComing, Ref: "1"}, nil},
		{"ComingTrimmed", Signal{Kind: SignalComing, Ref: " 42 "}, nil},
		{"ComingWithoutRef", Signal{Kind: SignalComing}, []string{"ref"}},
		{"ComingToNeedZero", Signal{Kind: SignalComing, Ref: "0"}, []string{"ref"}},
		{"ComingLeadingZero", Signal{Kind: SignalComing, Ref: "07"}, []string{"ref"}},
		{"ComingNegative", Signal{Kind: SignalComing, Ref: "-1"}, []string{"ref"}},
		{"ComingWithText", Signal{Kind: SignalComing, Ref: "1", Text: "soon"}, []string{"text"}},
		{"TickStep", Signal{Kind: SignalTick, Ref: "first/water"}, nil},
		{"UntickStep", Signal{Kind: SignalUntick, Ref: "first/water"}, nil},
		{"TickWithoutRef", Signal{Kind: SignalTick}, []string{"ref"}},
		{"UntickWithoutRef", Signal{Kind: SignalUntick}, []string{"ref"}},
		{"TickRefAtLimit", Signal{Kind: SignalTick, Ref: strings.Repeat("k", MaxStepKeyLen)}, nil},
		{"TickRefOverLimit", Signal{Kind: SignalTick, Ref: strings.Repeat("k", MaxStepKeyLen+1)}, []string{"ref"}},
		{"TickRefBytesOverLimit", Signal{Kind: SignalTick, Ref: strings.Repeat("ü", MaxStepKeyLen/2+1)}, []string{"ref"}},
		{"TickRefControl", Signal{Kind: SignalTick, Ref: "a\x1bb"}, []string{"ref"}},
		{"OkayWithRef", Signal{Kind: SignalOkay, Ref: "1"}, []string{"ref"}},
		{"TextAndRefWrong", Signal{Kind: SignalTalk, Text: "x", Ref: "1"}, []string{"text", "ref"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.in
			err := s.Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("got %v (%s), want %s", err, ErrorCode(err), EINVALID)
			}
			if tc.want[0] == "kind" {
				if !strings.HasPrefix(ErrorMessage(err), "kind: ") {
					t.Errorf("got %q, want a problem with the kind", ErrorMessage(err))
				}
				return
			}
			var got []string
			for _, p := range ProblemsOf(err, "") {
				got = append(got, p.Path)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("problems: got %q, want %q (%v)", got, tc.want, err)
			}
		})
	}
}

// TestIsSeq: a need is answered by its number as the store gives it:
// digits only, no sign, no leading zero, and short enough for an int64.
func TestIsSeq(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1", true},
		{"9", true},
		{"10", true},
		{"5000", true},
		{"999999999999999999", true},   // 18 digits
		{"1000000000000000000", false}, // 19 digits
		{"", false},
		{"0", false},
		{"01", false},
		{"00", false},
		{"-1", false},
		{"+1", false},
		{"1a", false},
		{"a1", false},
		{"1 ", false},
		{"1.0", false},
		{"1e3", false},
		{"١", false}, // an Arabic-Indic one
		{"/", false}, // the byte before '0'
		{":", false}, // the byte after '9'
		{"1/", false},
		{"1:", false},
	}
	for _, tc := range tests {
		if got := isSeq(tc.in); got != tc.want {
			t.Errorf("isSeq(%q): got %v, want %v", tc.in, got, tc.want)
		}
	}
}
