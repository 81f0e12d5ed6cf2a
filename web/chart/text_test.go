package chart

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func posInf() float64 { return math.Inf(1) }

func TestMonths(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"YearAtFirstAndJanuary", []string{"2025-11", "2025-12", "2026-01", "2026-02"}, []string{"Nov\n2025", "Dec", "Jan\n2026", "Feb"}},
		{"StartsInJanuary", []string{"2026-01", "2026-02"}, []string{"Jan\n2026", "Feb"}},
		{"NotAMonthKeptAsItIs", []string{"later", "2026-13"}, []string{"later", "2026-13"}},
		{"None", nil, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Months(tc.in)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestYearMovesToShownLabel: with twelve months on a phone every second
// label is left out; January's year goes to the next label shown.
func TestYearMovesToShownLabel(t *testing.T) {
	f := newFrame(0, 100, 0, 1, []float64{0, 1}, 12)
	xs, lines := xLayout(months(), f)
	var got []string
	for _, x := range xs {
		got = append(got, strings.Join(x.lines, " "))
	}
	want := "Dec 2025|Feb 2026|Apr|Jun|Aug|Oct"
	if strings.Join(got, "|") != want || lines != 2 {
		t.Errorf("labels %q in %d lines, want %q in 2", got, lines, want)
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		width float64
		want  string
		cut   bool
	}{
		{"Fits", "Cuddling", 200, "Cuddling", false},
		{"CutWithEllipsis", "A warm drink and a blanket on the sofa", 100, "A warm d…", true},
		{"CutDropsTrailingSpace", "Tea and toast", 56, "Tea…", true},
		{"CutAtRuneBoundary", "Ünïcödé Ünïcödé", 60, "Ünïc…", true},
		{"NoRoomAtAll", "Cuddling", 5, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := fit(tc.in, tc.width, fontSize)
			if got != tc.want || cut != tc.cut {
				t.Errorf("fit(%q, %v) = %q, %v; want %q, %v", tc.in, tc.width, got, cut, tc.want, tc.cut)
			}
			if !utf8.ValidString(got) {
				t.Errorf("%q is not valid UTF-8", got)
			}
			if textWidth(got, fontSize) > tc.width {
				t.Errorf("%q is wider than %v", got, tc.width)
			}
		})
	}
}

func TestWrap2(t *testing.T) {
	got, cut := wrap2("Same day", 60, fontSize)
	if strings.Join(got, "|") != "Same|day" || cut {
		t.Errorf("wrap2(Same day) = %q, %v; want Same|day, false", got, cut)
	}
	got, cut = wrap2("Quiet time apart, then talking it through", 100, fontSize)
	if len(got) != 2 || !cut || !strings.HasSuffix(got[1], ellipsis) {
		t.Errorf("wrap2(long) = %q, %v; want two lines, the second cut", got, cut)
	}
}

func TestNiceStep(t *testing.T) {
	cases := []struct {
		span  float64
		whole bool
		want  float64
	}{
		{3, true, 1}, {6, true, 2}, {7, true, 2}, {23, true, 10}, {40, true, 10}, {150, true, 50},
		{1, false, 0.5}, {0.3, false, 0.1}, {0.3, true, 1}, {0, true, 1}, {math.NaN(), false, 1},
	}
	for _, tc := range cases {
		if got := niceStep(tc.span, tc.whole); got != tc.want {
			t.Errorf("niceStep(%v, %v) = %v, want %v", tc.span, tc.whole, got, tc.want)
		}
	}
	if got := ticks(1, 5, 1); len(got) != 5 || got[0] != 1 || got[4] != 5 {
		t.Errorf("ticks(1, 5, 1) = %v", got)
	}
}

func TestDescribe(t *testing.T) {
	got := describe("", []string{"Dec\n2025", "Jan"}, []Series{{Name: "Mood", Values: []float64{4.2}}})
	if want := "Dec 2025: 4.2; Jan: no data."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = describe("", []string{"Mar"}, []Series{{Name: "Good", Values: []float64{3}}, {Name: "Low", Values: []float64{math.NaN()}}})
	if want := "Mar: Good 3, Low no data."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := describe("Mine.", []string{"a"}, nil); got != "Mine." {
		t.Errorf("the caller's Desc was not kept: %q", got)
	}
}

// TestNotByColourAlone: each series of a chart is drawn with its own
// fill pattern (bars) or dash and marker (lines), and the legend shows
// the same beside the series' name.
func TestNotByColourAlone(t *testing.T) {
	bars := mustParse(t, string(Bars{Title: "t", Labels: []string{"a", "b"}, Stacked: true, Series: []Series{
		{Name: "Good", Values: []float64{3, 1}}, {Name: "A bit low", Values: []float64{1, 2}}, {Name: "Could use some care", Values: []float64{1, 1}}, {Name: "Four", Values: []float64{2, 2}},
	}}.SVG()))
	fills := map[string]string{} // class → fill of its bars
	legend := map[string]string{}
	patterns := map[string]bool{}
	var names []string
	bars.walk(func(n *node) {
		if n.name == "pattern" {
			patterns["url(#"+n.attrs["id"]+")"] = true
		}
		if n.name == "g" && strings.HasPrefix(n.attrs["class"], "chart-s") {
			if f := n.attrs["fill"]; f != "" {
				fills[n.attrs["class"]] = f
			} else if len(n.children) == 1 && n.children[0].name == "rect" {
				legend[n.attrs["class"]] = n.children[0].attrs["fill"]
			}
		}
		if n.name == "text" {
			names = append(names, n.text)
		}
	})
	seen := map[string]bool{}
	for class, f := range fills {
		if seen[f] {
			t.Errorf("two series share the fill %q", f)
		}
		seen[f] = true
		if f != "currentColor" && !patterns[f] {
			t.Errorf("%s's fill %q is no pattern of the chart", class, f)
		}
		if legend[class] != f {
			t.Errorf("%s: legend swatch %q, bars %q", class, legend[class], f)
		}
	}
	if len(fills) != 4 {
		t.Errorf("%d series fills, want 4", len(fills))
	}
	for _, want := range []string{"Good", "A bit low", "Could use some care", "Four"} {
		if !strings.Contains(strings.Join(names, "|"), want) {
			t.Errorf("no legend text %q in %q", want, names)
		}
	}
	line := mustParse(t, string(samples()[7].svg)) // "lines": four series
	dashes, markers := map[string]bool{}, map[string]bool{}
	line.walk(func(n *node) {
		// A series' group: its line, then its markers.
		if n.name == "g" && len(n.children) > 1 && n.children[0].name == "path" {
			marker := n.children[1]
			dashes[n.children[0].attrs["stroke-dasharray"]] = true
			markers[marker.name+" "+strconv.Itoa(strings.Count(marker.attrs["d"], "L"))] = true
		}
	})
	if len(dashes) != 4 || len(markers) != 4 {
		t.Errorf("four series have %d dashes %v and %d markers %v, want 4 of each", len(dashes), dashes, len(markers), markers)
	}
}
