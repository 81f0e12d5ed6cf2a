package insights

import (
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestCircleAftercare: a circle's months count the encounters whose
// aftercare began, and the usual length of those that ended; one left
// open past MaxAftercare, or never begun, adds no length.
func TestCircleAftercare(t *testing.T) {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	h := &tend.CircleHistory{Encounters: []*tend.CirclePast{
		{ID: "a", CreatedAt: at(1, 20), AftercareAt: at(1, 21), AftercareEnd: at(1, 21).Add(20 * time.Minute)},
		{ID: "b", CreatedAt: at(2, 20), AftercareAt: at(2, 21), AftercareEnd: at(2, 21).Add(30 * time.Minute)},
		{ID: "c", CreatedAt: at(3, 20), AftercareAt: at(3, 21), AftercareEnd: at(3, 21).Add(MaxAftercare + time.Minute)},
		{ID: "d", CreatedAt: at(4, 20)},
	}}
	got := Circle(h, nil, now, time.UTC).Rhythm.Months
	if len(got) != 1 {
		t.Fatalf("months: got %+v", got)
	}
	if m := got[0]; m.Encounters != 4 || m.Aftercare != 3 || m.Minutes != 25 {
		t.Errorf("March: got %+v, want 4 encounters, 3 with aftercare, usually 25 minutes", m)
	}
}
