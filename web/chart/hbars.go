package chart

import (
	"html/template"
	"math"
)

// HBars is a chart of horizontal bars for named things (practices,
// encounter kinds): each name across the whole width, on one line or
// two, with its bars under it, one per series, and the number at the
// end of each bar. Names can be long, and a phone is narrow: a name
// beside its bar would leave room for neither. There are no gridlines,
// as each bar carries its number.
type HBars struct {
	// ID, Title and Desc are as for Bars.
	ID          string
	Title, Desc string
	// Labels are the names, top to bottom; they may be a person's own
	// words (escaped, and cut with "…" when longer than two lines).
	Labels []string
	Series []Series
	// Max is the value of a full-width bar; 0 means the largest value.
	// Bars start at zero; larger values stop at Max.
	Max float64
	// Unit, if set, is written above the bars.
	Unit string
}

// The height of one horizontal bar, and the space after it.
const hbarHeight, hbarGap = 16.0, 3.0

// SVG draws the chart; it is safe to put into a page as it is.
func (h HBars) SVG() template.HTML {
	id := chartID(h.ID, "hbars", h.Title, h.Labels, h.Series)
	if !hasData(h.Labels, h.Series) {
		return noData("hbars", id, h.Title)
	}
	hi, room := held(h.Max), 0.0
	for _, s := range h.Series {
		for i := range h.Labels {
			if v := value(s, i); finite(v) {
				if !(h.Max > 0) || !finite(h.Max) {
					hi = math.Max(hi, v)
				}
				room = math.Max(room, textWidth(num(v), fontSize))
			}
		}
	}
	if !(hi > 0) || !finite(hi) {
		hi = 1 // every value is zero (or less): bars of no length
	}
	x := scale{lo: 0, hi: hi, a: 1, b: width - math.Ceil(room) - 8}

	legend, top := legendLayout(h.Series, false)
	captionTop := top
	if h.Unit != "" {
		top += lineH + 4
	}
	// Each name takes one line, or two when it is long, and is cut
	// with "…" only past that.
	names := make([][]string, len(h.Labels))
	cut := make([]bool, len(h.Labels))
	k := float64(len(h.Series))
	height := top
	for i, label := range h.Labels {
		names[i], cut[i] = wrap2(spoken(label), width-2, fontSize)
		height += float64(len(names[i]))*lineH + 4 + k*(hbarHeight+hbarGap) + 10
	}
	c := &canvas{id: id}
	c.begin("hbars", height, h.Title, describe(h.Desc, h.Labels, h.Series))
	c.patterns(len(h.Series))
	c.legend(legend, 0, false)
	c.caption(h.Unit, captionTop)
	y := top
	for i, label := range h.Labels {
		for _, line := range names[i] {
			full := line
			if cut[i] {
				full = spoken(label)
			}
			c.text(1, y+fontSize, "start", "chart-text", line, full)
			y += lineH
		}
		y += 4
		c.leaf("line", "class", "chart-axis", "x1", "0.75", "y1", num(y), "x2", "0.75", "y2", num(y+k*(hbarHeight+hbarGap)-hbarGap),
			"stroke", "currentColor", "stroke-width", "1.5")
		for si, s := range h.Series {
			v := value(s, i)
			if finite(v) {
				end := x.at(math.Max(v, 0))
				if w := end - x.a - 1.5; w > 0 {
					c.leaf("rect", "class", class(si), "x", num(x.a+0.75), "y", num(y+0.75), "width", num(w),
						"height", num(hbarHeight-1.5), "fill", c.fill(si), "stroke", "currentColor", "stroke-width", "1.5")
				}
				c.text(end+5, y+hbarHeight/2+5, "start", "chart-text", num(v), num(v))
			}
			y += hbarHeight + hbarGap
		}
		y += 10
	}
	return c.end()
}
