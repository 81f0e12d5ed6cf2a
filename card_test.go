package tend_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// mustCatalog loads the real built-in catalog, the practice index cards
// are checked against.
func mustCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	cat, err := catalog.Load()
	if err != nil {
		tb.Fatalf("catalog.Load: %v", err)
	}
	return cat
}

func mustReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read fixture: %v", err)
	}
	return data
}

// mustParseCard parses a card that must be valid and returns it with its
// warnings.
func mustParseCard(tb testing.TB, file string, data []byte, idx tend.PracticeIndex) (*tend.Card, []tend.Problem) {
	tb.Helper()
	c, warns, err := tend.ParseCard(file, data, idx)
	if err != nil {
		tb.Fatalf("ParseCard(%s): got error %v, want none", file, err)
	}
	if c == nil {
		tb.Fatalf("ParseCard(%s): got nil card and nil error, want a card", file)
	}
	return c, warns
}

// mustCardProblems checks that err is an EINVALID error wrapping a
// *tend.CardProblems for file, and returns the problems.
func mustCardProblems(tb testing.TB, file string, err error) *tend.CardProblems {
	tb.Helper()
	if got := tend.ErrorCode(err); got != tend.EINVALID {
		tb.Fatalf("error code: got %q (error %v), want %q", got, err, tend.EINVALID)
	}
	var cp *tend.CardProblems
	if !errors.As(err, &cp) {
		tb.Fatalf("errors.As(*tend.CardProblems): got false for %#v, want true", err)
	}
	if cp.File != file {
		tb.Errorf("CardProblems.File: got %q, want %q", cp.File, file)
	}
	if len(cp.Problems) == 0 {
		tb.Fatalf("CardProblems.Problems: got none, want at least one")
	}
	return cp
}

func mustMarshalCard(tb testing.TB, c *tend.Card) []byte {
	tb.Helper()
	b, err := tend.MarshalCard(c)
	if err != nil {
		tb.Fatalf("MarshalCard: %v", err)
	}
	return b
}

func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatalf("time %q: %v", s, err)
	}
	return t.UTC()
}

// cardDiff lists the fields in which two cards differ, each as
// "Field: got …, want …" with the values shown as JSON.
func cardDiff(got, want *tend.Card) []string {
	if got == nil || want == nil {
		if got != want {
			return []string{fmt.Sprintf("card: got %v, want %v", got, want)}
		}
		return nil
	}
	var diffs []string
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want %s", gv.Type().Field(i).Name, show(g), show(w)))
		}
	}
	return diffs
}

// show formats a card or a card field for a message, telling nil and
// empty apart and showing what pointers point to.
func show(v any) string {
	switch x := v.(type) {
	case time.Time:
		return fmt.Sprintf("%s (%s)", x.Format(time.RFC3339Nano), x.Location())
	case *tend.Card:
		if x == nil {
			return "nil"
		}
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprintf("%+v", *x)
		}
		return string(b)
	case *tend.Drop:
		if x == nil {
			return "nil"
		}
		return fmt.Sprintf("%#v", *x)
	case *tend.Override:
		if x == nil {
			return "nil"
		}
		return fmt.Sprintf("%#v", *x)
	case map[tend.Kind]*tend.Override:
		if x == nil {
			return "nil"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, string(k))
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + show(x[tend.Kind(k)])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("%#v", v)
}

// The example card in CARD-FORMAT.md is the format's reference: it must
// parse as-is, with no warnings, into exactly these values.
func TestParseCardFormatExample(t *testing.T) {
	cat := mustCatalog(t)
	file := filepath.Join("testdata", "cards", "valid", "format-example.json")
	c, warns := mustParseCard(t, file, mustReadFile(t, file), cat)
	if len(warns) != 0 {
		t.Errorf("warnings: got %v, want none", warns)
	}
	want := &tend.Card{
		Tend:     tend.CardVersion,
		Name:     "Sam",
		Pronouns: "they/them",
		Created:  time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC),
		Expires:  time.Date(2026, 12, 24, 21, 0, 0, 0, time.UTC),
		Receive: map[string]tend.Receive{
			"water": tend.Need, "cuddle": tend.Like, "no-phones": tend.Okay, "praise": tend.Never,
		},
		Give:     map[string]tend.Give{"water": tend.Glad, "cuddle": tend.Glad, "massage": tend.No},
		Comments: map[string]string{"cuddle": "Big spoon, please; I run warm."},
		Custom: []tend.CustomPractice{{
			ID: "x-our-song", Title: "Put on our song", Mode: tend.Together,
			Remote: true, Quick: true, Receive: tend.Like, Give: tend.Glad,
		}},
		SpaceFirstMinutes: 10,
		Notes:             []string{"I sometimes cry afterwards. It is not a bad sign: hold me and let it pass."},
		Avoid:             []string{"No tickling right after."},
		Drop: &tend.Drop{
			When:  tend.DropNextDay,
			Signs: []string{"quiet", "teary"},
			Helps: []string{"a message in the morning", "a walk together"},
		},
		Encounters: map[tend.Kind]*tend.Override{
			tend.Intense: {Receive: map[string]tend.Receive{"blanket": tend.Need}, Minutes: 45},
			tend.Quickie: {Receive: map[string]tend.Receive{"slow-kiss": tend.Like}},
		},
	}
	for _, d := range cardDiff(c, want) {
		t.Error(d)
	}
	if got := c.Created.Location(); got != time.UTC {
		t.Errorf("created location: got %v, want UTC", got)
	}
	if got := c.Expires.Location(); got != time.UTC {
		t.Errorf("expires location: got %v, want UTC", got)
	}
}

// Times with an offset are read as the same instant in UTC.
func TestParseCardTimesUTC(t *testing.T) {
	cat := mustCatalog(t)
	file := filepath.Join("testdata", "cards", "valid", "offset-times.json")
	c, _ := mustParseCard(t, file, mustReadFile(t, file), cat)
	tests := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		{"Created", c.Created, time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)},
		{"Expires", c.Expires, time.Date(2026, 12, 24, 21, 0, 0, 5e8, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.got.Equal(tc.want) {
				t.Errorf("instant: got %s, want %s", tc.got.Format(time.RFC3339Nano), tc.want.Format(time.RFC3339Nano))
			}
			if tc.got.Location() != time.UTC {
				t.Errorf("location: got %v, want UTC", tc.got.Location())
			}
		})
	}
}

// Valid fixtures at the edges of the limits parse, and text is trimmed.
func TestParseCardValid(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, c *tend.Card)
	}{
		{"Minimal", "minimal.json", func(t *testing.T, c *tend.Card) {
			want := &tend.Card{Tend: tend.CardVersion, Name: "Jo"}
			for _, d := range cardDiff(c, want) {
				t.Error(d)
			}
		}},
		{"AtEveryLimit", "limits.json", func(t *testing.T, c *tend.Card) {
			if got := len([]rune(c.Name)); got != tend.MaxNameLen {
				t.Errorf("name length: got %d runes, want %d", got, tend.MaxNameLen)
			}
			if got := len(c.Notes); got != tend.MaxNotes {
				t.Errorf("notes: got %d, want %d", got, tend.MaxNotes)
			}
			if got := len(c.Avoid); got != tend.MaxNotes {
				t.Errorf("avoid: got %d, want %d", got, tend.MaxNotes)
			}
			if got, want := c.Comments["water"], "Two lines:\nthen\ta tab."; got != want {
				t.Errorf("multi-line comment: got %q, want %q", got, want)
			}
			if got := c.SpaceFirstMinutes; got != tend.MaxSpaceMinutes {
				t.Errorf("space_first_minutes: got %d, want %d", got, tend.MaxSpaceMinutes)
			}
			if got := len(c.Custom); got != 2 {
				t.Errorf("custom: got %d, want 2", got)
			}
			if got := len(c.Encounters); got != len(tend.Kinds()) {
				t.Errorf("encounters: got %d, want %d", got, len(tend.Kinds()))
			}
			for k, o := range c.Encounters {
				if o.Minutes != tend.MaxKindMinutes {
					t.Errorf("encounters.%s.minutes: got %d, want %d", k, o.Minutes, tend.MaxKindMinutes)
				}
			}
		}},
		{"SpaceZero", "space-zero.json", func(t *testing.T, c *tend.Card) {
			if c.SpaceFirstMinutes != 0 {
				t.Errorf("space_first_minutes: got %d, want 0", c.SpaceFirstMinutes)
			}
			if c.Drop == nil || c.Drop.When != tend.DropNone {
				t.Errorf("drop: got %s, want when none", show(c.Drop))
			}
		}},
		{"Trimmed", "trimmed.json", func(t *testing.T, c *tend.Card) {
			if c.Name != "Sam" {
				t.Errorf("name: got %q, want %q", c.Name, "Sam")
			}
			if c.Pronouns != "they" {
				t.Errorf("pronouns: got %q, want %q", c.Pronouns, "they")
			}
			if want := []string{"hold me"}; !reflect.DeepEqual(c.Notes, want) {
				t.Errorf("notes: got %q, want %q", c.Notes, want)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join("testdata", "cards", "valid", tc.file)
			c, warns := mustParseCard(t, file, mustReadFile(t, file), cat)
			if len(warns) != 0 {
				t.Errorf("warnings: got %v, want none", warns)
			}
			tc.check(t, c)
		})
	}
}

// A card file at exactly the size limit is read; one byte more is not.
func TestParseCardSizeLimit(t *testing.T) {
	cat := mustCatalog(t)
	body := `{"tend": "card/v1", "name": "Sam"}`
	pad := func(n int) []byte {
		return append([]byte(body), bytes.Repeat([]byte(" "), n-len(body))...)
	}
	if _, _, err := tend.ParseCard("sam.json", pad(tend.MaxCardBytes), cat); err != nil {
		t.Errorf("%d bytes: got error %v, want none", tend.MaxCardBytes, err)
	}
	c, _, err := tend.ParseCard("sam.json", pad(tend.MaxCardBytes+1), cat)
	if c != nil {
		t.Errorf("%d bytes: got a card, want nil", tend.MaxCardBytes+1)
	}
	cp := mustCardProblems(t, "sam.json", err)
	if got := cp.Problems[0].Path; got != "" {
		t.Errorf("path: got %q, want the whole file (\"\")", got)
	}
}

// The message format published in CARD-FORMAT.md.
func TestParseCardErrorMessage(t *testing.T) {
	cat := mustCatalog(t)
	data := []byte(`{"tend": "card/v1", "name": "Sam", "receive": {"water": "yes"}}`)
	c, _, err := tend.ParseCard("sam.json", data, cat)
	if c != nil {
		t.Errorf("card: got %s, want nil", show(c))
	}
	mustCardProblems(t, "sam.json", err)
	want := `sam.json: receive.water: "yes" is not one of need, like, okay, rather-not, never`
	if got := err.Error(); got != want {
		t.Errorf("Error(): got %q, want %q", got, want)
	}
	if got := tend.ErrorMessage(err); got != want {
		t.Errorf("ErrorMessage: got %q, want %q", got, want)
	}
}

type brokenCase struct {
	name  string
	file  string // under testdata/cards/broken, or a name for data
	data  []byte // when set, used instead of the file
	paths []string
}

func TestCardClone(t *testing.T) {
	c := &tend.Card{
		Receive: map[string]tend.Receive{"water": tend.Need}, Give: map[string]tend.Give{"water": tend.Glad},
		Comments: map[string]string{"water": "cold"}, Notes: []string{"a"}, Avoid: []string{"b"},
		Custom:     []tend.CustomPractice{{ID: "x-a", Title: "A"}},
		Drop:       &tend.Drop{When: tend.DropNextDay, Signs: []string{"s"}, Helps: []string{"h"}},
		Encounters: map[tend.Kind]*tend.Override{tend.Intense: {Receive: map[string]tend.Receive{"water": tend.Like}, Minutes: 30}},
	}
	before, _ := tend.MarshalCard(c)
	d := c.Clone()
	d.Receive["water"], d.Give["water"], d.Comments["water"] = tend.Never, tend.No, "warm"
	d.Notes[0], d.Avoid[0], d.Custom[0].Title = "x", "y", "B"
	d.Drop.Signs[0], d.Drop.Helps[0], d.Drop.When = "t", "i", tend.DropNone
	d.Encounters[tend.Intense].Receive["water"], d.Encounters[tend.Intense].Minutes = tend.Never, 5
	if after, _ := tend.MarshalCard(c); !bytes.Equal(before, after) {
		t.Errorf("changing the clone changed the card:\n%s\nwant\n%s", after, before)
	}
}
