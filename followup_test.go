package tend_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/plan"
)

// TestFollowupAnswer: the three answers are known, and only low and care
// tell the others.
func TestFollowupAnswer(t *testing.T) {
	tests := []struct {
		a          tend.FollowupAnswer
		valid, low bool
	}{
		{tend.FollowupGood, true, false},
		{tend.FollowupLow, true, true},
		{tend.FollowupCare, true, true},
		{"", false, false},
		{"Good", false, false},
		{"bad", false, false},
	}
	for _, tc := range tests {
		if got := tc.a.Valid(); got != tc.valid {
			t.Errorf("%q.Valid(): got %v, want %v", tc.a, got, tc.valid)
		}
		if got := tc.a.Low(); got != tc.low {
			t.Errorf("%q.Low(): got %v, want %v", tc.a, got, tc.low)
		}
	}
	if got := tend.FollowupAnswers(); !slices.Equal(got, []tend.FollowupAnswer{"good", "low", "care"}) {
		t.Errorf("answers: got %q", got)
	}
}

// TestDropTell: three choices, asking by default.
func TestDropTell(t *testing.T) {
	for _, c := range tend.DropTells() {
		if !c.Valid() {
			t.Errorf("%q: want valid", c)
		}
	}
	if got := tend.DropTells(); !slices.Equal(got, []tend.DropTell{"auto", "ask", "never"}) {
		t.Errorf("choices: got %q", got)
	}
	for _, c := range []tend.DropTell{"", "always", "Auto", "no"} {
		if c.Valid() {
			t.Errorf("%q: want invalid", c)
		}
	}
	if tend.DefaultDropTell != tend.DropTellAsk {
		t.Errorf("default: got %q, want ask", tend.DefaultDropTell)
	}
}

// TestFollowupPrefsValidate: circle ids are checked, a repeated one kept
// once, and too many refused, all about the "off_circles" field.
func TestFollowupPrefsValidate(t *testing.T) {
	many := make([]string, tend.MaxFollowupOffCircles+1)
	for i := range many {
		many[i] = "c" + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
	}
	tests := []struct {
		name    string
		circles []string
		want    []string // after Validate; nil with ok false for an error
		ok      bool
	}{
		{"ZeroValue", nil, nil, true},
		{"UUIDs", []string{"0190f1e2-7b3c-7d4e-8f5a-6b7c8d9e0f1a", "c_2"}, []string{"0190f1e2-7b3c-7d4e-8f5a-6b7c8d9e0f1a", "c_2"}, true},
		{"RepeatedKeptOnce", []string{"a", "b", "a"}, []string{"a", "b"}, true},
		{"ErrEmptyID", []string{""}, nil, false},
		{"ErrSpace", []string{"a b"}, nil, false},
		{"ErrControl", []string{"a\x1b[2J"}, nil, false},
		{"ErrTooLongID", []string{strings.Repeat("a", 65)}, nil, false},
		{"LongestID", []string{strings.Repeat("a", 64)}, []string{strings.Repeat("a", 64)}, true},
		{"ErrTooMany", many, nil, false},
		{"MostAllowed", many[:tend.MaxFollowupOffCircles], many[:tend.MaxFollowupOffCircles], true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tend.FollowupPrefs{OffCircles: slices.Clone(tc.circles)}
			err := p.Validate()
			if !tc.ok {
				if tend.ErrorCode(err) != tend.EINVALID || tend.ProblemsOf(err, "").Field("off_circles") == "" {
					t.Fatalf("got %v, want EINVALID about off_circles", err)
				}
				if msg := tend.ErrorMessage(err); strings.ContainsAny(msg, "\x1b") || len(msg) > 200 {
					t.Errorf("message not short and printable: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want nil", err)
			}
			if !slices.Equal(p.OffCircles, tc.want) {
				t.Errorf("off circles: got %q, want %q", p.OffCircles, tc.want)
			}
		})
	}
}

// TestParseFollowupAfter: the forms a plan writes, and combinations of
// them, are read; anything else is EINVALID with a hint at what to write.
func TestParseFollowupAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		hint string // a word the message must contain when it is refused
	}{
		{"PT1H", time.Hour, ""},
		{"PT3H", 3 * time.Hour, ""},
		{"PT6H", 6 * time.Hour, ""},
		{"PT12H", 12 * time.Hour, ""},
		{"P1D", 24 * time.Hour, ""},
		{"P3D", 72 * time.Hour, ""},
		{"PT45M", 45 * time.Minute, ""},
		{"PT1M", time.Minute, ""},
		{"PT1H30M", 90 * time.Minute, ""},
		{"PT90M", 90 * time.Minute, ""},
		{"P1DT6H", 30 * time.Hour, ""},
		{"P1DT6H30M", 30*time.Hour + 30*time.Minute, ""},
		{"P1DT30M", 24*time.Hour + 30*time.Minute, ""},
		{"PT06H", 6 * time.Hour, ""},
		{"P14D", 14 * 24 * time.Hour, ""},
		{"P13DT24H", 14 * 24 * time.Hour, ""},
		{"PT0M", 0, "at least a minute"},
		{"P0D", 0, "at least a minute"},
		{"P0DT0H0M", 0, "at least a minute"},
		{"P15D", 0, "at most 14 days"},
		{"P14DT1M", 0, "at most 14 days"},
		{"PT999999999H", 0, "at most 14 days"},
		{"P9999999999D", 0, "9 digits"},
		{"", 0, "ISO 8601"},
		{"P", 0, "ISO 8601"},
		{"PT", 0, "ISO 8601"},
		{"P1DT", 0, "ISO 8601"},
		{"T1H", 0, "ISO 8601"},
		{"6H", 0, "ISO 8601"},
		{"pt6h", 0, "ISO 8601"},
		{"PT6h", 0, "ISO 8601"},
		{" PT6H", 0, "ISO 8601"},
		{"PT6H ", 0, "ISO 8601"},
		{"-P1D", 0, "ISO 8601"},
		{"P-1D", 0, "ISO 8601"},
		{"P+1D", 0, "ISO 8601"},
		{"PT6", 0, "ISO 8601"},
		{"PTH", 0, "ISO 8601"},
		{"PT1M1H", 0, "ISO 8601"},
		{"PT1H1H", 0, "ISO 8601"},
		{"P1D1D", 0, "ISO 8601"},
		{"PT1D", 0, "ISO 8601"},
		{"P1DT1HT1M", 0, "ISO 8601"},
		{"P1H", 0, "after a T"},
		{"P1W", 0, "weeks"},
		{"P1M", 0, "months"},
		{"P1Y", 0, "years"},
		{"PT30S", 0, "seconds"},
		{"PT1.5H", 0, "fractions"},
		{"PT1,5H", 0, "fractions"},
		{"P\x1b[2JT1H", 0, `\x1b`},
		{"P\u202eT1H", 0, `\u202e`},
	}
	for _, tc := range tests {
		got, err := tend.ParseFollowupAfter(tc.in)
		if tc.hint == "" {
			if err != nil || got != tc.want {
				t.Errorf("%q: got %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if tend.ErrorCode(err) != tend.EINVALID || got != 0 {
			t.Errorf("%q: got %v, %v; want 0 and EINVALID", tc.in, got, err)
			continue
		}
		if msg := tend.ErrorMessage(err); !strings.Contains(msg, tc.hint) || strings.ContainsRune(msg, 0x1b) {
			t.Errorf("%q: message %q, want it printable and to mention %q", tc.in, msg, tc.hint)
		}
	}
}

// TestParseFollowupAfterReadsEveryPlan: every follow-up time the plan
// engine writes, for every kind and drop timing, is read back.
func TestParseFollowupAfterReadsEveryPlan(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	checkins := map[string]tend.Receive{"evening-checkin": tend.Need, "good-morning-message": tend.Need, "next-day-checkin": tend.Need, "days-later-checkin": tend.Need}
	seen := map[string]bool{}
	for _, kind := range tend.Kinds() {
		for _, when := range []tend.DropWhen{tend.DropNone, tend.DropSameDay, tend.DropNextDay, tend.DropDaysLater} {
			cards := []*tend.Card{{Tend: tend.CardVersion, Name: "Sam", Receive: checkins, Drop: &tend.Drop{When: when}}}
			if kind != tend.Solo {
				cards = append(cards, &tend.Card{Tend: tend.CardVersion, Name: "Alex", Give: map[string]tend.Give{"evening-checkin": tend.Glad, "next-day-checkin": tend.Glad}})
			}
			p, err := plan.Make(cat, cards, kind)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, when, err)
			}
			for _, f := range p.Followups {
				if _, err := tend.ParseFollowupAfter(f.After); err != nil {
					t.Errorf("%s %s: %v", kind, when, err)
				}
				seen[f.After] = true
			}
		}
	}
	for _, want := range []string{"PT1H", "PT3H", "PT6H", "P1D", "P3D"} {
		if !seen[want] {
			t.Errorf("no plan wrote %s; seen %v", want, seen)
		}
	}
}
