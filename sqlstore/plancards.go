package sqlstore

import (
	"context"
	"slices"

	"github.com/tendcare/tend"
)

// CircleCards reads the circle and its members' cards in one transaction.
func (d *DB) CircleCards(ctx context.Context, personID, circleID string) (*tend.CircleCards, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCircle(ctx, tx, personID, circleID)
	if err != nil {
		return nil, err
	}
	whole, err := memberCards(ctx, tx, c.Members)
	if err != nil {
		return nil, err
	}
	cc := &tend.CircleCards{Circle: c, Shared: sharedCards(c.Members, whole)}
	if i := slices.IndexFunc(c.Members, func(m *tend.Member) bool { return m.PersonID == personID }); i >= 0 {
		cc.Mine = whole[i]
	}
	return cc, tx.Commit()
}

// EncounterCards reads the encounter and the cards its plan is made from
// in one transaction.
func (d *DB) EncounterCards(ctx context.Context, personID, id string) (*tend.EncounterCards, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := findEncounter(ctx, tx, personID, id)
	if err != nil {
		return nil, err
	}
	ec, err := encounterCards(ctx, tx, personID, e)
	if err != nil {
		return nil, err
	}
	return ec, tx.Commit()
}

func encounterCards(ctx context.Context, tx *Tx, personID string, e *tend.Encounter) (*tend.EncounterCards, error) {
	own := func() (*tend.EncounterCards, error) {
		name := ""
		if me := e.Member(personID); me != nil {
			name = me.DisplayName
		}
		cards, err := memberCards(ctx, tx, []*tend.Member{{PersonID: personID, DisplayName: name}})
		if err != nil {
			return nil, err
		}
		return &tend.EncounterCards{Encounter: e, Cards: cards, People: []string{personID}, Kind: tend.Solo}, nil
	}
	if e.Solo() || e.CircleID == "" {
		return own()
	}
	c, err := findCircle(ctx, tx, personID, e.CircleID)
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return own()
	}
	if err != nil {
		return nil, err
	}
	in := slices.DeleteFunc(slices.Clone(c.Members), func(m *tend.Member) bool { return e.Member(m.PersonID) == nil })
	whole, err := memberCards(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	people := make([]string, len(in))
	for i, m := range in {
		people[i] = m.PersonID
	}
	return &tend.EncounterCards{Encounter: e, Cards: sharedCards(in, whole), People: people, Kind: e.Kind}, nil
}

// memberCards reads each member's whole profile as a card under their
// name.
func memberCards(ctx context.Context, tx *Tx, members []*tend.Member) ([]*tend.Card, error) {
	cards := make([]*tend.Card, 0, len(members))
	for _, m := range members {
		p, err := findProfile(ctx, tx.db, tx, m.PersonID, 0)
		if err != nil {
			return nil, err
		}
		cards = append(cards, tend.ProfileCard(p.Card, m.DisplayName))
	}
	return cards, nil
}

// sharedCards are the members' cards as the circle sees them.
func sharedCards(members []*tend.Member, whole []*tend.Card) []*tend.Card {
	out := make([]*tend.Card, len(whole))
	for i, m := range members {
		out[i] = tend.SharedCard(whole[i], m.Share, m.Practices)
	}
	return out
}
