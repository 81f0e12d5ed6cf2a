package web

import (
	"html/template"
	"math"
	"time"

	"github.com/tendcare/tend/insights"
	"github.com/tendcare/tend/web/chart"
)

// insightCharts are the insights pages' charts, drawn on the server;
// each stands beside a table of the same numbers.
type insightCharts struct {
	Mood, Answers, Rhythm, DropsKind, DropsWhen, Helped template.HTML
}

// dropWhenLabels name the times after the aftercare began that drops
// are counted by.
var dropWhenLabels = map[string]string{
	"during":   "During",
	"same-day": "Same day",
	"next-day": "Next day",
	"later":    "Later",
}

// monthLabel names a month written "2026-03" as "Mar 2026".
func monthLabel(ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return t.Format("Jan 2006")
}

// dropWhenLabel names a time bucket for the page.
func dropWhenLabel(when string) string {
	if l, ok := dropWhenLabels[when]; ok {
		return l
	}
	return when
}

func (s *Server) insightCharts(in *insights.Insights) insightCharts {
	var out insightCharts
	months := make([]string, len(in.Mood.Months))
	mood := make([]float64, len(in.Mood.Months))
	var good, low, care []float64
	for i, m := range in.Mood.Months {
		months[i] = m.Month
		mood[i] = math.NaN()
		if m.Reflections > 0 {
			mood[i] = m.Mean
		}
		good, low, care = append(good, float64(m.Good)), append(low, float64(m.Low)), append(care, float64(m.Care))
	}
	out.Mood = chart.Line{ID: "mood", Title: "How I felt after, by month",
		Desc:   "Mean mood in reflections, from 1 (low) to 5 (great); a gap is a month without one. The table below has the numbers.",
		Labels: chart.Months(months), Series: []chart.Series{{Name: "Mood after", Values: mood}},
		Min: 1, Max: 5, Ticks: []float64{1, 2, 3, 4, 5}}.SVG()
	out.Answers = chart.Bars{ID: "answers", Title: "Follow-up answers, by month", Stacked: true, Unit: "answers",
		Desc:   "How follow-ups were answered each month: feeling good, a bit low, or could use some care. The table below has the numbers.",
		Labels: chart.Months(months),
		Series: []chart.Series{{Name: "Good", Values: good}, {Name: "A bit low", Values: low}, {Name: "Could use some care", Values: care}}}.SVG()

	rm := make([]string, len(in.Rhythm.Months))
	var encounters, minutes []float64
	for i, m := range in.Rhythm.Months {
		rm[i] = m.Month
		encounters = append(encounters, float64(m.Aftercare))
		minutes = append(minutes, float64(m.Minutes))
	}
	out.Rhythm = chart.Bars{ID: "rhythm", Title: "Aftercare, by month", Unit: "times",
		Desc:   "How many times aftercare happened each month. The table below has the numbers, with how long it usually lasted.",
		Labels: chart.Months(rm), Series: []chart.Series{{Name: "Aftercare", Values: encounters}}}.SVG()

	var kinds []string
	var all, dropped []float64
	for _, k := range in.Drops.ByKind {
		kinds = append(kinds, kindLabel(k.Kind))
		all, dropped = append(all, float64(k.Encounters)), append(dropped, float64(k.WithDrop))
	}
	out.DropsKind = chart.HBars{ID: "drops-kind", Title: "Low times, by kind of encounter",
		Desc:   "For each kind of encounter: how many there were, and how many were followed by a low time. The table below has the numbers.",
		Labels: kinds, Series: []chart.Series{{Name: "Encounters", Values: all}, {Name: "Followed by a low time", Values: dropped}}}.SVG()
	var whens []string
	var drops []float64
	for _, d := range in.Drops.ByDelay {
		whens = append(whens, dropWhenLabel(d.When))
		drops = append(drops, float64(d.Drops))
	}
	out.DropsWhen = chart.Bars{ID: "drops-when", Title: "Low times, by how long after", Unit: "low times",
		Desc:   "Low times counted by how long after the aftercare began they came. The table below has the numbers.",
		Labels: whens, Series: []chart.Series{{Name: "Low times", Values: drops}}}.SVG()
	out.Helped = helpedChart(in.Helped, true)
	return out
}

// helpedChart draws what helped: named in reflections, and (for a
// person's own) steps ticked done.
func helpedChart(h insights.Helped, ticked bool) template.HTML {
	var names []string
	var said, done []float64
	for _, p := range h.Practices {
		names = append(names, p.Title)
		said, done = append(said, float64(p.Said)), append(done, float64(p.Ticked))
	}
	c := chart.HBars{ID: "helped", Title: "What helped",
		Desc:   "For each practice: how often a reflection said it helped. The table below has the numbers.",
		Labels: names, Series: []chart.Series{{Name: "Said it helped", Values: said}}}
	if ticked {
		c.Desc = "For each practice: how often a reflection said it helped, and how often a step of it was ticked done. The table below has the numbers."
		c.Series = append(c.Series, chart.Series{Name: "Ticked done", Values: done})
	}
	return c.SVG()
}

// circleCharts are a circle's insights' charts.
func (s *Server) circleCharts(in *insights.CircleInsights) insightCharts {
	var out insightCharts
	months := make([]string, len(in.Rhythm.Months))
	var n []float64
	for i, m := range in.Rhythm.Months {
		months[i] = m.Month
		n = append(n, float64(m.Encounters))
	}
	out.Rhythm = chart.Bars{ID: "circle-rhythm", Title: "Times together, by month", Unit: "times",
		Desc:   "How many encounters of the circle were done and reflected on each month. The table below has the numbers.",
		Labels: chart.Months(months), Series: []chart.Series{{Name: "Times together", Values: n}}}.SVG()
	out.Helped = helpedChart(in.Helped, false)
	return out
}
