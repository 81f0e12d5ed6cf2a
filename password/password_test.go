package password

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestHashVerify(t *testing.T) {
	h := New(2)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=47104,t=1,p=1$") {
		t.Errorf("encoded: got %q, want argon2id with m=46 MiB, t=1, p=1", enc)
	}
	if strings.Contains(enc, "horse") {
		t.Fatalf("the hash holds the password")
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
		{strings.Repeat("x", 5000), false},
	} {
		if ok, err := h.Verify(ctx, tc.pw, enc); err != nil || ok != tc.want {
			t.Errorf("Verify(%.20q): got %v %v, want %v", tc.pw, ok, err, tc.want)
		}
	}
	again, _ := h.Hash(ctx, "correct horse battery")
	if again == enc {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
}

func TestNoAccountNeverMatches(t *testing.T) {
	h := New(1)
	for _, pw := range []string{"", "anything at all"} {
		if ok, err := h.Verify(context.Background(), pw, ""); err != nil || ok {
			t.Errorf("Verify against no account: got %v %v, want false", ok, err)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		pw string
		ok bool
	}{
		{"short", false},
		{"exactly10!", true},
		{"ééééééééé", false}, // 9 characters, 18 bytes
		{strings.Repeat("ü", 256), true},
		{strings.Repeat("a", 257), false},
	} {
		err := Check(tc.pw)
		if (err == nil) != tc.ok || err != nil && tend.ErrorCode(err) != tend.EINVALID {
			t.Errorf("Check(%.12q): got %v, want ok=%v", tc.pw, err, tc.ok)
		}
	}
	if _, err := New(1).Hash(context.Background(), "short"); tend.ErrorCode(err) != tend.EINVALID {
		t.Errorf("Hash of a short password: got %v", err)
	}
}

// stored writes a stored hash with the given parameters and salt and key
// lengths, independently of encode.
func stored(m, t, p, saltLen, keyLen int) string {
	b64 := base64.RawStdEncoding
	salt, key := bytes.Repeat([]byte{0x5a}, saltLen), bytes.Repeat([]byte{0xa5}, keyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", m, t, p, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// TestStoredHashBounds checks each bound on a stored hash at its edge: the
// cost (memory, passes, threads) and the salt and key lengths. One step
// outside, the hash is refused as malformed before any hashing, and needs
// a rehash; on the edge, it is read as written.
func TestStoredHashBounds(t *testing.T) {
	tests := []struct {
		name               string
		m, t, p, salt, key int
		malformed          bool
	}{
		{"Ours", memory, passes, threads, saltLen, keyLen, false},
		{"MemoryLeast", 8 * 1024, 1, 1, 16, 32, false},
		{"ErrMemoryUnderLeast", 8*1024 - 1, 1, 1, 16, 32, true},
		{"MemoryMost", 256 * 1024, 1, 1, 16, 32, false},
		{"ErrMemoryOverMost", 256*1024 + 1, 1, 1, 16, 32, true},
		{"ErrNoPasses", 8 * 1024, 0, 1, 16, 32, true},
		{"PassesMost", 8 * 1024, 10, 1, 16, 32, false},
		{"ErrPassesOverMost", 8 * 1024, 11, 1, 16, 32, true},
		{"ErrNoThreads", 8 * 1024, 1, 0, 16, 32, true},
		{"ThreadsMost", 8 * 1024, 1, 8, 16, 32, false},
		{"ErrThreadsOverMost", 8 * 1024, 1, 9, 16, 32, true},
		{"SaltShortest", 8 * 1024, 1, 1, 8, 32, false},
		{"ErrSaltUnderShortest", 8 * 1024, 1, 1, 7, 32, true},
		{"KeyShortest", 8 * 1024, 1, 1, 16, 16, false},
		{"ErrKeyUnderShortest", 8 * 1024, 1, 1, 16, 15, true},
		{"KeyLongest", 8 * 1024, 1, 1, 16, 64, false},
		{"ErrKeyOverLongest", 8 * 1024, 1, 1, 16, 65, true},
	}
	h := New(1)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc := stored(tc.m, tc.t, tc.p, tc.salt, tc.key)
			p, err := decode(enc)
			if tc.malformed {
				if !errors.Is(err, ErrMalformed) {
					t.Fatalf("decode: got %+v, %v; want ErrMalformed", p, err)
				}
				if ok, err := h.Verify(context.Background(), "whatever-password", enc); ok || !errors.Is(err, ErrMalformed) {
					t.Errorf("Verify: got %v, %v; want ErrMalformed", ok, err)
				}
				if !NeedsRehash(enc) {
					t.Errorf("NeedsRehash: got false for a malformed hash")
				}
				return
			}
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if int(p.memory) != tc.m || int(p.time) != tc.t || int(p.threads) != tc.p || len(p.salt) != tc.salt || len(p.key) != tc.key {
				t.Errorf("decode: got m=%d t=%d p=%d salt %d key %d bytes; want %d %d %d %d %d",
					p.memory, p.time, p.threads, len(p.salt), len(p.key), tc.m, tc.t, tc.p, tc.salt, tc.key)
			}
		})
	}
}

// TestNeedsRehash checks that a change of each cost parameter by itself,
// up or down, asks for a rehash, and that a fresh hash does not.
func TestNeedsRehash(t *testing.T) {
	fresh, err := New(1).Hash(context.Background(), "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		enc  string
		want bool
	}{
		{"Fresh", fresh, false},
		{"SameParameters", stored(memory, passes, threads, saltLen, keyLen), false},
		{"LessMemory", stored(memory-1, passes, threads, saltLen, keyLen), true},
		{"MoreMemory", stored(memory+1, passes, threads, saltLen, keyLen), true},
		{"MorePasses", stored(memory, passes+1, threads, saltLen, keyLen), true},
		{"MoreThreads", stored(memory, passes, threads+1, saltLen, keyLen), true},
		{"ShorterSalt", stored(memory, passes, threads, saltLen-8, keyLen), true},
		{"ShorterKey", stored(memory, passes, threads, saltLen, keyLen-16), true},
		{"Malformed", "plain", true},
		{"Empty", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NeedsRehash(tc.enc); got != tc.want {
				t.Fatalf("NeedsRehash(%q): got %v, want %v", tc.enc, got, tc.want)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	h := New(1)
	for _, enc := range []string{
		"plain", "$argon2i$v=19$m=47104,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=47104,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", // 4 GiB
		"$argon2id$v=19$m=47104,t=1000,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=47104,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5",
	} {
		if _, err := h.Verify(context.Background(), "whatever-password", enc); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify with %q: got %v, want ErrMalformed", enc, err)
		}
	}
}

// TestVerifyLengthCap checks the cap at its edge: a password of MaxLen
// characters, four bytes each, signs in, and one character more is refused
// without hashing, even when those MaxLen characters are the password.
func TestVerifyLengthCap(t *testing.T) {
	h := New(1)
	ctx := context.Background()
	longest := strings.Repeat("🫂", MaxLen)
	enc, err := h.Hash(ctx, longest)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{
		{"MaxLenMatches", longest, true},
		{"MaxLenPlusOneRefused", longest + "x", false},
		{"MaxLenPlusMoreRefused", longest + strings.Repeat("🫂", 100), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if ok, err := h.Verify(ctx, tc.pw, enc); err != nil || ok != tc.want {
				t.Fatalf("got %v, %v; want %v", ok, err, tc.want)
			}
		})
	}
	// With every slot taken and the caller gone, a password that has to be
	// hashed gets the context's error; one over the cap is refused at once.
	h.acquire(ctx)
	defer h.release()
	gone, cancel := context.WithCancel(ctx)
	cancel()
	for _, tc := range []struct {
		name string
		pw   string
		want error
	}{
		{"MaxLenIsHashed", strings.Repeat("a", MaxLen), context.Canceled},
		{"MaxLenPlusOneNotHashed", strings.Repeat("a", MaxLen+1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if ok, err := h.Verify(gone, tc.pw, enc); ok || !errors.Is(err, tc.want) {
				t.Fatalf("got %v, %v; want false, %v", ok, err, tc.want)
			}
		})
	}
}

// TestBounded checks that no more than n hashes run at once.
func TestBounded(t *testing.T) {
	h := New(2)
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.acquire(context.Background()); err != nil {
				t.Error(err)
				return
			}
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(5 * time.Millisecond)
			running.Add(-1)
			h.release()
		}()
	}
	wg.Wait()
	if m := most.Load(); m != 2 {
		t.Errorf("at most %d ran at once, want exactly 2", m)
	}
	// A caller that gives up while waiting gets its context's error.
	h.acquire(context.Background())
	h.acquire(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "long enough password"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash while full with a cancelled context: got %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("$argon2id$v=19$m=47104,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5")
	f.Add("")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := decode(s)
		if err == nil && (p.memory > 256*1024 || p.time > 10 || len(p.key) < 16) {
			t.Fatalf("decode(%q) accepted costly or weak parameters: %+v", s, p)
		}
	})
}

func BenchmarkHash(b *testing.B) {
	h := New(1)
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
