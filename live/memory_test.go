package live_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tendcare/tend/live"
	"github.com/tendcare/tend/live/livetest"
)

func TestMemory(t *testing.T) {
	livetest.Run(t, func(t *testing.T) (a, b live.Broker) {
		m := live.NewMemory()
		return m, m
	})
}

// BenchmarkMemory times from Publish to the subscriber's call.
func BenchmarkMemory(b *testing.B) {
	m := live.NewMemory()
	defer m.Close()
	var got time.Time
	m.Subscribe(func(live.News) { got = time.Now() })
	enc := uuid.NewString()
	took := []time.Duration{}
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := m.Publish(context.Background(), live.News{Encounter: enc, Seq: int64(i + 1)}); err != nil {
			b.Fatal(err)
		}
		took = append(took, got.Sub(start))
	}
	reportLatency(b, took)
}

// reportLatency reports the median and 99th percentile of took.
func reportLatency(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2]), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100]), "p99-ns")
}
