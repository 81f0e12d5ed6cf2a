package tend_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
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
