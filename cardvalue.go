package tend

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

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
	if problem := textProblem(v, min, max, multiline); problem != "" {
		p.errf(path, "%s", problem)
		return false
	}
	*dst = v
	return true
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

// level reads one word of a fixed set: a receive or a give level.
func level[L ~string](p *cardParser, path string, raw json.RawMessage, valid func(L) bool, words string) (L, bool) {
	var v string
	if !p.str(path, raw, &v) {
		return "", false
	}
	if l := L(v); valid(l) {
		return l, true
	}
	p.errf(path, "%s is not one of %s", quote(v), words)
	return "", false
}

// levelMap reads a practice id → level object, dropping unknown ids with
// a warning and reporting bad levels.
func levelMap[L ~string](p *cardParser, path string, raw json.RawMessage, valid func(L) bool, words string) map[string]L {
	m := map[string]L{}
	p.levels(path, raw, func(fp, id string, v json.RawMessage) {
		if l, ok := level(p, fp, v, valid, words); ok {
			m[id] = l
		}
	})
	return nilIfEmpty(m)
}

const (
	receiveWords = "need, like, okay, rather-not, never"
	giveWords    = "glad, willing, no"
)

func (p *cardParser) receiveLevel(path string, raw json.RawMessage) (Receive, bool) {
	return level(p, path, raw, Receive.Valid, receiveWords)
}

func (p *cardParser) giveLevel(path string, raw json.RawMessage) (Give, bool) {
	return level(p, path, raw, Give.Valid, giveWords)
}

func (p *cardParser) receiveMap(path string, raw json.RawMessage) map[string]Receive {
	return levelMap(p, path, raw, Receive.Valid, receiveWords)
}

func (p *cardParser) giveMap(path string, raw json.RawMessage) map[string]Give {
	return levelMap(p, path, raw, Give.Valid, giveWords)
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
