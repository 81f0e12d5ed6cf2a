package tend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// jsonSyntaxMessage turns a decoding error into "line L, column C (at
// “x”): what is wrong", in plain words: people paste cards from chats and
// notes apps, and the decoder's own words ("invalid character 'o' in
// literal null") tell them nothing.
func jsonSyntaxMessage(data []byte, err error) string {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return "the file is empty; a card is a JSON object {…} (see `tend card new`)"
	}
	if trimmed[0] != '{' {
		off := bytes.Index(data, trimmed[:1])
		line, col := lineCol(data, off)
		return fmt.Sprintf("line %d, column %d (at %s): a card file starts with {; this looks like something else. Use the whole file, from its first { to its last }", line, col, quoteByte(data, off))
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) || se.Offset > int64(len(data)) || errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(se.Error(), "unexpected end") {
		line, col := lineCol(data, len(bytes.TrimRightFunc(data, unicode.IsSpace)))
		return fmt.Sprintf("line %d, column %d: the card ends too soon; a closing }, ] or \" may be missing, or only part of the file was copied", line, col)
	}
	// Offset counts the bytes read, up to and including the bad one.
	off := int(se.Offset) - 1
	line, col := lineCol(data, off)
	return fmt.Sprintf("line %d, column %d (at %s): %s", line, col, quoteByte(data, off), syntaxWords(data, off, se.Error()))
}

// syntaxWords says what is wrong at data[off], from what the decoder was
// reading there.
func syntaxWords(data []byte, off int, what string) string {
	r, _ := utf8.DecodeRune(data[off:])
	switch {
	case r == '“' || r == '”' || r == '„' || r == '‘' || r == '’':
		return "curly quotes are not JSON's; use straight double quotes \" (a word processor or phone may have changed them)"
	case r == '\'':
		return "use double quotes \" around names and text, not single quotes '"
	case strings.Contains(what, "in string literal"):
		return "a text in quotes holds a line break, tab or other control character; keep it on one line, and write a line break as \\n"
	case strings.Contains(what, "in string escape code"):
		return "a backslash \\ in a text starts a special character; to write a backslash itself, write it twice: \\\\"
	case strings.Contains(what, "looking for beginning of object key string"):
		if r == '}' {
			return "there is a comma before this }; remove the last comma"
		}
		return "a name in double quotes was expected here, like \"notes\""
	case strings.Contains(what, "after object key:value pair"):
		return "a comma , or a closing } is missing before this"
	case strings.Contains(what, "after array element"):
		return "a comma , or a closing ] is missing before this"
	case strings.Contains(what, "after object key"):
		return "a colon : is missing between the name and its value"
	case strings.Contains(what, "looking for beginning of value"):
		if r == ']' || r == '}' {
			return "there is a comma before this; remove the last comma"
		}
		return "a value was expected here: a text in double quotes, a number, true, false, null, a list […] or an object {…}"
	case strings.Contains(what, "in literal"):
		return "true, false and null are written in small letters without quotes; a text needs double quotes around it"
	case strings.Contains(what, "in numeric literal"), strings.Contains(what, "in exponent"), strings.Contains(what, "after decimal point"):
		return "a number is written with digits only, like 15 or 2.5"
	case strings.Contains(what, "after top-level value"):
		return "there is more after the card's last }; a card file holds one object, so remove the rest"
	}
	return "this is not how a card file is written (JSON); compare it with one made by `tend card new`"
}

// quoteByte shows the character at data[off] for a message: quoted, or
// named when it would not show.
func quoteByte(data []byte, off int) string {
	if off < 0 || off >= len(data) {
		return "the end"
	}
	r, _ := utf8.DecodeRune(data[off:])
	switch {
	case r == utf8.RuneError:
		return "a byte that is not UTF-8 text"
	case unicode.IsSpace(r) || unicode.IsControl(r) || !Visible(r):
		return fmt.Sprintf("an invisible character, %U", r)
	}
	return "“" + string(r) + "”"
}

func lineCol(data []byte, off int) (int, int) {
	off = max(off, 0)
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		switch {
		case b == '\n':
			line, col = line+1, 1
		case b&0xC0 != 0x80: // characters, not the bytes that go on with one
			col++
		}
	}
	return line, col
}
