package tend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
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
// *CardProblems; use errors.As to list every problem.
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
// Practice ids that are neither in idx nor custom ("x-…") are dropped with
// a warning naming the closest known id. Any other malformed content is an
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
		return nil, p.warnings(), &Error{Code: EINVALID, Message: msg, Err: cp}
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

func (p *cardParser) str(path string, raw json.RawMessage, dst *string) bool {
	if err := json.Unmarshal(raw, dst); err != nil {
		p.errf(path, "must be a string in quotes, not %s", jsonKind(raw))
		return false
	}
	return true
}

// text reads a string field, trims it, and checks its length in
// characters and that it holds no control characters (which could rewrite
// a terminal). multiline allows line breaks and tabs.
func (p *cardParser) text(path string, raw json.RawMessage, dst *string, min, max int, multiline bool) bool {
	var v string
	if !p.str(path, raw, &v) {
		return false
	}
	v = strings.TrimSpace(v)
	n := utf8.RuneCountInString(v)
	switch {
	case n < min && n == 0:
		p.errf(path, "must not be empty")
		return false
	case n > max:
		p.errf(path, "is %d characters long; the limit is %d", n, max)
		return false
	}
	visible := false
	for _, r := range v {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) || bidiControl(r) {
			p.errf(path, "contains a control character (%U); remove it", r)
			return false
		}
		visible = visible || unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r)
	}
	if min > 0 && !visible {
		p.errf(path, "has no visible character; write it out")
		return false
	}
	*dst = v
	return true
}

// bidiControl reports whether r reorders text direction: such characters
// can make a name or note display differently from what it says.
func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

func (p *cardParser) texts(path string, raw json.RawMessage, maxItems, maxLen int, multiline bool) []string {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		p.errf(path, "must be a list [\"…\"] of texts, not %s", jsonKind(raw))
		return nil
	}
	if len(items) > maxItems {
		p.errf(path, "has %d entries; the limit is %d", len(items), maxItems)
		return nil
	}
	var out []string // nil when empty, so that [] and null read the same
	for i, item := range items {
		var v string
		if p.text(path+"["+strconv.Itoa(i)+"]", item, &v, 1, maxLen, multiline) {
			out = append(out, v)
		}
	}
	return out
}

func (p *cardParser) time(path string, raw json.RawMessage, dst *time.Time) {
	var v string
	if !p.str(path, raw, &v) {
		return
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.errf(path, "%s is not an RFC 3339 time; write it like \"2026-12-24T21:00:00Z\"", quote(v))
		return
	}
	t = t.UTC()
	if t.Year() < 1970 || t.Year() > 9999 {
		// Year 1 is Go's zero time, which means "not set", and an offset
		// can move year 9999 past what can be written back.
		p.errf(path, "%s is outside the years 1970 to 9999", quote(v))
		return
	}
	*dst = t
}

func (p *cardParser) integer(path string, raw json.RawMessage, dst *int, min, max int) {
	// json.Number would also take "10" in quotes, and null: only a bare
	// number is a number here.
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t := bytes.TrimSpace(raw); len(t) == 0 || !(t[0] == '-' || t[0] >= '0' && t[0] <= '9') {
		p.errf(path, "must be a whole number from %d to %d, not %s", min, max, jsonKind(raw))
		return
	}
	if err := dec.Decode(&n); err != nil {
		p.errf(path, "must be a whole number from %d to %d, not %s", min, max, jsonKind(raw))
		return
	}
	v, err := strconv.Atoi(n.String())
	if err != nil || v < min || v > max {
		p.errf(path, "%s is not a whole number from %d to %d", n, min, max)
		return
	}
	*dst = v
}

func (p *cardParser) practiceID(path, id string) bool {
	if IsCustomID(id) {
		if len(id) > MaxIDLen || !idPattern.MatchString(id[2:]) {
			p.errf(path, "%s is not a valid own-practice id; use x- then lowercase letters, digits and dashes (at most %d characters)", quote(id), MaxIDLen)
			return false
		}
		return true
	}
	if p.idx != nil {
		if _, ok := p.idx.Practice(id); ok {
			return true
		}
		p.nwarns++
		if len(p.warns) >= maxWarnings {
			return false
		}
		msg := quote(id) + " is not a practice in Tend's catalog; it is ignored"
		c := ""
		if p.guesses < maxSuggestions {
			p.guesses++
			c = p.idx.Closest(id)
		}
		if c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		} else {
			msg += " (run `tend catalog` to see the ids, or name your own practice x-…)"
		}
		p.warns = append(p.warns, Problem{path, msg})
		return false
	}
	return true
}

func (p *cardParser) levels(path string, raw json.RawMessage, each func(path, id string, raw json.RawMessage)) {
	fields, ok := p.object(path, raw)
	if !ok {
		return
	}
	if len(fields) > MaxLevels {
		p.errf(path, "has %d entries; the limit is %d", len(fields), MaxLevels)
		return
	}
	for _, f := range fields {
		fp := pathKey(path, f.key)
		if p.practiceID(fp, f.key) {
			each(fp, f.key, f.val)
		}
	}
}

func (p *cardParser) receiveLevel(path string, raw json.RawMessage) (Receive, bool) {
	var v string
	if !p.str(path, raw, &v) {
		return "", false
	}
	if r := Receive(v); r.Valid() {
		return r, true
	}
	p.errf(path, "%s is not one of need, like, okay, rather-not, never", quote(v))
	return "", false
}

func (p *cardParser) giveLevel(path string, raw json.RawMessage) (Give, bool) {
	var v string
	if !p.str(path, raw, &v) {
		return "", false
	}
	if g := Give(v); g.Valid() {
		return g, true
	}
	p.errf(path, "%s is not one of glad, willing, no", quote(v))
	return "", false
}

func (p *cardParser) receiveMap(path string, raw json.RawMessage) map[string]Receive {
	m := map[string]Receive{}
	p.levels(path, raw, func(fp, id string, v json.RawMessage) {
		if r, ok := p.receiveLevel(fp, v); ok {
			m[id] = r
		}
	})
	return nilIfEmpty(m)
}

func (p *cardParser) giveMap(path string, raw json.RawMessage) map[string]Give {
	m := map[string]Give{}
	p.levels(path, raw, func(fp, id string, v json.RawMessage) {
		if g, ok := p.giveLevel(fp, v); ok {
			m[id] = g
		}
	})
	return nilIfEmpty(m)
}

func (p *cardParser) comments(path string, raw json.RawMessage) map[string]string {
	m := map[string]string{}
	p.levels(path, raw, func(fp, id string, v json.RawMessage) {
		var s string
		if p.text(fp, v, &s, 1, MaxCommentLen, true) {
			m[id] = s
		}
	})
	return nilIfEmpty(m)
}

func nilIfEmpty[M ~map[K]V, K comparable, V any](m M) M {
	if len(m) == 0 {
		return nil
	}
	return m
}

func (p *cardParser) custom(path string, raw json.RawMessage) []CustomPractice {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		p.errf(path, "must be a list [{…}] of practices, not %s", jsonKind(raw))
		return nil
	}
	if len(items) > MaxCustom {
		p.errf(path, "has %d practices; the limit is %d", len(items), MaxCustom)
		return nil
	}
	var out []CustomPractice
	seen := map[string]bool{}
	for i, item := range items {
		ip := path + "[" + strconv.Itoa(i) + "]"
		fields, ok := p.object(ip, item)
		if !ok {
			continue
		}
		var cp CustomPractice
		good := true
		for _, f := range fields {
			fp := ip + "." + f.key
			switch f.key {
			case "id":
				if p.str(fp, f.val, &cp.ID) {
					if !IsCustomID(cp.ID) {
						p.errf(fp, "%s must start with x- (ids without it belong to Tend's catalog)", quote(cp.ID))
						good = false
					} else if !p.practiceID(fp, cp.ID) {
						good = false
					} else if seen[cp.ID] {
						p.errf(fp, "%s is used by another practice on this card; ids must be unique", quote(cp.ID))
						good = false
					}
					seen[cp.ID] = true
				} else {
					good = false
				}
			case "title":
				good = p.text(fp, f.val, &cp.Title, 1, MaxTitleLen, false) && good
			case "mode":
				var m string
				if p.str(fp, f.val, &m) {
					cp.Mode = Mode(m)
					if !cp.Mode.Valid() {
						p.errf(fp, "%s is not one of given, together, self", quote(m))
						good = false
					}
				} else {
					good = false
				}
			case "remote":
				good = p.boolean(fp, f.val, &cp.Remote) && good
			case "quick":
				good = p.boolean(fp, f.val, &cp.Quick) && good
			case "receive":
				r, ok := p.receiveLevel(fp, f.val)
				cp.Receive, good = r, ok && good
			case "give":
				g, ok := p.giveLevel(fp, f.val)
				cp.Give, good = g, ok && good
			default:
				p.errf(pathKey(ip, f.key), "is not a field of an own practice (fields: id, title, mode, remote, quick, receive, give)")
				good = false
			}
		}
		for _, req := range []string{"id", "title", "mode"} {
			if !hasField(fields, req) {
				p.errf(ip+"."+req, "is missing; an own practice needs an id, a title and a mode")
				good = false
			}
		}
		if good {
			out = append(out, cp)
		}
	}
	return out
}

func (p *cardParser) boolean(path string, raw json.RawMessage, dst *bool) bool {
	if err := json.Unmarshal(raw, dst); err != nil {
		p.errf(path, "must be true or false, not %s", jsonKind(raw))
		return false
	}
	return true
}

func (p *cardParser) drop(path string, raw json.RawMessage) *Drop {
	fields, ok := p.object(path, raw)
	if !ok {
		return nil
	}
	d := &Drop{}
	for _, f := range fields {
		fp := path + "." + f.key
		switch f.key {
		case "when":
			var v string
			if p.str(fp, f.val, &v) {
				d.When = DropWhen(v)
				if !d.When.Valid() {
					p.errf(fp, "%s is not one of none, same-day, next-day, days-later", quote(v))
				}
			}
		case "signs":
			d.Signs = p.texts(fp, f.val, MaxDropTexts, MaxDropTextLen, false)
		case "helps":
			d.Helps = p.texts(fp, f.val, MaxDropTexts, MaxDropTextLen, false)
		default:
			p.errf(pathKey(path, f.key), "is not a field of drop (fields: when, signs, helps)")
		}
	}
	if d.When == "" && !hasField(fields, "when") {
		p.errf(path+".when", "is missing; say when a drop tends to come: none, same-day, next-day or days-later")
	}
	return d
}

func (p *cardParser) encounters(path string, raw json.RawMessage) map[Kind]*Override {
	fields, ok := p.object(path, raw)
	if !ok {
		return nil
	}
	out := map[Kind]*Override{}
	for _, f := range fields {
		kp := pathKey(path, f.key)
		k := Kind(f.key)
		if !k.Valid() {
			p.errf(kp, "%s is not an encounter kind; use one of %s", quote(f.key), kindList())
			continue
		}
		ofields, ok := p.object(kp, f.val)
		if !ok {
			continue
		}
		o := &Override{}
		for _, of := range ofields {
			fp := kp + "." + of.key
			switch of.key {
			case "receive":
				o.Receive = p.receiveMap(fp, of.val)
			case "give":
				o.Give = p.giveMap(fp, of.val)
			case "minutes":
				p.integer(fp, of.val, &o.Minutes, 1, MaxKindMinutes)
			default:
				p.errf(pathKey(kp, of.key), "is not a field of an encounter adjustment (fields: receive, give, minutes)")
			}
		}
		out[k] = o
	}
	return nilIfEmpty(out)
}

func kindList() string {
	ks := Kinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// pathKey joins a field path and a key, quoting keys that are not plain
// words so that the path stays readable and unambiguous.
func pathKey(path, key string) string {
	if !plainKey(key) {
		key = quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(s string) bool {
	if s == "" || len(s) > MaxIDLen {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// quote quotes a value for a message, shortening long ones.
func quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuotedValueLen {
		r := []rune(s)
		return strconv.Quote(string(r[:maxQuotedValueLen])) + "…"
	}
	return strconv.Quote(s)
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return "the text " + quote(s)
		}
		return "a text"
	case 't', 'f':
		return "true/false"
	case 'n':
		return "null"
	}
	return "the number " + quote(string(raw))
}

// jsonSyntaxMessage turns a decoding error into "line L, column C: what".
func jsonSyntaxMessage(data []byte, err error) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "the file is empty; a card is a JSON object {…} (see `tend card new`)"
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, up to and including the bad one.
		line, col := lineCol(data, int(se.Offset)-1)
		return fmt.Sprintf("line %d, column %d: this is not valid JSON (%s)", line, col, se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || len(bytes.TrimSpace(data)) == 0 {
		return "the file is empty or ends too soon; a card is a JSON object {…}"
	}
	return "this is not valid JSON (" + err.Error() + ")"
}

func lineCol(data []byte, off int) (int, int) {
	off = max(off, 0)
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
