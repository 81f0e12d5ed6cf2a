package web

import (
	"strings"
	"testing"
)

// TestPagesPromiseOnlyWhatExists: the settings and sign-up pages say
// nothing of messages Tend does not send (check-ins, reminders), and the
// quiet hours say what they hold back and what they do not.
func TestPagesPromiseOnlyWhatExists(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	settings := browse(t, h, "GET", "/settings", sam, nil)
	quiet := settings.find(`fieldset:has(#quiet_start) .hint`)
	if !strings.Contains(quiet, "follow-ups wait until they end (a partner's word still comes at once)") {
		t.Errorf("the quiet hours say %q", quiet)
	}
	signup := browse(t, h, "GET", "/signup", "", nil)
	for name, text := range map[string]string{"settings": settings.find("main"), "sign-up": signup.find("main")} {
		for _, promise := range []string{"check-ins wait", "reminders"} {
			if strings.Contains(strings.ToLower(text), promise) {
				t.Errorf("the %s page promises %q", name, promise)
			}
		}
	}
}
