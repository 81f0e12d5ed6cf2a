package tend

import (
	"strings"
	"testing"
)

// hostile are texts the one text rule refuses in every field a person
// types: each names what is wrong with it.
var hostile = []struct {
	name, text, want string
}{
	{"NUL", "Sam\x00", "control character (U+0000)"},
	{"Escape", "Sam\x1b[2J", "control character (U+001B)"},
	{"Bell", "Sam\a", "control character (U+0007)"},
	{"C1", "Sam\u0085x", "control character (U+0085)"},
	{"RightToLeftOverride", "Sam\u202Egnp.exe", "control character (U+202E)"},
	{"LeftToRightEmbedding", "\u202ASam", "control character (U+202A)"},
	{"FirstStrongIsolateEnd", "Sam\u2069", "control character (U+2069)"},
	{"RightToLeftMark", "Sam\u200F", "control character (U+200F)"},
	{"ArabicLetterMark", "Sam\u061C", "control character (U+061C)"},
	{"InvalidUTF8", "Sam\xff", "not valid UTF-8"},
	{"Overlong", "Sam\xc0\xaf", "not valid UTF-8"},
}

func TestCheckText(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CheckText("name", tc.text, 1, 64, true)
			if ErrorCode(err) != EINVALID || !strings.HasPrefix(ErrorMessage(err), "name: ") || !strings.Contains(ErrorMessage(err), tc.want) {
				t.Errorf("got %v, want invalid naming %q", err, tc.want)
			}
		})
	}
	tests := []struct {
		name      string
		in        string
		min, max  int
		multiline bool
		want      string // the trimmed text, or "!" + part of the error
	}{
		{"Trimmed", "  Sam  ", 1, 64, false, "Sam"},
		{"Empty", "   ", 1, 64, false, "!must not be empty"},
		{"EmptyOptional", "", 0, 64, false, ""},
		{"InvisibleOnly", "\u200B\u2060", 1, 64, true, "!no visible character"},
		{"HangulFiller", "\u3164", 1, 64, false, "!no visible character"},
		{"BlankBraille", "\u2800\u2800", 1, 64, false, "!no visible character"},
		{"HalfwidthFillers", "\u115F\u1160\uFFA0\u034F", 1, 64, false, "!no visible character"},
		{"LineSeparatorInName", "Alex\u2028admin", 1, 64, false, "!control character (U+2028)"},
		{"ParagraphSeparatorInName", "A\u2029B", 1, 64, false, "!control character (U+2029)"},
		{"ZeroWidthSpaceInName", "S\u200Ba\u200Bm", 1, 64, false, "!invisible character (U+200B)"},
		{"ByteOrderMarkInName", "\uFEFFSam", 1, 64, false, "!invisible character (U+FEFF)"},
		{"SoftHyphenInName", "Sam\u00AD", 1, 64, false, "!invisible character (U+00AD)"},
		{"ScotlandFlag", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 1, 64, false, "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
		{"ZeroWidthSpaceInNote", "a\u200Bb", 0, 64, true, "a\u200Bb"},
		{"InvisibleOnlyOptional", "\u200B", 0, 64, true, "\u200B"},
		{"LineBreakInOneLine", "a\nb", 0, 64, false, "!control character (U+000A)"},
		{"LineBreakInMultiline", "a\r\n\tb\nc", 0, 64, true, "a\n\tb\nc"},
		{"LoneCarriageReturn", "a\rb", 0, 64, true, "!control character (U+000D)"},
		{"AtLimit", strings.Repeat("é", 5), 1, 5, false, strings.Repeat("é", 5)},
		{"OverLimit", strings.Repeat("é", 6), 1, 5, false, "!is 6 characters long; the limit is 5"},
		{"Emoji", "🌙 Sam", 1, 64, false, "🌙 Sam"},
		{"JoinerInName", "👩‍❤️‍👩", 1, 64, false, "👩‍❤️‍👩"},
		{"RightToLeftScript", "سام", 1, 64, false, "سام"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CheckText("f", tc.in, tc.min, tc.max, tc.multiline)
			if want, bad := strings.CutPrefix(tc.want, "!"); bad {
				if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), want) {
					t.Errorf("got %q, %v; want an error with %q", got, err, want)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestOneTextRule: every field a person types into refuses what a card
// refuses, naming the field.
func TestOneTextRule(t *testing.T) {
	fields := []struct {
		field string
		check func(s string) error
	}{
		{"display_name", func(s string) error { return (&Person{Username: "sam", DisplayName: s}).Validate() }},
		{"name", func(s string) error { _, err := ValidateTokenName(s); return err }},
		{"name", func(s string) error { _, err := ValidateCircleName(s); return err }},
		{"name", func(s string) error { _, err := ValidatePasskeyName(s); return err }},
		{"limits", func(s string) error { return (&CheckIn{Limits: s}).Validate() }},
		{"triggers", func(s string) error { return (&CheckIn{Triggers: s}).Validate() }},
		{"safeword", func(s string) error { return (&CheckIn{Safeword: s}).Validate() }},
		{"missing", func(s string) error { return (&Reflection{Mood: 3, Missing: s}).Validate() }},
		{"favourite", func(s string) error { return (&Reflection{Mood: 3, Favourite: s}).Validate() }},
		{"note", func(s string) error { return (&Reflection{Mood: 3, Note: s}).Validate() }},
		{"journal", func(s string) error { return (&Reflection{Mood: 3, Journal: s}).Validate() }},
		{"text", func(s string) error { return (&Signal{Kind: SignalCustom, Text: s}).Validate() }},
		{"text", func(s string) error { return (&Signal{Kind: SignalMessage, Text: s}).Validate() }},
	}
	for _, f := range fields {
		if err := f.check("fine words"); err != nil {
			t.Errorf("%s: plain words refused: %v", f.field, err)
		}
		for _, tc := range hostile {
			err := f.check(tc.text)
			if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), f.field+": ") || !strings.Contains(ErrorMessage(err), tc.want) {
				t.Errorf("%s with %s: got %v", f.field, tc.name, err)
			}
		}
	}
	for _, name := range []string{"\u200B", "\u2060\u200D"} {
		if err := (&Person{Username: "sam", DisplayName: name}).Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("display name %q of invisible characters only: %v", name, err)
		}
		if _, err := ValidateCircleName(name); ErrorCode(err) != EINVALID {
			t.Errorf("circle name %q of invisible characters only: %v", name, err)
		}
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sam", "Sam"},
		{"Sam\x1b[2J", `Sam\x1b[2J`},
		{"a\x00b", `a\x00b`},
		{"Sam\u202Egnp", `Sam\u202egnp`},
		{"\xffok", `\xffok`},
		{`back\slash`, `back\slash`},
		{"zero\u200Bwidth", `zero\u200bwidth`},
		{"👩‍❤️‍👩", "👩‍❤️‍👩"},
		{"a\u0085b", `a\u0085b`},
		{"سام 🌙", "سام 🌙"},
	}
	for _, tc := range tests {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestProblemsAtOnce: a whole input's mistakes come back together.
func TestProblemsAtOnce(t *testing.T) {
	err := (&Person{Username: "no", DisplayName: "", TimeZone: "Mars/Base"}).Validate()
	ps := ProblemsOf(err, "")
	for _, f := range []string{"username", "display_name", "time_zone"} {
		if ps.Field(f) == "" {
			t.Errorf("no problem with %s in %v", f, ps)
		}
	}
	err = (&CheckIn{Mood: 9, Energy: -1, Limits: strings.Repeat("x", MaxCheckInTextLen+1), Safeword: "a\x1b"}).Validate()
	ps = ProblemsOf(err, "")
	for _, f := range []string{"mood", "energy", "limits", "safeword"} {
		if ps.Field(f) == "" {
			t.Errorf("no problem with %s in %v", f, ps)
		}
	}
	if !strings.Contains(ErrorMessage(err), "mood: ") || !strings.Contains(ErrorMessage(err), "; safeword: ") {
		t.Errorf("message does not join them: %q", ErrorMessage(err))
	}
	if ProblemsOf(Errorf(ENOTFOUND, "x: y"), "") != nil {
		t.Error("a not-found error has problems")
	}
	if got := ProblemsOf(FieldErrorf("name", "too long"), "other"); len(got) != 1 || got[0].Path != "name" || got[0].Message != "too long" {
		t.Errorf("one problem from the error's field: %+v", got)
	}
	if got := ProblemsOf(Errorf(EINVALID, "Something is off: a sentence"), "f"); len(got) != 1 || got[0].Path != "f" {
		t.Errorf("a sentence is not a field: %+v", got)
	}
}

func TestInvalidJSONText(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`{"name": "Sam"}`, -1},
		{`{"name": "Sam \ud83c\udf19"}`, -1},
		{`{"name": "\\ud83c"}`, -1},      // an escaped backslash, then text
		{`{"name": "Sam \ud83c"}`, 14},   // a high half alone
		{`{"name": "Sam \udf19 x"}`, 14}, // a low half alone
		{`{"name": "\ud83c\u0041"}`, 10}, // a high half, then no low half
		{"{\"name\": \"Sam\xff\"}", 13},
		{`{"a\"\ud800": 1}`, 5},
		{`"\uZZZZ"`, -1}, // not hex: for the JSON parser to refuse
	}
	for _, tc := range tests {
		if got := InvalidJSONText([]byte(tc.in)); got != tc.want {
			t.Errorf("InvalidJSONText(%s) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
