// Command sync benchmarks a full and an incremental sync against the
// in-process simulator over real HTTP on 127.0.0.1, with injected latency and
// Mastodon's real rate budgets. Run it with: go run ./bench/sync
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/store"
	stsync "steward/internal/sync"
)

func main() {
	reports := flag.Int("reports", 10000, "reports to seed")
	accounts := flag.Int("accounts", 10000, "accounts to seed")
	latency := flag.Duration("latency", 50*time.Millisecond, "latency injected per request")
	flag.Parse()
	if err := run(*reports, *accounts, *latency); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(nReports, nAccounts int, latency time.Duration) error {
	sim := mastosim.New(mastosim.Options{Domain: "bench.example"}) // Mastodon's budgets: 300/5 min, 300 paginated/15 min
	if err := sim.Seed(mastosim.SeedSpec{Seed: 11, Accounts: nAccounts, Reports: nReports, ResolvedShare: 0.3, PendingAccounts: 40}); err != nil {
		return err
	}
	base, err := sim.Start()
	if err != nil {
		return err
	}
	defer sim.Close()
	sim.SetFaults(mastosim.Faults{Latency: latency})
	tok, err := sim.IssueToken("admin", "read", "admin:read")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "steward-bench-sync-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		return err
	}
	defer db.Close()

	pacer := mastoapi.NewPacer(mastoapi.PacerOptions{})
	client, err := mastoapi.New(base, tok, mastoapi.Options{Transport: pacer.Transport(nil)})
	if err != nil {
		return err
	}
	syncer := stsync.NewWithConfig(db, nil, stsync.Config{AllAccounts: true})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	fmt.Printf("seeded %d reports, %d accounts; %s latency per request; budgets 300/5 min and 300 paginated/15 min\n",
		nReports, nAccounts, latency)
	before := sim.Stats()
	start := time.Now()
	res, err := syncer.SyncServerWith(ctx, "bench", client, stsync.SyncOptions{})
	if err != nil {
		return fmt.Errorf("full sync: %w", err)
	}
	wall := time.Since(start)
	after := sim.Stats()
	reqs := after.Requests - before.Requests
	paginated := countPaginated(pacer)
	ss := syncer.Store()
	open, _ := db.CountOpenReports("bench")
	resolved, _ := ss.CountResolved("bench")
	accts, _ := ss.CountAccounts("bench")
	pending, _ := ss.CountPending("bench")
	opt, bound := optimum(int(reqs), paginated, latency)
	fmt.Printf("\nfull sync\n")
	fmt.Printf("  wall time          %s\n", wall.Round(time.Millisecond))
	fmt.Printf("  requests           %d (%d paginated)\n", reqs, paginated)
	fmt.Printf("  429s received      %d\n", after.RateLimited-before.RateLimited)
	fmt.Printf("  optimum            %s (%s)\n", opt.Round(time.Millisecond), bound)
	fmt.Printf("  ratio              %.2f\n", float64(wall)/float64(opt))
	fmt.Printf("  cached             %d open reports, %d resolved (30 days), %d accounts, %d pending\n", open, resolved, accts, pending)
	fmt.Printf("  budget left        %+v\n", brief(pacer.Status()))
	_ = res

	if err := mutate(sim, db); err != nil {
		return err
	}
	for _, recheck := range []bool{false, true} {
		before = sim.Stats()
		start = time.Now()
		res, err = syncer.SyncServerWith(ctx, "bench", client, stsync.SyncOptions{Recheck: recheck})
		if err != nil {
			return fmt.Errorf("incremental sync: %w", err)
		}
		after = sim.Stats()
		open, _ = db.CountOpenReports("bench")
		what := "incremental sync after 100 changes (new reports only: open set > RecheckPages)"
		if recheck {
			what = "incremental sync with the open-set re-check"
		}
		fmt.Printf("\n%s\n", what)
		fmt.Printf("  wall time          %s\n", time.Since(start).Round(time.Millisecond))
		fmt.Printf("  requests           %d, 429s %d\n", after.Requests-before.Requests, after.RateLimited-before.RateLimited)
		fmt.Printf("  new reports        %d; open in cache %d, on the server %d\n", res.NewReports, open, sim.OpenReportCount())
	}
	if open != sim.OpenReportCount() {
		return fmt.Errorf("open set diverged: cache %d, server %d", open, sim.OpenReportCount())
	}
	return nil
}

// mutate applies 100 changes: 40 resolutions, 50 new reports, 10 deleted accounts.
func mutate(sim *mastosim.Sim, db *store.DB) error {
	var open []mastoapi.Report
	if err := db.EachReport("bench", func(r mastoapi.Report, isOpen bool) error {
		if isOpen {
			open = append(open, r)
		}
		return nil
	}); err != nil {
		return err
	}
	for i := 0; i < 40; i++ {
		if err := sim.ResolveReport(open[i*97%len(open)].ID); err != nil {
			return err
		}
	}
	for i := 0; i < 50; i++ {
		if _, err := sim.AddReport(open[i].Account.ID, "bench report"); err != nil {
			return err
		}
	}
	deleted := 0
	for i := len(open) - 1; i >= 0 && deleted < 10; i-- {
		if sim.DeleteAccount(open[i].TargetAccount.ID) == nil {
			deleted++
		}
	}
	return nil
}

func countPaginated(p *mastoapi.Pacer) int {
	st := p.Status()
	return st.PaginatedLimit - st.PaginatedRemaining
}

// optimum is the least time the requests need: sequential latency, or the
// pacing the budgets allow (90 % usable per window) when they bind.
func optimum(reqs, paginated int, latency time.Duration) (time.Duration, string) {
	lat := time.Duration(reqs) * latency
	usable := 270
	budget := max(time.Duration((reqs-1)/usable)*5*time.Minute, time.Duration((paginated-1)/usable)*15*time.Minute)
	if budget > lat {
		return budget + lat, "budget-bound"
	}
	return lat, "latency-bound: the budget does not bind"
}

func brief(s mastoapi.PacerStatus) string {
	return fmt.Sprintf("%d/%d general, %d/%d paginated", s.Remaining, s.Limit, s.PaginatedRemaining, s.PaginatedLimit)
}
