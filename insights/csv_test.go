package insights

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

func TestWriteCSV(t *testing.T) {
	words := func(s string) opt {
		return func(e *tend.PastEncounter) {
			missing(s)(e)
			e.Reflection.Note, e.Reflection.Favourite, e.Reflection.Journal = "NOTE-canary", "FAVOURITE-canary", canary
		}
	}
	b := history().profile(&tend.Card{Custom: []tend.CustomPractice{{ID: "x-tea", Title: "Tea in bed", Mode: tend.Given}}})
	for _, s := range []string{"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tsoft", "\rhard", "a hug, \"please\""} {
		b.enc(day(3, 2), refl(4, "x-tea"), words(s), needs("water"), followup(tend.FollowupLow, 20*hour))
		b.enc(day(3, 3), refl(5, "x-tea"), words(s), needs("water"), kind(tend.Intense))
	}
	in := mine(t, b.build(), testNames, day(4, 1), nil)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, no := range []string{"CANARY", "canary", "Tea in bed", "A glass of water"} {
		if strings.Contains(out, no) {
			t.Errorf("the CSV has %q:\n%s", no, out)
		}
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("reading it back: %v", err)
	}
	if !slices.Equal(rows[0], []string{"chart", "label", "series", "value"}) {
		t.Errorf("header %q", rows[0])
	}
	for _, want := range [][]string{
		{"mood", "2026-03", "reflections", "14"}, {"mood", "2026-03", "mean_mood", "4.5"}, {"mood", "2026-03", "low", "7"},
		{"mood", "2026-04", "mean_mood", "0.0"},
		{"rhythm", "2026-03", "encounters", "14"}, {"rhythm", "2026-03", "aftercare", "14"}, {"rhythm", "2026-03", "median_minutes", "20"},
		{"drops_by_kind", "gentle", "with_drop", "7"}, {"drops_by_kind", "intense", "encounters", "7"},
		{"drops_by_delay", "next-day", "drops", "7"}, {"drops_by_delay", "during", "drops", "0"},
		{"helped", "x-tea", "said", "14"}, {"helped", "x-tea", "ticked", "0"},
		{"unmet_needs", "water", "times", "14"},
		{"unmet_missing", "'=HYPERLINK(\"http://x\")", "times", "2"}, {"unmet_missing", "'+1", "times", "2"},
		{"unmet_missing", "'-1", "times", "2"}, {"unmet_missing", "'@SUM(A1)", "times", "2"},
		{"unmet_missing", "a hug, \"please\"", "times", "2"},
	} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no row %q in\n%s", want, out)
		}
	}
	// Tabs and carriage returns are trimmed as spaces are, so a cell
	// never starts with one; any that did would be guarded too.
	for _, r := range rows[1:] {
		if len(r) != 4 {
			t.Fatalf("row %q has %d cells, want 4", r, len(r))
		}
		if r[1] != "" && strings.ContainsRune("=+-@\t\r", rune(r[1][0])) {
			t.Errorf("cell %q is not guarded", r[1])
		}
	}
}

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"water", "water"}, {"=1+2", "'=1+2"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@x", "'@x"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"a=b", "a=b"}, {"'quoted", "'quoted"},
	} {
		if got := cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteCSVError(t *testing.T) {
	if err := WriteCSV(failWriter{}, mine(t, history().enc(day(1, 2)).build(), nil, day(2, 1), nil)); err == nil {
		t.Error("no error from a writer that fails")
	}
}
