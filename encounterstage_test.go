package tend

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 5, 1, 22, 0, 0, 0, time.UTC)

func TestTimelineStageAt(t *testing.T) {
	tests := []struct {
		name  string
		tl    Timeline
		now   time.Time
		want  Stage
		shown bool
	}{
		{"reflecting, no deadline", Timeline{Stage: StageReflect, Since: t0}, t0.Add(1000 * time.Hour), StageReflect, false},
		{"reflecting, before the deadline", Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Hour}, t0.Add(time.Hour - time.Millisecond), StageReflect, false},
		{"reflecting, at the deadline", Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Hour}, t0.Add(time.Hour), StageDone, true},
		{"reflecting, after the deadline", Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Hour}, t0.Add(2 * time.Hour), StageDone, true},
		{"done", Timeline{Stage: StageDone, Since: t0}, t0, StageDone, true},
		{"the aftercare, a deadline set", Timeline{Stage: StageAfter, Since: t0, RevealAfter: time.Hour}, t0.Add(2 * time.Hour), StageAfter, false},
		{"planned, a deadline set", Timeline{Stage: StagePlanned, Since: t0, RevealAfter: time.Minute}, t0.Add(time.Hour), StagePlanned, false},
	}
	for _, tc := range tests {
		if got := tc.tl.StageAt(tc.now); got != tc.want {
			t.Errorf("%s: StageAt = %q, want %q", tc.name, got, tc.want)
		}
		if got := tc.tl.Revealed(tc.now); got != tc.shown {
			t.Errorf("%s: Revealed = %v, want %v", tc.name, got, tc.shown)
		}
	}
}

func TestTimelineCanCheckIn(t *testing.T) {
	for _, tc := range []struct {
		stage Stage
		ok    bool
	}{{StagePlanned, true}, {StageBefore, true}, {StageAfter, false}, {StageReflect, false}, {StageDone, false}} {
		err := Timeline{Stage: tc.stage, Since: t0}.CanCheckIn(t0)
		if (err == nil) != tc.ok || (err != nil && ErrorCode(err) != ECONFLICT) {
			t.Errorf("%s: CanCheckIn = %v, want ok %v", tc.stage, err, tc.ok)
		}
	}
}

func TestTimelineCanReflect(t *testing.T) {
	deadline := Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Hour}
	for _, tc := range []struct {
		name      string
		tl        Timeline
		now       time.Time
		reflected bool
		ok        bool
	}{
		{"before the aftercare", Timeline{Stage: StageBefore}, t0, false, false},
		{"during the aftercare", Timeline{Stage: StageAfter}, t0, false, false},
		{"planned", Timeline{Stage: StagePlanned}, t0, false, false},
		{"reflecting, first answer", Timeline{Stage: StageReflect}, t0, false, true},
		{"reflecting, changing one's answer", Timeline{Stage: StageReflect}, t0, true, true},
		{"done, late first answer", Timeline{Stage: StageDone}, t0, false, true},
		{"done, changing a revealed answer", Timeline{Stage: StageDone}, t0, true, false},
		{"past the deadline, changing", deadline, t0.Add(time.Hour), true, false},
		{"just before the deadline, changing", deadline, t0.Add(time.Hour - time.Millisecond), true, true},
		{"past the deadline, late first answer", deadline, t0.Add(time.Hour), false, true},
	} {
		err := tc.tl.CanReflect(tc.now, tc.reflected)
		if (err == nil) != tc.ok || (err != nil && ErrorCode(err) != ECONFLICT) {
			t.Errorf("%s: CanReflect = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}

func TestTimelineEndsWith(t *testing.T) {
	for _, tc := range []struct {
		stage   Stage
		waiting int
		want    bool
	}{{StageReflect, 0, true}, {StageReflect, 1, false}, {StageDone, 0, false}, {StageAfter, 0, false}} {
		if got := (Timeline{Stage: tc.stage}).EndsWith(tc.waiting); got != tc.want {
			t.Errorf("%s with %d waiting: EndsWith = %v, want %v", tc.stage, tc.waiting, got, tc.want)
		}
	}
}

func TestTimelineCanSignal(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tl      Timeline
		kind    SignalKind
		ok      bool
		message string
	}{
		{"planned", Timeline{Stage: StagePlanned}, SignalWater, false, "stage: live signals are for the check-in and the aftercare; this encounter is over"},
		{"check-in", Timeline{Stage: StageBefore}, SignalMessage, true, ""},
		{"aftercare", Timeline{Stage: StageAfter}, SignalNotOkay, true, ""},
		{"reflecting", Timeline{Stage: StageReflect}, SignalWater, true, ""},
		{"done, a need", Timeline{Stage: StageDone}, SignalWater, false, "stage: live signals are for the check-in and the aftercare; this encounter is over"},
		{"done, okay now", Timeline{Stage: StageDone}, SignalOkay, true, ""},
		{"past the deadline, a need", Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Minute}, SignalWater, false, "stage: live signals are for the check-in and the aftercare; this encounter is over"},
		{"one short of the limit", Timeline{Stage: StageAfter, Signals: MaxSignals - 1}, SignalWater, true, ""},
		{"at the limit", Timeline{Stage: StageAfter, Signals: MaxSignals}, SignalWater, false, "signals: this encounter has had 5000; start a new one"},
	} {
		err := tc.tl.CanSignal(t0.Add(time.Hour), tc.kind)
		if (err == nil) != tc.ok || (err != nil && (ErrorCode(err) != ECONFLICT || err.Error() != tc.message)) {
			t.Errorf("%s: CanSignal = %v, want ok %v (%q)", tc.name, err, tc.ok, tc.message)
		}
	}
}

func TestTimelineCanMove(t *testing.T) {
	sam := &Signal{Seq: 4, Kind: SignalNotOkay, From: "sam", FromName: "Sam"}
	for _, tc := range []struct {
		name     string
		tl       Timeline
		m        Move
		standing []*Signal
		to       Stage
		code     string
	}{
		{"planned on", Timeline{Stage: StagePlanned}, Move{From: StagePlanned}, nil, StageBefore, ""},
		{"check-in on", Timeline{Stage: StageBefore}, Move{From: StageBefore}, nil, StageAfter, ""},
		{"aftercare ends", Timeline{Stage: StageAfter}, Move{From: StageAfter}, nil, StageReflect, ""},
		{"reflecting ends by itself", Timeline{Stage: StageReflect}, Move{From: StageReflect}, nil, "", EINVALID},
		{"nothing after done", Timeline{Stage: StageDone}, Move{From: StageDone}, nil, "", EINVALID},
		{"no stage", Timeline{Stage: StageAfter}, Move{}, nil, "", EINVALID},
		{"moved on by someone else", Timeline{Stage: StageAfter}, Move{From: StageBefore}, nil, "", ECONFLICT},
		{"someone is not okay", Timeline{Stage: StageAfter}, Move{From: StageAfter}, []*Signal{sam}, "", ECONFLICT},
		{"ended anyway, seen", Timeline{Stage: StageAfter}, Move{From: StageAfter, Anyway: true, Seen: 4}, []*Signal{sam}, StageReflect, ""},
		{"ended anyway, not seen", Timeline{Stage: StageAfter}, Move{From: StageAfter, Anyway: true, Seen: 3}, []*Signal{sam}, "", ECONFLICT},
		{"not okay does not hold up the check-in", Timeline{Stage: StageBefore}, Move{From: StageBefore}, []*Signal{sam}, StageAfter, ""},
	} {
		to, err := tc.tl.CanMove(t0, tc.m, tc.standing)
		if to != tc.to || ErrorCode(err) != tc.code {
			t.Errorf("%s: CanMove = %q, %v; want %q, code %q", tc.name, to, err, tc.to, tc.code)
		}
	}
}

func TestEncounterTimeline(t *testing.T) {
	e := &Encounter{Stage: StageReflect, StageAt: t0, RevealAfter: time.Hour, LastSeq: 7}
	want := Timeline{Stage: StageReflect, Since: t0, RevealAfter: time.Hour, Signals: 7}
	if got := e.Timeline(); got != want {
		t.Errorf("Timeline = %+v, want %+v", got, want)
	}
}
