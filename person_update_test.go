package tend

import "testing"

// TestPersonUpdateApply: only what changes is checked, so an account
// whose name predates the text rule can still be disabled; a change that
// breaks the rule is refused.
func TestPersonUpdateApply(t *testing.T) {
	legacy := func() *Person { return &Person{Username: "alex", DisplayName: "Al\u202eex", TimeZone: "UTC"} }
	off, name, zone := true, "Alex", "Mars/Base"
	if err := (PersonUpdate{Disabled: &off}).Apply(legacy()); err != nil {
		t.Errorf("disabling an account with a name from before the rule: %v", err)
	}
	p := legacy()
	if err := (PersonUpdate{DisplayName: &name}).Apply(p); err != nil || p.DisplayName != "Alex" {
		t.Errorf("renaming it: %v %q", err, p.DisplayName)
	}
	bad := "Sam\u202e"
	err := (PersonUpdate{DisplayName: &bad, TimeZone: &zone}).Apply(legacy())
	if ps := ProblemsOf(err, ""); ps.Field("display_name") == "" || ps.Field("time_zone") == "" {
		t.Errorf("a bad name and zone: %v", err)
	}
}
