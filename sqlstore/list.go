package sqlstore

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A list held in one value (the practices a circle member or a card link
// shares, sealed; a token's scopes; a passkey's transports) is stored as
// a JSON array, one encoding everywhere, which no item can break. Rows
// written before were joined with commas (migration 14 sealed the
// practices so, and keeps doing it; migration 16 gave older tokens their
// scopes so): splitList reads both. An old list never starts with "[",
// so the two never mix up: practice ids and transports are checked to be
// letters, digits and dashes, and scopes are the few known names.

// joinList encodes a list for storing: "" for none.
func joinList(list []string) string {
	if len(list) == 0 {
		return ""
	}
	b, err := json.Marshal(list)
	if err != nil {
		panic("sqlstore: list: " + err.Error()) // strings always marshal
	}
	return string(b)
}

// splitList reads what joinList wrote, or an older comma-joined list.
func splitList(s string) ([]string, error) {
	switch {
	case s == "":
		return nil, nil
	case strings.HasPrefix(s, "["):
		var list []string
		if err := json.Unmarshal([]byte(s), &list); err != nil {
			return nil, fmt.Errorf("stored list: %w", err)
		}
		if len(list) == 0 {
			return nil, nil
		}
		return list, nil
	}
	return strings.Split(s, ","), nil
}
