package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termText makes a person's text safe to print on a terminal, for every
// place the command line shows what someone wrote (names in `user list`,
// cards in plans): a name could otherwise carry escape sequences that
// clear or retitle the operator's terminal, a newline that fakes another
// row, or a direction override (U+202E) that makes text read backwards.
// Such characters are shown escaped, visibly, as \x1b or \u202e; invalid
// UTF-8 bytes as \xff. Everything else, any script and emoji with their
// joiners, is left as it is.
func termText(s string) string {
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

// unsafeRune reports whether r may change how a terminal shows what
// follows: control characters (C0, DEL, C1), line and paragraph
// separators, and invisible format characters such as direction
// overrides and zero-width spaces; the zero-width joiners that build
// emoji and some scripts are safe.
func unsafeRune(r rune) bool {
	switch {
	case r == 0x200C || r == 0x200D:
		return false
	case unicode.IsControl(r), r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}
