package notify

import (
	"errors"
	"fmt"
	"testing"
)

func TestFailed(t *testing.T) {
	if Failed(nil) != nil {
		t.Error("no error is no failure")
	}
	gone := &Failure{Said: "the device unsubscribed", Permanent: true, Gone: true}
	if f := Failed(fmt.Errorf("push: %w", gone)); f != gone {
		t.Errorf("a wrapped failure: %+v", f)
	}
	plain := errors.New("connection reset")
	f := Failed(plain)
	if f.Permanent || f.Gone || !errors.Is(f, plain) || f.Error() != "the delivery failed; it will be tried again: connection reset" {
		t.Errorf("a plain error: %+v %q", f, f.Error())
	}
	if (&Failure{Said: "refused"}).Error() != "refused" {
		t.Error("a failure without a cause says only its words")
	}
}
