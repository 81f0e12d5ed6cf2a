package notify

import "github.com/tendcare/tend"

// Outcome is how one try of a delivery went, for the operator's metrics.
type Outcome string

// Outcomes.
const (
	// OutcomeSent: the channel took the message.
	OutcomeSent Outcome = "sent"
	// OutcomeTransient: it failed and will be tried again.
	OutcomeTransient Outcome = "transient_failure"
	// OutcomePermanent: it failed and trying again cannot help.
	OutcomePermanent Outcome = "permanent_failure"
	// OutcomeBusy: the channel was sending as many as it may; the job
	// waits a moment (snoozed) and runs again.
	OutcomeBusy Outcome = "busy"
)

// Outcomes are every outcome, for counting each from zero.
func Outcomes() []Outcome {
	return []Outcome{OutcomeSent, OutcomeTransient, OutcomePermanent, OutcomeBusy}
}

// Observer hears how each delivery went: the channel's type and the
// outcome, nothing else (no channel, person or message). cmd/tend counts
// them for Prometheus, so this package need not know of it.
type Observer interface {
	Delivered(channel tend.ChannelType, o Outcome)
}

// observe tells the observer, when there is one.
func (d *Dispatcher) observe(c *tend.Channel, o Outcome) {
	if d.Observer != nil {
		d.Observer.Delivered(c.Type, o)
	}
}

// outcome is the failure's outcome: permanent or transient.
func (f *Failure) outcome() Outcome {
	if f.Permanent {
		return OutcomePermanent
	}
	return OutcomeTransient
}
