package web

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// The schemas of openapi.json are checked with a real JSON Schema 2020-12
// validator (santhosh-tekuri/jsonschema, used by tests only): writing one
// that handles $ref, patterns, propertyNames, anyOf and formats would be
// a second, untested piece of code to trust.

// openAPIURL names the document for the validator; nothing is fetched.
const openAPIURL = "https://tend.invalid/api/v1/openapi.json"

// schemaOf compiles the schema at a JSON pointer into the OpenAPI
// document ("/components/schemas/Card"), with formats asserted.
func schemaOf(t testing.TB, pointer string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPI))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(openAPIURL, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(openAPIURL + "#" + pointer)
	if err != nil {
		t.Fatalf("compiling %s: %v", pointer, err)
	}
	return s
}

// validate checks a JSON document against the schema.
func validate(s *jsonschema.Schema, data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// cardFiles are the cards a schema must take: the examples shipped with
// Tend and the parser's valid test cards, less those that lean on the
// parser's documented leniency.
func cardFiles(t *testing.T) []string {
	t.Helper()
	ex, _ := filepath.Glob("../examples/*.json")
	valid, _ := filepath.Glob("../testdata/cards/valid/*.json")
	if len(ex) < 3 || len(valid) < 5 {
		t.Fatalf("cards not found: %v %v", ex, valid)
	}
	lenient := map[string]bool{
		"trimmed.json":  true, // white space (a line break too) around texts is trimmed
		"warnings.json": true, // unknown practice ids are ignored with a warning
	}
	files := ex
	for _, f := range valid {
		if !lenient[filepath.Base(f)] {
			files = append(files, f)
		}
	}
	return files
}

// TestCardSchemaTakesCards: every example card, and every valid test
// card, validates against the Card schema, and the parser reads each
// without an error or a warning.
func TestCardSchemaTakesCards(t *testing.T) {
	card := schemaOf(t, "/components/schemas/Card")
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cardFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(card, data); err != nil {
			t.Errorf("%s: the schema refuses it: %v", f, err)
		}
		if _, warns, err := tend.ParseCard(f, data, cat); err != nil || len(warns) > 0 {
			t.Errorf("%s: the parser says %v %v", f, err, warns)
		}
	}
}

// TestCardSchemaRefuses: cards the parser refuses are refused by the
// schema too, but for the few rules JSON Schema cannot say (which the
// Card schema's description names).
func TestCardSchemaRefuses(t *testing.T) {
	card := schemaOf(t, "/components/schemas/Card")
	cases := []struct{ name, card string }{
		{"WrongReceiveWord", `{"tend": "card/v1", "name": "Sam", "receive": {"water": "yes"}}`},
		{"WrongGiveWord", `{"tend": "card/v1", "name": "Sam", "give": {"water": "need"}}`},
		{"ReceiveWordInCapitals", `{"tend": "card/v1", "name": "Sam", "receive": {"water": "NEED"}}`},
		{"WrongWordInOverride", `{"tend": "card/v1", "name": "Sam", "encounters": {"intense": {"give": {"water": "maybe"}}}}`},
		{"NameTooLong", `{"tend": "card/v1", "name": "` + strings.Repeat("é", 65) + `"}`},
		{"NameEmpty", `{"tend": "card/v1", "name": ""}`},
		{"NameOnlySpaces", `{"tend": "card/v1", "name": "   "}`},
		{"NameOnlyNoBreakSpace", `{"tend": "card/v1", "name": "\u00a0"}`},
		{"NameWithEscape", `{"tend": "card/v1", "name": "Sam\u001b[31m"}`},
		{"NameWithDirectionOverride", `{"tend": "card/v1", "name": "Sam\u202e"}`},
		{"NameWithLineBreak", `{"tend": "card/v1", "name": "Sam\nroot"}`},
		{"UnknownTopLevelField", `{"tend": "card/v1", "name": "Sam", "colour": "blue"}`},
		{"FieldInCapitals", `{"tend": "card/v1", "Name": "Sam"}`},
		{"NoTend", `{"name": "Sam"}`},
		{"NoName", `{"tend": "card/v1"}`},
		{"OtherVersion", `{"tend": "card/v2", "name": "Sam"}`},
		{"PronounsTooLong", `{"tend": "card/v1", "name": "Sam", "pronouns": "` + strings.Repeat("p", 33) + `"}`},
		{"NotATime", `{"tend": "card/v1", "name": "Sam", "created": "24 November 2026"}`},
		{"TimeBefore1970", `{"tend": "card/v1", "name": "Sam", "created": "1969-12-31T00:00:00Z"}`},
		{"CustomIDWithoutX", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "song", "title": "Song", "mode": "together"}]}`},
		{"CustomIDCapitals", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-Song", "title": "Song", "mode": "together"}]}`},
		{"CustomIDTooLong", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-` + strings.Repeat("a", 63) + `", "title": "Song", "mode": "together"}]}`},
		{"CustomWithoutMode", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-song", "title": "Song"}]}`},
		{"CustomWrongMode", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-song", "title": "Song", "mode": "both"}]}`},
		{"CustomTitleTooLong", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-song", "title": "` + strings.Repeat("t", 81) + `", "mode": "self"}]}`},
		{"CustomUnknownField", `{"tend": "card/v1", "name": "Sam", "custom": [{"id": "x-song", "title": "Song", "mode": "self", "colour": "red"}]}`},
		{"OwnIDBadInReceive", `{"tend": "card/v1", "name": "Sam", "receive": {"x-Our Song": "like"}}`},
		{"UnknownPracticeID", `{"tend": "card/v1", "name": "Sam", "receive": {"watr": "need"}}`},
		{"SpaceTooLong", `{"tend": "card/v1", "name": "Sam", "space_first_minutes": 121}`},
		{"SpaceNegative", `{"tend": "card/v1", "name": "Sam", "space_first_minutes": -1}`},
		{"SpaceFraction", `{"tend": "card/v1", "name": "Sam", "space_first_minutes": 1.5}`},
		{"TooManyNotes", `{"tend": "card/v1", "name": "Sam", "notes": [` + strings.Repeat(`"n", `, 20) + `"n"]}`},
		{"NoteTooLong", `{"tend": "card/v1", "name": "Sam", "notes": ["` + strings.Repeat("n", 501) + `"]}`},
		{"NoteWithCarriageReturn", `{"tend": "card/v1", "name": "Sam", "notes": ["one\r\ntwo"]}`},
		{"CommentTooLong", `{"tend": "card/v1", "name": "Sam", "comments": {"cuddle": "` + strings.Repeat("c", 201) + `"}}`},
		{"DropWithoutWhen", `{"tend": "card/v1", "name": "Sam", "drop": {"signs": ["quiet"]}}`},
		{"DropWrongWhen", `{"tend": "card/v1", "name": "Sam", "drop": {"when": "sometimes"}}`},
		{"TooManyDropSigns", `{"tend": "card/v1", "name": "Sam", "drop": {"when": "none", "signs": [` + strings.Repeat(`"s", `, 10) + `"s"]}}`},
		{"UnknownKind", `{"tend": "card/v1", "name": "Sam", "encounters": {"wild": {"minutes": 10}}}`},
		{"KindMinutesZero", `{"tend": "card/v1", "name": "Sam", "encounters": {"gentle": {"minutes": 0}}}`},
		{"KindMinutesTooMany", `{"tend": "card/v1", "name": "Sam", "encounters": {"gentle": {"minutes": 241}}}`},
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := validate(card, []byte(tc.card)); err == nil {
				t.Errorf("the schema takes %s", tc.card)
			}
			// The parser refuses it too, or ignores what it does not know
			// with a warning.
			if _, warns, err := tend.ParseCard("card", []byte(tc.card), cat); err == nil && len(warns) == 0 {
				t.Errorf("the parser takes it silently: the case is wrong")
			}
		})
	}

	// The parser's broken test cards: each that is JSON at all.
	inexpressible := map[string]bool{
		"duplicate-escaped-key.json":  true, // a key twice in one object
		"duplicate-receive.json":      true,
		"duplicate-top-level.json":    true,
		"custom-duplicate-id.json":    true, // unique ids within a list
		"expires-before-created.json": true, // one field compared with another
		"expires-equals-created.json": true,
	}
	broken, _ := filepath.Glob("../testdata/cards/broken/*.json")
	if len(broken) < 50 {
		t.Fatalf("broken cards not found: %d", len(broken))
	}
	for _, f := range broken {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) || !utf8.Valid(data) || inexpressible[filepath.Base(f)] {
			continue
		}
		if err := validate(card, data); err == nil {
			t.Errorf("%s: the schema takes a card the parser refuses", f)
		}
	}
}

// TestCardTextPatterns tries every character of the Basic Multilingual
// Plane in a name and in a note, alone and between letters: the schema
// takes exactly what the parser takes (the patterns were made from Go's
// Unicode tables; characters no Unicode version has assigned yet are
// left out, as another version of the tables may differ there).
func TestCardTextPatterns(t *testing.T) {
	if testing.Short() {
		t.Skip("tries 65,000 characters")
	}
	card := schemaOf(t, "/components/schemas/Card")
	assigned := func(r rune) bool {
		return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co)
	}
	differ := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF || !assigned(r) {
			continue
		}
		c := string(r)
		for _, text := range []string{c, "A" + c + "A"} {
			for _, field := range []string{"name", "notes"} {
				v, _ := json.Marshal(text)
				doc := `{"tend": "card/v1", "name": ` + string(v) + `}`
				if field == "notes" {
					doc = `{"tend": "card/v1", "name": "Sam", "notes": [` + string(v) + `]}`
				}
				_, _, perr := tend.ParseCard("card", []byte(doc), nil)
				serr := validate(card, []byte(doc))
				if (perr == nil) != (serr == nil) && differ < 10 {
					differ++
					t.Errorf("%s %U in %q: the parser says %v, the schema %v", field, r, text, perr, serr)
				}
			}
		}
	}
}

// TestPracticeIDsAreTheCatalog: the ids a card may name are the catalog's,
// all of them, in the catalog's order.
func TestPracticeIDsAreTheCatalog(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				PracticeID struct {
					AnyOf []struct {
						Enum []string `json:"enum"`
					} `json:"anyOf"`
				} `json:"PracticeId"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range cat.Practices() {
		want = append(want, p.ID)
	}
	if any := doc.Components.Schemas.PracticeID.AnyOf; len(any) == 0 || !slices.Equal(any[0].Enum, want) {
		t.Errorf("PracticeId's enum is not the catalog's ids %v", want)
	}
}

// responseSchema compiles the documented schema of an operation's JSON
// answer with the status.
func responseSchema(t *testing.T, method, path string, status int) *jsonschema.Schema {
	t.Helper()
	esc := strings.NewReplacer("~", "~0", "/", "~1")
	return schemaOf(t, "/paths/"+esc.Replace(path)+"/"+strings.ToLower(method)+"/responses/"+strconv.Itoa(status)+
		"/content/application~1json/schema")
}

// TestAnswersFollowSchemas sends real requests whose answers carry cards
// and plans, and checks each answer against the operation's documented
// schema: what a client generated from the document expects is what it
// gets.
func TestAnswersFollowSchemas(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	sent := func(method, path, token, body string, status int) []byte {
		t.Helper()
		st, a := rawResponse(t, h, call{method: method, path: path, body: body, token: token})
		if st != status {
			t.Fatalf("%s %s: %d %s", method, path, st, a.body)
		}
		return []byte(a.body)
	}
	check := func(method, template, path, token, body string, status int) []byte {
		t.Helper()
		answer := sent(method, path, token, body, status)
		if err := validate(responseSchema(t, method, template, status), answer); err != nil {
			t.Errorf("%s %s: the answer does not follow the document: %v\n%s", method, path, err, answer)
		}
		return answer
	}
	samCard, err := os.ReadFile("../examples/sam.json")
	if err != nil {
		t.Fatal(err)
	}
	alexCard, err := os.ReadFile("../examples/alex.json")
	if err != nil {
		t.Fatal(err)
	}
	check("POST", "/api/v1/profile/import", "/api/v1/profile/import?preview=true", sam, string(samCard), 200)
	check("PUT", "/api/v1/profile", "/api/v1/profile", sam, string(samCard), 200)
	check("POST", "/api/v1/profile/import", "/api/v1/profile/import", alex, string(alexCard), 200)
	check("GET", "/api/v1/profile", "/api/v1/profile", sam, "", 200)
	check("GET", "/api/v1/profile/versions/{version}", "/api/v1/profile/versions/1", sam, "", 200)
	check("GET", "/api/v1/profile/card", "/api/v1/profile/card", sam, "", 200)
	for _, k := range tend.Kinds() {
		check("GET", "/api/v1/profile/plan", "/api/v1/profile/plan?encounter="+string(k), sam, "", 200)
	}

	var circle struct {
		Circle struct{ ID string } `json:"circle"`
	}
	json.Unmarshal(sent("POST", "/api/v1/circles", sam, `{"name": "Us"}`, 201), &circle)
	var invite struct{ Token string }
	json.Unmarshal(sent("POST", "/api/v1/circles/"+circle.Circle.ID+"/invites", sam, "", 201), &invite)
	sent("POST", "/api/v1/invites/"+invite.Token+"/accept", alex, "", 200)
	id := circle.Circle.ID
	for _, k := range tend.Kinds() {
		if k != tend.Solo {
			check("GET", "/api/v1/circles/{id}/plan", "/api/v1/circles/"+id+"/plan?encounter="+string(k), alex, "", 200)
		}
	}
	var me struct{ Person struct{ ID string } }
	json.Unmarshal(sent("GET", "/api/v1/me", sam, "", 200), &me)
	check("GET", "/api/v1/circles/{id}/members/{member}/card", "/api/v1/circles/"+id+"/members/"+me.Person.ID+"/card", alex, "", 200)

	var enc struct {
		Encounter struct{ ID string } `json:"encounter"`
	}
	json.Unmarshal(sent("POST", "/api/v1/encounters", sam, `{"circle_id": "`+id+`", "kind": "intense"}`, 201), &enc)
	check("GET", "/api/v1/encounters/{id}/plan", "/api/v1/encounters/"+enc.Encounter.ID+"/plan", sam, "", 200)
}
