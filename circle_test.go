package tend_test

import (
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// TestValidateShare: what a member lets a circle see: everything, the
// levels, or some practices, which must then be named (and only then).
func TestValidateShare(t *testing.T) {
	many := make([]string, tend.MaxLevels+1)
	for i := range many {
		many[i] = "water"
	}
	tests := []struct {
		name      string
		share     tend.Share
		practices []string
		bad       string // the field with the problem; "" for none
	}{
		{"Everything", tend.ShareAll, nil, ""},
		{"Levels", tend.ShareLevels, nil, ""},
		{"Some", tend.ShareSome, []string{"water", "x-song"}, ""},
		{"SomeAtMax", tend.ShareSome, many[:tend.MaxLevels], ""},
		{"SomeOverMax", tend.ShareSome, many, "practices"},
		{"SomeOfNothing", tend.ShareSome, nil, "practices"},
		{"EverythingWithPractices", tend.ShareAll, []string{"water"}, "practices"},
		{"LevelsWithPractices", tend.ShareLevels, []string{"water"}, "practices"},
		{"SomeNotAnID", tend.ShareSome, []string{"Water"}, "practices"},
		{"Unknown", "all", nil, "share"},
		{"Empty", "", nil, "share"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tend.ValidateShare(tc.share, tc.practices)
			if tc.bad == "" {
				if err != nil {
					t.Errorf("got %v, want none", err)
				}
				return
			}
			if tend.ErrorCode(err) != tend.EINVALID || !strings.HasPrefix(tend.ErrorMessage(err), tc.bad+": ") {
				t.Errorf("got %v, want %s at %q", err, tend.EINVALID, tc.bad)
			}
		})
	}
}

func TestCircleMember(t *testing.T) {
	c := &tend.Circle{Members: []*tend.Member{{PersonID: "a"}, {PersonID: "b"}}}
	if m := c.Member("b"); m == nil || m.PersonID != "b" {
		t.Errorf("member b: got %+v", m)
	}
	if m := c.Member("z"); m != nil {
		t.Errorf("someone else: got %+v, want nil", m)
	}
	e := &tend.Encounter{Members: []*tend.Participant{{PersonID: "a"}, {PersonID: "b"}}}
	if m := e.Member("b"); m == nil || m.PersonID != "b" {
		t.Errorf("participant b: got %+v", m)
	}
	if m := e.Member("z"); m != nil {
		t.Errorf("someone else in an encounter: got %+v, want nil", m)
	}
}

// TestPasskeyValidate: a passkey's parts are bounded before they are
// stored.
func TestPasskeyValidate(t *testing.T) {
	ok := func() *tend.Passkey {
		return &tend.Passkey{Name: " phone ", CredentialID: []byte{1}, PublicKey: []byte{2}, Transports: []string{"usb", "hybrid"}}
	}
	tests := []struct {
		name   string
		change func(k *tend.Passkey)
		ok     bool
	}{
		{"Fine", func(k *tend.Passkey) {}, true},
		{"NoName", func(k *tend.Passkey) { k.Name = " " }, false},
		{"NoCredentialID", func(k *tend.Passkey) { k.CredentialID = nil }, false},
		{"CredentialIDAtMax", func(k *tend.Passkey) { k.CredentialID = make([]byte, tend.MaxCredentialIDLen) }, true},
		{"CredentialIDOverMax", func(k *tend.Passkey) { k.CredentialID = make([]byte, tend.MaxCredentialIDLen+1) }, false},
		{"NoPublicKey", func(k *tend.Passkey) { k.PublicKey = nil }, false},
		{"PublicKeyAtMax", func(k *tend.Passkey) { k.PublicKey = make([]byte, tend.MaxPasskeyKeyLen) }, true},
		{"PublicKeyOverMax", func(k *tend.Passkey) { k.PublicKey = make([]byte, tend.MaxPasskeyKeyLen+1) }, false},
		{"NoTransports", func(k *tend.Passkey) { k.Transports = nil }, true},
		{"EightTransports", func(k *tend.Passkey) { k.Transports = strings.Fields("a b c d e f g h") }, true},
		{"NineTransports", func(k *tend.Passkey) { k.Transports = strings.Fields("a b c d e f g h i") }, false},
		{"TransportEmpty", func(k *tend.Passkey) { k.Transports = []string{""} }, false},
		{"TransportAtMax", func(k *tend.Passkey) { k.Transports = []string{strings.Repeat("z", 32)} }, true},
		{"TransportOverMax", func(k *tend.Passkey) { k.Transports = []string{strings.Repeat("z", 33)} }, false},
		{"TransportCapitals", func(k *tend.Passkey) { k.Transports = []string{"USB"} }, false},
		{"TransportControl", func(k *tend.Passkey) { k.Transports = []string{"usb\x1b"} }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := ok()
			tc.change(k)
			err := k.Validate()
			if tc.ok {
				if err != nil {
					t.Fatalf("got %v, want none", err)
				}
				if k.Name != "phone" {
					t.Errorf("name: got %q, want it trimmed", k.Name)
				}
				return
			}
			if tend.ErrorCode(err) != tend.EINVALID {
				t.Errorf("got %v, want %s", err, tend.EINVALID)
			}
		})
	}
}

// TestLevels: which levels ask for a practice, decline it or offer it;
// consent rests on these.
func TestLevels(t *testing.T) {
	for _, tc := range []struct {
		r                       tend.Receive
		valid, wanted, declined bool
	}{
		{tend.Need, true, true, false},
		{tend.Like, true, true, false},
		{tend.Okay, true, false, false},
		{tend.RatherNot, true, false, true},
		{tend.Never, true, false, true},
		{"", false, false, false},
		{"sometimes", false, false, false},
	} {
		if tc.r.Valid() != tc.valid || tc.r.Wanted() != tc.wanted || tc.r.Declined() != tc.declined {
			t.Errorf("%q: got valid %v wanted %v declined %v, want %v %v %v", tc.r, tc.r.Valid(), tc.r.Wanted(), tc.r.Declined(), tc.valid, tc.wanted, tc.declined)
		}
	}
	for _, tc := range []struct {
		g              tend.Give
		valid, offered bool
	}{
		{tend.Glad, true, true}, {tend.Willing, true, true}, {tend.No, true, false}, {"", false, false}, {"maybe", false, false},
	} {
		if tc.g.Valid() != tc.valid || tc.g.Offered() != tc.offered {
			t.Errorf("%q: got valid %v offered %v, want %v %v", tc.g, tc.g.Valid(), tc.g.Offered(), tc.valid, tc.offered)
		}
	}
	for _, m := range []tend.Mode{tend.Given, tend.Together, tend.Self} {
		if !m.Valid() {
			t.Errorf("mode %q: got invalid", m)
		}
	}
	for _, k := range tend.Kinds() {
		if !k.Valid() {
			t.Errorf("kind %q: got invalid", k)
		}
	}
	for _, p := range []tend.Phase{tend.First, tend.Soon, tend.Later} {
		if !p.Valid() {
			t.Errorf("phase %q: got invalid", p)
		}
	}
	if tend.Mode("alone").Valid() || tend.Kind("rough").Valid() || tend.Phase("now").Valid() || tend.Share("all").Valid() {
		t.Error("an unknown mode, kind, phase or share is valid")
	}
	if tend.First.Rank() != 0 || tend.Soon.Rank() != 1 || tend.Later.Rank() != 2 {
		t.Errorf("ranks: got %d %d %d, want 0 1 2", tend.First.Rank(), tend.Soon.Rank(), tend.Later.Rank())
	}
}

func TestPracticeWords(t *testing.T) {
	tests := []struct {
		p      tend.Practice
		phrase string
	}{
		{tend.Practice{ID: "water", Title: "A glass of water"}, "a glass of water"},
		{tend.Practice{ID: "tv", Title: "TV together"}, "TV together"},
		{tend.Practice{ID: "journal", Title: "I write it down"}, "I write it down"},
		{tend.Practice{ID: "x-song", Title: "Our song"}, `"Our song"`},
		{tend.Practice{ID: "blank"}, `""`},
		{tend.Practice{ID: "a", Title: "A"}, "a"},
		{tend.Practice{ID: "az", Title: "AZ"}, "AZ"},
		{tend.Practice{ID: "aa", Title: "AA"}, "AA"},
		{tend.Practice{ID: "a@", Title: "A@"}, "a@"},
		{tend.Practice{ID: "a[", Title: "A["}, "a["},
	}
	for _, tc := range tests {
		if got := tc.p.Phrase(); got != tc.phrase {
			t.Errorf("Phrase(%q): got %q, want %q", tc.p.Title, got, tc.phrase)
		}
	}
	p := tend.Practice{ID: "x-song", Kinds: []tend.Kind{tend.Gentle, tend.Solo}}
	if !p.Custom() || !p.Suits(tend.Solo) || p.Suits(tend.Intense) {
		t.Errorf("x-song: got custom %v, suits solo %v, suits intense %v", p.Custom(), p.Suits(tend.Solo), p.Suits(tend.Intense))
	}
	if (&tend.Practice{ID: "water"}).Custom() {
		t.Error("water: got custom")
	}
}
