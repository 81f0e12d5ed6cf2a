package chart

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The server cannot measure text, so widths are estimated from a
// generous table of advance widths (close to DejaVu Sans, the widest
// common sans-serif): an estimate errs on the wide side, so a label is
// cut a little early rather than drawn over its neighbour.
func runeWidth(r rune) float64 {
	switch {
	case strings.ContainsRune("ijlI|.,:;!'", r):
		return 0.32
	case strings.ContainsRune(" frtJ()[]/-\"", r):
		return 0.42
	case strings.ContainsRune("mwMW%@&…", r):
		return 1.0
	case strings.ContainsRune("<>=+~#$_^*", r):
		return 0.84
	case r >= 'A' && r <= 'Z':
		return 0.78
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z':
		return 0.65
	case r < 0x80:
		return 0.7
	case r >= 0x1100:
		return 1.05 // CJK, emoji and the like: a full square
	}
	return 0.75
}

// textWidth is the estimated width of s at the given font size.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w * size
}

// ellipsis marks a label cut short; the full label is in a <title>.
const ellipsis = "…"

// fit returns s as it is when it fits in width, or cut at a rune
// boundary (trailing spaces dropped) with an ellipsis, and whether it
// was cut. Nothing fits in a width under one ellipsis: then "".
func fit(s string, width, size float64) (string, bool) {
	if textWidth(s, size) <= width {
		return s, false
	}
	room := width - textWidth(ellipsis, size)
	w, end := 0.0, 0
	for i, r := range s {
		w += runeWidth(r) * size
		if w > room {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	cut := strings.TrimRight(s[:end], " ")
	if cut == "" && room < 0 {
		return "", true
	}
	return cut + ellipsis, true
}

// wrap2 splits s into at most two lines that fit in width, breaking at
// the space that balances them best; a line still too long is cut by
// fit. The bool says whether anything was cut.
func wrap2(s string, width, size float64) ([]string, bool) {
	if textWidth(s, size) <= width || !strings.Contains(s, " ") {
		line, cut := fit(s, width, size)
		return []string{line}, cut
	}
	best, bestW := -1, math.Inf(1)
	for i, r := range s {
		if r != ' ' {
			continue
		}
		w := math.Max(textWidth(s[:i], size), textWidth(s[i+1:], size))
		if w < bestW {
			best, bestW = i, w
		}
	}
	a, cutA := fit(s[:best], width, size)
	b, cutB := fit(strings.TrimLeft(s[best+1:], " "), width, size)
	return []string{a, b}, cutA || cutB
}

// Months turns month keys ("2025-12", as package insights writes them)
// into axis labels: the short month name, with the year on a second
// line at the first month and at each January ("Dec\n2025", "Jan\n2026",
// "Feb"). A key that is not a month is kept as it is.
func Months(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		t, err := time.Parse("2006-01", k)
		if err != nil {
			out[i] = k
			continue
		}
		out[i] = t.Format("Jan")
		if i == 0 || t.Month() == time.January {
			out[i] += "\n" + t.Format("2006")
		}
	}
	return out
}

// spoken is a label as one line of words, for the description and for
// a <title>: "Dec\n2025" reads "Dec 2025".
func spoken(label string) string {
	return strings.Join(strings.Fields(clean(label)), " ")
}

// clean drops control characters other than a newline: XML cannot hold
// most of them, and none shows as anything.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// num writes a coordinate or a value: at most two decimals, no
// trailing zeros, never "-0"; a million or more in three significant
// digits ("1.5e+06"), so that no number is longer than a label's room.
func num(f float64) string {
	if math.Abs(f) >= 1e6 {
		return strconv.FormatFloat(f, 'g', 3, 64)
	}
	f = math.Round(f*100) / 100
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// finite says whether v is data: NaN and the infinities are gaps.
func finite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
