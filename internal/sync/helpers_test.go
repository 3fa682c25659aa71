package sync

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/store"
)

type rig struct {
	sim    *mastosim.Sim
	ts     *httptest.Server
	db     *store.DB
	tok    string
	syncer *Syncer
}

const srv = "srv1"

func newRig(t *testing.T, opts mastosim.Options, spec mastosim.SeedSpec, cfg Config) *rig {
	t.Helper()
	if opts.RateLimit == (mastosim.RateLimit{}) {
		opts.RateLimit = mastosim.RateLimit{Limit: -1}
	}
	sim := mastosim.New(opts)
	if err := sim.Seed(spec); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(sim.Handler())
	t.Cleanup(func() { sim.DropStreams(); ts.Close() })
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	tok, err := sim.IssueToken("admin", "read", "admin:read")
	if err != nil {
		t.Fatal(err)
	}
	return &rig{sim: sim, ts: ts, db: db, tok: tok, syncer: NewWithConfig(db, nil, cfg)}
}

func (r *rig) client(t *testing.T, p *mastoapi.Pacer) *mastoapi.Client {
	t.Helper()
	var o mastoapi.Options
	if p != nil {
		o.Transport = p.Transport(nil)
	}
	c, err := mastoapi.New(r.ts.URL, r.tok, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// simOpen lists the simulator's open reports with a token of its own.
func (r *rig) simOpen(t *testing.T) map[string]bool {
	t.Helper()
	tok, err := r.sim.IssueToken("admin", "admin:read")
	if err != nil {
		t.Fatal(err)
	}
	c, err := mastoapi.New(r.ts.URL, tok, mastoapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	err = c.EachReport(context.Background(), mastoapi.ReportQuery{Resolved: false, Limit: 200}, func(p mastoapi.ReportPage) error {
		for _, rep := range p.Reports {
			out[rep.ID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (r *rig) storeOpen(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	if err := r.db.EachReport(srv, func(rep mastoapi.Report, open bool) error {
		if open {
			out[rep.ID] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func (r *rig) resolvedSet(t *testing.T) map[string]mastoapi.Report {
	t.Helper()
	out := map[string]mastoapi.Report{}
	if err := r.syncer.Store().EachResolved(srv, func(rep mastoapi.Report) error { out[rep.ID] = rep; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d ids, want %d", what, len(got), len(want))
	}
	for id := range want {
		if !got[id] {
			t.Fatalf("%s: missing %s", what, id)
		}
	}
}

type counts struct{ open, resolved, accounts, pending int }

func (r *rig) counts(t *testing.T) counts {
	t.Helper()
	ss := r.syncer.Store()
	var c counts
	var err error
	if c.open, err = r.db.CountOpenReports(srv); err != nil {
		t.Fatal(err)
	}
	c.resolved, _ = ss.CountResolved(srv)
	c.accounts, _ = ss.CountAccounts(srv)
	c.pending, _ = ss.CountPending(srv)
	return c
}

func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s", within, what)
}
