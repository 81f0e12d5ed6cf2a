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
