package tend

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of tend.card/v1. Files or fields past them are refused.
const (
	MaxCardBytes      = 256 << 10 // a whole card file
	MaxNameLen        = 64
	MaxPronounsLen    = 32
	MaxCommentLen     = 200
	MaxNoteLen        = 500
	MaxNotes          = 20 // notes, and avoid
	MaxDropTexts      = 10 // drop signs, and drop helps
	MaxDropTextLen    = 200
	MaxLevels         = 300 // entries in receive, give or comments
	MaxCustom         = 50
	MaxTitleLen       = 80
	MaxIDLen          = 64
	MaxSpaceMinutes   = 120
	MaxKindMinutes    = 240
	maxProblems       = 50 // problems kept; all are counted
	maxWarnings       = 50
	maxSuggestions    = 20 // closest-id searches per card, which cost CPU
	maxQuotedValueLen = 40
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Problem is one thing wrong (or worth a warning) in a card: the field
// path ("receive.water") and what is wrong with it, in words.
type Problem struct {
	Path    string
	Message string
}

// String formats the problem as "path: message", or the message alone.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// CardProblems is the full list of errors found in one card file. A card
// error returned by ParseCard is an *Error with code EINVALID that wraps a
// *CardProblems and carries the same list as its Problems.
type CardProblems struct {
	File     string
	Problems []Problem
}

// Error lists every problem, one per line, each prefixed with the file.
func (cp *CardProblems) Error() string {
	lines := make([]string, len(cp.Problems))
	for i, p := range cp.Problems {
		lines[i] = cp.File + ": " + p.String()
	}
	return strings.Join(lines, "\n")
}

// ParseCard reads a tend.card/v1 document. file names it in messages.
// Practice ids that are neither in idx nor custom (starting "x-") are
// dropped with a warning naming the closest known id. Any other malformed content is an
// error (code EINVALID) naming the file and field path. Expiry is not
// checked here: see Card.Expired.
func ParseCard(file string, data []byte, idx PracticeIndex) (*Card, []Problem, error) {
	p := &cardParser{idx: idx}
	c := p.parse(data)
	if len(p.errs) > 0 {
		cp := &CardProblems{File: file, Problems: p.errs}
		msg := file + ": " + p.errs[0].String()
		if n := p.nerrs - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more %s)", n, plural(n, "problem", "problems"))
		}
		return nil, p.warnings(), &Error{Code: EINVALID, Message: msg, Err: cp, Problems: slices.Clone(p.errs)}
	}
	return c, p.warnings(), nil
}

// warnings returns the warnings kept, with a last one counting the rest.
func (p *cardParser) warnings() []Problem {
	if p.nwarns > len(p.warns) {
		n := p.nwarns - len(p.warns)
		return append(p.warns, Problem{"", fmt.Sprintf("and %d more unknown practice %s, also ignored", n, plural(n, "id", "ids"))})
	}
	return p.warns
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type cardParser struct {
	idx     PracticeIndex
	errs    []Problem
	nerrs   int
	warns   []Problem
	nwarns  int
	guesses int
}

func (p *cardParser) errf(path, format string, args ...any) {
	p.nerrs++
	if len(p.errs) < maxProblems {
		p.errs = append(p.errs, Problem{path, fmt.Sprintf(format, args...)})
	}
}

func (p *cardParser) parse(data []byte) *Card {
	if len(data) > MaxCardBytes {
		p.errf("", "the file is %d KiB; a card may be at most %d KiB", (len(data)+1023)/1024, MaxCardBytes>>10)
		return nil
	}
	if !utf8.Valid(data) {
		p.errf("", "the file is not UTF-8 text; save it as UTF-8")
		return nil
	}
	if at := InvalidJSONText(data); at >= 0 {
		p.errf("", "byte %d: a \\u escape is half of a pair (a lone surrogate), which is no character; write the character itself", at)
		return nil
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		p.errf("", "%s", jsonSyntaxMessage(data, err))
		return nil
	}
	fields, ok := p.object("", raw)
	if !ok {
		return nil
	}
	c := &Card{}
	seenTend := false
	for _, f := range fields {
		path := f.key
		switch f.key {
		case "tend":
			seenTend = true
			var v string
			if p.str(path, f.val, &v) && v != CardVersion {
				p.errf(path, "%s is not a card version Tend reads; use %q", quote(v), CardVersion)
			}
			c.Tend = v
		case "name":
			p.text(path, f.val, &c.Name, 1, MaxNameLen, false)
		case "pronouns":
			p.text(path, f.val, &c.Pronouns, 0, MaxPronounsLen, false)
		case "created":
			p.time(path, f.val, &c.Created)
		case "expires":
			p.time(path, f.val, &c.Expires)
		case "receive":
			c.Receive = p.receiveMap(path, f.val)
		case "give":
			c.Give = p.giveMap(path, f.val)
		case "comments":
			c.Comments = p.comments(path, f.val)
		case "custom":
			c.Custom = p.custom(path, f.val)
		case "space_first_minutes":
			p.integer(path, f.val, &c.SpaceFirstMinutes, 0, MaxSpaceMinutes)
		case "notes":
			c.Notes = p.texts(path, f.val, MaxNotes, MaxNoteLen, true)
		case "avoid":
			c.Avoid = p.texts(path, f.val, MaxNotes, MaxNoteLen, true)
		case "drop":
			c.Drop = p.drop(path, f.val)
		case "encounters":
			c.Encounters = p.encounters(path, f.val)
		default:
			p.errf(pathKey("", f.key), "is not a field of %s; check the spelling (fields: tend, name, pronouns, created, expires, receive, give, comments, custom, space_first_minutes, notes, avoid, drop, encounters)", CardVersion)
		}
	}
	if !seenTend {
		p.errf("tend", "is missing; a card starts with \"tend\": %q", CardVersion)
	}
	if c.Name == "" && !hasField(fields, "name") {
		p.errf("name", "is missing; give the name partners call this person")
	}
	if !c.Created.IsZero() && !c.Expires.IsZero() && !c.Expires.After(c.Created) {
		p.errf("expires", "%s is not after created (%s)", c.Expires.Format(time.RFC3339), c.Created.Format(time.RFC3339))
	}
	return c
}

func hasField(fields []field, key string) bool {
	for _, f := range fields {
		if f.key == key {
			return true
		}
	}
	return false
}

type field struct {
	key string
	val json.RawMessage
}

// object splits a JSON object into its fields in order, refusing
// duplicate keys (encoding/json would silently keep the last one).
func (p *cardParser) object(path string, raw json.RawMessage) ([]field, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		if path == "" {
			p.errf(path, "a card must be a JSON object {…}, not %s", jsonKind(raw))
			return nil, false
		}
		p.errf(path, "must be an object {…}, not %s", jsonKind(raw))
		return nil, false
	}
	var fields []field
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p.errf(path, "is not valid JSON")
			return nil, false
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			p.errf(pathKey(path, key), "is not valid JSON")
			return nil, false
		}
		if seen[key] {
			p.errf(pathKey(path, key), "appears twice; keep one")
			continue
		}
		seen[key] = true
		fields = append(fields, field{key, val})
	}
	return fields, true
}
