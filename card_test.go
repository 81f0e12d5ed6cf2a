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
	"strconv"
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

// Every malformed card is refused with EINVALID, the message starts with
// the file name and the first problem's field path, and the problem list
// holds exactly the problems expected, in file order.
func TestParseCardErrors(t *testing.T) {
	cat := mustCatalog(t)
	tests := []brokenCase{
		{name: "ErrVersionWrong", file: "wrong-version.json", paths: []string{"tend"}},
		{name: "ErrVersionMissing", file: "missing-tend.json", paths: []string{"tend"}},
		{name: "ErrNameMissing", file: "missing-name.json", paths: []string{"name"}},
		{name: "ErrNameEmpty", file: "empty-name.json", paths: []string{"name"}},
		{name: "ErrNameBlank", file: "blank-name.json", paths: []string{"name"}},
		{name: "ErrNameTooLong", file: "long-name.json", paths: []string{"name"}},
		{name: "ErrNameTooLongRunes", file: "long-name-runes.json", paths: []string{"name"}},
		{name: "ErrNameHuge", file: "huge-name.json", data: []byte(`{"tend": "card/v1", "name": "` + strings.Repeat("S", 100000) + `"}`), paths: []string{"name"}},
		{name: "ErrNameEscapeSequence", file: "escape-in-name.json", paths: []string{"name"}},
		{name: "ErrNameRawEscapeByte", file: "raw-escape-in-name.json", paths: []string{""}},
		{name: "ErrNameNUL", file: "nul.json", data: []byte(`{"tend": "card/v1", "name": "Sam\u0000"}`), paths: []string{"name"}},
		{name: "ErrNameC1Control", file: "c1.json", data: []byte(`{"tend": "card/v1", "name": "Sam\u009b31m"}`), paths: []string{"name"}},
		{name: "ErrNameNewline", file: "newline.json", data: []byte(`{"tend": "card/v1", "name": "Sam\nroot"}`), paths: []string{"name"}},
		{name: "ErrPronounsTooLong", file: "long-pronouns.json", paths: []string{"pronouns"}},
		{name: "ErrReceiveLevel", file: "bad-receive-level.json", paths: []string{"receive.water"}},
		{name: "ErrGiveLevel", file: "bad-give-level.json", paths: []string{"give.water"}},
		{name: "ErrUnknownField", file: "unknown-field.json", paths: []string{"colour"}},
		{name: "ErrUnknownFieldCase", file: "unknown-field-case.json", paths: []string{"Name", "name"}},
		{name: "ErrCustomUnknownField", file: "custom-unknown-field.json", paths: []string{"custom[0].colour"}},
		{name: "ErrCustomUnknownBoolField", file: "custom-unknown-bool-field.json", paths: []string{"custom[0].loud"}},
		{name: "ErrCustomIDWithoutX", file: "custom-id-without-x.json", paths: []string{"custom[0].id"}},
		{name: "ErrCustomIDChars", file: "custom-id-bad-chars.json", paths: []string{"custom[0].id"}},
		{name: "ErrCustomIDDuplicate", file: "custom-duplicate-id.json", paths: []string{"custom[1].id"}},
		{name: "ErrCustomTitleMissing", file: "custom-missing-title.json", paths: []string{"custom[0].title"}},
		{name: "ErrCustomModeMissing", file: "custom-missing-mode.json", paths: []string{"custom[0].mode"}},
		{name: "ErrCustomAllMissing", file: "custom-missing-all.json", paths: []string{"custom[0].id", "custom[0].title", "custom[0].mode"}},
		{name: "ErrCustomMode", file: "custom-bad-mode.json", paths: []string{"custom[0].mode"}},
		{name: "ErrCustomReceive", file: "custom-bad-receive.json", paths: []string{"custom[0].receive"}},
		{name: "ErrSpaceFirstOverMax", file: "space-121.json", paths: []string{"space_first_minutes"}},
		{name: "ErrSpaceFirstNegative", file: "space-negative.json", paths: []string{"space_first_minutes"}},
		{name: "ErrSpaceFirstFraction", file: "space-fraction.json", paths: []string{"space_first_minutes"}},
		{name: "ErrSpaceFirstString", file: "space-string.json", paths: []string{"space_first_minutes"}},
		{name: "ErrSpaceFirstHuge", file: "space-huge.json", paths: []string{"space_first_minutes"}},
		{name: "ErrNoteTooLong", file: "note-too-long.json", paths: []string{"notes[1]"}},
		{name: "ErrNoteEmpty", file: "empty-note.json", paths: []string{"notes[1]"}},
		{name: "ErrNoteControl", file: "control-in-note.json", paths: []string{"notes[0]"}},
		{name: "ErrNotesTooMany", file: "too-many-notes.json", paths: []string{"notes"}},
		{name: "ErrAvoidTooMany", file: "too-many-avoid.json", paths: []string{"avoid"}},
		{name: "ErrCommentTooLong", file: "comment-too-long.json", paths: []string{"comments.cuddle"}},
		{name: "ErrDropWhen", file: "drop-bad-when.json", paths: []string{"drop.when"}},
		{name: "ErrDropWhenMissing", file: "drop-missing-when.json", paths: []string{"drop.when"}},
		{name: "ErrDropUnknownField", file: "drop-unknown-field.json", paths: []string{"drop.why"}},
		{name: "ErrDropSignNewline", file: "control-in-drop-sign.json", paths: []string{"drop.signs[0]"}},
		{name: "ErrEncounterKind", file: "encounter-unknown-kind.json", paths: []string{"encounters.romantic"}},
		{name: "ErrEncounterUnknownField", file: "encounter-unknown-field.json", paths: []string{"encounters.intense.colour"}},
		{name: "ErrEncounterMinutesZero", file: "encounter-minutes-zero.json", paths: []string{"encounters.intense.minutes"}},
		{name: "ErrEncounterMinutesString", file: "encounter-minutes-string.json", paths: []string{"encounters.intense.minutes"}},
		{name: "ErrEncounterLevel", file: "encounter-bad-level.json", paths: []string{"encounters.quickie.receive.slow-kiss"}},
		{name: "ErrCreatedNotRFC3339", file: "created-not-rfc3339.json", paths: []string{"created"}},
		{name: "ErrExpiresBeforeCreated", file: "expires-before-created.json", paths: []string{"expires"}},
		{name: "ErrExpiresEqualsCreated", file: "expires-equals-created.json", paths: []string{"expires"}},
		{name: "ErrDuplicateTopLevel", file: "duplicate-top-level.json", paths: []string{"name"}},
		{name: "ErrDuplicateEscapedKey", file: "duplicate-escaped-key.json", paths: []string{"name"}},
		{name: "ErrDuplicateReceive", file: "duplicate-receive.json", paths: []string{"receive.water"}},
		{name: "ErrNotJSON", file: "not-json.json", paths: []string{""}},
		{name: "ErrEmptyFile", file: "empty.json", paths: []string{""}},
		{name: "ErrWhitespaceOnly", file: "whitespace-only.json", paths: []string{""}},
		{name: "ErrArray", file: "array.json", paths: []string{""}},
		{name: "ErrString", file: "string.json", paths: []string{""}},
		{name: "ErrNull", file: "null.json", paths: []string{""}},
		{name: "ErrTrailingGarbage", file: "trailing-garbage.json", paths: []string{""}},
		{name: "ErrTwoObjects", file: "two-objects.json", paths: []string{""}},
		{name: "ErrUnclosed", file: "unclosed.json", paths: []string{""}},
		{name: "ErrInvalidUTF8", file: "invalid-utf8.json", paths: []string{""}},
		{name: "ErrByteOrderMark", file: "bom.json", paths: []string{""}},
		{name: "ErrTooBig", file: "too-big.json", data: []byte(`{"tend": "card/v1", "name": "Sam", "notes": ["` + strings.Repeat("n", tend.MaxCardBytes) + `"]}`), paths: []string{""}},
		{name: "ErrDeepNesting", file: "deep.json", data: []byte(strings.Repeat("[", 20000) + strings.Repeat("]", 20000)), paths: []string{""}},
		{name: "ErrEmptyObject", file: "nothing.json", paths: []string{"tend", "name"}},
		{name: "ErrTypeTend", file: "type-tend.json", paths: []string{"tend"}},
		{name: "ErrTypeName", file: "type-name.json", paths: []string{"name"}},
		{name: "ErrTypeNameNull", file: "type-name-null.json", paths: []string{"name"}},
		{name: "ErrTypePronouns", file: "type-pronouns.json", paths: []string{"pronouns"}},
		{name: "ErrTypeCreated", file: "type-created.json", paths: []string{"created"}},
		{name: "ErrTypeReceive", file: "type-receive.json", paths: []string{"receive"}},
		{name: "ErrTypeReceiveNull", file: "type-receive-null.json", paths: []string{"receive"}},
		{name: "ErrTypeReceiveLevel", file: "type-receive-level.json", paths: []string{"receive.water"}},
		{name: "ErrTypeGive", file: "type-give.json", paths: []string{"give"}},
		{name: "ErrTypeComments", file: "type-comments.json", paths: []string{"comments"}},
		{name: "ErrTypeComment", file: "type-comment.json", paths: []string{"comments.cuddle"}},
		{name: "ErrTypeCustom", file: "type-custom.json", paths: []string{"custom"}},
		{name: "ErrTypeCustomItem", file: "type-custom-item.json", paths: []string{"custom[0]"}},
		{name: "ErrTypeCustomRemote", file: "type-custom-remote.json", paths: []string{"custom[0].remote"}},
		{name: "ErrTypeSpaceFirst", file: "type-space.json", paths: []string{"space_first_minutes"}},
		{name: "ErrTypeSpaceFirstNull", file: "type-space-null.json", paths: []string{"space_first_minutes"}},
		{name: "ErrTypeNotes", file: "type-notes.json", paths: []string{"notes"}},
		{name: "ErrTypeNote", file: "type-note.json", paths: []string{"notes[0]"}},
		{name: "ErrTypeAvoid", file: "type-avoid.json", paths: []string{"avoid"}},
		{name: "ErrTypeDrop", file: "type-drop.json", paths: []string{"drop"}},
		{name: "ErrTypeDropWhen", file: "type-drop-when.json", paths: []string{"drop.when"}},
		{name: "ErrTypeDropSigns", file: "type-drop-signs.json", paths: []string{"drop.signs"}},
		{name: "ErrTypeEncounters", file: "type-encounters.json", paths: []string{"encounters"}},
		{name: "ErrTypeEncounter", file: "type-encounter.json", paths: []string{"encounters.intense"}},
		{name: "ErrTypeEncounterReceive", file: "type-encounter-receive.json", paths: []string{"encounters.intense.receive"}},
		{name: "ErrSeveral", file: "several.json", paths: []string{"tend", "name", "receive.water", "give.water", "space_first_minutes"}},
		{name: "ErrTwo", file: "two-problems.json", paths: []string{"receive.water", "tend"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join("testdata", "cards", "broken", tc.file)
			data := tc.data
			if data == nil {
				data = mustReadFile(t, file)
			}
			c, _, err := tend.ParseCard(file, data, cat)
			if err == nil {
				t.Fatalf("ParseCard: got card %s and no error, want %s error at %q", show(c), tend.EINVALID, tc.paths)
			}
			if c != nil {
				t.Errorf("card: got %s, want nil with an error", show(c))
			}
			cp := mustCardProblems(t, file, err)
			var got []string
			for _, p := range cp.Problems {
				got = append(got, p.Path)
				if p.Message == "" {
					t.Errorf("problem at %q: got an empty message, want words", p.Path)
				}
			}
			if !reflect.DeepEqual(got, tc.paths) {
				t.Errorf("problem paths: got %q, want %q (problems: %v)", got, tc.paths, cp.Problems)
			}
			checkErrorText(t, file, err, cp)
			if len(tc.paths) > 0 {
				prefix := file + ": "
				if tc.paths[0] != "" {
					prefix += tc.paths[0] + ": "
				}
				if msg := tend.ErrorMessage(err); !strings.HasPrefix(msg, prefix) {
					t.Errorf("message: got %q, want it to start with %q", msg, prefix)
				}
			}
		})
	}
}

// checkErrorText checks the shape of a card error's text: the message is
// the first problem prefixed by the file, with "(and N more problems)"
// when there are more, and the full list has one line per problem, each
// starting with the file.
func checkErrorText(tb testing.TB, file string, err error, cp *tend.CardProblems) {
	tb.Helper()
	want := file + ": " + cp.Problems[0].String()
	switch n := len(cp.Problems) - 1; {
	case n == 1:
		want += " (and 1 more problem)"
	case n > 1:
		want += fmt.Sprintf(" (and %d more problems)", n)
	}
	if got := tend.ErrorMessage(err); got != want {
		tb.Errorf("message: got %q, want %q", got, want)
	}
	lines := strings.Split(cp.Error(), "\n")
	if len(lines) != len(cp.Problems) {
		tb.Errorf("problem list: got %d lines, want %d (one per problem): %q", len(lines), len(cp.Problems), cp.Error())
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, file+": ") {
			tb.Errorf("problem line %d: got %q, want it to start with %q", i, line, file+": ")
		}
	}
}

// A card with many problems lists every one of them, not only the first,
// and its message counts the rest.
func TestParseCardListsEveryProblem(t *testing.T) {
	cat := mustCatalog(t)
	const n = 12
	var fields []string
	var want []string
	for i := 0; i < n; i++ {
		id := catalog.StableIDs()[i]
		fields = append(fields, strconv.Quote(id)+`: "sometimes"`)
		want = append(want, "receive."+id)
	}
	data := []byte(`{"tend": "card/v1", "name": "Sam", "receive": {` + strings.Join(fields, ", ") + `}}`)
	_, _, err := tend.ParseCard("sam.json", data, cat)
	cp := mustCardProblems(t, "sam.json", err)
	var got []string
	for _, p := range cp.Problems {
		got = append(got, p.Path)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problem paths: got %q, want %q", got, want)
	}
	wantTail := fmt.Sprintf(" (and %d more problems)", n-1)
	if msg := tend.ErrorMessage(err); !strings.HasSuffix(msg, wantTail) {
		t.Errorf("message: got %q, want it to end with %q", msg, wantTail)
	}
}

// A wrong type is reported with what was found, so that a person can see
// what to change.
func TestParseCardWrongTypeNamesWhatWasFound(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name string
		file string
		want string // what the message must name
	}{
		{"NumberForName", "type-name.json", "42"},
		{"ObjectForNotes", "type-notes.json", "object"},
		{"StringForReceive", "type-receive.json", `"water"`},
		{"ListForDrop", "type-drop.json", "list"},
		{"NullForReceive", "type-receive-null.json", "null"},
		{"NullForSpaceFirst", "type-space-null.json", "null"},
		{"ListForSpaceFirst", "type-space.json", "list"},
		{"TextForRemote", "type-custom-remote.json", `"yes"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join("testdata", "cards", "broken", tc.file)
			_, _, err := tend.ParseCard(file, mustReadFile(t, file), cat)
			cp := mustCardProblems(t, file, err)
			if got := cp.Problems[0].Message; !strings.Contains(got, tc.want) {
				t.Errorf("message: got %q, want it to name %s", got, tc.want)
			}
		})
	}
}

// Ids that are neither in the catalog nor x- are dropped with a warning
// that names the closest catalog id; the card stays valid.
func TestParseCardWarnings(t *testing.T) {
	cat := mustCatalog(t)
	file := filepath.Join("testdata", "cards", "valid", "warnings.json")
	c, warns := mustParseCard(t, file, mustReadFile(t, file), cat)

	if want := map[string]tend.Receive{"cuddle": tend.Like}; !reflect.DeepEqual(c.Receive, want) {
		t.Errorf("receive: got %s, want %s", show(c.Receive), show(want))
	}
	if c.Give != nil {
		t.Errorf("give: got %s, want nil (its only id was unknown)", show(c.Give))
	}
	if c.Comments != nil {
		t.Errorf("comments: got %s, want nil (its only id was unknown)", show(c.Comments))
	}
	if o := c.Encounters[tend.Intense]; o == nil || o.Receive != nil {
		t.Errorf("encounters.intense: got %s, want an override with no receive", show(o))
	}

	tests := []struct {
		path    string
		closest string // "" when nothing is close
	}{
		{"receive.watr", "water"},
		{"receive.zqxvjw", ""},
		{"give.massge", "massage"},
		{"comments.cudle", "cuddle"},
		{"encounters.intense.receive.blankit", "blanket"},
	}
	if len(warns) != len(tests) {
		t.Errorf("warnings: got %d %v, want %d", len(warns), warns, len(tests))
	}
	for i, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if i >= len(warns) {
				t.Fatalf("warning %d: got none, want one at %q", i, tc.path)
			}
			w := warns[i]
			if w.Path != tc.path {
				t.Errorf("path: got %q, want %q", w.Path, tc.path)
			}
			if tc.closest != "" {
				if !strings.Contains(w.Message, strconv.Quote(tc.closest)) {
					t.Errorf("message: got %q, want it to name %q", w.Message, tc.closest)
				}
				return
			}
			for _, p := range cat.Practices() {
				if strings.Contains(w.Message, strconv.Quote(p.ID)) {
					t.Errorf("message: got %q, want no suggestion (nothing is close), not %q", w.Message, p.ID)
				}
			}
			if w.Message == "" {
				t.Errorf("message: got empty, want words")
			}
		})
	}
}

// Own-practice ids (x-…) are kept without a warning even when no custom
// entry on the card defines them: a partner's card may.
func TestParseCardCustomIDsKept(t *testing.T) {
	cat := mustCatalog(t)
	file := filepath.Join("testdata", "cards", "valid", "x-ids.json")
	c, warns := mustParseCard(t, file, mustReadFile(t, file), cat)
	if len(warns) != 0 {
		t.Errorf("warnings: got %v, want none", warns)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"Receive", c.Receive, map[string]tend.Receive{"x-tea-ceremony": tend.Need, "water": tend.Like}},
		{"Give", c.Give, map[string]tend.Give{"x-tea-ceremony": tend.Glad}},
		{"Comments", c.Comments, map[string]string{"x-tea-ceremony": "Green tea, not black."}},
		{"Gentle", c.Encounters[tend.Gentle], &tend.Override{Receive: map[string]tend.Receive{"x-hum-a-song": tend.Like}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %s, want %s", show(tc.got), show(tc.want))
			}
		})
	}
}

// roundTripFiles are the valid cards that MarshalCard must reproduce.
func roundTripFiles(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, pattern := range []string{
		filepath.Join("examples", "*.json"),
		filepath.Join("testdata", "cards", "valid", "*.json"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 4 {
		tb.Fatalf("round-trip files: got %d %q, want the examples and the valid fixtures", len(files), files)
	}
	return files
}

// MarshalCard writes what ParseCard reads back into an equal card, and
// writes it the same way every time.
func TestMarshalCardRoundTrip(t *testing.T) {
	cat := mustCatalog(t)
	for _, file := range roundTripFiles(t) {
		t.Run(filepath.ToSlash(file), func(t *testing.T) {
			c, _ := mustParseCard(t, file, mustReadFile(t, file), cat)
			out := mustMarshalCard(t, c)
			if !bytes.HasSuffix(out, []byte("}\n")) {
				t.Errorf("output end: got %q, want a final newline", out[max(0, len(out)-10):])
			}
			if wantStart := "{\n  \"tend\": \"card/v1\",\n"; !bytes.HasPrefix(out, []byte(wantStart)) {
				t.Errorf("output start: got %q, want %q", out[:min(len(out), len(wantStart))], wantStart)
			}
			again := mustMarshalCard(t, c)
			if !bytes.Equal(out, again) {
				t.Errorf("second MarshalCard: got\n%s\nwant byte-identical\n%s", again, out)
			}
			c2, warns := mustParseCard(t, "out.json", out, cat)
			if len(warns) != 0 {
				t.Errorf("re-parse warnings: got %v, want none", warns)
			}
			if !reflect.DeepEqual(c2, c) {
				for _, d := range cardDiff(c2, c) {
					t.Errorf("re-parsed %s", d)
				}
			}
			if out2 := mustMarshalCard(t, c2); !bytes.Equal(out2, out) {
				t.Errorf("MarshalCard of the re-parsed card: got\n%s\nwant\n%s", out2, out)
			}
		})
	}
}

// MarshalCard always writes the current version first, whatever the
// card's Tend field holds, and does not change the card.
func TestMarshalCardVersion(t *testing.T) {
	cat := mustCatalog(t)
	c := &tend.Card{Name: "Jo", Pronouns: "she/her"}
	out := mustMarshalCard(t, c)
	want := "{\n  \"tend\": \"card/v1\",\n  \"name\": \"Jo\",\n  \"pronouns\": \"she/her\"\n}\n"
	if string(out) != want {
		t.Errorf("MarshalCard: got %q, want %q", out, want)
	}
	if c.Tend != "" {
		t.Errorf("card.Tend after MarshalCard: got %q, want it untouched (\"\")", c.Tend)
	}
	mustParseCard(t, "jo.json", out, cat)
}

// Cards that ParseCard accepts must survive MarshalCard and ParseCard
// unchanged. Each input is valid tend.card/v1 (or, if the parser refuses
// it, it must do so with EINVALID).
func TestMarshalCardRoundTripEdges(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name string
		data string
	}{
		{"EmptyNotes", `{"tend": "card/v1", "name": "Sam", "notes": []}`},
		{"NullNotes", `{"tend": "card/v1", "name": "Sam", "notes": null}`},
		{"EmptyAvoid", `{"tend": "card/v1", "name": "Sam", "avoid": []}`},
		{"EmptyDropSigns", `{"tend": "card/v1", "name": "Sam", "drop": {"when": "none", "signs": []}}`},
		{"NullDropHelps", `{"tend": "card/v1", "name": "Sam", "drop": {"when": "none", "helps": null}}`},
		{"EmptyMaps", `{"tend": "card/v1", "name": "Sam", "receive": {}, "give": {}, "comments": {}, "custom": [], "encounters": {}}`},
		{"NullCustom", `{"tend": "card/v1", "name": "Sam", "custom": null}`},
		{"EmptyOverride", `{"tend": "card/v1", "name": "Sam", "encounters": {"solo": {}}}`},
		{"EmptyPronouns", `{"tend": "card/v1", "name": "Sam", "pronouns": ""}`},
		{"Fraction", `{"tend": "card/v1", "name": "Sam", "created": "2026-11-24T21:00:00.123456789+02:00"}`},
		{"ExpiresPastYear9999InUTC", `{"tend": "card/v1", "name": "Sam", "expires": "9999-12-31T23:30:00-01:00"}`},
		{"CreatedBeforeYear0InUTC", `{"tend": "card/v1", "name": "Sam", "created": "0000-01-01T00:00:00+01:00"}`},
		{"UnicodeEscapes", `{"tend": "card/v1", "name": "S\u00e4m \ud83d\ude00", "notes": ["\u2028line\u2029", "<b>&</b>"]}`},
		{"LoneSurrogate", `{"tend": "card/v1", "name": "S\ud800m"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := tend.ParseCard("sam.json", []byte(tc.data), cat)
			if err != nil {
				mustCardProblems(t, "sam.json", err)
				return // refusing is fine; accepting then failing is not
			}
			out, err := tend.MarshalCard(c)
			if err != nil {
				t.Fatalf("MarshalCard of a card ParseCard accepted: got error %v, want none", err)
			}
			c2, _ := mustParseCard(t, "out.json", out, cat)
			if !reflect.DeepEqual(c2, c) {
				for _, d := range cardDiff(c2, c) {
					t.Errorf("re-parsed %s", d)
				}
			}
		})
	}
}

// levelsCard is a card with top-level levels, custom practices with their
// own levels, and overrides for two encounter kinds.
func levelsCard() *tend.Card {
	return &tend.Card{
		Tend: tend.CardVersion,
		Name: "Sam",
		Receive: map[string]tend.Receive{
			"water": tend.Need, "cuddle": tend.Like, "massage": tend.Never,
		},
		Give: map[string]tend.Give{"water": tend.Glad, "massage": tend.No},
		Custom: []tend.CustomPractice{
			{ID: "x-song", Title: "Our song", Mode: tend.Together, Receive: tend.Like, Give: tend.Glad},
			{ID: "x-walk", Title: "A walk", Mode: tend.Together, Give: tend.Willing},
		},
		Encounters: map[tend.Kind]*tend.Override{
			tend.Intense: {
				Receive: map[string]tend.Receive{"cuddle": tend.Never, "blanket": tend.Need},
				Give:    map[string]tend.Give{"massage": tend.Willing},
				Minutes: 45,
			},
			tend.Quickie: {Receive: map[string]tend.Receive{"x-song": tend.Never}},
		},
	}
}

func TestCardLevels(t *testing.T) {
	tests := []struct {
		name        string
		kind        tend.Kind
		wantReceive map[string]tend.Receive
		wantGive    map[string]tend.Give
		wantMinutes int
	}{
		{
			name: "NoOverride", kind: tend.Gentle,
			wantReceive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like, "massage": tend.Never, "x-song": tend.Like},
			wantGive:    map[string]tend.Give{"water": tend.Glad, "massage": tend.No, "x-song": tend.Glad, "x-walk": tend.Willing},
		},
		{
			name: "OverrideLaidOver", kind: tend.Intense,
			wantReceive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Never, "massage": tend.Never, "blanket": tend.Need, "x-song": tend.Like},
			wantGive:    map[string]tend.Give{"water": tend.Glad, "massage": tend.Willing, "x-song": tend.Glad, "x-walk": tend.Willing},
			wantMinutes: 45,
		},
		{
			name: "OverrideOverCustom", kind: tend.Quickie,
			wantReceive: map[string]tend.Receive{"water": tend.Need, "cuddle": tend.Like, "massage": tend.Never, "x-song": tend.Never},
			wantGive:    map[string]tend.Give{"water": tend.Glad, "massage": tend.No, "x-song": tend.Glad, "x-walk": tend.Willing},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := levelsCard()
			recv, give, minutes := c.Levels(tc.kind)
			if !reflect.DeepEqual(recv, tc.wantReceive) {
				t.Errorf("receive: got %s, want %s", show(recv), show(tc.wantReceive))
			}
			if !reflect.DeepEqual(give, tc.wantGive) {
				t.Errorf("give: got %s, want %s", show(give), show(tc.wantGive))
			}
			if minutes != tc.wantMinutes {
				t.Errorf("minutes: got %d, want %d", minutes, tc.wantMinutes)
			}
			// The card is not modified, and the maps returned are the
			// caller's own.
			for _, d := range cardDiff(c, levelsCard()) {
				t.Errorf("card after Levels: %s", d)
			}
			for id := range recv {
				recv[id] = tend.RatherNot
			}
			for id := range give {
				give[id] = tend.No
			}
			recv["snack"], give["snack"] = tend.Need, tend.Glad
			for _, d := range cardDiff(c, levelsCard()) {
				t.Errorf("card after changing what Levels returned: %s", d)
			}
		})
	}
}

func TestCardLevelsEmpty(t *testing.T) {
	c := &tend.Card{Name: "Jo"}
	recv, give, minutes := c.Levels(tend.Intense)
	if len(recv) != 0 || len(give) != 0 || minutes != 0 {
		t.Errorf("Levels of an empty card: got %s, %s, %d, want none, none, 0", show(recv), show(give), minutes)
	}
	if recv == nil || give == nil {
		t.Errorf("Levels of an empty card: got nil maps, want empty maps a caller may fill")
	}
}

func TestCardExpired(t *testing.T) {
	expires := time.Date(2026, 12, 24, 21, 0, 0, 0, time.UTC)
	berlin := time.FixedZone("CET", 3600)
	mono := time.Now() // carries a monotonic clock reading
	tests := []struct {
		name    string
		expires time.Time
		now     time.Time
		want    bool
	}{
		{"NoExpiry", time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"NoExpiryZeroNow", time.Time{}, time.Time{}, false},
		{"OneSecondBefore", expires, expires.Add(-time.Second), false},
		{"OneNanosecondBefore", expires, expires.Add(-1), false},
		{"AtExpiry", expires, expires, true},
		{"AtExpiryOtherZone", expires, expires.In(berlin), true},
		{"After", expires, expires.Add(time.Second), true},
		{"AtExpiryWithMonotonicClock", mono.Round(0).UTC(), mono, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &tend.Card{Name: "Sam", Expires: tc.expires}
			if got := c.Expired(tc.now); got != tc.want {
				t.Errorf("Expired(%s) with expires %s: got %v, want %v", tc.now, tc.expires, got, tc.want)
			}
		})
	}
}

// Parsed expiry times work with Expired the same way.
func TestParseCardExpired(t *testing.T) {
	cat := mustCatalog(t)
	file := filepath.Join("testdata", "cards", "valid", "format-example.json")
	c, _ := mustParseCard(t, file, mustReadFile(t, file), cat)
	at := mustTime(t, "2026-12-24T22:00:00+01:00")
	if !c.Expired(at) {
		t.Errorf("Expired(%s): got false, want true", at)
	}
	if before := at.Add(-time.Second); c.Expired(before) {
		t.Errorf("Expired(%s): got true, want false", before)
	}
}

// 0001-01-01T00:00:00Z is Go's zero time, which Card uses for "no
// expiry": a card that expired then must not come out as never expiring.
func TestParseCardExpiresYearOne(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name    string
		expires string
	}{
		{"UTC", "0001-01-01T00:00:00Z"},
		{"Offset", "0001-01-01T01:00:00+01:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(`{"tend": "card/v1", "name": "Sam", "expires": "` + tc.expires + `"}`)
			c, _, err := tend.ParseCard("sam.json", data, cat)
			if err != nil {
				mustCardProblems(t, "sam.json", err)
				return // refusing it is fine
			}
			if now := time.Now(); !c.Expired(now) {
				t.Errorf("Expired(now) for expires %s: got false, want true (or the card refused)", tc.expires)
			}
		})
	}
}

// A card with more problems than the list keeps must still count them all
// in its message: "(and N more problems)" must not undercount.
func TestParseCardCountsEveryProblem(t *testing.T) {
	cat := mustCatalog(t)
	const n = 60
	fields := make([]string, n)
	for i := range fields {
		fields[i] = fmt.Sprintf(`"x-own-%d": "sometimes"`, i)
	}
	data := []byte(`{"tend": "card/v1", "name": "Sam", "receive": {` + strings.Join(fields, ", ") + `}}`)
	_, _, err := tend.ParseCard("sam.json", data, cat)
	cp := mustCardProblems(t, "sam.json", err)
	if len(cp.Problems) > n {
		t.Errorf("problems: got %d, want at most %d", len(cp.Problems), n)
	}
	wantTail := fmt.Sprintf(" (and %d more problems)", n-1)
	if msg := tend.ErrorMessage(err); !strings.HasSuffix(msg, wantTail) {
		t.Errorf("message: got %q, want it to end with %q", msg, wantTail)
	}
}

func TestParseCardInvisibleText(t *testing.T) {
	cat := mustCatalog(t)
	tests := []struct {
		name, doc, want string
	}{
		{"ErrBidiOverride", `{"tend": "card/v1", "name": "\u202eSam"}`, "name: contains a control character (U+202E)"},
		{"ErrBidiIsolateInNote", `{"tend": "card/v1", "name": "Sam", "notes": ["ok \u2066x"]}`, "notes[0]: contains a control character (U+2066)"},
		{"ErrOnlyInvisible", `{"tend": "card/v1", "name": "\u200b"}`, "name: has no visible character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tend.ParseCard("sam.json", []byte(tc.doc), cat)
			if tend.ErrorCode(err) != tend.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
	c, _, err := tend.ParseCard("sam.json", []byte(`{"tend": "card/v1", "name": "Sam \ud83c\udff3\ufe0f\u200d\ud83c\udf08"}`), cat)
	if err != nil || !strings.Contains(c.Name, "\u200d") {
		t.Errorf("an emoji joined with U+200D must stay allowed: %v", err)
	}
}

func TestParseCardWarningsBounded(t *testing.T) {
	cat := mustCatalog(t)
	var b strings.Builder
	b.WriteString(`{"tend": "card/v1", "name": "Sam", "receive": {`)
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"unknown-practice-%03d": "need"`, i)
	}
	b.WriteString("}}")
	_, warns, err := tend.ParseCard("sam.json", []byte(b.String()), cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 51 || !strings.Contains(warns[50].Message, "and 150 more unknown practice ids") {
		t.Errorf("warnings: got %d, the last %q; want 50 and one counting the other 150", len(warns), warns[len(warns)-1])
	}
}
