package tend_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// cardWith is a valid card's start with more fields after the name.
func cardWith(fields string) []byte {
	return []byte(`{"tend": "card/v1", "name": "Sam"` + fields + `}`)
}

// TestParseCardLimitsAtTheirEdges: every bounded value of a card is
// taken exactly at its limit and refused just past it, with the
// problem at its field.
func TestParseCardLimitsAtTheirEdges(t *testing.T) {
	cat := mustCatalog(t)
	entries := func(n int, format string) string {
		s := make([]string, n)
		for i := range s {
			s[i] = fmt.Sprintf(format, i)
		}
		return strings.Join(s, ", ")
	}
	custom := func(n int) string {
		return `, "custom": [` + entries(n, `{"id": "x-own-%d", "title": "Own", "mode": "self"}`) + `]`
	}
	tests := []struct {
		name   string
		fields string
		bad    string // the path of the problem; "" when the card is valid
	}{
		{"CreatedIn1970", `, "created": "1970-01-01T00:00:00Z"`, ""},
		{"CreatedIn1969", `, "created": "1969-12-31T23:59:59Z"`, "created"},
		{"CreatedIn1969ByOffset", `, "created": "1970-01-01T00:30:00+01:00"`, "created"},
		{"ExpiresIn9999", `, "expires": "9999-12-31T23:59:59Z"`, ""},
		{"ExpiresIn10000ByOffset", `, "expires": "9999-12-31T23:00:00-02:00"`, "expires"},
		{"ExpiresIn9999ByOffset", `, "expires": "9999-12-31T23:00:00+02:00"`, ""},
		{"SpaceFirstNinety", `, "space_first_minutes": 90`, ""},
		{"SpaceFirstNine", `, "space_first_minutes": 9`, ""},
		{"SpaceFirstZero", `, "space_first_minutes": 0`, ""},
		{"SpaceFirstAtMax", `, "space_first_minutes": ` + strconv.Itoa(tend.MaxSpaceMinutes), ""},
		{"SpaceFirstOverMax", `, "space_first_minutes": ` + strconv.Itoa(tend.MaxSpaceMinutes+1), "space_first_minutes"},
		{"SpaceFirstMinusOne", `, "space_first_minutes": -1`, "space_first_minutes"},
		{"SpaceFirstQuoted", `, "space_first_minutes": "90"`, "space_first_minutes"},
		{"KindMinutesNinety", `, "encounters": {"intense": {"minutes": 90}}`, ""},
		{"KindMinutesOne", `, "encounters": {"intense": {"minutes": 1}}`, ""},
		{"KindMinutesAtMax", `, "encounters": {"intense": {"minutes": ` + strconv.Itoa(tend.MaxKindMinutes) + `}}`, ""},
		{"KindMinutesOverMax", `, "encounters": {"intense": {"minutes": ` + strconv.Itoa(tend.MaxKindMinutes+1) + `}}`, "encounters.intense.minutes"},
		{"LevelsAtMax", `, "receive": {` + entries(tend.MaxLevels, `"x-own-%d": "like"`) + `}`, ""},
		{"LevelsOverMax", `, "receive": {` + entries(tend.MaxLevels+1, `"x-own-%d": "like"`) + `}`, "receive"},
		{"GiveAtMax", `, "give": {` + entries(tend.MaxLevels, `"x-own-%d": "glad"`) + `}`, ""},
		{"CommentsOverMax", `, "comments": {` + entries(tend.MaxLevels+1, `"x-own-%d": "yes"`) + `}`, "comments"},
		{"CustomAtMax", custom(tend.MaxCustom), ""},
		{"CustomOverMax", custom(tend.MaxCustom + 1), "custom"},
		{"NotesAtMax", `, "notes": [` + entries(tend.MaxNotes, `"note %d"`) + `]`, ""},
		{"NotesOverMax", `, "notes": [` + entries(tend.MaxNotes+1, `"note %d"`) + `]`, "notes"},
		{"IDAtMax", `, "receive": {"x-` + strings.Repeat("a", tend.MaxIDLen-2) + `": "like"}`, ""},
		// A key past the id limit is quoted, and shortened, in the path.
		{"IDOverMax", `, "receive": {"x-` + strings.Repeat("a", tend.MaxIDLen-1) + `": "like"}`, `receive."x-` + strings.Repeat("a", 38) + `"…`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := tend.ParseCard("sam.json", cardWith(tc.fields), cat)
			if tc.bad == "" {
				if err != nil {
					t.Fatalf("got %v, want a valid card", err)
				}
				if c == nil {
					t.Fatal("got no card, want one")
				}
				return
			}
			cp := mustCardProblems(t, "sam.json", err)
			if len(cp.Problems) != 1 || cp.Problems[0].Path != tc.bad {
				t.Errorf("problems: got %v, want one at %q", cp.Problems, tc.bad)
			}
		})
	}
}

// TestParseCardValuesKept: values at the edges come back as written.
func TestParseCardValuesKept(t *testing.T) {
	cat := mustCatalog(t)
	c, _ := mustParseCard(t, "sam.json", cardWith(`, "space_first_minutes": 90, "created": "1970-01-01T00:00:00Z",
		"expires": "9999-12-31T23:00:00+02:00", "encounters": {"quickie": {"minutes": 99}}`), cat)
	if c.SpaceFirstMinutes != 90 {
		t.Errorf("space_first_minutes: got %d, want 90", c.SpaceFirstMinutes)
	}
	if o := c.Encounters[tend.Quickie]; o == nil || o.Minutes != 99 {
		t.Errorf("encounters.quickie: got %s, want minutes 99", show(o))
	}
	if got := c.Created.Unix(); got != 0 {
		t.Errorf("created: got %d, want 0", got)
	}
	if got := c.Expires.Format("2006-01-02T15:04:05Z07:00"); got != "9999-12-31T21:00:00Z" {
		t.Errorf("expires: got %s, want it in UTC", got)
	}
}

// TestParseCardMessages: the words of the problems a person is most likely
// to meet, checked whole.
func TestParseCardMessages(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name string
		doc  []byte
		want string // the first problem, "path: message"
	}{
		{"TooBig", []byte(`{"tend": "card/v1", "name": "Sam", "notes": ["` + strings.Repeat("n", tend.MaxCardBytes) + `"]}`),
			"the file is 257 KiB; a card may be at most 256 KiB"},
		{"OneByteTooBig", []byte(`{"notes": ["` + strings.Repeat("n", tend.MaxCardBytes+1-15) + `"]}`),
			"the file is 257 KiB; a card may be at most 256 KiB"},
		{"ExactlyAtMax", []byte(`{"notes": ["` + strings.Repeat("n", tend.MaxCardBytes-15) + `"]}`),
			fmt.Sprintf("notes[0]: is %d characters long; the limit is %d", tend.MaxCardBytes-15, tend.MaxNoteLen)},
		{"CardNotAnObject", []byte(`["Sam"]`), "a card must be a JSON object {…}, not a list"},
		{"DropNotAnObject", cardWith(`, "drop": ["soon"]`), "drop: must be an object {…}, not a list"},
		{"YearOutside", cardWith(`, "created": "1969-12-31T23:59:59Z"`), `created: "1969-12-31T23:59:59Z" is outside the years 1970 to 9999`},
		{"NumberStartingWithNine", cardWith(`, "space_first_minutes": 900`), "space_first_minutes: 900 is not a whole number from 0 to 120"},
		{"CustomOverMax", cardWith(`, "custom": [` + strings.Repeat(`{}, `, tend.MaxCustom) + `{}]`), "custom: has 51 practices; the limit is 50"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tend.ParseCard("sam.json", tc.doc, cat)
			cp := mustCardProblems(t, "sam.json", err)
			if got := cp.Problems[0].String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestParseCardKeepsFiftyProblems: the list of problems stops at 50 (the
// message still counts them all), so that a huge broken card cannot make
// a huge answer.
func TestParseCardKeepsFiftyProblems(t *testing.T) {
	cat := mustCatalog(t)
	fields := make([]string, 60)
	for i := range fields {
		fields[i] = fmt.Sprintf(`"x-own-%d": "sometimes"`, i)
	}
	_, _, err := tend.ParseCard("sam.json", cardWith(`, "receive": {`+strings.Join(fields, ", ")+`}`), cat)
	cp := mustCardProblems(t, "sam.json", err)
	if len(cp.Problems) != 50 {
		t.Errorf("problems kept: got %d, want 50", len(cp.Problems))
	}
}

// TestParseCardSuggestionsBounded: only the first 20 unknown ids get a
// "did you mean" (each costs a search through the catalog); the rest are
// still named, with the general advice.
func TestParseCardSuggestionsBounded(t *testing.T) {
	cat := mustCatalog(t)
	ids := catalog.StableIDs()
	const n = 25
	if len(ids) < n {
		t.Fatalf("catalog has %d ids, want at least %d", len(ids), n)
	}
	fields := make([]string, n)
	for i := range fields {
		fields[i] = strconv.Quote(ids[i]+"z") + `: "like"`
	}
	_, warns, err := tend.ParseCard("sam.json", cardWith(`, "receive": {`+strings.Join(fields, ", ")+`}`), cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != n {
		t.Fatalf("warnings: got %d, want %d", len(warns), n)
	}
	for i, w := range warns {
		suggested := strings.Contains(w.Message, "did you mean")
		if want := i < 20; suggested != want {
			t.Errorf("warning %d (%s): got a suggestion %v, want %v: %q", i, w.Path, suggested, want, w.Message)
		}
	}
}
