package web

import (
	"strings"
	"testing"
)

func TestParseSupport(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"Good", `[{"name": "Line", "phone": "+44 116 123", "region": "UK", "note": "Day and night"}, {"name": "Web", "url": "https://example.org/help"}]`, ""},
		{"Text", `[{"name": "Text line", "text": "85258"}]`, ""},
		{"NotJSON", `[{"name": "x",}]`, "not valid JSON"},
		{"NotAList", `{"name": "x"}`, "JSON list"},
		{"Null", `null`, "JSON list"},
		{"Empty", `[]`, "the list is empty"},
		{"UnknownField", `[{"name": "x", "email": "a@b"}]`, `unknown field "email"`},
		{"NumberName", `[{"name": 5}]`, "name: give it as text"},
		{"NoName", `[{"url": "https://example.org"}]`, "line 1: name"},
		{"NoWay", `[{"name": "Line"}, {"name": "Quiet"}]`, `line 1 ("Line"): give a phone`},
		{"BadPhone", `[{"name": "a", "url": "https://a.org"}, {"name": "Line", "phone": "call us"}]`, `line 2 ("Line"): phone: "call us" is not a phone number`},
		{"PlusInside", `[{"name": "Line", "phone": "12+34"}]`, "not a phone number"},
		{"BadURL", `[{"name": "Line", "url": "javascript:alert(1)"}]`, "url: \"javascript:alert(1)\" is not a web address"},
		{"NoScheme", `[{"name": "Line", "url": "example.org"}]`, "give it in full"},
		{"LineBreak", `[{"name": "Li\nne", "url": "https://example.org"}]`, "name: no control characters"},
		{"Long", `[{"name": "` + strings.Repeat("a", 301) + `", "url": "https://example.org"}]`, "name: at most 300"},
		{"TooMany", "[" + strings.Repeat(`{"name": "a", "phone": "112"},`, 50) + `{"name": "a", "phone": "112"}]`, "51 lines; the most is 50"},
		{"Trailing", `[{"name": "a", "phone": "112"}] []`, "more after the list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := ParseSupport([]byte(tc.in))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.want == "" && len(lines) == 0:
				t.Fatal("no lines")
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	lines, _ := ParseSupport([]byte(`[{"name": " Line ", "phone": "+44 (0)116 123"}]`))
	if lines[0].Name != "Line" || lines[0].Tel() != "+440116123" {
		t.Errorf("trimmed %q, tel %q", lines[0].Name, lines[0].Tel())
	}
	for _, l := range DefaultSupport() {
		if err := l.check(); err != nil {
			t.Errorf("default line %s: %v", l.Name, err)
		}
	}
}

func FuzzSupportFile(f *testing.F) {
	for _, seed := range []string{
		`[{"name": "Line", "phone": "+1 800 273 8255", "region": "US"}]`,
		`[{"name": "Web", "url": "https://example.org", "note": "chat"}]`,
		`[{"name": "Text", "text": "741741"}]`, `[]`, `null`, `{}`, `[{"name": "x", "url": "http://[::1"}]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := ParseSupport(data)
		if err != nil {
			if lines != nil {
				t.Fatal("lines with an error")
			}
			if strings.ContainsAny(err.Error(), "\n") {
				t.Fatalf("error over several lines: %q", err)
			}
			return
		}
		if len(lines) == 0 || len(lines) > maxSupportLines {
			t.Fatalf("%d lines", len(lines))
		}
		for _, l := range lines {
			if l.Name == "" || (l.Phone == "" && l.Text == "" && l.URL == "") {
				t.Fatalf("accepted %+v", l)
			}
			if u := strings.ToLower(l.URL); u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("accepted url %q", l.URL)
			}
		}
	})
}
