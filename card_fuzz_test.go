package tend_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

const fuzzFile = "fuzz.json"

// fuzzSeeds returns hostile and malformed inputs for FuzzParseCard, each
// small enough for a plain `go test` run.
func fuzzSeeds() [][]byte {
	huge := strings.Repeat("a", 100_000)
	head := `{"tend": "card/v1", "name": "Sam", `
	seeds := []string{
		``,
		` `,
		`{}`,
		`null`,
		`[]`,
		`"card/v1"`,
		`{"tend": "card/v1", "name": "Sam"}`,
		`{"tend": "card/v1", "name": "Sam"}}`,
		// Huge strings, in values and keys.
		`{"tend": "card/v1", "name": "` + huge + `"}`,
		head + `"notes": ["` + huge + `"]}`,
		head + `"receive": {"` + huge + `": "need"}}`,
		head + `"comments": {"cuddle": "` + huge + `"}}`,
		head + `"` + huge + `": 1}`,
		// Deep nesting.
		strings.Repeat("[", 10_000),
		strings.Repeat("{", 10_000),
		strings.Repeat(`{"a":`, 10_000) + `1` + strings.Repeat("}", 10_000),
		strings.Repeat("[", 9_000) + strings.Repeat("]", 9_000),
		head + `"notes": ` + strings.Repeat("[", 5_000) + strings.Repeat("]", 5_000) + `}`,
		head + `"drop": ` + strings.Repeat(`{"when":`, 5_000) + `"none"` + strings.Repeat("}", 5_000) + `}`,
		// Wrong types everywhere.
		`{"tend": 1, "name": 2, "pronouns": 3, "created": 4, "expires": 5, "receive": 6, "give": 7, "comments": 8, "custom": 9, "space_first_minutes": "x", "notes": 10, "avoid": 11, "drop": 12, "encounters": 13}`,
		`{"tend": [], "name": {}, "pronouns": [], "created": {}, "expires": [], "receive": [], "give": "water", "comments": [], "custom": {}, "space_first_minutes": {}, "notes": {}, "avoid": {}, "drop": [], "encounters": []}`,
		head + `"custom": [1, "x", [], null, {"id": 1, "title": [], "mode": {}, "remote": "yes", "quick": 1, "receive": 2, "give": 3}]}`,
		head + `"encounters": {"intense": {"receive": [], "give": "x", "minutes": "45"}, "quickie": 1, "solo": null}}`,
		head + `"space_first_minutes": "10"}`,
		// Number edge cases.
		head + `"space_first_minutes": 1e999}`,
		head + `"space_first_minutes": -1e999}`,
		head + `"space_first_minutes": 1e1}`,
		head + `"space_first_minutes": 10.0}`,
		head + `"space_first_minutes": -0}`,
		head + `"space_first_minutes": 99999999999999999999999}`,
		head + `"encounters": {"intense": {"minutes": 1e999}}}`,
		// Null everywhere.
		`{"tend": null, "name": null, "pronouns": null, "created": null, "expires": null, "receive": null, "give": null, "comments": null, "custom": null, "space_first_minutes": null, "notes": null, "avoid": null, "drop": null, "encounters": null}`,
		head + `"pronouns": null, "custom": null, "notes": null, "avoid": null}`,
		head + `"receive": {"water": null}, "custom": [null, {"id": null, "title": null, "mode": null, "remote": null, "quick": null, "receive": null, "give": null}], "drop": {"when": null, "signs": null, "helps": null}, "encounters": {"intense": null}}`,
		// Duplicate keys.
		`{"tend": "card/v1", "tend": "card/v1", "name": "Sam", "name": "Alex"}`,
		head + `"receive": {"water": "need", "water": "never"}, "give": {"water": "glad", "w\u0061ter": "no"}}`,
		head + `"custom": [{"id": "x-a", "id": "x-b", "title": "A", "mode": "self"}]}`,
		head + `"drop": {"when": "none", "when": "next-day"}, "encounters": {"intense": {}, "intense": {}}}`,
		// Unicode escapes, surrogates, controls.
		`{"t\u0065nd": "card\/v1", "name": "S\u00e4m \ud83d\ude00"}`,
		`{"tend": "card/v1", "name": "S\ud800m", "notes": ["\udfff"]}`,
		`{"tend": "card/v1", "name": "Sam\u001b[2J", "notes": ["\u0000"]}`,
		`{"tend": "card/v1", "name": "\u202eSam", "pronouns": "\u00a0\u2028"}`,
		`{"tend": "card/v1", "name": "Sam \ud83c\udff3\ufe0f\u200d\ud83c\udf08", "pronouns": "they/them"}`,
		`{"tend": "card/v1", "name": "Zoë Łukasz-Núñez", "notes": ["Ça va\nmerci"]}`,
		head + `"notes": ["line\nbreak\ttab"], "comments": {"cuddle": "\r\n"}}`,
		"{\"tend\": \"card/v1\", \"name\": \"S\xffm\"}",
		"\xef\xbb\xbf{\"tend\": \"card/v1\", \"name\": \"Sam\"}",
		// Times.
		head + `"created": "2026-11-24T21:00:00Z", "expires": "2026-11-24T21:00:00Z"}`,
		head + `"expires": "9999-12-31T23:59:59-23:59"}`,
		head + `"created": "0000-01-01T00:00:00+23:59"}`,
		head + `"created": "2026-02-30T00:00:00Z"}`,
		head + `"created": "2026-11-24T21:00:00.999999999999Z"}`,
		// Ids.
		head + `"receive": {"watr": "need", "": "like", "x-": "like", "x-A": "like", "X-a": "like", "x-a--b": "like", "x-ok": "need"}}`,
		head + `"give": {"massge": "glad", "Water": "glad", "first aid": "willing"}}`,
		// Empty lists and maps.
		head + `"receive": {}, "give": {}, "comments": {}, "custom": [], "notes": [], "avoid": [], "drop": {"when": "none", "signs": [], "helps": []}, "encounters": {}}`,
	}
	out := make([][]byte, len(seeds))
	for i, s := range seeds {
		out[i] = []byte(s)
	}
	return out
}

// FuzzParseCard checks that ParseCard never panics, that it either
// returns a valid card or an EINVALID error listing every problem against
// the file, and that MarshalCard writes a valid card back unchanged.
func FuzzParseCard(f *testing.F) {
	cat := mustCatalog(f)
	var files []string
	for _, pattern := range []string{
		filepath.Join("examples", "*.json"),
		filepath.Join("testdata", "cards", "valid", "*.json"),
		filepath.Join("testdata", "cards", "broken", "*.json"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, m...)
	}
	for _, file := range files {
		f.Add(mustReadFile(f, file))
	}
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		c, _, err := tend.ParseCard(fuzzFile, data, cat)
		if err != nil {
			if c != nil {
				t.Fatalf("ParseCard: got a card and error %v, want nil card with an error", err)
			}
			if got := tend.ErrorCode(err); got != tend.EINVALID {
				t.Fatalf("error code: got %q (%v), want %q", got, err, tend.EINVALID)
			}
			var cp *tend.CardProblems
			if !errors.As(err, &cp) {
				t.Fatalf("errors.As(*tend.CardProblems): got false for %#v, want true", err)
			}
			if len(cp.Problems) == 0 {
				t.Fatalf("CardProblems: got no problems, want at least one")
			}
			if cp.File != fuzzFile {
				t.Errorf("CardProblems.File: got %q, want %q", cp.File, fuzzFile)
			}
			checkErrorText(t, fuzzFile, err, cp)
			return
		}
		if c == nil {
			t.Fatalf("ParseCard: got nil card and nil error, want one of them")
		}
		checkValidCard(t, c, cat)

		out, err := tend.MarshalCard(c)
		if err != nil {
			t.Fatalf("MarshalCard of a valid card: got error %v, want none", err)
		}
		c2, warns, err := tend.ParseCard(fuzzFile, out, cat)
		if err != nil {
			t.Fatalf("re-parse of MarshalCard output: got error %v, want none; output:\n%s", err, out)
		}
		if len(warns) != 0 {
			t.Errorf("re-parse of MarshalCard output: got warnings %v, want none", warns)
		}
		if !reflect.DeepEqual(c2, c) {
			for _, d := range cardDiff(c2, c) {
				t.Errorf("re-parsed %s", d)
			}
			t.FailNow()
		}
		if out2, err := tend.MarshalCard(c2); err != nil || !bytes.Equal(out2, out) {
			t.Errorf("MarshalCard of the re-parsed card: got %q (error %v), want %q", out2, err, out)
		}
	})
}

// checkValidCard checks every rule of tend.card/v1 on a card that
// ParseCard accepted.
func checkValidCard(t *testing.T, c *tend.Card, idx tend.PracticeIndex) {
	t.Helper()
	if c.Tend != tend.CardVersion {
		t.Errorf("tend: got %q, want %q", c.Tend, tend.CardVersion)
	}
	checkText(t, "name", c.Name, 1, tend.MaxNameLen, false)
	checkText(t, "pronouns", c.Pronouns, 0, tend.MaxPronounsLen, false)
	for _, ts := range []struct {
		name string
		t    time.Time
	}{{"created", c.Created}, {"expires", c.Expires}} {
		if !ts.t.IsZero() && ts.t.Location() != time.UTC {
			t.Errorf("%s: got location %v, want UTC", ts.name, ts.t.Location())
		}
	}
	if !c.Created.IsZero() && !c.Expires.IsZero() && !c.Expires.After(c.Created) {
		t.Errorf("expires %s: got not after created %s, want after", c.Expires, c.Created)
	}
	checkLevels(t, "", c.Receive, c.Give, idx)
	for id, s := range c.Comments {
		checkID(t, "comments", id, idx)
		checkText(t, "comments."+id, s, 1, tend.MaxCommentLen, true)
	}
	if len(c.Custom) > tend.MaxCustom {
		t.Errorf("custom: got %d, want at most %d", len(c.Custom), tend.MaxCustom)
	}
	seen := map[string]bool{}
	for i, cp := range c.Custom {
		if !tend.IsCustomID(cp.ID) || len(cp.ID) > tend.MaxIDLen || seen[cp.ID] {
			t.Errorf("custom[%d].id: got %q, want a unique x- id of at most %d bytes", i, cp.ID, tend.MaxIDLen)
		}
		seen[cp.ID] = true
		checkText(t, "custom.title", cp.Title, 1, tend.MaxTitleLen, false)
		if !cp.Mode.Valid() {
			t.Errorf("custom[%d].mode: got %q, want a valid mode", i, cp.Mode)
		}
		if cp.Receive != "" && !cp.Receive.Valid() {
			t.Errorf("custom[%d].receive: got %q, want a valid level", i, cp.Receive)
		}
		if cp.Give != "" && !cp.Give.Valid() {
			t.Errorf("custom[%d].give: got %q, want a valid level", i, cp.Give)
		}
	}
	if c.SpaceFirstMinutes < 0 || c.SpaceFirstMinutes > tend.MaxSpaceMinutes {
		t.Errorf("space_first_minutes: got %d, want 0 to %d", c.SpaceFirstMinutes, tend.MaxSpaceMinutes)
	}
	checkTexts(t, "notes", c.Notes, tend.MaxNotes, tend.MaxNoteLen, true)
	checkTexts(t, "avoid", c.Avoid, tend.MaxNotes, tend.MaxNoteLen, true)
	if c.Drop != nil {
		if !c.Drop.When.Valid() {
			t.Errorf("drop.when: got %q, want a valid timing", c.Drop.When)
		}
		checkTexts(t, "drop.signs", c.Drop.Signs, tend.MaxDropTexts, tend.MaxDropTextLen, false)
		checkTexts(t, "drop.helps", c.Drop.Helps, tend.MaxDropTexts, tend.MaxDropTextLen, false)
	}
	for k, o := range c.Encounters {
		if !k.Valid() {
			t.Errorf("encounters: got kind %q, want a valid kind", k)
		}
		if o == nil {
			t.Errorf("encounters.%s: got nil, want an override", k)
			continue
		}
		checkLevels(t, "encounters."+string(k)+".", o.Receive, o.Give, idx)
		if o.Minutes < 0 || o.Minutes > tend.MaxKindMinutes {
			t.Errorf("encounters.%s.minutes: got %d, want 0 to %d", k, o.Minutes, tend.MaxKindMinutes)
		}
	}
}

func checkLevels(t *testing.T, prefix string, recv map[string]tend.Receive, give map[string]tend.Give, idx tend.PracticeIndex) {
	t.Helper()
	for id, r := range recv {
		checkID(t, prefix+"receive", id, idx)
		if !r.Valid() {
			t.Errorf("%sreceive.%s: got %q, want a valid level", prefix, id, r)
		}
	}
	for id, g := range give {
		checkID(t, prefix+"give", id, idx)
		if !g.Valid() {
			t.Errorf("%sgive.%s: got %q, want a valid level", prefix, id, g)
		}
	}
}

// checkID checks that a kept id is a catalog id or an own-practice id.
func checkID(t *testing.T, path, id string, idx tend.PracticeIndex) {
	t.Helper()
	if tend.IsCustomID(id) {
		return
	}
	if _, ok := idx.Practice(id); !ok {
		t.Errorf("%s: got id %q, want a catalog id or x-…", path, id)
	}
}

func checkTexts(t *testing.T, path string, texts []string, maxItems, maxLen int, multiline bool) {
	t.Helper()
	if len(texts) > maxItems {
		t.Errorf("%s: got %d entries, want at most %d", path, len(texts), maxItems)
	}
	for _, s := range texts {
		checkText(t, path, s, 1, maxLen, multiline)
	}
}

// checkText checks a kept text: trimmed, within its length in characters,
// and free of control characters (line breaks and tabs only if multiline).
func checkText(t *testing.T, path, s string, minLen, maxLen int, multiline bool) {
	t.Helper()
	n := utf8.RuneCountInString(s)
	if n < minLen || n > maxLen {
		t.Errorf("%s: got %d characters, want %d to %d", path, n, minLen, maxLen)
	}
	if s != strings.TrimSpace(s) {
		t.Errorf("%s: got %q, want it trimmed", path, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			t.Errorf("%s: got control character %U in %q, want none", path, r, s)
			break
		}
	}
}

// The fuzz seeds must not be skipped wholesale: most of them have to
// reach the invariants, and the examples must all parse.
func TestFuzzSeedsParse(t *testing.T) {
	cat := mustCatalog(t)
	for _, file := range roundTripFiles(t) {
		if _, _, err := tend.ParseCard(file, mustReadFile(t, file), cat); err != nil {
			t.Errorf("%s: got error %v, want a valid card", file, err)
		}
	}
	var valid int
	for _, seed := range fuzzSeeds() {
		if c, _, _ := tend.ParseCard(fuzzFile, seed, cat); c != nil {
			valid++
		}
	}
	if valid < 10 {
		t.Errorf("valid fuzz seeds: got %d, want at least 10 so that the round trip is exercised", valid)
	}
}
