package chart

import "math"

// niceStep is a round step (1, 2 or 5 times a power of ten) that cuts
// span into at most about four parts: few gridlines, easy numbers. When
// whole is set the step is at least 1, for counts.
func niceStep(span float64, whole bool) float64 {
	if !(span > 0) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / 4
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * pow
	for _, m := range []float64{1, 2, 5} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	if whole && step < 1 {
		step = 1
	}
	return step
}

// ticks are the multiples of step from lo to hi, both included when
// they fall on a step.
func ticks(lo, hi, step float64) []float64 {
	var out []float64
	first := math.Ceil(lo/step - 1e-9)
	for k := first; k*step <= hi+step*1e-9 && len(out) < 50; k++ {
		out = append(out, k*step)
	}
	return out
}

// wholeValues says whether every finite value is a whole number, so
// that an axis of counts never shows 2.5.
func wholeValues(series []Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if finite(v) && v != math.Trunc(v) {
				return false
			}
		}
	}
	return true
}

// scale maps values from [lo, hi] onto pixels from a (at lo) to b (at
// hi); values outside are held at the nearer end, so every mark stays
// inside the picture whatever the data.
type scale struct{ lo, hi, a, b float64 }

func (s scale) at(v float64) float64 {
	if s.hi == s.lo {
		return s.a
	}
	v = math.Max(s.lo, math.Min(s.hi, v))
	return s.a + (v-s.lo)/(s.hi-s.lo)*(s.b-s.a)
}
