package tend_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

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
