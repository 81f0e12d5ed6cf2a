package notify

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

func TestAnswerFailure(t *testing.T) {
	cases := []struct {
		status          int
		fail, perm, gne bool
	}{
		{200, false, false, false},
		{201, false, false, false},
		{204, false, false, false},
		{301, true, true, false},
		{302, true, true, false},
		{307, true, true, false},
		{308, true, true, false},
		{400, true, true, false},
		{401, true, true, false},
		{403, true, true, false},
		{404, true, true, false},
		{408, true, false, false},
		{410, true, true, true},
		{413, true, true, false},
		{429, true, false, false},
		{500, true, false, false},
		{502, true, false, false},
		{503, true, false, false},
		{504, true, false, false},
	}
	for _, tc := range cases {
		err := httpAnswerFailure("the receiver", tc.status)
		if (err != nil) != tc.fail {
			t.Errorf("%d: error %v, want failure %t", tc.status, err, tc.fail)
			continue
		}
		if err == nil {
			continue
		}
		var f *Failure
		if !errors.As(err, &f) || f.Permanent != tc.perm || f.Gone != tc.gne || f.Said == "" {
			t.Errorf("%d: %+v, want permanent %t, gone %t, with words", tc.status, err, tc.perm, tc.gne)
		}
	}
}

// TestSendFailure: each kind of error gets its words and permanence, and
// what a Failure says (and would be logged) never holds the address,
// which a person wrote.
func TestSendFailure(t *testing.T) {
	const target = "https://secret-host.example:8443/T0KEN/path"
	wrap := func(err error) error {
		return &url.Error{Op: "Post", URL: target, Err: &net.OpError{Op: "dial", Net: "tcp",
			Addr: &net.TCPAddr{IP: net.ParseIP("10.1.2.3"), Port: 8443}, Err: err}}
	}
	cases := []struct {
		name string
		err  error
		perm bool
	}{
		{"Refused", wrap(&refusedError{class: addrPrivate}), true},
		{"RefusedNetwork", wrap(ErrAddressRefused), true},
		{"NameNotFound", wrap(&net.DNSError{Err: "no such host", Name: "secret-host.example", IsNotFound: true}), false},
		{"NameTimeout", wrap(&net.DNSError{Err: "timeout", Name: "secret-host.example", IsTimeout: true}), false},
		{"Deadline", wrap(context.DeadlineExceeded), false},
		{"Canceled", wrap(context.Canceled), false},
		{"ConnectionRefused", wrap(errors.New("connect: connection refused")), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := httpSendFailure("the receiver", tc.err)
			if f.Permanent != tc.perm || f.Gone || f.Said == "" {
				t.Errorf("%+v, want permanent %t, with words", f, tc.perm)
			}
			for _, leak := range []string{"secret-host", "8443", "T0KEN", "10.1.2.3"} {
				if strings.Contains(f.Error(), leak) {
					t.Errorf("%q holds %q", f.Error(), leak)
				}
			}
			var refused *refusedError
			if errors.As(tc.err, &refused) && f.Said != refused.Error() {
				t.Errorf("said %q, want the refusal's own words", f.Said)
			}
			if !errors.Is(f, errors.Unwrap(tc.err.(*url.Error).Err)) {
				t.Error("the cause is lost to errors.Is")
			}
		})
	}
}
