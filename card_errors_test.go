package tend_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

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
		{"ErrOnlyInvisible", `{"tend": "card/v1", "name": "\u3164"}`, "name: has no visible character"},
		{"ErrZeroWidthInName", `{"tend": "card/v1", "name": "S\u200bam"}`, "name: contains an invisible character (U+200B)"},
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
