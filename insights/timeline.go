package insights

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// MinMoodReflections is how many reflections the mood chart needs
// before its reading says anything about them: fewer is not a pattern.
const MinMoodReflections = 3

// moodPart is the mood chart: every month of the window, empty ones
// too, so that gaps show as gaps.
func (m *miner) moodPart() Mood {
	sum, n := 0, 0
	for i := range m.mood {
		if r := m.mood[i].Reflections; r > 0 {
			m.mood[i].Mean = oneDecimal(float64(m.moodSum[i]) / float64(r))
			sum += m.moodSum[i]
			n += r
		}
	}
	var lowest []month
	low, withMood := math.Inf(1), 0
	for i, mm := range m.mood {
		if mm.Reflections == 0 {
			continue
		}
		withMood++
		switch {
		case mm.Mean < low:
			low, lowest = mm.Mean, []month{m.win.month(i)}
		case mm.Mean == low:
			lowest = append(lowest, m.win.month(i))
		}
	}
	// A lowest month is only worth naming among others that were higher.
	if len(lowest) == withMood {
		lowest = nil
	}
	return Mood{Months: m.mood, Reading: moodReading(m.win, n, sum, lowest)}
}

// rhythmPart is the aftercare chart, with each month's median length.
func (m *miner) rhythmPart() Rhythm {
	all := monthMedians(m.rhythm, m.lengths)
	encounters, aftercare := 0, 0
	for _, r := range m.rhythm {
		encounters += r.Encounters
		aftercare += r.Aftercare
	}
	return Rhythm{Months: m.rhythm, Reading: rhythmReading(m.win, encounters, aftercare, len(all), minutes(median(all)))}
}

// monthMedians sets each month's median length from lengths, and
// returns every length, sorted.
func monthMedians(rhythm []RhythmMonth, lengths []length) []length {
	slices.SortFunc(lengths, func(a, b length) int { return cmp.Or(cmp.Compare(a.month, b.month), cmp.Compare(a.d, b.d)) })
	for lo := 0; lo < len(lengths); {
		hi := lo
		for hi < len(lengths) && lengths[hi].month == lengths[lo].month {
			hi++
		}
		rhythm[lengths[lo].month].Minutes = minutes(median(lengths[lo:hi]))
		lo = hi
	}
	all := make([]length, len(lengths))
	copy(all, lengths)
	slices.SortFunc(all, func(a, b length) int { return cmp.Compare(a.d, b.d) })
	return all
}

// countAftercare counts an encounter's aftercare in its month (mi), and
// its length when it is one (see MaxAftercare).
func countAftercare(rhythm []RhythmMonth, lengths []length, mi int, began, ended time.Time) []length {
	if began.IsZero() {
		return lengths
	}
	rhythm[mi].Aftercare++
	if d := ended.Sub(began); !ended.IsZero() && d >= 0 && d <= MaxAftercare {
		lengths = append(lengths, length{mi, d})
	}
	return lengths
}

// median returns the median length of ls, sorted by length; 0 for none.
func median(ls []length) time.Duration {
	n := len(ls)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return ls[n/2].d
	}
	return (ls[n/2-1].d + ls[n/2].d) / 2
}

// minutes rounds d to whole minutes.
func minutes(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) }

// oneDecimal rounds x to one decimal, as means are shown.
func oneDecimal(x float64) float64 { return math.Round(x*10) / 10 }
