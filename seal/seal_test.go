package seal_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/tendcare/tend/seal"
)

func mustSealer(tb testing.TB) *seal.Sealer {
	tb.Helper()
	k, err := seal.NewKey()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := seal.New(k)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func mustDataKey(tb testing.TB, s *seal.Sealer, owner string) (*seal.DataKey, []byte) {
	tb.Helper()
	dk, wrapped, err := s.NewDataKey(owner)
	if err != nil {
		tb.Fatal(err)
	}
	return dk, wrapped
}

var here = seal.Place{Table: "profiles", Column: "notes", Row: "0193a6f0-0000-7000-8000-000000000001", Owner: "person-1"}

func TestRoundTrip(t *testing.T) {
	s := mustSealer(t)
	dk, wrapped := mustDataKey(t, s, "person-1")
	for _, text := range []string{"", "I sometimes cry afterwards.", "émoji 🫂 and\nnew lines", string(bytes.Repeat([]byte("x"), 100000))} {
		sealed := dk.SealString(text, here)
		if bytes.Contains(sealed, []byte(text)) && text != "" {
			t.Fatalf("sealed value contains the plaintext")
		}
		got, err := dk.OpenString(sealed, here)
		if err != nil || got != text {
			t.Fatalf("Open: got %q, %v; want %q", got, err, text)
		}
		// A data key unwrapped from storage opens it too.
		again, err := s.DataKey("person-1", wrapped)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := again.OpenString(sealed, here); err != nil || got != text {
			t.Fatalf("Open with the unwrapped key: got %q, %v", got, err)
		}
	}
}

func TestSealTwiceDiffers(t *testing.T) {
	dk, _ := mustDataKey(t, mustSealer(t), "person-1")
	a, b := dk.SealString("same", here), dk.SealString("same", here)
	if bytes.Equal(a, b) {
		t.Fatalf("sealing the same text twice gave the same bytes: the nonce is not random")
	}
}

// TestBoundToPlace checks that a sealed value opens only where it was
// sealed: moved to another table, column, row or owner, it does not.
func TestBoundToPlace(t *testing.T) {
	dk, _ := mustDataKey(t, mustSealer(t), "person-1")
	sealed := dk.SealString("private", here)
	moved := func(f func(p *seal.Place)) seal.Place { p := here; f(&p); return p }
	tests := []struct {
		name  string
		place seal.Place
	}{
		{"OtherTable", moved(func(p *seal.Place) { p.Table = "journals" })},
		{"OtherColumn", moved(func(p *seal.Place) { p.Column = "avoid" })},
		{"OtherRow", moved(func(p *seal.Place) { p.Row += "2" })},
		{"OtherOwner", moved(func(p *seal.Place) { p.Owner = "person-2" })},
		// Length prefixes keep fields from running into each other.
		{"TableRunsIntoColumn", seal.Place{Table: "profilesnotes", Column: "", Row: here.Row, Owner: here.Owner}},
		{"ColumnRunsIntoRow", seal.Place{Table: here.Table, Column: "notes" + here.Row, Row: "", Owner: here.Owner}},
		{"RowRunsIntoOwner", seal.Place{Table: here.Table, Column: here.Column, Row: here.Row + "person-1", Owner: ""}},
		{"FieldsSwapped", seal.Place{Table: here.Column, Column: here.Table, Row: here.Row, Owner: here.Owner}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := dk.Open(sealed, tc.place); !errors.Is(err, seal.ErrOpen) {
				t.Fatalf("got %v, want ErrOpen", err)
			}
		})
	}
}

func TestTampered(t *testing.T) {
	dk, _ := mustDataKey(t, mustSealer(t), "person-1")
	sealed := dk.SealString("private", here)
	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := dk.Open(bad, here); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("byte %d changed: got %v, want ErrOpen", i, err)
		}
	}
	for _, short := range [][]byte{nil, {}, {0x01}, sealed[:10], sealed[:len(sealed)-1]} {
		if _, err := dk.Open(short, here); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("%d bytes: got %v, want ErrOpen", len(short), err)
		}
	}
}

func TestOtherPersonsKey(t *testing.T) {
	s := mustSealer(t)
	mine, _ := mustDataKey(t, s, "person-1")
	theirs, _ := mustDataKey(t, s, "person-2")
	if _, err := theirs.Open(mine.SealString("private", here), here); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("another person's key opened it: %v", err)
	}
}

func TestWrappedKeyBoundToOwner(t *testing.T) {
	s := mustSealer(t)
	_, wrapped := mustDataKey(t, s, "person-1")
	if _, err := s.DataKey("person-2", wrapped); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("a wrapped key opened for another owner: %v", err)
	}
	bad := bytes.Clone(wrapped)
	bad[len(bad)-1] ^= 1
	if _, err := s.DataKey("person-1", bad); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("a changed wrapped key opened: %v", err)
	}
}

func TestOtherServerKey(t *testing.T) {
	_, wrapped := mustDataKey(t, mustSealer(t), "person-1")
	if _, err := mustSealer(t).DataKey("person-1", wrapped); !errors.Is(err, seal.ErrOtherServerKey) {
		t.Fatalf("got %v, want ErrOtherServerKey", err)
	}
}

// TestShredding: without the wrapped data key, a sealed value cannot be
// opened by anyone holding the server key, which is what deleting a
// person's key relies on.
func TestShredding(t *testing.T) {
	s := mustSealer(t)
	dk, _ := mustDataKey(t, s, "person-1")
	sealed := dk.SealString("private", here)
	// A new data key for the same person (as after deleting the old one)
	// does not open the old text.
	fresh, _ := mustDataKey(t, s, "person-1")
	if _, err := fresh.Open(sealed, here); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("a new key for the same person opened old text: %v", err)
	}
}

func FuzzOpen(f *testing.F) {
	s := mustSealer(f)
	dk, wrapped := mustDataKey(f, s, "person-1")
	f.Add(dk.SealString("hello", here), wrapped)
	f.Add([]byte{}, []byte{})
	f.Add([]byte{0x01}, []byte{0x01, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, sealed, wrapped []byte) {
		if out, err := dk.Open(sealed, here); err == nil {
			// Only a real sealed value opens; re-sealing what came out
			// must open to the same again.
			if got, err := dk.Open(dk.Seal(out, here), here); err != nil || !bytes.Equal(got, out) {
				t.Fatalf("re-seal: %v", err)
			}
		}
		if _, err := s.DataKey("person-1", wrapped); err != nil && !errors.Is(err, seal.ErrOpen) && !errors.Is(err, seal.ErrOtherServerKey) {
			t.Fatalf("DataKey: unexpected error %v", err)
		}
	})
}

func BenchmarkSeal(b *testing.B) {
	dk, _ := mustDataKey(b, mustSealer(b), "person-1")
	text := []byte("I sometimes cry afterwards. It is not a bad sign: hold me and let it pass.")
	b.ReportAllocs()
	for b.Loop() {
		dk.Seal(text, here)
	}
}

func BenchmarkOpen(b *testing.B) {
	dk, _ := mustDataKey(b, mustSealer(b), "person-1")
	sealed := dk.Seal([]byte("I sometimes cry afterwards. It is not a bad sign: hold me and let it pass."), here)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dk.Open(sealed, here); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnwrapDataKey(b *testing.B) {
	s := mustSealer(b)
	_, wrapped := mustDataKey(b, s, "person-1")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.DataKey("person-1", wrapped); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleDataKey_Seal() {
	k, _ := seal.NewKey()
	s, _ := seal.New(k)
	dk, wrapped, _ := s.NewDataKey("person-1") // store wrapped with the person
	sealed := dk.SealString("No tickling right after.", seal.Place{Table: "profiles", Column: "avoid", Row: "r1", Owner: "person-1"})
	// Later, after loading the person's wrapped key:
	dk2, _ := s.DataKey("person-1", wrapped)
	text, _ := dk2.OpenString(sealed, seal.Place{Table: "profiles", Column: "avoid", Row: "r1", Owner: "person-1"})
	fmt.Println(text)
	// Output: No tickling right after.
}
