package tend

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONSyntaxWords: a card that is not valid JSON is refused in plain
// words, with the line and column of the mistake, and never with the
// decoder's own words.
func TestJSONSyntaxWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"not a card", "line 1, column 1 (at “n”): a card file starts with {"},
		{"{not json", "line 1, column 2 (at “n”): a name in double quotes was expected"},
		{"{\n  \"name\": \"x\",\n}", "line 3, column 1 (at “}”): there is a comma before this }"},
		{`{"name": nul}`, "line 1, column 13 (at “}”): true, false and null are written in small letters"},
		{`{"name" "x"}`, "line 1, column 9 (at “\"”): a colon : is missing"},
		{`{"name": "x" "notes": []}`, "line 1, column 14 (at “\"”): a comma , or a closing } is missing"},
		{`{"notes": ["a" "b"]}`, "line 1, column 16 (at “\"”): a comma , or a closing ] is missing"},
		{`{"name": “Sam”}`, "line 1, column 10 (at ““”): curly quotes are not JSON's"},
		{`{"notes": ["é", “x”]}`, "line 1, column 17 (at ““”): curly quotes"},
		{"{\"name\": \"a\tb\"}", "line 1, column 12 (at an invisible character, U+0009): a text in quotes holds a line break, tab"},
		{`{"name": "a\qb"}`, "line 1, column 13 (at “q”): a backslash"},
		{`{"space_first_minutes": 1.}`, "(at “}”): a number is written with digits only"},
		{`{"name": "x"} and more`, "line 1, column 15 (at “a”): there is more after the card's last }"},
		{`{"name": 'x'}`, "(at “'”): use double quotes"},
		{`{"notes": [1,]}`, "line 1, column 14 (at “]”): there is a comma before this"},
		{`{"name": "Sa`, "line 1, column 13: the card ends too soon"},
		{"  \n", "the file is empty"},
	}
	for _, tc := range tests {
		var v any
		err := json.Unmarshal([]byte(tc.in), &v)
		got := jsonSyntaxMessage([]byte(tc.in), err)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
		for _, internal := range []string{"invalid character", "literal", "looking for", "JSON input", "expecting"} {
			if strings.Contains(got, internal) {
				t.Errorf("%q: %q says the decoder's %q", tc.in, got, internal)
			}
		}
	}
}

// TestPathKey: a key is written as it is in a path when it is a plain
// word (letters, digits, - and _, up to an id's length), else quoted, so
// that a path always reads one way.
func TestPathKey(t *testing.T) {
	tests := []struct{ path, key, want string }{
		{"", "water", "water"},
		{"receive", "water", "receive.water"},
		{"receive", "AZaz09-_", "receive.AZaz09-_"},
		{"r", "A", "r.A"},
		{"r", "Z", "r.Z"},
		{"r", "0", "r.0"},
		{"r", "9", "r.9"},
		{"r", "_", "r._"},
		{"r", "-", "r.-"},
		{"r", "@", `r."@"`},   // between '9' and 'A'
		{"r", "[", `r."["`},   // after 'Z'
		{"r", "`", "r.\"`\""}, // before 'a'
		{"r", "{", `r."{"`},   // after 'z'
		{"r", "/", `r."/"`},   // before '0'
		{"r", ":", `r.":"`},   // after '9'
		{"r", "a.b", `r."a.b"`},
		{"r", "", `r.""`},
		{"r", "é", `r."é"`},
		{"r", strings.Repeat("k", MaxIDLen), "r." + strings.Repeat("k", MaxIDLen)},
		{"r", strings.Repeat("k", MaxIDLen+1), `r."` + strings.Repeat("k", maxQuotedValueLen) + `"…`},
	}
	for _, tc := range tests {
		if got := pathKey(tc.path, tc.key); got != tc.want {
			t.Errorf("pathKey(%q, %q): got %q, want %q", tc.path, tc.key, got, tc.want)
		}
	}
}

// TestQuote: a value is quoted whole up to 40 characters, and shortened
// past them.
func TestQuote(t *testing.T) {
	at := strings.Repeat("é", maxQuotedValueLen)
	if got := quote(at); got != `"`+at+`"` {
		t.Errorf("40 characters: got %q, want it whole", got)
	}
	if got := quote(at + "x"); got != `"`+at+`"…` {
		t.Errorf("41 characters: got %q, want 40 and …", got)
	}
}

// TestQuoteByte: what a syntax message shows of the character at an
// offset, including past the end.
func TestQuoteByte(t *testing.T) {
	data := []byte("a\tb")
	tests := []struct {
		off  int
		want string
	}{
		{0, "“a”"},
		{1, "an invisible character, U+0009"},
		{2, "“b”"},
		{3, "the end"},
		{-1, "the end"},
	}
	for _, tc := range tests {
		if got := quoteByte(data, tc.off); got != tc.want {
			t.Errorf("quoteByte(%q, %d): got %q, want %q", data, tc.off, got, tc.want)
		}
	}
	if got := quoteByte([]byte("\xff"), 0); got != "a byte that is not UTF-8 text" {
		t.Errorf("an invalid byte: got %q", got)
	}
}

// TestSyntaxWordsValueExpected: a value missing before a closing bracket
// is a trailing comma; before anything else, a value was expected.
func TestSyntaxWordsValueExpected(t *testing.T) {
	const what = "invalid character 'x' looking for beginning of value"
	tests := []struct{ at, want string }{
		{"]", "there is a comma before this; remove the last comma"},
		{"}", "there is a comma before this; remove the last comma"},
		{"x", "a value was expected here: a text in double quotes, a number, true, false, null, a list […] or an object {…}"},
	}
	for _, tc := range tests {
		if got := syntaxWords([]byte(tc.at), 0, what); got != tc.want {
			t.Errorf("at %q: got %q, want %q", tc.at, got, tc.want)
		}
	}
}
