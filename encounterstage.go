package tend

import "time"

// Timeline is where an encounter stands as stored: its stage, since when,
// and how long reflections wait for everyone before they are revealed.
// Every rule about what may happen at which stage is a method of it, so
// that the store, the web and the job worker apply the same rules.
type Timeline struct {
	Stage Stage
	// Since is when it reached Stage.
	Since       time.Time
	RevealAfter time.Duration
	// Signals is how many signals the encounter has had.
	Signals int64
}

// Timeline returns where the encounter stands.
func (e *Encounter) Timeline() Timeline {
	return Timeline{Stage: e.Stage, Since: e.StageAt, RevealAfter: e.RevealAfter, Signals: e.LastSeq}
}

// StageAt is the stage at now: reflecting turns into done at the circle's
// deadline, even if someone has not answered.
func (t Timeline) StageAt(now time.Time) Stage {
	if t.Stage == StageReflect && t.RevealAfter > 0 && !now.Before(t.Since.Add(t.RevealAfter)) {
		return StageDone
	}
	return t.Stage
}

// Revealed reports whether the shared parts of everyone's reflections
// may be shown at now.
func (t Timeline) Revealed(now time.Time) bool { return t.StageAt(now) == StageDone }

// CanCheckIn says whether a member may save their check-in at now: until
// the aftercare begins.
func (t Timeline) CanCheckIn(now time.Time) error {
	if s := t.StageAt(now); s != StagePlanned && s != StageBefore {
		return Errorf(ECONFLICT, "the check-in is closed once the aftercare has begun").OnField("stage")
	}
	return nil
}

// CanReflect says whether a member may save their reflection at now, given
// whether they already have: once the aftercare is over, and until the
// reflections are revealed for those who answered (someone who had not
// answered by the deadline still may).
func (t Timeline) CanReflect(now time.Time, reflected bool) error {
	switch s := t.StageAt(now); {
	case s == StageDone && reflected:
		return Errorf(ECONFLICT, "the reflections are revealed; yours can no longer change").OnField("stage")
	case s != StageReflect && s != StageDone:
		return Errorf(ECONFLICT, "reflections open once the aftercare is over").OnField("stage")
	}
	return nil
}

// EndsWith reports whether a reflection that leaves waiting members still
// to answer ends the encounter: the last one in does, unless the deadline
// ended it already (its stored stage is then still reflect, but nothing
// more is needed to show it done).
func (t Timeline) EndsWith(waiting int) bool {
	return waiting == 0 && t.Stage == StageReflect
}

// CanSignal says whether a member may send a signal of kind k at now (see
// SignalOpen), and whether the encounter has room for one more.
func (t Timeline) CanSignal(now time.Time, k SignalKind) error {
	if !SignalOpen(k, t.StageAt(now)) {
		return Errorf(ECONFLICT, "live signals are for the check-in and the aftercare; this encounter is over").OnField("stage")
	}
	if t.Signals >= MaxSignals {
		return Errorf(ECONFLICT, "this encounter has had %d; start a new one", MaxSignals).OnField("signals")
	}
	return nil
}

// CanMove says whether a member may move the encounter on as m asks at
// now, and to which stage. standing are the "not okay" signals that
// stand (NotOkay); they matter only when the aftercare would end.
func (t Timeline) CanMove(now time.Time, m Move, standing []*Signal) (Stage, error) {
	to := m.From.Next()
	if to == "" {
		return "", FieldErrorf("from", "the stage it is at now, one of planned, before or after (reflections end it)")
	}
	if s := t.StageAt(now); s != m.From {
		return "", Errorf(ECONFLICT, "it is at %q now, not %q (someone may have moved it on); look again", s, m.From).OnField("from")
	}
	if err := CheckEnd(m, standing); err != nil {
		return "", err
	}
	return to, nil
}

// Move is a request to move an encounter on by one stage.
type Move struct {
	// From is the stage the person saw it at: the move happens only if
	// it is still there.
	From Stage
	// Anyway ends the aftercare although someone's "not okay" stands:
	// the person was shown who, and chose to go on. Their screen stays
	// with them. It covers only the "not okay"s the person had seen:
	// those up to signal number Seen.
	Anyway bool
	Seen   int64
}

// CheckEnd says whether the aftercare may end now, given the "not okay"
// signals that stand: not without Anyway while anyone's does, and not
// for one sent after what the person saw when they chose Anyway, so that
// nobody is moved on from their help by accident. ECONFLICT names them.
func CheckEnd(m Move, standing []*Signal) error {
	if m.From != StageAfter {
		return nil
	}
	var names []string
	for _, s := range standing {
		if !m.Anyway || s.Seq > m.Seen {
			names = append(names, s.FromName)
		}
	}
	if len(names) == 0 {
		return nil
	}
	verb := "is"
	if len(names) > 1 {
		verb = "are"
	}
	return Errorf(ECONFLICT, "%s %s not okay yet. End the aftercare anyway (their screen stays with them), or stay a while longer", JoinNames(names), verb).OnField("anyway")
}
