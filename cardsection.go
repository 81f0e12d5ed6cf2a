package tend

import (
	"encoding/json"
	"strconv"
	"strings"
)

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
