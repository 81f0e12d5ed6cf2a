package web

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// profileHeadJSON is a profile answer but its card, as the encoder
// writes it.
type profileHeadJSON struct {
	Version     int        `json:"version"`
	UpdatedAt   *time.Time `json:"updated_at"`
	NeedsReview bool       `json:"needs_review"`
}

// TestProfileJSONByHand: the answer GET /api/v1/profile writes by hand
// is byte for byte what encoding/json writes for it.
func TestProfileJSONByHand(t *testing.T) {
	card := []byte(`{"format":"tend.card/v1","name":"Sam \u0026 co"}`)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p      tend.Profile
		review bool
	}{
		{tend.Profile{}, false},
		{tend.Profile{Version: 1, UpdatedAt: time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)}, false},
		{tend.Profile{Version: 12345, UpdatedAt: time.Date(2026, 3, 29, 2, 30, 0, 123456789, berlin)}, true},
		{tend.Profile{Version: 7, UpdatedAt: time.UnixMilli(1764019200123).UTC()}, true},
	} {
		head := profileHeadJSON{Version: tc.p.Version, NeedsReview: tc.review}
		if tc.p.Version > 0 {
			head.UpdatedAt = &tc.p.UpdatedAt
		}
		fields, err := json.Marshal(head)
		if err != nil {
			t.Fatal(err)
		}
		want := []byte(`{"profile":` + string(fields[:len(fields)-1]) + `,"card":` + string(card) + "}}\n")
		if got := appendProfileJSON(nil, &tc.p, tc.review, card); !bytes.Equal(got, want) {
			t.Errorf("by hand:\n%s\nthe encoder:\n%s", got, want)
		}
		if !json.Valid(want) {
			t.Errorf("not JSON: %s", want)
		}
	}
}
