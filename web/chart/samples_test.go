package chart

import (
	"html/template"
	"math"
)

// sample is one chart the tests draw, with a name for its golden file.
type sample struct {
	name string
	svg  template.HTML
}

var nan = math.NaN()

// months are the twelve months of the insights page's sample history.
func months() []string {
	return Months([]string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
		"2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"})
}

// samples are every kind of chart with data like the insights page's,
// and the awkward cases: no data, hostile labels, many series.
func samples() []sample {
	return []sample{
		{"mood", Line{
			Title:  "How you felt after, by month",
			Desc:   "Mean mood after encounters, from 1 (very low) to 5 (very good). No data in January and June.",
			Labels: months(),
			Series: []Series{{Name: "Mood", Values: []float64{4.2, nan, 3.8, 4.5, 2.9, 3.3, nan, 4.1, 4.4, 3.9, 4.0, 4.6}}},
			Min:    1, Max: 5, Ticks: []float64{1, 2, 3, 4, 5},
		}.SVG()},
		{"followups", Bars{
			Title:   "Follow-up answers by month",
			Labels:  months(),
			Stacked: true,
			Series: []Series{
				{Name: "Good", Values: []float64{3, 1, 2, 4, 1, 2, 0, 3, 4, 2, 3, 5}},
				{Name: "A bit low", Values: []float64{1, 0, 1, 0, 2, 1, 0, 1, 0, 1, 1, 0}},
				{Name: "Could use some care", Values: []float64{0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 0}},
			},
			Unit: "answers",
		}.SVG()},
		{"encounters", Bars{
			Title:  "Encounters by month",
			Labels: months(),
			Series: []Series{{Name: "Encounters", Values: []float64{4, 1, 3, 5, 4, 3, 0, 4, 5, 3, 4, 6}}},
			Unit:   "encounters",
		}.SVG()},
		{"aftercare", Bars{
			Title:  "Encounters and aftercare by month",
			Labels: months(),
			Series: []Series{
				{Name: "Encounters", Values: []float64{4, 1, 3, 5, 4, 3, 0, 4, 5, 3, 4, 6}},
				{Name: "With aftercare", Values: []float64{3, 1, 3, 4, 4, 2, 0, 4, 5, 3, 3, 6}},
			},
		}.SVG()},
		{"drops-when", Bars{
			Title:  "Drops by how long after",
			Labels: []string{"During", "Same day", "Next day", "Later"},
			Series: []Series{{Name: "Drops", Values: []float64{1, 4, 6, 2}}},
			Unit:   "drops",
		}.SVG()},
		{"drops-kind", HBars{
			Title:  "Drops by kind of encounter",
			Labels: []string{"Gentle", "Intense", "Quickie", "First time", "Long distance"},
			Series: []Series{
				{Name: "Encounters", Values: []float64{12, 6, 4, 1, 3}},
				{Name: "Followed by a drop", Values: []float64{1, 3, 0, 1, nan}},
			},
		}.SVG()},
		{"helped", HBars{
			Title:  "What helped",
			Labels: []string{"A warm drink and a blanket on the sofa", "Cuddling", "Quiet time apart, then talking it through"},
			Series: []Series{
				{Name: "Said it helped", Values: []float64{7, 12, 3}},
				{Name: "Done", Values: []float64{9, 14, 2}},
			},
		}.SVG()},
		{"lines", Line{
			Title:  "Four series",
			Labels: Months([]string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}),
			Series: []Series{
				{Name: "One", Values: []float64{1, 2, 3, 2, 4, 5}},
				{Name: "Two", Values: []float64{2, 3, nan, 3, 3, 4}},
				{Name: "Three", Values: []float64{3, 1, 2, nan, 1, 2}},
				{Name: "Four", Values: []float64{5, 4, 4, 5, nan, 3}},
			},
		}.SVG()},
		{"own-words", HBars{
			ID:     `practices "mine"`,
			Title:  `What helped <script>alert("t")</script>`,
			Labels: []string{`<script>alert("x")</script>`, `Tea & "biscuits" & <b>more</b>`, "Ünïcödé 🫖 and a very long name that cannot fit on one line at all"},
			Series: []Series{{Name: `Said <i>"so"</i> & more`, Values: []float64{2, 1, 3}}, {Name: "Done", Values: []float64{1, 0, 3}}},
		}.SVG()},
		{"empty-line", Line{Title: "How you felt after, by month", Labels: months(), Series: []Series{{Name: "Mood", Values: make12(nan)}}}.SVG()},
		{"empty-bars", Bars{Title: "Encounters by month"}.SVG()},
		{"empty-hbars", HBars{Title: "What helped", Labels: []string{"Cuddling"}}.SVG()},
		{"out-of-range", Line{
			Title:  "Values past the axis stay inside the picture",
			Labels: []string{"a", "b", "c", "d"},
			Series: []Series{{Name: "Mood", Values: []float64{7, -3, math.Inf(1), 3}}},
			Min:    1, Max: 5,
		}.SVG()},
		{"over-max", Bars{
			Title:  "A bar past Max",
			Labels: []string{"a", "b", "c"},
			Series: []Series{{Name: "n", Values: []float64{9, -2, 3}}},
			Max:    4,
		}.SVG()},
		{"zeros", Bars{Title: "Nothing yet", Labels: months(), Series: []Series{{Name: "Encounters", Values: make12(0)}}}.SVG()},
	}
}

func make12(v float64) []float64 {
	out := make([]float64, 12)
	for i := range out {
		out[i] = v
	}
	return out
}
