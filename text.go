package tend

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The one rule for every text a person types, in a card, a form or the
// API: valid UTF-8 (refused, never repaired), no control characters (line
// breaks and tabs only where a text may span lines), no characters that
// reorder text direction, a bounded length, and when a text is required,
// at least one visible character. Control characters could rewrite an
// operator's terminal; direction overrides can make a name display as
// something other than what it says.

// textProblem says what is wrong with v (already trimmed), or "".
func textProblem(v string, min, max int, multiline bool) string {
	if !utf8.ValidString(v) {
		return "is not valid UTF-8 text; send it as UTF-8"
	}
	n := utf8.RuneCountInString(v)
	switch {
	case min > 0 && n == 0:
		return "must not be empty"
	case n > max:
		return fmt.Sprintf("is %d characters long; the limit is %d", n, max)
	}
	visible := false
	for _, r := range v {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) || bidiControl(r) || !multiline && (r == 0x2028 || r == 0x2029) {
			return fmt.Sprintf("contains a control character (%U); remove it", r)
		}
		if !multiline && hiddenInLine(r) {
			return fmt.Sprintf("contains an invisible character (%U); remove it", r)
		}
		visible = visible || Visible(r)
	}
	if min > 0 && !visible {
		return "has no visible character; write it out"
	}
	return ""
}

// Visible reports whether r shows as something on the screen: not a
// space, not a control or format character, and not one of the letters
// and symbols that are drawn blank (Hangul fillers, the blank braille
// pattern, the combining grapheme joiner, Khmer's inherent vowels).
func Visible(r rune) bool {
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5:
		return false
	}
	return unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r)
}

// hiddenInLine reports whether r is an invisible character that has no
// place in a one-line text such as a name (a zero-width space, a word
// joiner, a soft hyphen, a byte order mark, the invisible operators and
// annotation marks): it would make two names look alike. Format
// characters that scripts need (the joiners of emoji, Arabic's number
// signs, the tags of subdivision flags) are kept.
func hiddenInLine(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x180E, r == 0x200B, r >= 0x2060 && r <= 0x2064, r >= 0x206A && r <= 0x206F,
		r == 0xFEFF, r >= 0xFFF9 && r <= 0xFFFB, r == 0x1BCA0, r == 0x1BCA1, r == 0x1BCA2, r == 0x1BCA3:
		return true
	}
	return false
}

// bidiControl reports whether r reorders text direction: such characters
// can make a name or note display differently from what it says.
func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// CheckText trims s and checks it by the text rule: min is 0 for an
// optional text and 1 for a required one. The error is EINVALID, about
// the field ("must not be empty", Field "name"). A text that
// may span lines has its line ends made "\n" first: browsers send a
// textarea's as "\r\n".
func CheckText(field, s string, min, max int, multiline bool) (string, error) {
	s = strings.TrimSpace(s)
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if p := textProblem(s, min, max, multiline); p != "" {
		return s, FieldErrorf(field, "%s", p)
	}
	return s, nil
}

// checkName checks a required one-line name by the text rule; empty is
// what to say when there is none.
func checkName(field, s string, max int, empty string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, FieldErrorf(field, "%s", empty)
	}
	return CheckText(field, s, 1, max, false)
}

// Printable returns s with every character that could change how what
// follows is shown written out as a visible escape: control characters
// (C0, DEL, C1) as \x1b or \u0085, line and paragraph separators and
// invisible format characters (direction overrides, zero-width spaces)
// as \u202e, invalid UTF-8 bytes as \xff. The zero-width joiners that
// build emoji and some scripts stay. For text stored before the text
// rule, or from elsewhere, on its way to a terminal or into a message.
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune reports whether r may change how a terminal or a line of
// text shows what follows.
func unsafeRune(r rune) bool {
	switch {
	case r == 0x200C || r == 0x200D:
		return false
	case unicode.IsControl(r), r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// InvalidJSONText returns where a JSON document stops being valid
// UTF-8, or holds a \u escape of half a surrogate pair, or -1 when it
// does neither. encoding/json would quietly turn either into U+FFFD: what
// a person sent must be kept as sent, or refused.
func InvalidJSONText(body []byte) int {
	if !utf8.Valid(body) {
		for i := 0; i < len(body); {
			r, size := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && size <= 1 {
				return i
			}
			i += size
		}
	}
	inString := false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(body):
			i++
			if body[i] != 'u' {
				continue
			}
			r, ok := hex4(body, i+1)
			if !ok || !utf16.IsSurrogate(r) {
				continue
			}
			// A high half must be followed at once by a low half.
			if r >= 0xDC00 || i+10 >= len(body) || body[i+5] != '\\' || body[i+6] != 'u' {
				return i - 1
			}
			if lo, ok := hex4(body, i+7); !ok || lo < 0xDC00 || lo > 0xDFFF {
				return i - 1
			}
			i += 10
		}
	}
	return -1
}

// hex4 reads four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
