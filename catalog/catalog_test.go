package catalog_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

func mustLoad(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoad(t *testing.T) {
	c := mustLoad(t)
	if got := len(c.Practices()); got < 60 {
		t.Errorf("practices: got %d, want at least 60", got)
	}
	for _, id := range catalog.StableIDs() {
		if _, ok := c.Practice(id); !ok {
			t.Errorf("stable id %q missing", id)
		}
	}
	if got := len(c.AllQuestions()); got < 60 {
		t.Errorf("questions: got %d, want at least 60", got)
	}
	audiences := map[string]int{}
	for _, q := range c.AllQuestions() {
		audiences[q.Audience]++
	}
	for _, a := range []string{catalog.Anyone, catalog.Casual, catalog.Group} {
		if audiences[a] == 0 {
			t.Errorf("no question for audience %q", a)
		}
	}
	for _, k := range tend.Kinds() {
		if len(c.ForKind(k)) == 0 {
			t.Errorf("no practice suits %s", k)
		}
	}
	want := []string{"what-is-aftercare", "drop", "starting-the-conversation", "casual", "groups", "distance", "alone", "intense", "misconceptions"}
	for _, name := range want {
		g, ok := c.Guide(name)
		if !ok {
			t.Errorf("guide %q missing", name)
			continue
		}
		if len(strings.Fields(g.Body)) < 300 {
			t.Errorf("guide %q: %d words, want a real guide", name, len(strings.Fields(g.Body)))
		}
	}
}

// Every practice that is given or together and has no self version would
// leave a person with an unmet need and nothing to do alone; the catalog
// should have a self version for most of them.
func TestSelfVersions(t *testing.T) {
	c := mustLoad(t)
	with, all := 0, 0
	for _, p := range c.Practices() {
		if p.Mode == tend.Self || p.Category == tend.LaterOn {
			continue
		}
		all++
		if p.SelfHow != "" {
			with++
		}
	}
	if with*2 < all {
		t.Errorf("self versions: %d of %d given/together practices, want at least half", with, all)
	}
}

// No two practices share a title: a plan lists practices by title, and
// two steps reading "Words of reassurance" for different things could not
// be told apart.
func TestTitlesUnique(t *testing.T) {
	seen := map[string]string{}
	for _, p := range mustLoad(t).Practices() {
		key := strings.ToLower(p.Title)
		if id, ok := seen[key]; ok {
			t.Errorf("%s and %s are both titled %q", id, p.ID, p.Title)
		}
		seen[key] = p.ID
	}
}

func TestClosest(t *testing.T) {
	c := mustLoad(t)
	tests := []struct{ in, want string }{
		{"watr", "water"},
		{"Water", "water"},
		{"cudle", "cuddle"},
		{"slow kiss", "slow-kiss"},
		{"space_first", "space-first"},
		{"glass-of-water", "water"},
		{"zzzzzzzzzzzzzzzz", ""},
	}
	for _, tc := range tests {
		if got := c.Closest(tc.in); got != tc.want {
			t.Errorf("Closest(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDeck(t *testing.T) {
	c := mustLoad(t)
	for _, k := range tend.Kinds() {
		for _, d := range []string{catalog.Starter, catalog.Debrief} {
			qs := c.Deck(k, d, 3, 2, false, 0)
			if len(qs) == 0 {
				t.Errorf("Deck(%s, %s): empty", k, d)
			}
			for _, q := range qs {
				if q.Audience == catalog.Group || q.Audience == catalog.Casual {
					t.Errorf("Deck(%s, %s) for two regular partners: got %s question %q", k, d, q.Audience, q.ID)
				}
			}
		}
	}
	group := c.Deck(tend.Gentle, catalog.Starter, 4, 5, false, 0)
	found := false
	for _, q := range group {
		found = found || q.Audience == catalog.Group
	}
	if !found {
		t.Errorf("Deck for 5 people has no group question: %v", group)
	}
	a := c.Deck(tend.Gentle, catalog.Debrief, 3, 2, true, 7)
	b := c.Deck(tend.Gentle, catalog.Debrief, 3, 2, true, 7)
	if len(a) != len(b) || a[0].ID != b[0].ID {
		t.Errorf("Deck is not deterministic for one seed")
	}
}

// TestDecks: every deck a question names is described, once, with a
// title and a purpose; the list handed out is a copy.
func TestDecks(t *testing.T) {
	c := mustLoad(t)
	described := map[string]bool{}
	for _, d := range c.Decks() {
		if described[d.Name] || d.Title == "" || d.Purpose == "" {
			t.Errorf("deck %+v: described twice, or without a title or purpose", d)
		}
		described[d.Name] = true
		if got, ok := c.DeckInfo(d.Name); !ok || got != d {
			t.Errorf("DeckInfo(%q) = %+v, %v", d.Name, got, ok)
		}
	}
	for _, q := range c.AllQuestions() {
		if !described[q.Deck] {
			t.Errorf("question %s: its deck %q is not described", q.ID, q.Deck)
		}
	}
	if _, ok := c.DeckInfo("no-such-deck"); ok {
		t.Errorf("DeckInfo found a deck that is not there")
	}
	c.Decks()[0].Title = "changed"
	if c.Decks()[0].Title == "changed" {
		t.Errorf("Decks hands out the catalog's own list")
	}
}

// TestLoadBroken proves the loader catches broken data: each case breaks
// one rule in a copy of the real files.
func TestLoadBroken(t *testing.T) {
	base := realFiles(t)
	tests := []struct {
		name, file, old, new, want string
	}{
		{"BadJSON", "data/practices.json", `{"practices": [`, `{"practices": [,`, "invalid character"},
		{"UnknownField", "data/practices.json", `"id": "water",`, `"id": "water", "colour": "blue",`, "unknown field"},
		{"DuplicateID", "data/practices.json", `"id": "snack",`, `"id": "water",`, "used twice"},
		{"UnknownMode", "data/practices.json", `"mode": "given"`, `"mode": "gifted"`, "mode"},
		{"UnknownKind", "data/practices.json", `"kinds": [`, `"kinds": ["spicy", `, "not an encounter kind"},
		{"DanglingNear", "data/practices.json", `"near": [`, `"near": ["teleport", `, `"teleport" is not a practice`},
		{"SupplyWithoutItem", "data/practices.json", `"supply": true`, `"supply": false`, "item"},
		{"QuestionBadDeck", "data/decks.json", `"deck": "debrief"`, `"deck": "afterwards"`, "deck"},
		{"QuestionUnknownKind", "data/decks.json", `"kinds": [`, `"kinds": ["weekly", `, "not an encounter kind"},
		{"GuideWithoutFile", "data/guides.json", `"name": "drop"`, `"name": "dropp"`, "no file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := clone(base)
			data := string(fsys[tc.file].Data)
			if !strings.Contains(data, tc.old) {
				t.Fatalf("%s does not contain %q; update the test", tc.file, tc.old)
			}
			fsys[tc.file] = &fstest.MapFile{Data: []byte(strings.Replace(data, tc.old, tc.new, 1))}
			_, err := catalog.LoadFS(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	t.Run("MissingStableID", func(t *testing.T) {
		fsys := clone(base)
		data := string(fsys["data/practices.json"].Data)
		fsys["data/practices.json"] = &fstest.MapFile{Data: []byte(strings.Replace(data, `"id": "next-day-checkin"`, `"id": "tomorrow-checkin"`, 1))}
		if _, err := catalog.LoadFS(fsys); err == nil || !strings.Contains(err.Error(), "next-day-checkin") {
			t.Fatalf("got %v, want the missing stable id named", err)
		}
	})
	t.Run("UnlistedGuideFile", func(t *testing.T) {
		fsys := clone(base)
		fsys["data/guides/extra.md"] = &fstest.MapFile{Data: []byte("Some text.\n")}
		if _, err := catalog.LoadFS(fsys); err == nil || !strings.Contains(err.Error(), "not listed") {
			t.Fatalf("got %v, want an unlisted guide caught", err)
		}
	})
	t.Run("LongGuideLine", func(t *testing.T) {
		fsys := clone(base)
		fsys["data/guides/drop.md"] = &fstest.MapFile{Data: []byte(strings.Repeat("word ", 30) + "\n")}
		if _, err := catalog.LoadFS(fsys); err == nil || !strings.Contains(err.Error(), "wrap at") {
			t.Fatalf("got %v, want a long line caught", err)
		}
	})
	t.Run("Intact", func(t *testing.T) {
		if _, err := catalog.LoadFS(clone(base)); err != nil {
			t.Fatalf("unchanged copy: %v", err)
		}
	})
}

func realFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(catalog.Files(), "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(catalog.Files(), path)
		m[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func clone(m fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		out[k] = &fstest.MapFile{Data: append([]byte(nil), v.Data...)}
	}
	return out
}
