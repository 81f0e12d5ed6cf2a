package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// testCatalog loads the catalog's real files, as edit changes them: a
// guide taken out, or one added.
func testCatalog(t *testing.T, edit func(fsys fstest.MapFS)) *catalog.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../catalog"), "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile("../catalog/" + p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edit(fsys)
	c, err := catalog.LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// setGuides rewrites the catalog's list of guides.
func setGuides(t *testing.T, fsys fstest.MapFS, change func([]catalog.Guide) []catalog.Guide) {
	t.Helper()
	var doc struct {
		Guides []catalog.Guide `json:"guides"`
	}
	if err := json.Unmarshal(fsys["data/guides.json"].Data, &doc); err != nil {
		t.Fatal(err)
	}
	doc.Guides = change(doc.Guides)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	fsys["data/guides.json"] = &fstest.MapFile{Data: data}
}

// withoutGuide is a catalog without the named guide.
func withoutGuide(t *testing.T, name string) *catalog.Catalog {
	return testCatalog(t, func(fsys fstest.MapFS) {
		delete(fsys, "data/guides/"+name+".md")
		setGuides(t, fsys, func(gs []catalog.Guide) []catalog.Guide {
			var out []catalog.Guide
			for _, g := range gs {
				if g.Name != name {
					out = append(out, g)
				}
			}
			return out
		})
	})
}

// TestGuidesPage: every guide and every deck is listed, in the
// catalog's order, each linking to its page; to anyone, and with the
// usual navigation when signed in. Home and every page's footer link
// to the list.
func TestGuidesPage(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	for _, session := range []string{sam, ""} {
		got := browse(t, h, "GET", "/guides", session, nil)
		if got.status != 200 || got.find("h1") != "Guides and question decks" {
			t.Fatalf("signed in %v: %d %q", session != "", got.status, got.find("h1"))
		}
		if nav := got.doc.Find("nav.main-nav").Length(); nav != map[bool]int{true: 1, false: 0}[session != ""] {
			t.Errorf("signed in %v: %d navigations", session != "", nav)
		}
		var guides, decks []string
		got.doc.Find(`section[aria-labelledby="guides-h"] li a`).Each(func(_ int, a *goquery.Selection) {
			guides = append(guides, a.AttrOr("href", "")+" "+strings.Join(strings.Fields(a.Text()), " "))
		})
		got.doc.Find(`section[aria-labelledby="decks-h"] li a`).Each(func(_ int, a *goquery.Selection) {
			decks = append(decks, a.AttrOr("href", "")+" "+strings.Join(strings.Fields(a.Text()), " "))
		})
		var wantG, wantD []string
		for _, g := range s.Catalog.Guides() {
			wantG = append(wantG, "/guides/"+g.Name+" "+g.Title+". "+g.Summary)
		}
		for _, d := range s.Catalog.Decks() {
			wantD = append(wantD, "/guides/decks/"+d.Name+" "+d.Title+". "+d.Purpose)
		}
		if strings.Join(guides, "\n") != strings.Join(wantG, "\n") || strings.Join(decks, "\n") != strings.Join(wantD, "\n") {
			t.Errorf("signed in %v: guides\n%s\nwant\n%s\ndecks\n%s\nwant\n%s", session != "",
				strings.Join(guides, "\n"), strings.Join(wantG, "\n"), strings.Join(decks, "\n"), strings.Join(wantD, "\n"))
		}
		if got.doc.Find(`footer.bottom a[href="/guides"][aria-current="page"]`).Length() != 1 {
			t.Errorf("signed in %v: the footer does not link to the guides", session != "")
		}
	}
	home := browse(t, h, "GET", "/", sam, nil)
	if home.doc.Find(`main ul.links a[href="/guides"]`).Length() != 1 || home.doc.Find(`footer.bottom a[href="/guides"]:not([aria-current])`).Length() != 1 {
		t.Errorf("Home does not link to the guides, or its footer's link says it is the page")
	}
}

// cliWords are the words `tend guide NAME` prints (cmd/tend/guide.go):
// the title, a line of "=" under it, and the body, whose list items
// start with "- ".
func cliWords(g catalog.Guide) []string {
	out := fmt.Sprintf("%s\n%s\n\n%s\n", g.Title, strings.Repeat("=", len([]rune(g.Title))), g.Body)
	var words []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if strings.Trim(line, "=") == "" {
			continue
		}
		words = append(words, strings.Fields(strings.TrimPrefix(line, "- "))...)
	}
	return words
}

// TestGuidePagesOneSource: every guide's page says, word for word, what
// the command line prints for it (the catalog is the one source), and
// its summary as the list has it.
func TestGuidePagesOneSource(t *testing.T) {
	s, h, _, _, _ := pageServer(t)
	for _, g := range s.Catalog.Guides() {
		got := browse(t, h, "GET", "/guides/"+g.Name, "", nil)
		main := got.doc.Find("article.guide").Clone()
		summary := strings.TrimSpace(main.Find(".guide-summary").Text())
		main.Find(".guide-summary").Remove()
		words, want := strings.Fields(main.Text()), cliWords(g)
		if got.status != 200 || strings.Join(words, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %d, the page's words differ from the command line's:\n%s\nwant\n%s", g.Name, got.status, strings.Join(words, " "), strings.Join(want, " "))
		}
		if summary != g.Summary {
			t.Errorf("%s: summary %q", g.Name, summary)
		}
		if got.doc.Find(`main a[href="/guides"]`).Length() != 1 {
			t.Errorf("%s: no way back to the list", g.Name)
		}
	}
}

// questionTexts are the questions a deck's page shows.
func questionTexts(a pageAnswer) []string {
	var out []string
	a.doc.Find("ol.deck li").Each(func(_ int, li *goquery.Selection) { out = append(out, strings.TrimSpace(li.Text())) })
	return out
}

func texts(qs []catalog.Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return out
}

// TestDeckPage: a deck's page shows the questions catalog.Deck picks
// for what its address asks (the command line's `tend deck`), the form
// showing those choices; "Shuffle" is the next set, at an address of
// its own that shows it again; the other deck is a link away with the
// same choices.
func TestDeckPage(t *testing.T) {
	s, h, _, sam, _ := pageServer(t)
	for _, tc := range []struct {
		name, path           string
		deck                 string
		kind                 tend.Kind
		people               int
		casual, group        bool
		seed                 uint64
		selected             string
		shuffle, other       string
		signedIn, noPartners bool
	}{
		{name: "Plain", path: "/guides/decks/starter", deck: catalog.Starter, kind: tend.Gentle, people: 2, selected: "gentle",
			shuffle: "/guides/decks/starter?encounter=gentle&seed=5", other: "/guides/decks/debrief?encounter=gentle"},
		{name: "FirstTimeCasual", path: "/guides/decks/starter?encounter=first-time&casual=yes&seed=7", deck: catalog.Starter, kind: tend.FirstTime, people: 2,
			casual: true, seed: 7, selected: "first-time", shuffle: "/guides/decks/starter?casual=yes&encounter=first-time&seed=12",
			other: "/guides/decks/debrief?casual=yes&encounter=first-time", signedIn: true},
		{name: "IntenseGroup", path: "/guides/decks/debrief?encounter=intense&group=yes", deck: catalog.Debrief, kind: tend.Intense, people: 3,
			group: true, selected: "intense", shuffle: "/guides/decks/debrief?encounter=intense&group=yes&seed=5",
			other: "/guides/decks/starter?encounter=intense&group=yes"},
		{name: "Solo", path: "/guides/decks/debrief?encounter=solo&seed=3", deck: catalog.Debrief, kind: tend.Solo, people: 1, seed: 3,
			selected: "solo", shuffle: "/guides/decks/debrief?encounter=solo&seed=8", other: "/guides/decks/starter?encounter=solo", noPartners: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			session := ""
			if tc.signedIn {
				session = sam
			}
			got := browse(t, h, "GET", tc.path, session, nil)
			info, _ := s.Catalog.DeckInfo(tc.deck)
			if got.status != 200 || got.find("h1") != info.Title {
				t.Fatalf("%d %q", got.status, got.find("h1"))
			}
			want := texts(s.Catalog.Deck(tc.kind, tc.deck, deckSize, tc.people, tc.casual, tc.seed))
			if strings.Join(questionTexts(got), "\n") != strings.Join(want, "\n") || len(want) != deckSize {
				t.Errorf("the questions:\n%s\nwant\n%s", strings.Join(questionTexts(got), "\n"), strings.Join(want, "\n"))
			}
			form := got.doc.Find(`form[method="get"][action="/guides/decks/` + tc.deck + `"]`)
			if form.Find(`select#encounter[name="encounter"] option[selected]`).AttrOr("value", "") != tc.selected ||
				form.Find(`input#casual[name="casual"][checked]`).Length() != map[bool]int{true: 1}[tc.casual] ||
				form.Find(`input#group[name="group"][checked]`).Length() != map[bool]int{true: 1}[tc.group] {
				t.Errorf("the form: %q selected, casual %d, group %d", form.Find("option[selected]").AttrOr("value", ""),
					form.Find("input#casual[checked]").Length(), form.Find("input#group[checked]").Length())
			}
			shuffle := got.doc.Find(`a.button`).FilterFunction(func(_ int, a *goquery.Selection) bool { return strings.HasPrefix(a.Text(), "Shuffle") })
			if href := shuffle.AttrOr("href", ""); href != tc.shuffle {
				t.Errorf("shuffle: %q, want %q", href, tc.shuffle)
			}
			next := browse(t, h, "GET", tc.shuffle, session, nil)
			wantNext := texts(s.Catalog.Deck(tc.kind, tc.deck, deckSize, tc.people, tc.casual, tc.seed+deckSize))
			if strings.Join(questionTexts(next), "\n") != strings.Join(wantNext, "\n") || strings.Join(wantNext, "") == strings.Join(want, "") {
				t.Errorf("after shuffling:\n%s\nwant another set:\n%s", strings.Join(questionTexts(next), "\n"), strings.Join(wantNext, "\n"))
			}
			if got.doc.Find(`a[href="`+tc.other+`"]`).Length() != 1 {
				t.Errorf("no link to the other deck at %s", tc.other)
			}
			if partner := strings.Contains(got.find("main"), "send it to a partner"); partner == tc.noPartners {
				t.Errorf("the hint on sending it to a partner shown: %v", partner)
			}
		})
	}
}

// TestDeckPageBadAddress: a wrong choice in a deck's address shows the
// form again (400) with what was wrong beside its field and the rest
// kept, and no questions; a deck the catalog lacks is not found.
func TestDeckPageBadAddress(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	for _, tc := range []struct {
		name, query string
		fields      []string
		general     string
		kept        string
	}{
		{"UnknownKind", "encounter=sleepy&casual=yes", []string{"encounter"}, "", "casual"},
		{"CasualNotYes", "encounter=intense&casual=maybe", []string{"casual"}, "", "intense"},
		{"SoloGroup", "encounter=solo&group=yes", []string{"group"}, "", "solo"},
		{"SoloCasual", "encounter=solo&casual=yes&group=yes", []string{"casual", "group"}, "", "solo"},
		{"SeedNotANumber", "encounter=quickie&seed=abc", nil, "whole number from 0 to 999999999", "quickie"},
		{"SeedTooLarge", "seed=1000000000", nil, "whole number", "gentle"},
		{"Several", "encounter=x&casual=1&group=on", []string{"encounter", "casual", "group"}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, h, "GET", "/guides/decks/starter?"+tc.query, sam, nil)
			if got.status != 400 || strings.Join(problemFields(got), ",") != strings.Join(tc.fields, ",") {
				t.Errorf("%d, problems at %v (%q)", got.status, problemFields(got), got.find("#problem"))
			}
			if !strings.Contains(got.find("#problem"), tc.general) {
				t.Errorf("the problem says %q", got.find("#problem"))
			}
			for _, f := range tc.fields {
				if got.doc.Find("#"+f+"-error").Length() != 1 || got.doc.Find("#"+f+`[aria-invalid="true"]`).Length() != 1 {
					t.Errorf("no message beside %s", f)
				}
			}
			if got.doc.Find("ol.deck li").Length() != 0 || got.doc.Find(`form[action="/guides/decks/starter"]`).Length() != 1 {
				t.Errorf("questions shown, or no form")
			}
			switch tc.kept {
			case "casual":
				if got.doc.Find("input#casual[checked]").Length() != 1 {
					t.Errorf("the ticked box is not kept")
				}
			case "":
			default:
				if sel := got.doc.Find("select#encounter option[selected]").AttrOr("value", ""); sel != tc.kept {
					t.Errorf("the kind kept: %q", sel)
				}
			}
		})
	}
	for _, path := range []string{"/guides/decks/no-such-deck", "/guides/decks/Starter", "/guides/no-such-guide", "/guides/decks"} {
		if got := browse(t, h, "GET", path, "", nil); got.status != 404 {
			t.Errorf("%s: %d", path, got.status)
		}
	}
}

// TestGuideAndDeckAddresses: a guide's name is one path segment, so a
// guide named "decks" (were the catalog to have one) and the decks'
// pages each keep their own address.
func TestGuideAndDeckAddresses(t *testing.T) {
	s, h, _, _, _ := pageServer(t)
	s.Catalog = testCatalog(t, func(fsys fstest.MapFS) {
		fsys["data/guides/decks.md"] = &fstest.MapFile{Data: []byte("A guide named like the decks' folder.\n")}
		setGuides(t, fsys, func(gs []catalog.Guide) []catalog.Guide {
			return append(gs, catalog.Guide{Name: "decks", Title: "On decks", Summary: "A guide whose name is the decks' folder."})
		})
	})
	if got := browse(t, h, "GET", "/guides/decks", "", nil); got.status != 200 || got.find("h1") != "On decks" {
		t.Errorf("the guide named decks: %d %q", got.status, got.find("h1"))
	}
	for _, d := range s.Catalog.Decks() {
		if got := browse(t, h, "GET", "/guides/decks/"+d.Name, "", nil); got.status != 200 || got.find("h1") != d.Title {
			t.Errorf("%s: %d %q", d.Name, got.status, got.find("h1"))
		}
	}
	for _, g := range s.Catalog.Guides() {
		if strings.Contains(g.Name, "/") {
			t.Errorf("guide %q has a slash in its name", g.Name)
		}
	}
}
