package insights

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the numbers behind every chart of in as CSV, one row
// per number: chart,label,series,value ("mood,2026-03,mean_mood,4.2"),
// after a header row. Practices are labelled by id, never by title (an
// own practice's title is words the person wrote); the only words of
// theirs are the "what was missing" rows, each cell guarded so that a
// spreadsheet reads it as text, never as a formula.
func WriteCSV(w io.Writer, in *Insights) error {
	cw := csv.NewWriter(w)
	row := func(chart, label, series string, value int) {
		_ = cw.Write([]string{chart, cell(label), series, strconv.Itoa(value)})
	}
	_ = cw.Write([]string{"chart", "label", "series", "value"})
	for _, m := range in.Mood.Months {
		row("mood", m.Month, "reflections", m.Reflections)
		_ = cw.Write([]string{"mood", cell(m.Month), "mean_mood", strconv.FormatFloat(m.Mean, 'f', 1, 64)})
		row("mood", m.Month, "good", m.Good)
		row("mood", m.Month, "low", m.Low)
		row("mood", m.Month, "care", m.Care)
	}
	for _, m := range in.Rhythm.Months {
		row("rhythm", m.Month, "encounters", m.Encounters)
		row("rhythm", m.Month, "aftercare", m.Aftercare)
		row("rhythm", m.Month, "median_minutes", m.Minutes)
	}
	for _, k := range in.Drops.ByKind {
		row("drops_by_kind", string(k.Kind), "encounters", k.Encounters)
		row("drops_by_kind", string(k.Kind), "with_drop", k.WithDrop)
	}
	for _, d := range in.Drops.ByDelay {
		row("drops_by_delay", d.When, "drops", d.Drops)
	}
	for _, p := range in.Helped.Practices {
		row("helped", p.Practice, "said", p.Said)
		row("helped", p.Practice, "ticked", p.Ticked)
	}
	for _, n := range in.Unmet.Needs {
		row("unmet_needs", n.Practice, "times", n.Times)
	}
	for _, m := range in.Unmet.Missing {
		row("unmet_missing", m.Words, "times", m.Times)
	}
	for _, e := range in.ComesWith.Practices {
		row("comes_with", e.Practice, "with", e.With)
		row("comes_with", e.Practice, "with_better", e.WithBetter)
		row("comes_with", e.Practice, "with_drops", e.WithDrops)
		row("comes_with", e.Practice, "without", e.Without)
		row("comes_with", e.Practice, "without_better", e.WithoutBetter)
		row("comes_with", e.Practice, "without_drops", e.WithoutDrops)
	}
	cw.Flush()
	return cw.Error()
}

// cell guards a text against being read as a formula by a spreadsheet
// (CSV injection): one starting with = + - @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets show as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
