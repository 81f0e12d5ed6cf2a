package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// runWithInput runs the command line with answers on stdin.
func runWithInput(t *testing.T, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }, ReadFile: os.ReadFile, Getenv: func(string) string { return "" }}
	return e.Run(args), out.String(), errb.String()
}

// answers for the eight categories (receive, then give), then the
// extras. Wrong answers are mixed in: each is asked again.
var answers = strings.Join([]string{
	"Sam", "they/them",
	"1n 22n", "1n 9x 5l", "1g 2w", // body: 22 is not on the list
	"1l", "1g 6g", // touch: cuddle like; glad to cuddle and stroke hair
	"3n, 10l", "3q", "3g", // words: "q" is not a give letter
	"", "", // presence
	"1n", "", // space: time alone first
	"", "", // distance
	"", "", // self
	"2n", "1g", // later
	"200", "10", // minutes: 200 is too many
	"I sometimes cry afterwards.", "",
	"No tickling right after.", "",
	"tomorrow", "next-day",
	"a message in the morning", "",
}, "\n") + "\n"

func TestCardNewAsks(t *testing.T) {
	code, out, errs := runWithInput(t, answers, "card", "new", "--ask")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "card-new-asked.json", out)
	for _, want := range []string{
		`"22n": start with a number from 1 to 21, then a letter`,
		`"3q": after the number, write one of g (glad), w (willing), x (no)`,
		`a whole number from 0 to 120, please`,
		`"tomorrow": write none, same-day, next-day or days-later`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("the questions do not say %q:\n%s", want, errs)
		}
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, warns, err := tend.ParseCard("asked.json", []byte(out), cat)
	if err != nil || len(warns) > 0 {
		t.Fatalf("the asked card does not parse cleanly: %v %v", err, warns)
	}
	if c.Receive["water"] != tend.Need || c.Receive["blanket"] != tend.Never || c.Give["stroke-hair"] != tend.Glad ||
		c.Receive["space-first"] != tend.Need || c.SpaceFirstMinutes != 10 || c.Drop == nil || c.Drop.When != tend.DropNextDay ||
		c.Receive["next-day-checkin"] != tend.Need || len(c.Notes) != 1 || len(c.Avoid) != 1 {
		t.Errorf("the card does not hold the answers: %s", out)
	}
}

func TestCardNewAskStopped(t *testing.T) {
	code, out, errs := runWithInput(t, "Sam\n\n1n\n", "card", "new", "--ask")
	if code != exitInput || out != "" || !strings.Contains(errs, "tend: stopped before the end; nothing was written") {
		t.Errorf("closing input early: exit %d, stdout %q, stderr ends %q", code, out, errs[max(0, len(errs)-80):])
	}
}

func TestCardNewTemplateWhenInteractive(t *testing.T) {
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }, ReadFile: os.ReadFile, Getenv: func(string) string { return "" }, Interactive: true}
	if code := e.Run([]string{"card", "new", "--name", "Sam", "--template"}); code != 0 || !strings.Contains(out.String(), `"water": "okay"`) {
		t.Errorf("--template at a terminal: exit %d, %s %s", code, out.String(), errb.String())
	}
}

func TestPicks(t *testing.T) {
	tests := []struct {
		in   string
		want map[int]string
		err  string
	}{
		{"", map[int]string{}, ""},
		{"1n 3L, 5x", map[int]string{1: "need", 3: "like", 5: "never"}, ""},
		{"0n", nil, "start with a number"},
		{"n1", nil, "start with a number"},
		{"6n", nil, "from 1 to 5"},
		{"1", nil, "after the number"},
		{"1nn", nil, "after the number"},
		{"2n 2l", nil, "2 appears twice"},
	}
	for _, tc := range tests {
		got, err := picks(tc.in, 5, receiveLetters())
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("picks(%q): got %v, want an error containing %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || len(got) != len(tc.want) {
			t.Errorf("picks(%q): got %v %v, want %v", tc.in, got, err, tc.want)
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("picks(%q)[%d]: got %q, want %q", tc.in, k, got[k], v)
			}
		}
	}
}
