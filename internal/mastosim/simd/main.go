// Command simd runs the Mastodon API simulator as its own process on
// 127.0.0.1, for end-to-end tests that need a server Steward connects to like
// a real one (the connect flow). It prints the base URL on the first line of
// standard output and serves until it is killed.
//
//	go run ./internal/mastosim/simd -flavour mastodon -reports 40
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"steward/internal/mastosim"
)

func main() {
	flavour := flag.String("flavour", "mastodon", "mastodon or gotosocial")
	domain := flag.String("domain", "social.e2e.example", "the simulated server's domain")
	reports := flag.Int("reports", 40, "reports to seed")
	accounts := flag.Int("accounts", 80, "accounts to seed")
	seed := flag.Int64("seed", 11, "seed of the generated data")
	flag.Parse()

	sim := mastosim.New(mastosim.Options{Flavour: mastosim.Flavour(*flavour), Domain: *domain, Title: "E2E " + *flavour})
	if err := sim.Seed(mastosim.SeedSpec{Seed: *seed, Accounts: *accounts, Reports: *reports, ResolvedShare: 0.3}); err != nil {
		fmt.Fprintln(os.Stderr, "simd:", err)
		os.Exit(2)
	}
	url, err := sim.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "simd:", err)
		os.Exit(1)
	}
	fmt.Println(url)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	_ = sim.Close()
}
