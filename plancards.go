package tend

// CircleCards are what a circle's plans are made from, read together.
type CircleCards struct {
	Circle *Circle
	// Shared are the members' cards as the circle sees them (what each
	// shares with it), under their names, in the circle's order.
	Shared []*Card
	// Mine is the reader's own whole card, which their share is chosen
	// from.
	Mine *Card
}

// EncounterCards are what an encounter's plan is made from: what each
// member still in the circle shares with it, of the kind it is; or the
// reader's own whole card, alone (Kind Solo), when it is solo, or the
// circle is gone or they left it, so that nothing of the others is shared
// any more.
type EncounterCards struct {
	Encounter *Encounter
	Cards     []*Card
	// People are whose each card is, by index (names may repeat).
	People []string
	Kind   Kind
}

// CardOf is the card of the person, or nil when theirs is not among them.
func (ec *EncounterCards) CardOf(personID string) *Card {
	for i, id := range ec.People {
		if id == personID && i < len(ec.Cards) {
			return ec.Cards[i]
		}
	}
	return nil
}
