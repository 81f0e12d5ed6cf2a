package plan

import (
	"strings"
	"unicode/utf8"
)

// sentence ends s with a full stop, unless it already ends a sentence:
// names, own practices and drop helps come from cards and may end in
// ".", "?", "!" or "…" already ("Sam B.", "Tea?"), and a second stop
// after them reads as a typo.
func sentence(s string) string {
	if endsSentence(s) {
		return s
	}
	return s + "."
}

// endSentence is sentence for a reason being written into b.
func endSentence(b *strings.Builder) {
	if !endsSentence(b.String()) {
		b.WriteByte('.')
	}
}

// endsSentence reports whether s ends in ".", "?", "!" or "…", perhaps
// followed by a closing quote or bracket (`"Tea?"`).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’)]`)
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '?', '!', '…':
		return true
	}
	return false
}

// listItem readies a card's text to stand in a list inside a sentence
// ("what helps then: tea, a walk."): without the full stops it may end
// in, which would break the sentence in the middle.
func listItem(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ". ")
}
