package servers

import (
	"context"
	"net/http/httptest"
	"testing"

	"steward/internal/mastosim"
	"steward/internal/secrets"
	"steward/internal/store"
)

// BenchmarkFullSync10kReports syncs 10,000 reports (7,000 open) from the
// simulator over real HTTP into a real Badger: the first-screen path.
func BenchmarkFullSync10kReports(b *testing.B) {
	sim := mastosim.New(mastosim.Options{Domain: "bench.example", RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 3, Accounts: 2000, Reports: 10000, ResolvedShare: 0.3}); err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(sim.Handler())
	defer hs.Close()
	tok, err := sim.IssueToken("admin", "read", "admin:read")
	if err != nil {
		b.Fatal(err)
	}
	sec := secrets.NewMemory()
	_ = sec.Set(secrets.TokenKey("b"), tok)
	db, err := store.Open(store.Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := New(Config{Registry: NewMemoryRegistry([]Server{{ID: "b", URL: hs.URL}}), DB: db, Secrets: sec})
	before := sim.Stats().Requests
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := svc.Sync(context.Background(), "b"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(sim.Stats().Requests-before)/float64(b.N), "requests/sync")
	n, _ := db.CountOpenReports("b")
	if n != sim.OpenReportCount() {
		b.Fatalf("open %d, simulator %d", n, sim.OpenReportCount())
	}
}
