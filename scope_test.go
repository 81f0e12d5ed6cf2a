package tend

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeScopes(t *testing.T) {
	tests := []struct {
		name string
		in   []Scope
		want []Scope
		bad  bool
	}{
		{"NoneIsReadProfile", nil, []Scope{ScopeProfileRead}, false},
		{"SortedWithoutRepeats", []Scope{ScopeCirclesWrite, ScopeProfileRead, ScopeCirclesWrite}, []Scope{ScopeProfileRead, ScopeCirclesWrite}, false},
		{"CheckInsBringEncounters", []Scope{ScopeCheckInsRead}, []Scope{ScopeEncountersRead, ScopeCheckInsRead}, false},
		{"ReflectionsBringEncounters", []Scope{ScopeReflectionsWrite}, []Scope{ScopeEncountersRead, ScopeReflectionsWrite}, false},
		{"Unknown", []Scope{"profile:*"}, nil, true},
		{"Empty", []Scope{""}, nil, true},
		{"WrongCase", []Scope{"Profile:Read"}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeScopes(tc.in)
			if tc.bad {
				if ErrorCode(err) != EINVALID {
					t.Errorf("got %v %v, want invalid", got, err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %v %v, want %v", got, err, tc.want)
			}
		})
	}
}

func TestPermits(t *testing.T) {
	tests := []struct {
		have []Scope
		want Scope
		ok   bool
	}{
		{[]Scope{ScopeProfileWrite}, ScopeProfileRead, true},
		{[]Scope{ScopeProfileRead}, ScopeProfileWrite, false},
		{[]Scope{ScopeEncountersWrite}, ScopeCheckInsRead, false},
		{[]Scope{ScopeEncountersRead}, ScopeReflectionsRead, false},
		{[]Scope{ScopeCheckInsWrite}, ScopeCheckInsRead, true},
		{[]Scope{ScopeCirclesWrite}, ScopeProfileRead, false},
		{nil, ScopeProfileRead, false},
	}
	for _, tc := range tests {
		if got := Permits(tc.have, tc.want); got != tc.ok {
			t.Errorf("Permits(%v, %s) = %v, want %v", tc.have, tc.want, got, tc.ok)
		}
	}
}

// TestPermitsEveryPair: a scope permits itself and, for a write scope,
// reading the same things; nothing else. Check-ins and reflections are
// never reached through encounters.
func TestPermitsEveryPair(t *testing.T) {
	for _, have := range Scopes() {
		for _, want := range Scopes() {
			ok := have == want || string(have) == strings.TrimSuffix(string(want), ":read")+":write"
			if got := Permits([]Scope{have}, want); got != ok {
				t.Errorf("Permits([%s], %s): got %v, want %v", have, want, got, ok)
			}
		}
	}
	if Permits([]Scope{ScopeProfileRead, ScopeCirclesRead}, ScopeCirclesWrite) {
		t.Error("two read scopes permit writing")
	}
	if !Permits([]Scope{ScopeProfileRead, ScopeCirclesWrite}, ScopeCirclesRead) {
		t.Error("the second scope is not looked at")
	}
}

// TestNormalizeScopesEveryScope: every scope is kept, in order; one
// unknown scope among good ones refuses them all.
func TestNormalizeScopesEveryScope(t *testing.T) {
	all := Scopes()
	rev := slices.Clone(all)
	slices.Reverse(rev)
	got, err := NormalizeScopes(rev)
	if err != nil || !slices.Equal(got, all) {
		t.Errorf("every scope, reversed: got %v %v, want %v", got, err, all)
	}
	for _, s := range []Scope{ScopeCheckInsWrite, ScopeReflectionsRead} {
		got, err := NormalizeScopes([]Scope{ScopeProfileRead, s})
		if err != nil || !slices.Equal(got, []Scope{ScopeProfileRead, ScopeEncountersRead, s}) {
			t.Errorf("%s: got %v %v, want encounters:read with it", s, got, err)
		}
	}
	in := []Scope{ScopeCheckInsRead}
	if _, err := NormalizeScopes(in); err != nil || len(in) != 1 {
		t.Errorf("the caller's list changed: %v %v", in, err)
	}
	if got, err := NormalizeScopes([]Scope{ScopeProfileRead, "checkins:everything"}); ErrorCode(err) != EINVALID || got != nil {
		t.Errorf("a good and an unknown scope: got %v %v, want %s", got, err, EINVALID)
	}
	if _, err := NormalizeScopes([]Scope{"admin\x1b[2J"}); !strings.Contains(ErrorMessage(err), `"admin\\x1b[2J" is not a scope`) {
		t.Errorf("an unknown scope is not shown safely: %v", err)
	}
}

// TestAllowed: a session may do everything; an API token only what its
// scopes permit.
func TestAllowed(t *testing.T) {
	ctx := context.Background()
	if !Allowed(ctx, ScopeReflectionsWrite) {
		t.Error("a session: got not allowed")
	}
	tok := NewContextWithAPIToken(ctx, &APIToken{Scopes: []Scope{ScopeProfileWrite}})
	if !Allowed(tok, ScopeProfileRead) || Allowed(tok, ScopeCheckInsRead) {
		t.Errorf("a profile:write token: got profile:read %v, checkins:read %v; want true, false", Allowed(tok, ScopeProfileRead), Allowed(tok, ScopeCheckInsRead))
	}
	if Allowed(NewContextWithAPIToken(ctx, &APIToken{}), ScopeProfileRead) {
		t.Error("a token without scopes: got allowed")
	}
}
