package tend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
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
