package tend_test

import (
	"testing"
	"time"

	"github.com/tendcare/tend"
)

func TestSignInWait(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{-1, 0}, {0, 0}, {4, 0}, {5, time.Minute}, {6, 2 * time.Minute}, {7, 4 * time.Minute}, {8, 8 * time.Minute},
		{9, 16 * time.Minute}, {10, 30 * time.Minute}, {11, 30 * time.Minute}, {1000, 30 * time.Minute}, {1 << 40, 30 * time.Minute},
	}
	for _, tc := range tests {
		if got := tend.SignInWait(tc.failures); got != tc.want {
			t.Errorf("SignInWait(%d): got %v, want %v", tc.failures, got, tc.want)
		}
	}
}

func TestWaitMessage(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                      "Too many tries. Please try again in a second.",
		1:                      "Too many tries. Please try again in a second.",
		500 * time.Millisecond: "Too many tries. Please try again in a second.",
		time.Second:            "Too many tries. Please try again in a second.",
		time.Second + 1:        "Too many tries. Please try again in 2 seconds.",
		2 * time.Second:        "Too many tries. Please try again in 2 seconds.",
		10 * time.Second:       "Too many tries. Please try again in 10 seconds.",
		58*time.Second + 1:     "Too many tries. Please try again in 59 seconds.",
		59 * time.Second:       "Too many tries. Please try again in 59 seconds.",
		59*time.Second + 1e6:   "Too many tries. Please try again in a minute.",
		60 * time.Second:       "Too many tries. Please try again in a minute.",
		60*time.Second + 1:     "Too many tries. Please try again in 2 minutes.",
		61 * time.Second:       "Too many tries. Please try again in 2 minutes.",
		2 * time.Minute:        "Too many tries. Please try again in 2 minutes.",
		16 * time.Minute:       "Too many tries. Please try again in 16 minutes.",
		30*time.Minute - 1e9:   "Too many tries. Please try again in 30 minutes.",
		30 * time.Minute:       "Too many tries. Please try again in 30 minutes.",
	} {
		if got := tend.WaitMessage(d); got != want {
			t.Errorf("WaitMessage(%v): got %q, want %q", d, got, want)
		}
	}
}

func TestAccountWaitMessage(t *testing.T) {
	got := tend.AccountWaitMessage(90 * time.Second)
	want := "This account has had many wrong passwords lately, so a browser that has not signed in to it before waits: please try again in 2 minutes. Meanwhile a passkey works, and so does a device you have signed in from before."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
