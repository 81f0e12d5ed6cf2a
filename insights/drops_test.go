package insights

import (
	"reflect"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// delays returns the four DelayDrops with the counts given in order.
func delays(during, sameDay, nextDay, later int) []DelayDrops {
	return []DelayDrops{{WhenDuring, during}, {WhenSameDay, sameDay}, {WhenNextDay, nextDay}, {WhenLater, later}}
}

func TestDrops(t *testing.T) {
	now := day(6, 1)
	for _, tc := range []struct {
		name    string
		h       *tend.History
		total   int
		byKind  []KindDrops
		byDelay []DelayDrops
		reading string
	}{
		{"NoHistory", history().build(), 0, []KindDrops{}, delays(0, 0, 0, 0),
			"There is too little to see when low times come yet: 0 encounters so far."},
		{"TooLittle", history().enc(day(1, 2), followup(tend.FollowupLow, 20*hour)).enc(day(1, 5)).build(), 1,
			[]KindDrops{{tend.Gentle, 2, 1}}, delays(0, 0, 1, 0),
			"There is too little to see when low times come yet: 2 encounters so far."},
		{"NoneCameUp", history().times(3, day(1, 2), followup(tend.FollowupGood, 20*hour)).build(), 0,
			[]KindDrops{{tend.Gentle, 3, 0}}, delays(0, 0, 0, 0),
			"No low times came up in Tend after your 3 encounters."},
		{"BucketEdges", history().
			enc(day(1, 2), followup(tend.FollowupLow, 59*time.Minute)).
			enc(day(1, 3), followup(tend.FollowupCare, hour)).
			enc(day(1, 4), followup(tend.FollowupLow, 12*hour-time.Minute)).
			enc(day(1, 5), followup(tend.FollowupLow, 12*hour)).
			enc(day(1, 6), followup(tend.FollowupLow, 36*hour-time.Minute)).
			enc(day(1, 7), followup(tend.FollowupLow, 36*hour)).
			enc(day(1, 8), lowPlace(72*hour)).build(), 7,
			[]KindDrops{{tend.Gentle, 7, 7}}, delays(1, 2, 2, 2),
			"Low times came equally often later the same day, the next day and a few days later, 2 of 7 each."},
		{"NotOkayBeforeAftercareIsDuring", history().
			enc(day(1, 2), notOkay(-20*time.Minute)).enc(day(1, 3)).enc(day(1, 4)).build(), 1,
			[]KindDrops{{tend.Gentle, 3, 1}}, delays(1, 0, 0, 0),
			"The one low time came in the first hour."},
		{"WithoutAftercareFromTheStart", history().
			enc(day(1, 2), noAftercare(), followup(tend.FollowupLow, 20*hour)).
			enc(day(1, 3), aftercare(10*hour, 20*time.Minute), followup(tend.FollowupLow, 30*hour)).
			enc(day(1, 4)).build(), 2,
			[]KindDrops{{tend.Gentle, 3, 2}}, delays(0, 0, 2, 0),
			"Low times came most often the next day, 2 of 2."},
		{"ByKindInKindsOrderEncountersOnce", history().
			enc(day(1, 2), kind(tend.Solo), followup(tend.FollowupLow, 20*hour), lowPlace(21*hour)).
			enc(day(1, 3), kind(tend.Intense), followup(tend.FollowupCare, 20*hour), followup(tend.FollowupGood, 40*hour)).
			enc(day(1, 4), kind(tend.Intense)).
			enc(day(1, 5), kind(tend.Gentle), followup(tend.FollowupGood, 20*hour)).
			enc(day(1, 6), kind("made-up"), followup(tend.FollowupLow, 2*hour)).build(), 4,
			[]KindDrops{{tend.Gentle, 1, 0}, {tend.Intense, 2, 1}, {tend.Solo, 1, 1}}, delays(0, 1, 3, 0),
			"Low times came most often the next day, 3 of 4."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mine(t, tc.h, testNames, now, nil).Drops
			if got.Total != tc.total {
				t.Errorf("total %d, want %d", got.Total, tc.total)
			}
			if !reflect.DeepEqual(got.ByKind, tc.byKind) {
				t.Errorf("by kind:\ngot  %+v\nwant %+v", got.ByKind, tc.byKind)
			}
			if !reflect.DeepEqual(got.ByDelay, tc.byDelay) {
				t.Errorf("by delay:\ngot  %+v\nwant %+v", got.ByDelay, tc.byDelay)
			}
			if got.Reading != tc.reading {
				t.Errorf("reading:\ngot  %q\nwant %q", got.Reading, tc.reading)
			}
		})
	}
}
