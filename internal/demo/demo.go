// Package demo runs Steward's embedded default: two simulated servers on
// loopback — a city's self-run Mastodon server and a broadcaster's server
// hosted by a provider (GoToSocial) — seeded with realistic, deterministic
// data, including hostile HTML, so a newcomer sees a working app without an
// account anywhere.
package demo

import (
	"errors"
	"fmt"

	"steward/internal/apperr"
	"steward/internal/mastosim"
	"steward/internal/secrets"
	"steward/internal/servers"
)

// CacheKeyHex is the demo cache's fixed encryption key, used only when a
// benchmark keeps the demo cache between starts. The demo's data is simulated;
// real caches get a random key kept in the OS keychain.
const CacheKeyHex = "5374657761726420646d6f2063616368652d6b65792d6e6f742d736563726574"

// Scopes the demo token gets: what the first screens need.
var demoScopes = []string{"read", "admin:read", "admin:write"}

// Spec describes one demo server.
type Spec struct {
	Server  servers.Server
	Options mastosim.Options
	Seed    mastosim.SeedSpec
}

// WithReports returns the specs with the first (city) server seeded with n
// reports instead: for benchmarks of a large queue (STEWARD_DEMO_REPORTS).
func WithReports(specs []Spec, n int) []Spec {
	out := append([]Spec(nil), specs...)
	if n > 0 && len(out) > 0 {
		out[0].Seed.Reports = n
		if out[0].Seed.Accounts < n/10 {
			out[0].Seed.Accounts = n / 10
		}
	}
	return out
}

// DefaultSpecs are the two servers of the demo. They keep the real servers'
// rate budgets (the zero RateLimit), so the demo behaves like production.
func DefaultSpecs() []Spec {
	return []Spec{
		{
			Server: servers.Server{ID: "demo-city", Name: "Stadt Beispielstadt", Hosting: servers.SelfRun},
			Options: mastosim.Options{
				Flavour: mastosim.FlavourMastodon, Domain: "social.beispielstadt.example",
				Title: "Beispielstadt Social", Description: "The official Mastodon server of the city of Beispielstadt.",
			},
			Seed: mastosim.SeedSpec{Seed: 1, Accounts: 400, RemoteDomains: 25, Reports: 180, ResolvedShare: 0.35, HostileShare: 0.08, PendingAccounts: 6},
		},
		{
			Server: servers.Server{ID: "demo-broadcaster", Name: "Nordfunk", Hosting: servers.Managed, Provider: "Fedihost Services", ContractRef: "FH-2026-0142"},
			Options: mastosim.Options{
				Flavour: mastosim.FlavourGoToSocial, Domain: "social.nordfunk.example",
				Title: "Nordfunk", Description: "News and programmes from Nordfunk, hosted by Fedihost Services.",
			},
			Seed: mastosim.SeedSpec{Seed: 2, Accounts: 150, RemoteDomains: 12, Reports: 45, ResolvedShare: 0.4, HostileShare: 0.1, PendingAccounts: 2},
		},
	}
}

// Demo is the running demo.
type Demo struct {
	sims    []*mastosim.Sim
	servers []servers.Server
	secrets *secrets.Memory
}

// Start starts and seeds the simulators and issues an admin token for each.
func Start(specs []Spec) (*Demo, error) {
	d := &Demo{secrets: secrets.NewMemory()}
	for _, sp := range specs {
		sim := mastosim.New(sp.Options)
		if err := sim.Seed(sp.Seed); err != nil {
			d.Close()
			return nil, fmt.Errorf("demo: seed %s: %w", sp.Server.ID, err)
		}
		url, err := sim.Start()
		if err != nil {
			d.Close()
			return nil, apperr.E("demo: start "+sp.Server.ID, apperr.Unavailable, err)
		}
		d.sims = append(d.sims, sim)
		token, err := sim.IssueToken("admin", demoScopes...)
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("demo: token for %s: %w", sp.Server.ID, err)
		}
		if err := d.secrets.Set(secrets.TokenKey(sp.Server.ID), token); err != nil {
			d.Close()
			return nil, err
		}
		srv := sp.Server
		srv.URL = url
		d.servers = append(d.servers, srv)
	}
	return d, nil
}

// Servers returns the demo servers' configuration.
func (d *Demo) Servers() []servers.Server { return append([]servers.Server(nil), d.servers...) }

// Secrets returns the in-memory keychain holding the demo tokens. The demo
// tokens belong to simulators that die with the process, so they never go
// into the real keychain.
func (d *Demo) Secrets() secrets.Store { return d.secrets }

// Sims returns the simulators (for tests and fault injection).
func (d *Demo) Sims() []*mastosim.Sim { return append([]*mastosim.Sim(nil), d.sims...) }

// Close stops every simulator.
func (d *Demo) Close() error {
	var errs []error
	for _, s := range d.sims {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
