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

// slowDelay is QuietHours.Delay the obvious way: look at every minute
// from t on until the person's clock is outside the quiet hours. Offsets
// are whole minutes in every zone since the 1970s, so clocks turn to a
// new minute on UTC's minutes.
func slowDelay(q *tend.QuietHours, t time.Time, loc *time.Location) time.Time {
	if !q.Contains(t.In(loc)) {
		return t
	}
	u := t.Truncate(time.Minute).Add(time.Minute)
	for q.Contains(u.In(loc)) {
		u = u.Add(time.Minute)
	}
	return u
}

// delayZones and delayQuiet are where Delay is compared with slowDelay:
// zones with and without daylight saving, one whose clocks move by half
// an hour, one that left out a day; windows that cross midnight, end
// inside the hour the clocks skip or repeat, or lie within the day.
var (
	delayZones = []string{"UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Apia", "America/Santiago"}
	delayQuiet = [][2]string{{"22:00", "07:00"}, {"23:00", "02:30"}, {"00:00", "01:30"}, {"01:30", "02:15"}, {"02:15", "03:00"}, {"09:00", "17:00"}, {"00:30", "00:00"}}
)

// TestQuietHoursDelayMatchesSlow: around every clock change of 2025 (and
// Samoa's lost day in 2011), every 7 minutes and some seconds, Delay
// agrees with the minute-by-minute walk.
func TestQuietHoursDelayMatchesSlow(t *testing.T) {
	for _, name := range delayZones {
		loc := zone(t, name)
		var changes []time.Time
		for _, from := range []time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 1, 0, 0, 0, 0, time.UTC)} {
			at := from
			for range 3 {
				_, end := at.In(loc).ZoneBounds()
				if end.IsZero() || end.Sub(from) > 366*24*time.Hour {
					break
				}
				changes, at = append(changes, end), end
			}
		}
		if name != "UTC" && name != "Asia/Kolkata" && len(changes) < 2 {
			t.Fatalf("%s: found %d clock changes, want at least 2", name, len(changes))
		}
		changes = append(changes, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
		for _, w := range delayQuiet {
			q := quiet(t, w[0], w[1])
			for _, c := range changes {
				for d := -36 * time.Hour; d <= 36*time.Hour; d += 7*time.Minute + 11*time.Second {
					at := c.Add(d)
					got, want := q.Delay(at, loc), slowDelay(q, at, loc)
					if !got.Equal(want) {
						t.Fatalf("%s-%s in %s, due %s: got %s, want %s", w[0], w[1], name,
							at.In(loc).Format(time.RFC3339), got.In(loc).Format(time.RFC3339), want.In(loc).Format(time.RFC3339))
					}
				}
			}
		}
	}
}

// FuzzQuietHoursDelay: for any time in 1980-2100, any zone of the list
// and any quiet hours, Delay agrees with the minute-by-minute walk.
func FuzzQuietHoursDelay(f *testing.F) {
	f.Add(int64(1743296400), uint8(1), uint16(22*60), uint16(7*60))
	f.Add(int64(1761440400), uint8(1), uint16(23*60), uint16(150))
	f.Add(int64(1762063200), uint8(2), uint16(0), uint16(90))
	f.Add(int64(1325156400), uint8(6), uint16(22*60), uint16(7*60))
	f.Fuzz(func(t *testing.T, sec int64, z uint8, start, end uint16) {
		const from, to = 315532800, 4102444800 // 1980 to 2100
		q := &tend.QuietHours{Start: int(start) % (24 * 60), End: int(end) % (24 * 60)}
		if !q.Valid() {
			return
		}
		at := time.Unix(from+((sec%(to-from))+(to-from))%(to-from), 0)
		loc := zone(t, delayZones[int(z)%len(delayZones)])
		if got, want := q.Delay(at, loc), slowDelay(q, at, loc); !got.Equal(want) {
			t.Fatalf("%s-%s in %s, due %s: got %s, want %s", q.StartText(), q.EndText(), loc,
				at.In(loc).Format(time.RFC3339), got.In(loc).Format(time.RFC3339), want.In(loc).Format(time.RFC3339))
		}
	})
}
