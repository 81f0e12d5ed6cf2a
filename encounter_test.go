package tend

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReflectionShared: what the others see of a reflection never holds
// the private journal, keeps everything else, and is a copy: changing it
// cannot change the author's own.
func TestReflectionShared(t *testing.T) {
	at := time.Date(2026, 5, 1, 22, 0, 0, 0, time.UTC)
	r := &Reflection{
		PersonID: "p1", DisplayName: "Sam", Mood: 4,
		Emotions: []string{"calm", "tired"}, Helped: []string{"water", "x-hoodie"},
		Missing: "more quiet", Favourite: "the blanket", Note: "thank you",
		Journal: "only for me", At: at,
	}
	got := r.Shared()
	if got.Journal != "" {
		t.Errorf("journal: got %q, want it cleared", got.Journal)
	}
	want := *r
	want.Journal = ""
	if got.PersonID != want.PersonID || got.DisplayName != want.DisplayName || got.Mood != want.Mood ||
		!slices.Equal(got.Emotions, want.Emotions) || !slices.Equal(got.Helped, want.Helped) ||
		got.Missing != want.Missing || got.Favourite != want.Favourite || got.Note != want.Note || !got.At.Equal(want.At) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if r.Journal != "only for me" {
		t.Errorf("author's journal: got %q, want it kept", r.Journal)
	}
	got.Emotions[0], got.Helped[0] = "sad", "blanket"
	if r.Emotions[0] != "calm" || r.Helped[0] != "water" {
		t.Errorf("changing the shared copy changed the author's: %v %v", r.Emotions, r.Helped)
	}
}

func TestStageNext(t *testing.T) {
	tests := []struct{ from, want Stage }{
		{StagePlanned, StageBefore},
		{StageBefore, StageAfter},
		{StageAfter, StageReflect},
		{StageReflect, ""}, // done comes when reflections are in, never by hand
		{StageDone, ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := tc.from.Next(); got != tc.want {
			t.Errorf("%q.Next(): got %q, want %q", tc.from, got, tc.want)
		}
	}
	for _, s := range Stages() {
		if !s.Valid() {
			t.Errorf("%q: got invalid, want valid", s)
		}
	}
	if Stage("after ").Valid() || Stage("").Valid() {
		t.Error("an unknown stage is valid")
	}
}

// TestSignalOpenEveryStage: during the check-in, the aftercare and
// reflecting, every kind a member may send is open; before it begins,
// nothing; once done, only "I'm okay now".
func TestSignalOpenEveryStage(t *testing.T) {
	kinds := append(NeedKinds(), SignalOkay, SignalComing, SignalTick, SignalUntick, SignalMessage)
	for _, st := range append(Stages(), "") {
		for _, k := range kinds {
			want := st == StageBefore || st == StageAfter || st == StageReflect || st == StageDone && k == SignalOkay
			if got := SignalOpen(k, st); got != want {
				t.Errorf("SignalOpen(%s, %q): got %v, want %v", k, st, got, want)
			}
		}
	}
}

// TestCheckEndSeen: "end anyway" covers exactly the "not okay"s up to
// the one the person saw, and only ending the aftercare is held back.
func TestCheckEndSeen(t *testing.T) {
	standing := []*Signal{{Seq: 7, From: "s", FromName: "Sam", Kind: SignalNotOkay}}
	tests := []struct {
		name string
		m    Move
		want string // "" for no error, else the error code
	}{
		{"SeenExactly", Move{From: StageAfter, Anyway: true, Seen: 7}, ""},
		{"SeenLater", Move{From: StageAfter, Anyway: true, Seen: 8}, ""},
		{"SeenOneBefore", Move{From: StageAfter, Anyway: true, Seen: 6}, ECONFLICT},
		{"SeenButNotAnyway", Move{From: StageAfter, Seen: 7}, ECONFLICT},
		{"PlannedToBefore", Move{From: StagePlanned}, ""},
		{"BeforeToAfter", Move{From: StageBefore}, ""},
		{"ReflectOn", Move{From: StageReflect}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorCode(CheckEnd(tc.m, standing)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNewEncounterValidate: the time set aside and the reveal delay at
// their exact edges, and solo only alone.
func TestNewEncounterValidate(t *testing.T) {
	tests := []struct {
		name string
		in   NewEncounter
		want []string // the fields with a problem
	}{
		{"Solo", NewEncounter{Kind: Solo}, nil},
		{"Circle", NewEncounter{CircleID: "c1", Kind: Gentle}, nil},
		{"UnknownKind", NewEncounter{CircleID: "c1", Kind: "rough"}, []string{"kind"}},
		{"NoKind", NewEncounter{}, []string{"kind"}},
		{"CircleKindWithoutCircle", NewEncounter{Kind: Gentle}, []string{"circle_id"}},
		{"SoloInCircle", NewEncounter{CircleID: "c1", Kind: Solo}, []string{"kind"}},
		{"MinutesZero", NewEncounter{Kind: Solo, Minutes: 0}, nil},
		{"MinutesAtMax", NewEncounter{Kind: Solo, Minutes: MaxAftercareMinutes}, nil},
		{"MinutesOverMax", NewEncounter{Kind: Solo, Minutes: MaxAftercareMinutes + 1}, []string{"minutes"}},
		{"MinutesNegative", NewEncounter{Kind: Solo, Minutes: -1}, []string{"minutes"}},
		{"RevealAtMax", NewEncounter{Kind: Solo, RevealAfter: MaxRevealDelay}, nil},
		{"RevealOverMax", NewEncounter{Kind: Solo, RevealAfter: MaxRevealDelay + time.Nanosecond}, []string{"reveal_after_minutes"}},
		{"RevealNegative", NewEncounter{Kind: Solo, RevealAfter: -time.Nanosecond}, []string{"reveal_after_minutes"}},
		{"AllWrong", NewEncounter{Kind: Gentle, Minutes: -1, RevealAfter: -1}, []string{"circle_id", "minutes", "reveal_after_minutes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate()
			checkFields(t, err, tc.want)
		})
	}
	if MaxRevealDelay != 14*24*time.Hour {
		t.Errorf("MaxRevealDelay: got %v, want 14 days as the message says", MaxRevealDelay)
	}
}

// TestCheckInValidate: scales from 1 to 5 or none, texts by the text
// rule, needs as practice ids.
func TestCheckInValidate(t *testing.T) {
	ids := make([]string, MaxLevels)
	for i := range ids {
		ids[i] = "x-need"
	}
	tests := []struct {
		name string
		in   CheckIn
		want []string
	}{
		{"Empty", CheckIn{}, nil},
		{"ScalesLow", CheckIn{Mood: 1, Energy: 1}, nil},
		{"ScalesHigh", CheckIn{Mood: 5, Energy: 5}, nil},
		{"MoodOverFive", CheckIn{Mood: 6}, []string{"mood"}},
		{"MoodNegative", CheckIn{Mood: -1}, []string{"mood"}},
		{"EnergyOverFive", CheckIn{Energy: 6}, []string{"energy"}},
		{"EnergyNegative", CheckIn{Energy: -1}, []string{"energy"}},
		{"LimitsMultiline", CheckIn{Limits: "no hair\nno marks", Triggers: "loud\tnoise"}, nil},
		{"SafewordOneLine", CheckIn{Safeword: "red\nlight"}, []string{"safeword"}},
		{"LimitsAtMax", CheckIn{Limits: strings.Repeat("l", MaxCheckInTextLen)}, nil},
		{"LimitsOverMax", CheckIn{Limits: strings.Repeat("l", MaxCheckInTextLen+1)}, []string{"limits"}},
		{"Needs", CheckIn{Needs: []string{"water", "x-hoodie"}}, nil},
		{"NeedsAtMax", CheckIn{Needs: ids}, nil},
		{"NeedsOverMax", CheckIn{Needs: append(ids, "water")}, []string{"needs"}},
		{"NeedNotAnID", CheckIn{Needs: []string{"Water!"}}, []string{"needs"}},
		{"NeedEmpty", CheckIn{Needs: []string{""}}, []string{"needs"}},
		{"NeedIDAtMax", CheckIn{Needs: []string{"x-" + strings.Repeat("a", MaxIDLen-2)}}, nil},
		{"NeedIDOverMax", CheckIn{Needs: []string{"x-" + strings.Repeat("a", MaxIDLen-1)}}, []string{"needs"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.in
			checkFields(t, c.Validate(), tc.want)
		})
	}
}

// TestReflectionValidate: a mood is required, emotions come from the
// words offered, the journal may be longer than the shared texts.
func TestReflectionValidate(t *testing.T) {
	tests := []struct {
		name string
		in   Reflection
		want []string
	}{
		{"MoodOne", Reflection{Mood: 1}, nil},
		{"MoodFive", Reflection{Mood: 5}, nil},
		{"MoodMissing", Reflection{}, []string{"mood"}},
		{"MoodSix", Reflection{Mood: 6}, []string{"mood"}},
		{"EveryEmotion", Reflection{Mood: 3, Emotions: Emotions()}, nil},
		{"TooManyEmotions", Reflection{Mood: 3, Emotions: append(Emotions(), "calm")}, []string{"emotions"}},
		{"UnknownEmotion", Reflection{Mood: 3, Emotions: []string{"calm", "smug"}}, []string{"emotions"}},
		{"NoteAtMax", Reflection{Mood: 3, Note: strings.Repeat("n", MaxCheckInTextLen)}, nil},
		{"NoteOverMax", Reflection{Mood: 3, Note: strings.Repeat("n", MaxCheckInTextLen+1)}, []string{"note"}},
		{"MissingOverMax", Reflection{Mood: 3, Missing: strings.Repeat("n", MaxCheckInTextLen+1)}, []string{"missing"}},
		{"FavouriteOverMax", Reflection{Mood: 3, Favourite: strings.Repeat("n", MaxCheckInTextLen+1)}, []string{"favourite"}},
		{"JournalAtMax", Reflection{Mood: 3, Journal: strings.Repeat("j", MaxJournalLen)}, nil},
		{"JournalOverMax", Reflection{Mood: 3, Journal: strings.Repeat("j", MaxJournalLen+1)}, []string{"journal"}},
		{"Helped", Reflection{Mood: 3, Helped: []string{"water"}}, nil},
		{"HelpedNotAnID", Reflection{Mood: 3, Helped: []string{"x-"}}, []string{"helped"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.in
			checkFields(t, r.Validate(), tc.want)
		})
	}
}

func TestRevealAt(t *testing.T) {
	at := time.Date(2026, 5, 1, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		stage Stage
		after time.Duration
		want  time.Time
	}{
		{"Reflecting", StageReflect, time.Hour, at.Add(time.Hour)},
		{"Done", StageDone, time.Hour, at.Add(time.Hour)},
		{"OnlyWhenAllAnswered", StageReflect, 0, time.Time{}},
		{"NotReflectingYet", StageAfter, time.Hour, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &Encounter{Stage: tc.stage, StageAt: at, RevealAfter: tc.after}
			if got := e.RevealAt(); !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// checkFields checks that err is nil when want is, else EINVALID with
// problems at exactly the fields in want, in order.
func checkFields(tb testing.TB, err error, want []string) {
	tb.Helper()
	if want == nil {
		if err != nil {
			tb.Errorf("got %v, want no error", err)
		}
		return
	}
	if ErrorCode(err) != EINVALID {
		tb.Fatalf("got %v (%q), want %s", err, ErrorCode(err), EINVALID)
	}
	var got []string
	for _, p := range ProblemsOf(err, "") {
		got = append(got, p.Path)
	}
	if !slices.Equal(got, want) {
		tb.Errorf("problems: got %q, want %q (%v)", got, want, err)
	}
}
