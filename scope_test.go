package tend

import (
	"slices"
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
