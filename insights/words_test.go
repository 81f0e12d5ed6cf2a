package insights

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// forbidden are words insights never say: no streaks, scores or
// verdicts, nothing missed or failed, and a practice "comes with"
// better days, never causes them.
var forbidden = regexp.MustCompile(`(?i)\b(streaks?|scores?|fail\w*|should|causes?|caused|leads? to|because of|in a row|you missed)\b`)

// checkWords fails t for any forbidden word in the sentences, or a
// sentence that is empty or does not end as a sentence does.
func checkWords(t testing.TB, sentences ...string) {
	t.Helper()
	for _, s := range sentences {
		if w := forbidden.FindString(s); w != "" {
			t.Errorf("%q says %q", s, w)
		}
		if s == "" || !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
			t.Errorf("%q is not a sentence", s)
		}
	}
}

// mine is Mine, with every sentence it says checked: each test's
// fixtures pass through it, so every reading they produce is read.
func mine(t testing.TB, h *tend.History, names Names, now time.Time, loc *time.Location) *Insights {
	t.Helper()
	in := Mine(h, names, now, loc)
	checkWords(t, in.Mood.Reading, in.Rhythm.Reading, in.Drops.Reading, in.Helped.Reading, in.Unmet.Reading, in.ComesWith.Reading)
	for _, s := range in.Suggestions {
		checkWords(t, s.Text, s.Question, s.Why)
	}
	return in
}

// circle is Circle, with every sentence it says checked.
func circle(t testing.TB, h *tend.CircleHistory, names Names, now time.Time, loc *time.Location) *CircleInsights {
	t.Helper()
	in := Circle(h, names, now, loc)
	checkWords(t, in.Reading, in.Helped.Reading, in.Rhythm.Reading)
	for _, m := range in.Members {
		checkWords(t, m.Reading)
	}
	return in
}

// TestWords reads every branch of every reading, beyond those the
// fixtures reach.
func TestWords(t *testing.T) {
	var all []string
	w6, w1 := window{n: 6}, window{n: 1}
	cut := window{n: MaxMonths, cut: true}
	for _, w := range []window{{}, w1, w6, cut} {
		for _, n := range []int{0, 1, 2, 3, 10} {
			all = append(all, moodReading(w, n, 7*n/2, nil), moodReading(w, n, 7*n/2, []month{month(2026 * 12)}),
				moodReading(w, n, 4*n, []month{month(2026 * 12), month(2026*12 + 3)}),
				rhythmReading(w, n, n, n, 20), rhythmReading(w, n, 0, 0, 0), rhythmReading(w, n, 1, 1, 90),
				circleRhythmReading(w, n))
		}
	}
	for _, d := range [][nDelays]int{{}, {1, 0, 0, 0}, {0, 0, 0, 1}, {1, 2, 3, 4}, {2, 2, 0, 0}} {
		for _, n := range []int{0, 2, 3, 12} {
			all = append(all, dropsReading(n, n, d), dropsReading(n, 0, d))
		}
	}
	hp := []HelpedPractice{{"x-tea", "Tea in bed", 2, 3}}
	all = append(all, helpedReading(nil), helpedReading(hp), helpedReading([]HelpedPractice{{"cuddle", "A cuddle", 0, 1}}),
		circleHelpedReading(nil), circleHelpedReading(hp))
	needs := []UnmetNeed{{"water", "A glass of water", 3}, {"cuddle", "A cuddle", 2}, {"rest", "Time to rest", 2}, {"snack", "A snack", 2}}
	for _, early := range []bool{false, true} {
		for _, m := range []int{0, 1, 2} {
			all = append(all, unmetReading(early, nil, m), unmetReading(early, needs[:1], m), unmetReading(early, needs, m))
		}
	}
	ev := []Evidence{{"cuddle", "A cuddle", 5, 4, 0, 5, 1, 0}}
	drop := []Evidence{{"water", "A glass of water", 5, 1, 0, 5, 1, 3}}
	for _, pop := range []int{0, 9, 10} {
		all = append(all, comesWithReading(pop, false, nil), comesWithReading(pop, true, nil), comesWithReading(pop, true, ev), comesWithReading(pop, true, drop))
	}
	for _, r := range append(tend.ReceiveLevels(), "") {
		text, q, why := receiveTexts("cuddle", "A cuddle", 8, 9, r, tend.Like)
		all = append(all, text, q, why)
	}
	for _, from := range []tend.DropWhen{"", tend.DropNone} {
		for _, to := range []tend.DropWhen{tend.DropSameDay, tend.DropNextDay, tend.DropDaysLater} {
			text, q, why := dropTexts(3, 4, from, to)
			all = append(all, text, q, why)
		}
	}
	for _, n := range []int{0, 1, 2} {
		all = append(all, circleReading(n, n, n))
		for _, met := range []int{0, 1} {
			all = append(all, memberReading("Sam", false, n, met), memberReading("", true, n, met))
		}
	}
	checkWords(t, all...)
}

// TestForbiddenWords checks the check: it must catch what it is for.
func TestForbiddenWords(t *testing.T) {
	for _, s := range []string{"Your streak is 3.", "A score of 4.", "You failed.", "You should rest.",
		"Cuddles cause calm.", "A cuddle leads to better days.", "Better because of water.", "3 in a row.", "You missed one."} {
		if forbidden.FindString(s) == "" {
			t.Errorf("%q passes", s)
		}
	}
	for _, s := range []string{"A cuddle comes with better days.", "Nothing was missing for Sam."} {
		if w := forbidden.FindString(s); w != "" {
			t.Errorf("%q is caught for %q", s, w)
		}
	}
}
