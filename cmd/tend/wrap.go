package main

import (
	"strings"
	"unicode/utf8"
)

// width is the terminal width text output is laid out for.
const width = 80

// wrap breaks text into lines of at most width-len(indent) characters,
// each starting with indent; the first line starts with first instead.
// Words longer than a line are kept whole. Plans show what people wrote,
// so every word goes through termText.
func wrap(text, first, indent string) string {
	var b strings.Builder
	line := first
	lineLen := utf8.RuneCountInString(first)
	empty := true
	for _, w := range strings.Fields(text) {
		w = termText(w)
		wl := utf8.RuneCountInString(w)
		if !empty && lineLen+1+wl > width-1 {
			b.WriteString(line)
			b.WriteByte('\n')
			line, lineLen, empty = indent, utf8.RuneCountInString(indent), true
		}
		if !empty {
			line += " "
			lineLen++
		}
		line += w
		lineLen += wl
		empty = false
	}
	b.WriteString(line)
	b.WriteByte('\n')
	return b.String()
}
