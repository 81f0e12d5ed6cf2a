package chart

import (
	"html/template"
	"math"
)

// Bars is a bar chart with one slot per label (months, or a few short
// categories such as "During", "Same day"): one bar per series side by
// side, or stacked into one. For many or long names, use HBars.
type Bars struct {
	// ID starts every id in the chart; "" means a hash of the content
	// (see the package comment).
	ID string
	// Title names the chart; Desc describes it ("" means every value in
	// words).
	Title, Desc string
	// Labels name the slots, left to right; a "\n" starts a second,
	// quieter line (see Months).
	Labels []string
	Series []Series
	// Stacked puts the series' bars of a slot on top of each other, the
	// first at the bottom, with the total written above.
	Stacked bool
	// Max is the top of the axis; 0 means a round number at or above
	// the largest bar. Bars start at zero; larger values stop at Max.
	Max float64
	// Unit, if set, is written above the numbers ("encounters").
	Unit string
}

// The plot's height in viewBox units, under the legend.
const plotHeight = 150.0

// SVG draws the chart; it is safe to put into a page as it is.
func (b Bars) SVG() template.HTML {
	id := chartID(b.ID, "bars", b.Title, b.Labels, b.Series)
	if !hasData(b.Labels, b.Series) {
		return noData("bars", id, b.Title)
	}
	n := len(b.Labels)
	// tops are what rises highest in each slot: the stack's total, or
	// the tallest bar.
	tops := make([]float64, n)
	hasTop := make([]bool, n)
	for i := range n {
		for _, s := range b.Series {
			v := value(s, i)
			if !finite(v) {
				continue
			}
			hasTop[i] = true
			if b.Stacked {
				tops[i] += math.Max(v, 0)
			} else {
				tops[i] = math.Max(tops[i], v)
			}
		}
	}
	hi := held(b.Max)
	whole := wholeValues(b.Series)
	if !(hi > 0) || !finite(hi) {
		largest := 0.0
		for _, t := range tops {
			largest = math.Max(largest, t)
		}
		step := niceStep(largest, whole)
		hi = math.Max(step, math.Ceil(largest/step-1e-9)*step)
	}
	tks := ticks(0, hi, niceStep(hi, whole))

	legend, top := legendLayout(b.Series, false)
	captionTop := top
	if b.Unit != "" {
		top += lineH + 4
	}
	top += fontSize + 6 // room for the number over the tallest bar
	f := newFrame(top, plotHeight, 0, hi, tks, n)
	xs, lines := xLayout(b.Labels, f)

	c := &canvas{id: id}
	c.begin("bars", f.bottom+xAxisHeight(lines), b.Title, describe(b.Desc, b.Labels, b.Series))
	c.patterns(len(b.Series))
	c.legend(legend, 0, false)
	c.caption(b.Unit, captionTop)
	c.grid(f)

	slot := f.slot()
	group := math.Max(6, slot*0.64)
	k := len(b.Series)
	for si := range b.Series {
		c.open("g", "class", class(si), "fill", c.fill(si), "stroke", "currentColor", "stroke-width", "1.5")
		for i := range n {
			x, w := f.cx(i)-group/2, group
			lo := 0.0
			if b.Stacked {
				for _, s := range b.Series[:si] {
					if v := value(s, i); finite(v) {
						lo += math.Max(v, 0)
					}
				}
			} else {
				w = group / float64(k)
				x += float64(si) * w
			}
			v := value(b.Series[si], i)
			if !finite(v) || v <= 0 {
				continue
			}
			y1, y0 := f.y.at(lo+v), f.y.at(lo)
			if lo > 0 {
				y0 -= 1.5 // a sliver of the page between stacked parts
			}
			// The stroke is drawn inside the bar's edges, and bars side
			// by side have a sliver of the page between them.
			inset := 0.75
			if k > 1 && !b.Stacked {
				inset = 1.25
			}
			if h, rw := y0-y1-1.5, w-2*inset; h > 0 && rw > 0 {
				c.leaf("rect", "x", num(x+inset), "y", num(y1+0.75), "width", num(rw), "height", num(h))
			}
		}
		c.close("g")
	}
	// Numbers above the bars: the total of a stack, or each bar's own;
	// all of them or, when two would touch, none (a number over one bar
	// of a pair and not the other would read as if the other had none).
	var nums []barNumber
	for i := range n {
		if !hasTop[i] {
			continue
		}
		if b.Stacked {
			nums = append(nums, newBarNumber(tops[i], f.cx(i), f.y.at(tops[i])))
			continue
		}
		w := group / float64(k)
		for si, s := range b.Series {
			if v := value(s, i); finite(v) {
				x := f.cx(i) - group/2 + (float64(si)+0.5)*w
				nums = append(nums, newBarNumber(v, x, f.y.at(math.Max(v, 0))))
			}
		}
	}
	if !crowded(nums) {
		for _, bn := range nums {
			c.text(bn.x, bn.y, "middle", "chart-text", bn.s, bn.s)
		}
	}
	c.xAxis(xs, f)
	return c.end()
}

// barNumber is a number to write centred at (x, y), and the room it
// takes with a unit of margin: left, top, right, bottom.
type barNumber struct {
	s    string
	x, y float64
	box  [4]float64
}

// newBarNumber places v just above a bar whose top is at y.
func newBarNumber(v, x, y float64) barNumber {
	s := num(v)
	w := textWidth(s, fontSize)
	y -= 5
	return barNumber{s: s, x: x, y: y, box: [4]float64{x - w/2 - 1, y - fontSize, x + w/2 + 1, y}}
}

// crowded says whether any two of the numbers would touch.
func crowded(nums []barNumber) bool {
	for i, a := range nums {
		for _, b := range nums[i+1:] {
			if a.box[0] < b.box[2] && b.box[0] < a.box[2] && a.box[1] < b.box[3] && b.box[1] < a.box[3] {
				return true
			}
		}
	}
	return false
}
