package tend

import (
	"slices"
	"testing"
)

func TestNotOkay(t *testing.T) {
	sig := func(from string, k SignalKind) *Signal { return &Signal{From: from, FromName: from, Kind: k} }
	tests := []struct {
		name    string
		signals []*Signal
		want    []string
	}{
		{"None", nil, nil},
		{"OneStands", []*Signal{sig("sam", SignalWater), sig("sam", SignalNotOkay)}, []string{"sam"}},
		{"OkayTakesItBack", []*Signal{sig("sam", SignalNotOkay), sig("sam", SignalOkay)}, nil},
		{"OkayOfAnotherDoesNot", []*Signal{sig("sam", SignalNotOkay), sig("alex", SignalOkay)}, []string{"sam"}},
		{"AgainAfterOkay", []*Signal{sig("sam", SignalNotOkay), sig("sam", SignalOkay), sig("sam", SignalNotOkay)}, []string{"sam"}},
		{"TwiceIsOnce", []*Signal{sig("sam", SignalNotOkay), sig("sam", SignalNotOkay)}, []string{"sam"}},
		{"InOrderSent", []*Signal{sig("jo", SignalNotOkay), sig("sam", SignalNotOkay), sig("jo", SignalOkay), sig("jo", SignalNotOkay)}, []string{"sam", "jo"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range NotOkay(tc.signals) {
				got = append(got, s.From)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckEnd(t *testing.T) {
	sam := []*Signal{{Seq: 4, From: "s", FromName: "Sam", Kind: SignalNotOkay}}
	two := append(sam, &Signal{Seq: 9, From: "j", FromName: "Jo", Kind: SignalNotOkay})
	tests := []struct {
		name     string
		m        Move
		standing []*Signal
		want     string // "" for no error, else the message
	}{
		{"NobodyNotOkay", Move{From: StageAfter}, nil, ""},
		{"SamNotOkay", Move{From: StageAfter}, sam, "anyway: Sam is not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer"},
		{"TwoNotOkay", Move{From: StageAfter}, two, "anyway: Sam and Jo are not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer"},
		{"AnywayHavingSeenIt", Move{From: StageAfter, Anyway: true, Seen: 4}, sam, ""},
		{"AnywayWithoutHavingSeenIt", Move{From: StageAfter, Anyway: true}, sam, "anyway: Sam is not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer"},
		{"AnywayButANewOne", Move{From: StageAfter, Anyway: true, Seen: 8}, two, "anyway: Jo is not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer"},
		{"BeginningIsNotEnding", Move{From: StageBefore}, sam, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckEnd(tc.m, tc.standing)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("got %v, want none", err)
				}
				return
			}
			if ErrorCode(err) != ECONFLICT || ErrorMessage(err) != tc.want {
				t.Errorf("got %q (%s), want %q", ErrorMessage(err), ErrorCode(err), tc.want)
			}
		})
	}
}

func TestSignalOpen(t *testing.T) {
	for _, tc := range []struct {
		k    SignalKind
		st   Stage
		want bool
	}{
		{SignalWater, StagePlanned, false},
		{SignalWater, StageBefore, true},
		{SignalNotOkay, StageAfter, true},
		{SignalWater, StageReflect, true},
		{SignalWater, StageDone, false},
		{SignalNotOkay, StageDone, false},
		{SignalOkay, StageDone, true},
	} {
		if got := SignalOpen(tc.k, tc.st); got != tc.want {
			t.Errorf("SignalOpen(%s, %s) = %v, want %v", tc.k, tc.st, got, tc.want)
		}
	}
}

func TestSignalOkaySendable(t *testing.T) {
	s := &Signal{Kind: SignalOkay}
	if err := s.Validate(); err != nil {
		t.Fatalf("okay: %v", err)
	}
	if err := (&Signal{Kind: SignalOkay, Text: "fine"}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("okay with text: %v", err)
	}
}
