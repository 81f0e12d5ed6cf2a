package main

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/tendcare/tend"
)

// TestMetricsJobs: on SQLite and on PostgreSQL, the jobs are reported by
// queue and state as River's table holds them at the scrape, every
// queue and state from 0; the pools are named (two on SQLite, one on
// PostgreSQL).
func TestMetricsJobs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dsn   func(t *testing.T) string
		pools []string
	}{
		{"sqlite", func(*testing.T) string { return "" }, []string{"write", "read"}},
		{"postgres", throwawayPostgres, []string{"write"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mustStartMain(t, Config{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0", DataDir: t.TempDir(), Database: tc.dsn(t),
				Signup: "open", LogFormat: "text", LogLevel: "error", Migrate: true})
			tx, err := m.DB.SQL().Begin()
			if err != nil {
				t.Fatal(err)
			}
			later := time.Now().Add(time.Hour)
			if err := m.Jobs.InsertJobs(t.Context(), tx, []tend.Job{{Kind: tend.JobFollowup, Ref: "f1"}, {Kind: tend.JobFollowup, Ref: "f2", At: later},
				{Kind: tend.JobDeliver, Deliver: &tend.Delivery{Key: "k", Channel: "c", Event: "test"}}}); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			fams := getScrape(t, "http://"+m.MetricsAddr().String()+"/metrics", "")
			want := map[[2]string]float64{{"default", "available"}: 1, {"default", "scheduled"}: 1, {"deliveries", "available"}: 1}
			if n := len(fams["tend_jobs"].GetMetric()); n != 16 {
				t.Errorf("%d series of tend_jobs, want 2 queues × 8 states", n)
			}
			for _, s := range fams["tend_jobs"].GetMetric() {
				var k [2]string
				for _, l := range s.GetLabel() {
					switch l.GetName() {
					case "queue":
						k[0] = l.GetValue()
					case "state":
						k[1] = l.GetValue()
					}
				}
				if got := s.GetGauge().GetValue(); got != want[k] {
					t.Errorf("tend_jobs%v: %v, want %v", k, got, want[k])
				}
			}
			var pools []string
			for _, s := range fams["go_sql_open_connections"].GetMetric() {
				for _, l := range s.GetLabel() {
					if l.GetName() == "pool" {
						pools = append(pools, l.GetValue())
					}
				}
			}
			slices.Sort(pools)
			if !slices.Equal(pools, slices.Sorted(slices.Values(tc.pools))) {
				t.Errorf("pools %v, want %v", pools, tc.pools)
			}
		})
	}
}

// TestJobsCollectorError: when the count fails, the scrape reports no
// jobs (not zeros, which would be wrong) and counts the error.
func TestJobsCollectorError(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:") // no River table
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(newJobsCollector(db, time.Second))
	for i := 1; i <= 2; i++ {
		fams, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]*dto.MetricFamily{}
		for _, f := range fams {
			byName[f.GetName()] = f
		}
		if byName["tend_jobs"] != nil {
			t.Errorf("jobs reported though they could not be counted: %v", byName["tend_jobs"])
		}
		if got := value(byName, "tend_jobs_scrape_errors_total", nil); got != float64(i) {
			t.Errorf("scrape %d: %v errors counted", i, got)
		}
	}
}
