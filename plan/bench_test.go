package plan_test

import (
	"fmt"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// benchCards is n realistic cards: each with a dozen needs and likes, a
// dozen offers, a comment and a note; one needs time alone first.
func benchCards(n int) []*tend.Card {
	recvs := [][]string{
		{"water", "need", "cuddle", "like", "blanket", "need", "affirm", "like", "massage", "need", "snack", "like", "ask-feelings", "need", "music", "like", "debrief", "like", "stroke-hair", "like", "praise", "never", "walk", "rather-not"},
		{"cuddle", "need", "ask-feelings", "need", "snack", "like", "appreciate", "like", "shower-together", "like", "debrief", "like", "water", "like", "slow-kiss", "like", "reassure-relationship", "need", "quiet-together", "like", "movie", "like", "towel", "need"},
	}
	gives := [][]string{
		{"water", "glad", "cuddle", "glad", "massage", "no", "stroke-hair", "glad", "snack", "willing", "ask-feelings", "glad", "affirm", "glad", "towel", "glad", "blanket", "willing", "praise", "glad", "appreciate", "willing"},
		{"water", "glad", "blanket", "glad", "first-aid", "willing", "ask-feelings", "glad", "appreciate", "glad", "reassure-relationship", "glad", "massage", "willing", "snack", "glad", "towel", "willing", "affirm", "willing", "cuddle", "glad"},
	}
	cards := make([]*tend.Card, n)
	for i := range cards {
		c := card(fmt.Sprintf("Person %d", i+1), recv(recvs[i%2]...), give(gives[i%2]...),
			notes("I sometimes go quiet afterwards; it is not a bad sign."), drop(tend.DropNextDay, "a message"))
		c.Comments = map[string]string{"cuddle": "Big spoon, please."}
		if i == 0 {
			c.SpaceFirstMinutes = 10
		}
		cards[i] = c
	}
	return cards
}

func benchmarkMake(b *testing.B, n int, kind tend.Kind) {
	cat := mustCatalog(b)
	cards := benchCards(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plan.Make(cat, cards, kind); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMake2(b *testing.B)          { benchmarkMake(b, 2, tend.Gentle) }
func BenchmarkMake2Intense(b *testing.B)   { benchmarkMake(b, 2, tend.Intense) }
func BenchmarkMake8(b *testing.B)          { benchmarkMake(b, 8, tend.Gentle) }
func BenchmarkMake8Intense(b *testing.B)   { benchmarkMake(b, 8, tend.Intense) }
func BenchmarkMake12Distance(b *testing.B) { benchmarkMake(b, 12, tend.LongDistance) }
