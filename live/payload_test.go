package live

import (
	"strings"
	"testing"
)

func TestParsePayload(t *testing.T) {
	const node, enc = "0123456789abcdef", "0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c"
	for _, tc := range []struct {
		name    string
		payload string
		ok      bool
	}{
		{"Valid", node + " " + enc + " 42", true},
		{"BigSeq", node + " " + enc + " 9223372036854775807", true},
		{"Empty", "", false},
		{"TwoFields", node + " " + enc, false},
		{"FourFields", node + " " + enc + " 1 2", false},
		{"DoubleSpace", node + "  " + enc + " 1", false},
		{"TrailingNewline", node + " " + enc + " 1\n", false},
		{"ShortNode", "0123 " + enc + " 1", false},
		{"UppercaseNode", strings.ToUpper(node) + " " + enc + " 1", false},
		{"UppercaseEncounter", node + " " + strings.ToUpper(enc) + " 1", false},
		{"NotUUID", node + " not-a-uuid 1", false},
		{"SeqZero", node + " " + enc + " 0", false},
		{"SeqNegative", node + " " + enc + " -1", false},
		{"SeqPlus", node + " " + enc + " +1", false},
		{"SeqLeadingZero", node + " " + enc + " 01", false},
		{"SeqOverflow", node + " " + enc + " 9223372036854775808", false},
		{"SeqNotNumber", node + " " + enc + " one", false},
		{"UsersText", "I feel shaky, please bring water", false},
		{"SignedOut", node + " out " + enc, true},
		{"SignedOutNotUUID", node + " out sam", false},
		{"SignedOutUppercase", node + " out " + strings.ToUpper(enc), false},
		{"SignedOutWithSeq", node + " out " + enc + " 1", false},
		{"OutAsEncounter", node + " out 1", false},
		{"Inbox", node + " inbox " + enc, true},
		{"InboxNotUUID", node + " inbox sam", false},
		{"InboxWithSeq", node + " inbox " + enc + " 1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, ok := parsePayload(tc.payload)
			if ok != tc.ok {
				t.Fatalf("parsePayload(%q) ok = %v, want %v", tc.payload, ok, tc.ok)
			}
		})
	}
}

// FuzzParsePayload checks that parsePayload accepts only what
// formatPayload writes for valid news, and reads back what it wrote.
func FuzzParsePayload(f *testing.F) {
	for _, s := range []string{
		"0123456789abcdef 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c 1",
		"0123456789abcdef out 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c",
		"0123456789abcdef inbox 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c",
		"0123456789abcdef 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c 9223372036854775807",
		"0123456789abcdef 0196F0D2-7B3E-7C41-9A0E-5B2D7E1F3A4C 1",
		"0123456789abcdef {0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c} 1",
		"0123456789abcdef 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c +1",
		"0123456789abcdef 0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c 0x1",
		"0123456789abcdef  1",
		"",
		" ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		node, n, ok := parsePayload(s)
		if !ok {
			return
		}
		if err := n.validate(); err != nil {
			t.Fatalf("parsePayload(%q) accepted invalid news %v: %v", s, n, err)
		}
		if got := formatPayload(node, n); got != s {
			t.Fatalf("parsePayload(%q) read node %q and %v, which format as %q", s, node, n, got)
		}
	})
}

func TestFormatPayload(t *testing.T) {
	n := News{Encounter: "0196f0d2-7b3e-7c41-9a0e-5b2d7e1f3a4c", Seq: 7}
	node := newNodeID()
	gotNode, got, ok := parsePayload(formatPayload(node, n))
	if !ok || gotNode != node || got != n {
		t.Fatalf("parsePayload(formatPayload(%q, %v)) = %q, %v, %v", node, n, gotNode, got, ok)
	}
	if other := newNodeID(); other == node {
		t.Fatalf("two node ids are both %q", node)
	}
}
