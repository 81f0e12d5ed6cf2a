package web

import (
	"strings"
	"testing"
)

func TestSettings(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	_, out, _ := do(t, h, call{method: "GET", path: "/api/v1/settings", token: tok})
	st := out["settings"].(map[string]any)
	if st["time_zone"] != "UTC" || st["quiet_hours"] != nil || st["display_name"] != "Sam" {
		t.Fatalf("defaults: %v", st)
	}
	status, out, _ := do(t, h, call{method: "PUT", path: "/api/v1/settings", token: tok,
		body: `{"time_zone": "Europe/Berlin", "quiet_hours": {"start": "22:30", "end": "07:00"}}`})
	st, _ = out["settings"].(map[string]any)
	if status != 200 || st["time_zone"] != "Europe/Berlin" || st["quiet_hours"].(map[string]any)["start"] != "22:30" || st["display_name"] != "Sam" {
		t.Fatalf("update: %d %v", status, out)
	}
	tests := []struct{ name, body, want string }{
		{"BadZone", `{"time_zone": "Mars/Base"}`, `"Mars/Base" is not a time zone`},
		{"BadQuiet", `{"quiet_hours": {"start": "25:00", "end": "07:00"}}`, "two times like 22:00"},
		{"QuietWrongShape", `{"quiet_hours": "nights"}`, "quiet_hours: give"},
		{"EmptyName", `{"display_name": " "}`, "display_name: what partners call you; it is required"},
		{"Unknown", `{"theme": "dark"}`, `"theme" is not a field here`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, out, _ := do(t, h, call{method: "PUT", path: "/api/v1/settings", body: tc.body, token: tok})
			if _, msg := errorOf(out); status != 400 || !strings.Contains(msg, tc.want) {
				t.Errorf("got %d %q, want 400 containing %q", status, msg, tc.want)
			}
		})
	}
	// Nothing of the refused updates stuck; then quiet hours go off.
	_, out, _ = do(t, h, call{method: "PUT", path: "/api/v1/settings", body: `{"quiet_hours": null}`, token: tok})
	if st := out["settings"].(map[string]any); st["time_zone"] != "Europe/Berlin" || st["quiet_hours"] != nil {
		t.Errorf("after turning quiet hours off: %v", st)
	}
}
