package insights

import (
	"strconv"
	"time"
)

// MaxMonths is how many calendar months a chart shows at most: two
// years is enough to see a change, and a chart of every month since
// the first encounter would grow without end.
const MaxMonths = 24

// month is a calendar month counted from year 0 (year*12 + month-1),
// so that months subtract and index a chart.
type month int

// monthOf returns the calendar month of t on the person's clock.
func monthOf(t time.Time, loc *time.Location) month {
	y, m, _ := t.In(loc).Date()
	return month(y*12 + int(m) - 1)
}

// String is the month as charts, the API and CSV name it: "2026-03".
func (m month) String() string {
	y, mm := int(m)/12, int(m)%12+1
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	if mm < 10 {
		return s + "-0" + strconv.Itoa(mm)
	}
	return s + "-" + strconv.Itoa(mm)
}

// name is the month in a sentence: "March", or "March 2026" when the
// chart spans more than one year and the month alone could be two.
func (m month) name(withYear bool) string {
	s := time.Month(int(m)%12 + 1).String()
	if withYear {
		s += " " + strconv.Itoa(int(m)/12)
	}
	return s
}

// window is the months a chart covers: from the month of the first
// encounter to now's month, at most MaxMonths; n is 0 when there is
// nothing to chart.
type window struct {
	first, last month
	n           int
	// cut is set when older months were left out.
	cut bool
}

// newWindow makes the window from first (the earliest time to chart;
// zero when there is none) to now, months counted in loc.
func newWindow(first, now time.Time, loc *time.Location) window {
	if first.IsZero() || first.After(now) {
		return window{}
	}
	w := window{first: monthOf(first, loc), last: monthOf(now, loc)}
	if int(w.last-w.first)+1 > MaxMonths {
		w.first, w.cut = w.last-MaxMonths+1, true
	}
	w.n = int(w.last-w.first) + 1
	return w
}

// index returns the chart index of t's month, or -1 when t is zero or
// its month is outside the window.
func (w window) index(t time.Time, loc *time.Location) int {
	if w.n == 0 || t.IsZero() {
		return -1
	}
	m := monthOf(t, loc)
	if m < w.first || m > w.last {
		return -1
	}
	return int(m - w.first)
}

// month returns the month at chart index i.
func (w window) month(i int) month { return w.first + month(i) }

// spansYears reports whether the window holds months of two years.
func (w window) spansYears() bool { return int(w.first)/12 != int(w.last)/12 }
