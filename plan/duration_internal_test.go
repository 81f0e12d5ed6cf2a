package plan

import "testing"

// TestISODuration: follow-up times are ISO 8601 durations as the plan
// format documents them (PT45M, PT6H, P1D), at every edge: no minutes,
// under an hour, whole hours, hours and minutes, whole days.
func TestISODuration(t *testing.T) {
	for m, want := range map[int]string{0: "PT0M", 45: "PT45M", 60: "PT1H", 90: "PT1H30M", 6 * 60: "PT6H", 24 * 60: "P1D", 25 * 60: "PT25H", 3 * 24 * 60: "P3D"} {
		if got := isoDuration(m); got != want {
			t.Errorf("isoDuration(%d): got %q, want %q", m, got, want)
		}
	}
}
