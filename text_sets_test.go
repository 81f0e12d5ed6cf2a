package tend

import (
	"fmt"
	"strings"
	"testing"
)

// TestBidiControlEdges: each character that reorders text direction is
// refused in every text, the ends of each range included, while its
// neighbours are not refused for that.
func TestBidiControlEdges(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		for _, multiline := range []bool{false, true} {
			_, err := CheckText("note", "a"+string(r)+"b", 0, 64, multiline)
			want := fmt.Sprintf("note: contains a control character (%U); remove it", r)
			if ErrorCode(err) != EINVALID || ErrorMessage(err) != want {
				t.Errorf("%U (multiline %v): got %v, want %q", r, multiline, err, want)
			}
		}
	}
	// 0x2029 is a paragraph separator, refused in one line only; 0x2065 is
	// unassigned; 0x206A is refused in one line as invisible.
	for _, r := range []rune{0x2029, 0x202F, 0x2065, 0x206A, 0x200D, 0x2010, 0x061B, 0x061D} {
		if _, err := CheckText("note", "a"+string(r)+"b", 0, 64, true); err != nil {
			t.Errorf("%U in a note: got %v, want it kept", r, err)
		}
	}
}

// TestHiddenInLineEdges: the invisible characters that could make two
// names look alike are refused in a one-line text, each range's ends
// included; a text that may span lines keeps them; the characters next to
// them are not refused.
func TestHiddenInLineEdges(t *testing.T) {
	hidden := []rune{0x00AD, 0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F,
		0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0x1BCA0, 0x1BCA1, 0x1BCA2, 0x1BCA3}
	for _, r := range hidden {
		_, err := CheckText("name", "Sa"+string(r)+"m", 1, 64, false)
		want := fmt.Sprintf("name: contains an invisible character (%U); remove it", r)
		if ErrorCode(err) != EINVALID || ErrorMessage(err) != want {
			t.Errorf("%U in a name: got %v, want %q", r, err, want)
		}
		if _, err := CheckText("note", "Sa"+string(r)+"m", 1, 64, true); err != nil {
			t.Errorf("%U in a note: got %v, want it kept", r, err)
		}
	}
	for _, r := range []rune{0x00AC, 0x00AE, 0x180D, 0x180F, 0x200A, 0x200C, 0x200D, 0x205F, 0x2065, 0x2070, 0xFEFE, 0xFF01,
		0xFFF8, 0xFFFC, 0x1BC9F, 0x1BCA4} {
		if _, err := CheckText("name", "Sa"+string(r)+"m", 1, 64, false); err != nil {
			t.Errorf("%U in a name: got %v, want it kept", r, err)
		}
	}
}

// TestVisible: the characters that are drawn blank do not make a
// required text visible; their neighbours do.
func TestVisible(t *testing.T) {
	for _, r := range []rune{' ', '\t', 0x00A0, 0x3000} {
		if Visible(r) {
			t.Errorf("Visible(%U): got true, want false", r)
		}
	}
	for _, r := range []rune{0x200B, 0x00AD, 0xFEFF, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5, 0xE0067} {
		if Visible(r) {
			t.Errorf("Visible(%U): got true, want false", r)
		}
		_, err := CheckText("note", string(r), 1, 64, true)
		if want := "note: has no visible character; write it out"; ErrorMessage(err) != want {
			t.Errorf("%U alone: got %v, want %q", r, err, want)
		}
	}
	for _, r := range []rune{'a', '.', 'é', 0x115E, 0x1161, 0x3165, 0xFFA1, 0x2801, 0x034E, 0x17B3, 0x17B6, 0x1F319} {
		if !Visible(r) {
			t.Errorf("Visible(%U): got false, want true", r)
		}
	}
}

// TestTextLengthEdges: the limit counts characters, not bytes, and a
// required text must not be empty.
func TestTextLengthEdges(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		min, max int
		want     string // the error message; "" for none
	}{
		{"EmptyOptional", "", 0, 3, ""},
		{"EmptyRequired", "", 1, 3, "f: must not be empty"},
		{"OneRequired", "a", 1, 3, ""},
		{"AtMaxInBytes", "aaa", 1, 3, ""},
		{"OverMaxInBytes", "aaaa", 1, 3, "f: is 4 characters long; the limit is 3"},
		{"AtMaxInCharacters", "🌙🌙🌙", 1, 3, ""},
		{"OverMaxInCharacters", "🌙🌙🌙🌙", 1, 3, "f: is 4 characters long; the limit is 3"},
		{"MaxZero", "a", 0, 0, "f: is 1 characters long; the limit is 0"},
		{"TrimmedFirst", "  aaa  ", 1, 3, ""},
		{"InvalidBeforeLength", "\xffaaaa", 1, 3, "f: is not valid UTF-8 text; send it as UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CheckText("f", tc.in, tc.min, tc.max, false)
			if ErrorMessage(err) != tc.want || tc.want != "" && ErrorCode(err) != EINVALID {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestCheckName: a name is required, with its own words for a missing
// one, then checked by the text rule.
func TestCheckName(t *testing.T) {
	if _, err := checkName("name", "  ", 64, "give it a name"); ErrorMessage(err) != "name: give it a name" || ErrorCode(err) != EINVALID {
		t.Errorf("blank: got %v", err)
	}
	if got, err := checkName("name", " Sam ", 64, "x"); err != nil || got != "Sam" {
		t.Errorf("Sam: got %q, %v", got, err)
	}
	if _, err := checkName("name", "\u3164", 64, "x"); ErrorMessage(err) != "name: has no visible character; write it out" {
		t.Errorf("a filler alone: got %v", err)
	}
}

// TestPrintableEdges: bytes that are not UTF-8 are escaped even with no
// plain ASCII next to them, and every unsafe character is written out.
func TestPrintableEdges(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"\xff", `\xff`},
		{"é\xfeé", `é\xfeé`},
		{"\x7f", `\x7f`},
		{"\u2028", `\u2028`},
		{"\u2029", `\u2029`},
		{"\u200C\u200D", "\u200C\u200D"},
		{"\u2066", `\u2066`},
		{"\u061C", `\u061c`},
		{"\U000E0001", `\ue0001`},
		{"\u00a0", "\u00a0"},
	}
	for _, tc := range tests {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestInvalidJSONTextSurrogateEdges: the halves of a surrogate pair at
// their exact ranges, and a document cut short inside one.
func TestInvalidJSONTextSurrogateEdges(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`"\ud800\udc00"`, -1}, // the lowest pair
		{`"\udbff\udfff"`, -1}, // the highest pair
		{`"\ud7ff"`, -1},       // before the surrogates
		{`"\ue000"`, -1},       // after them
		{`"\udc00\udc00"`, 1},  // a low half is never first
		{`"\udbff\ue000"`, 1},  // after a high half, no low half
		{`"\udbff\udbff"`, 1},
		{`"\ud83c`, 1},            // cut short after a high half
		{`"\ud83c\udf1`, 1},       // cut short inside the low half
		{`"\ud83c\udf19`, -1},     // a whole pair, then the end
		{`"\u12`, -1},             // not four hex digits: for the JSON parser
		{`"\uD83C\uDF19"`, -1},    // capital hex digits
		{`"\uD83c x\uDF19"`, 1},   // halves apart
		{`"a" \ud800`, -1},        // outside a text
		{`"x\\"` + `\ud800"`, -1}, // the backslash is escaped, the quote ends the text
	}
	for _, tc := range tests {
		if got := InvalidJSONText([]byte(tc.in)); got != tc.want {
			t.Errorf("InvalidJSONText(%s): got %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := InvalidJSONText([]byte(strings.Repeat("a", 5) + "\xff")); got != 5 {
		t.Errorf("invalid UTF-8 at 5: got %d", got)
	}
}
