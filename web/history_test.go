package web

import (
	"testing"

	"github.com/tendcare/tend"
)

func TestDescribeChange(t *testing.T) {
	title := func(id string) string {
		return map[string]string{"water": "A glass of water", "x-song": "“Our song”"}[id]
	}
	tests := []struct {
		change tend.Change
		want   changeRow
	}{
		{tend.Change{Path: "receive.water", From: "need", To: ""}, changeRow{"Receiving: A glass of water", "I need this", ""}},
		{tend.Change{Path: "give.water", To: "glad"}, changeRow{"Giving: A glass of water", "", "Glad to give"}},
		{tend.Change{Path: "drop.when", From: "none", To: "next-day"}, changeRow{"Drop: when it tends to come", "It doesn't really happen to me", "The next day"}},
		{tend.Change{Path: "custom.x-song.mode", From: "given", To: "together"}, changeRow{"My own practice “Our song”: who does it", "Someone does it for someone else", "We do it together"}},
		{tend.Change{Path: "custom.x-song.quick", To: "yes"}, changeRow{"My own practice “Our song”: takes a minute or two", "No", "Yes"}},
		{tend.Change{Path: "encounters.first-time.minutes", From: "30"}, changeRow{"Minutes to set aside after a first time together", "30", ""}},
		{tend.Change{Path: "encounters.intense.give.water", To: "no"}, changeRow{"After intense encounters, giving: A glass of water", "", "Not for me to give"}},
		{tend.Change{Path: "notes", From: "a", To: "b"}, changeRow{"Notes for partners", "a", "b"}},
	}
	for _, tc := range tests {
		if got := describeChange(tc.change, title); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.change.Path, got, tc.want)
		}
	}
}
