package tend_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

// isoAfter is the grammar ParseFollowupAfter reads, written the other
// way: as one regular expression, checked against it by FuzzParseFollowupAfter.
var isoAfter = regexp.MustCompile(`^P(?:([0-9]{1,9})D)?(?:T([0-9]{1,9}H)?([0-9]{1,9}M)?)?$`)

// wantAfter is what ParseFollowupAfter should give for s, by isoAfter.
func wantAfter(s string) (time.Duration, bool) {
	m := isoAfter.FindStringSubmatch(s)
	if m == nil || s == "P" || strings.HasSuffix(s, "T") {
		return 0, false
	}
	num := func(x string) int64 {
		n, _ := strconv.ParseInt(strings.TrimRight(x, "HM"), 10, 64)
		return n
	}
	minutes := num(m[1])*24*60 + num(m[2])*60 + num(m[3])
	if minutes < 1 || minutes > int64(tend.MaxFollowupAfter/time.Minute) {
		return 0, false
	}
	return time.Duration(minutes) * time.Minute, true
}

// FuzzParseFollowupAfter: the parser agrees with the regular expression
// on every input, never panics, and refuses with a short, printable
// EINVALID message.
func FuzzParseFollowupAfter(f *testing.F) {
	for _, s := range []string{"PT6H", "P1D", "PT3H", "P3D", "PT1H", "PT12H", "PT45M", "P1DT6H30M", "P14D", "P15D",
		"", "P", "PT", "P1DT", "PT1.5H", "P1W", "P1M", "PT1S", "-P1D", "P0D", "P9999999999D", "PT999999999M",
		"P1DT1HT1M", "PT1M1H", "\xff", "P\x1b[2JT1H", strings.Repeat("P1D", 1000), "P" + strings.Repeat("9", 10000) + "D",
		// Found by fuzzing: invalid bytes once made the message long.
		"\x7f" + strings.Repeat("\xda", 38)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := tend.ParseFollowupAfter(s)
		want, ok := wantAfter(s)
		if ok != (err == nil) || got != want {
			t.Fatalf("%q: got %v, %v; want %v (ok %v)", s, got, err, want, ok)
		}
		if err == nil {
			return
		}
		msg := tend.ErrorMessage(err)
		if tend.ErrorCode(err) != tend.EINVALID || !utf8.ValidString(msg) || len(msg) > 300 || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("%q: message %q (%s) is not a short, printable EINVALID", s, msg, tend.ErrorCode(err))
		}
	})
}
