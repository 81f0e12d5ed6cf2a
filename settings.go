package tend

import (
	"fmt"
	"time"
)

// QuietHours is a daily window, in the person's own time zone, in which
// Tend sends nothing (follow-ups wait until it ends). Start and End are
// minutes after midnight; the window may wrap past midnight (22:00-07:00).
type QuietHours struct {
	Start, End int
}

// ParseQuietHours reads "HH:MM" start and end times.
func ParseQuietHours(start, end string) (*QuietHours, error) {
	s, err1 := parseClock(start)
	e, err2 := parseClock(end)
	if err1 != nil || err2 != nil {
		return nil, Errorf(EINVALID, "quiet hours are two times like 22:00 and 07:00")
	}
	if s == e {
		return nil, Errorf(EINVALID, "quiet hours must start and end at different times")
	}
	return &QuietHours{Start: s, End: e}, nil
}

func parseClock(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

// StartText and EndText write the times as "HH:MM".
func (q *QuietHours) StartText() string { return clock(q.Start) }

// EndText writes the end time as "HH:MM".
func (q *QuietHours) EndText() string { return clock(q.End) }

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// Contains reports whether the local time t falls in the quiet hours.
func (q *QuietHours) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	if q.Start < q.End {
		return m >= q.Start && m < q.End
	}
	return m >= q.Start || m < q.End
}

// Valid reports whether both times are within a day.
func (q *QuietHours) Valid() bool {
	return q.Start >= 0 && q.Start < 24*60 && q.End >= 0 && q.End < 24*60 && q.Start != q.End
}
