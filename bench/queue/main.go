// Command queue benchmarks the moderation queue: it seeds 100,000 synthetic
// reports across 20 servers into a real Badger database (through
// store.ReplaceOpenReports), builds the index, and runs each query kind 200
// times, printing p50/p95/max.
//
//	go run ./bench/queue [-servers 20] [-reports 100000] [-runs 200]
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"steward/internal/moderation"
	"steward/internal/moderation/synth"
	"steward/internal/store"
)

func main() {
	servers := flag.Int("servers", 20, "servers")
	reports := flag.Int("reports", 100_000, "reports in total")
	runs := flag.Int("runs", 200, "runs per query kind")
	flag.Parse()
	if err := run(*servers, *reports, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(nServers, nReports, runs int) error {
	dir, err := os.MkdirTemp("", "steward-bench-queue-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		return err
	}
	defer db.Close()

	now := time.Now()
	var cfg []moderation.ServerConfig
	t0 := time.Now()
	for i := 0; i < nServers; i++ {
		id := fmt.Sprintf("s%02d", i)
		cfg = append(cfg, moderation.ServerConfig{ID: id, Domain: id + ".example", SelfAccountID: "7"})
		rs := synth.Reports(synth.Options{Seed: uint64(i + 1), Reports: nReports / nServers, Domain: id + ".example",
			SelfID: "7", OtherID: "8", Now: now})
		if err := db.ReplaceOpenReports(id, rs); err != nil {
			return err
		}
	}
	fmt.Printf("seeded %d reports on %d servers into Badger in %v\n", nReports, nServers, time.Since(t0).Round(time.Millisecond))

	q := moderation.New(db, nil, cfg, nil)
	t0 = time.Now()
	if err := q.Load(); err != nil {
		return err
	}
	loaded := time.Since(t0)
	t0 = time.Now()
	if _, err := q.Query(moderation.Query{Limit: 1}); err != nil { // builds the index
		return err
	}
	fmt.Printf("index: read from Badger %v, build %v\n", loaded.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))

	kinds := []struct {
		name string
		q    moderation.Query
	}{
		{"filter by server", moderation.Query{Servers: []string{"s07"}, Limit: 100}},
		{"filter by category", moderation.Query{Categories: []string{"violation"}, Limit: 100}},
		{"text search", moderation.Query{Text: "hospital", Limit: 100}},
		{"assigned to me", moderation.Query{Assigned: "me", Limit: 100}},
		{"sort by group size", moderation.Query{Sort: "group_size", Limit: 100, Offset: 5000}},
		{"grouped view", moderation.Query{Grouped: true, Limit: 100}},
		{"combined", moderation.Query{Servers: []string{"s01", "s02", "s03", "s04", "s05"}, Categories: []string{"spam", "violation"},
			Assigned: "unassigned", TargetOrigin: "remote", Text: "click", Sort: "group_size", Grouped: true, Limit: 100}},
		{"all (resolved+open) oldest", moderation.Query{Status: "all", Sort: "oldest", Limit: 100, Offset: 50000}},
	}
	fmt.Printf("%-28s %9s %9s %9s %8s\n", "query", "p50", "p95", "max", "rows")
	for _, k := range kinds {
		d := make([]time.Duration, runs)
		var total int
		for i := range d {
			t := time.Now()
			res, err := q.Query(k.q)
			d[i] = time.Since(t)
			if err != nil {
				return err
			}
			total = res.Total
		}
		slices.Sort(d)
		fmt.Printf("%-28s %9v %9v %9v %8d\n", k.name, d[len(d)/2].Round(time.Microsecond),
			d[len(d)*95/100].Round(time.Microsecond), d[len(d)-1].Round(time.Microsecond), total)
	}
	return nil
}
