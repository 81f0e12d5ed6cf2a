package live

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
)

// A notification's payload carries ids only, never users' text:
// "<node id> <encounter id> <seq>", "<node id> out <person id>" for a
// person signed out, or "<node id> inbox <person id>" for a person's
// inbox, where the node id tells a broker its own echo apart.

// newNodeID returns a random node id: 16 lowercase hex digits.
func newNodeID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// formatPayload returns the payload for n published by node.
func formatPayload(node string, n News) string {
	if n.SignedOut != "" {
		return node + " out " + n.SignedOut
	}
	if n.Inbox != "" {
		return node + " inbox " + n.Inbox
	}
	return node + " " + n.Encounter + " " + strconv.FormatInt(n.Seq, 10)
}

// parsePayload reads a payload written by formatPayload, strictly: it
// accepts only exactly what formatPayload writes for valid news.
func parsePayload(s string) (node string, n News, ok bool) {
	node, rest, ok1 := strings.Cut(s, " ")
	enc, seq, ok2 := strings.Cut(rest, " ")
	if ok1 && ok2 && (enc == "out" || enc == "inbox") && isNodeID(node) {
		n = News{SignedOut: seq}
		if enc == "inbox" {
			n = News{Inbox: seq}
		}
		if n.validate() != nil || formatPayload(node, n) != s {
			return "", News{}, false
		}
		return node, n, true
	}
	if !ok1 || !ok2 || !isNodeID(node) || !isDecimal(seq) {
		return "", News{}, false
	}
	i, err := strconv.ParseInt(seq, 10, 64)
	n = News{Encounter: enc, Seq: i}
	if err != nil || n.validate() != nil {
		return "", News{}, false
	}
	return node, n, true
}

// isNodeID reports whether s looks like what newNodeID returns.
func isNodeID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// isDecimal reports whether s is a positive number as strconv writes it:
// digits only, without sign or leading zero.
func isDecimal(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
