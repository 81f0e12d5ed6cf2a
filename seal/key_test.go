package seal_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tendcare/tend/seal"
)

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tend.key")
	k1, created, err := seal.LoadOrCreateKeyFile(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("key file mode: got %04o, want 0600", got)
	}
	k2, created, err := seal.LoadOrCreateKeyFile(path)
	if err != nil || created || k1 != k2 {
		t.Fatalf("second start: created %v, same key %v, %v", created, k1 == k2, err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := seal.LoadOrCreateKeyFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key file others can read: got %v, want a refusal saying chmod 600", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.key")
	if err := os.WriteFile(bad, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := seal.LoadOrCreateKeyFile(bad); err == nil || !strings.Contains(err.Error(), "32 random bytes") {
		t.Errorf("a broken key file: got %v", err)
	}
}

func TestParseKey(t *testing.T) {
	k, err := seal.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	enc := k.Encode()
	for _, s := range []string{enc, strings.TrimRight(enc, "="), " " + enc + "\n", strings.NewReplacer("+", "-", "/", "_").Replace(enc)} {
		got, err := seal.ParseKey(s)
		if err != nil || got != k {
			t.Errorf("ParseKey(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "short", enc[:40], enc + "AAAA", strings.Repeat("!", 44)} {
		if _, err := seal.ParseKey(s); err == nil {
			t.Errorf("ParseKey(%q): want an error", s)
		}
	}
}

func TestKeyNeverPrinted(t *testing.T) {
	k, _ := seal.NewKey()
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s", k, k, k, k)} {
		if strings.Contains(s, k.Encode()[:8]) || !strings.Contains(s, "redacted") {
			t.Errorf("printing a key shows it: %q", s)
		}
	}
}

func FuzzParseKey(f *testing.F) {
	k, _ := seal.NewKey()
	for _, s := range []string{k.Encode(), "", "====", strings.Repeat("A", 43), strings.Repeat("A", 44)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := seal.ParseKey(s)
		if err == nil {
			if again, err := seal.ParseKey(got.Encode()); err != nil || again != got {
				t.Fatalf("ParseKey(%q) does not round-trip", s)
			}
		}
	})
}
