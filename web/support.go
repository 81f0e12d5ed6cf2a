package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// SupportLine is one place to turn to for help, shown with the grounding
// help on the aftercare screen. Tend only links to it: nothing is loaded
// from it.
type SupportLine struct {
	// Name is what it is called: "Befrienders Worldwide".
	Name string `json:"name"`
	// Phone is a number to call, Text a number to send a text message to,
	// URL a web address (http or https). At least one is given.
	Phone string `json:"phone,omitempty"`
	Text  string `json:"text,omitempty"`
	URL   string `json:"url,omitempty"`
	// Region is where it serves: "Worldwide", "UK".
	Region string `json:"region,omitempty"`
	// Note says in a few words what it offers and when.
	Note string `json:"note,omitempty"`
}

// Limits of a support file.
const (
	maxSupportLines   = 50
	maxSupportField   = 300
	maxSupportFileLen = 64 << 10
)

// DefaultSupport is the short list shown when the administrator has not
// set their own: long-standing services that reach across countries.
func DefaultSupport() []SupportLine {
	return []SupportLine{
		{Name: "Emergency services", Phone: "112", Region: "Your local emergency number",
			Note: "If anyone is in danger now, call your local emergency number: 112 in much of the world, 911 in North America, 999 in the UK."},
		{Name: "Find A Helpline", URL: "https://findahelpline.com", Region: "Worldwide",
			Note: "Finds free, confidential helplines where you are, by phone, text or chat, for whatever you are going through."},
		{Name: "Befrienders Worldwide", URL: "https://befrienders.org", Region: "Worldwide",
			Note: "Emotional support centres in many countries, for anyone in distress."},
	}
}

// Address is the line's web address to type or copy, without the
// scheme: shown as text, never as a link, so that no page of Tend points
// at another site (and nothing about the visit leaks to it from here).
func (l SupportLine) Address() string {
	a := strings.TrimPrefix(strings.TrimPrefix(l.URL, "https://"), "http://")
	return strings.TrimSuffix(a, "/")
}

// Tel is the line's phone number for a tel: link: digits and a leading +.
func (l SupportLine) Tel() string { return dialable(l.Phone) }

// SMS is the line's text number for an sms: link.
func (l SupportLine) SMS() string { return dialable(l.Text) }

func dialable(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseSupport reads a support file: a JSON list of lines, each with a
// name and a phone number, a text number or a web address. Its errors
// name the entry and the field that is wrong.
func ParseSupport(data []byte) ([]SupportLine, error) {
	if len(data) > maxSupportFileLen {
		return nil, fmt.Errorf("the file is larger than %d KiB", maxSupportFileLen>>10)
	}
	if !utf8.Valid(data) {
		return nil, errors.New("the file is not UTF-8 text")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var lines []SupportLine
	if err := dec.Decode(&lines); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("not valid JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te):
			if te.Field == "" {
				return nil, errors.New(`give a JSON list of lines: [{"name": "...", "phone": "...", "url": "..."}]`)
			}
			return nil, fmt.Errorf("%s: give it as text", te.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return nil, fmt.Errorf("%s; a line has name, phone, text, url, region and note", strings.TrimPrefix(err.Error(), "json: "))
		}
		return nil, fmt.Errorf("not valid JSON: %v", err)
	}
	if dec.More() {
		return nil, errors.New("there is more after the list; give one JSON list")
	}
	if lines == nil {
		return nil, errors.New(`give a JSON list of lines, with at least one: [{"name": "...", "url": "https://..."}]`)
	}
	if len(lines) == 0 {
		return nil, errors.New("the list is empty; give at least one line, or leave the setting out for Tend's own list")
	}
	if len(lines) > maxSupportLines {
		return nil, fmt.Errorf("%d lines; the most is %d", len(lines), maxSupportLines)
	}
	for i := range lines {
		if err := lines[i].check(); err != nil {
			name := ""
			if n := strings.TrimSpace(lines[i].Name); n != "" && utf8.RuneCountInString(n) <= 60 {
				name = fmt.Sprintf(" (%q)", n)
			}
			return nil, fmt.Errorf("line %d%s: %v", i+1, name, err)
		}
	}
	return lines, nil
}

// check trims and checks one line.
func (l *SupportLine) check() error {
	for _, f := range []struct {
		name string
		s    *string
	}{{"name", &l.Name}, {"phone", &l.Phone}, {"text", &l.Text}, {"url", &l.URL}, {"region", &l.Region}, {"note", &l.Note}} {
		*f.s = strings.TrimSpace(*f.s)
		if n := utf8.RuneCountInString(*f.s); n > maxSupportField {
			return fmt.Errorf("%s: at most %d characters (this has %d)", f.name, maxSupportField, n)
		}
		if strings.IndexFunc(*f.s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			return fmt.Errorf("%s: no control characters or line breaks", f.name)
		}
	}
	if l.Name == "" {
		return errors.New("name: say what the service is called")
	}
	if l.Phone == "" && l.Text == "" && l.URL == "" {
		return errors.New("give a phone, a text number or a url, so people can reach it")
	}
	for _, f := range []struct{ name, v string }{{"phone", l.Phone}, {"text", l.Text}} {
		if f.v == "" {
			continue
		}
		if strings.Trim(f.v, "+0123456789 -().") != "" || len(dialable(f.v)) < 2 || strings.LastIndex(f.v, "+") > 0 {
			return fmt.Errorf("%s: %q is not a phone number; use digits, spaces and a leading +", f.name, f.v)
		}
	}
	if l.URL != "" {
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return fmt.Errorf("url: %q is not a web address; give it in full, like https://example.org", l.URL)
		}
	}
	return nil
}

// support is the list the screen shows.
func (s *Server) support() []SupportLine {
	if len(s.Support) > 0 {
		return s.Support
	}
	return DefaultSupport()
}
