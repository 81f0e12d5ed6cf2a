package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/tendcare/tend"
)

func TestTermText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"Plain", "Sam", "Sam"},
		{"Accents", "Zoë Ångström", "Zoë Ångström"},
		{"RightToLeftScript", "سام", "سام"},
		{"Emoji", "Kim 🏳️‍🌈", "Kim 🏳️‍🌈"}, // the joiner inside the flag stays
		{"Escape", "Kim\x1b[2J\x1b]0;owned\x07", `Kim\x1b[2J\x1b]0;owned\x07`},
		{"Newline", "Kim\nroot  admin", `Kim\x0aroot  admin`},
		{"Tab", "a\tb", `a\x09b`},
		{"Delete", "a\x7fb", `a\x7fb`},
		{"C1ControlSequenceIntroducer", "a\u009b2Jb", `a\u009b2Jb`},
		{"RightToLeftOverride", "Kim\u202egnp.exe", `Kim\u202egnp.exe`},
		{"Isolates", "\u2066a\u2069", `\u2066a\u2069`},
		{"Marks", "a\u200e\u200f\u061c", `a\u200e\u200f\u061c`},
		{"LineSeparator", "a\u2028b", `a\u2028b`},
		{"ZeroWidthSpace", "a\u200bb", `a\u200bb`},
		{"InvalidUTF8", "a\xffb", `a\xffb`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := termText(tc.in); got != tc.want {
				t.Errorf("termText(%q): got %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestUserTableEscapes: names are shown as stored, but nothing in them
// reaches the terminal as a control character or a direction override.
// The people are made in memory, not stored: whatever the store accepts
// as a name, the list must be safe to print.
func TestUserTableEscapes(t *testing.T) {
	since := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	people := []*tend.Person{
		{Username: "eve", DisplayName: "Eve\x1b[2J\x1b[31mroot", CreatedAt: since},
		{Username: "kim", DisplayName: "Kim\u202enimda", Admin: true, CreatedAt: since},
		{Username: "lou", DisplayName: "Lou\u009b2J\r\nx  admin", Disabled: true, CreatedAt: since},
	}
	var b bytes.Buffer
	if err := writeUserTable(&b, people); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`Eve\x1b[2J\x1b[31mroot`, `Kim\u202enimda`, `Lou\u009b2J\x0d\x0ax  admin`} {
		if !strings.Contains(out, want) {
			t.Errorf("list: missing %q in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 4 {
		t.Errorf("list: %d lines, want a header and one line per person:\n%s", n, out)
	}
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			t.Errorf("list: %U reaches the terminal:\n%q", r, out)
		}
	}
}

// TestPlanTextEscapes: card files are checked for such characters when
// read, but the plan's text output escapes them all the same, whatever
// the plan was made from.
func TestPlanTextEscapes(t *testing.T) {
	p := &tend.Plan{Encounter: tend.Gentle, People: []string{"Kim\u202e", "Sam"}, Minutes: 15,
		Steps: []tend.Step{{Title: "A cuddle", Mode: tend.Together, Phase: tend.First, For: []string{"Kim\u202e"}, By: []string{"Kim\u202e", "Sam"},
			Why: "Kim\u202e needs a cuddle.", Comments: []tend.Note{{From: "Sam", Text: "Hold me\x1b[2J"}}}},
		Notes: []tend.Note{{From: "Sam", Text: "line one\nline two\u009b31m"}}}
	out := planText(p, func(tend.Step) bool { return false })
	for _, want := range []string{`Kim\u202e`, `Hold me\x1b[2J`, `line one line two\u009b31m`} {
		if !strings.Contains(out, want) {
			t.Errorf("plan text: missing %q in\n%s", want, out)
		}
	}
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			t.Errorf("plan text: %U reaches the terminal:\n%q", r, out)
		}
	}
}
