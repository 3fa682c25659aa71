package sync

import (
	"context"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func TestFullThenIncrementalConverges(t *testing.T) {
	for _, fl := range []mastosim.Flavour{mastosim.FlavourMastodon, mastosim.FlavourGoToSocial} {
		t.Run(string(fl), func(t *testing.T) {
			r := newRig(t, mastosim.Options{Flavour: fl}, mastosim.SeedSpec{Seed: 5, Accounts: 80, Reports: 300,
				ResolvedShare: 0.3, PendingAccounts: 4}, Config{PageSize: 50})
			ctx := context.Background()
			c := r.client(t, nil)
			res, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Full {
				t.Fatal("first sync must be full")
			}
			sameSet(t, "open after full sync", r.storeOpen(t), r.simOpen(t))
			got := r.counts(t)
			if got.resolved == 0 || got.accounts == 0 || got.pending != 4 {
				t.Fatalf("counts after full sync: %+v", got)
			}
			if rules, _ := r.syncer.Store().Rules(srv); len(rules) == 0 {
				t.Fatal("no rules synced")
			}
			st, _, _ := r.db.ServerState(srv)
			if st.Domain == "" || st.LastSync.IsZero() || st.Syncing || st.ErrorKind != "" {
				t.Fatalf("server state: %+v", st)
			}

			for round := 0; round < 3; round++ {
				open := r.storeOpen(t)
				var ids []string
				for id := range open {
					ids = append(ids, id)
				}
				resolvedNow := ids[:3]
				for _, id := range resolvedNow {
					if err := r.sim.ResolveReport(id); err != nil {
						t.Fatal(err)
					}
				}
				rep, _, _ := r.db.Report(srv, ids[4])
				if fl == mastosim.FlavourMastodon {
					_ = r.sim.DeleteAccount(rep.TargetAccount.ID)
				}
				var added []string
				for i := 0; i < 3; i++ {
					id, err := r.sim.AddReport(rep.Account.ID, "new report")
					if err != nil {
						t.Fatal(err)
					}
					added = append(added, id)
				}
				res, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if res.Full {
					t.Fatal("second sync must be incremental")
				}
				storeOpen := r.storeOpen(t)
				sameSet(t, "open after incremental sync", storeOpen, r.simOpen(t))
				resolved := r.resolvedSet(t)
				for _, id := range resolvedNow {
					if storeOpen[id] {
						t.Fatalf("resolved report %s still open", id)
					}
					if rr, ok := resolved[id]; !ok || !rr.ActionTaken {
						t.Fatalf("resolved report %s not in the resolved set", id)
					}
				}
				for _, id := range added {
					if !storeOpen[id] {
						t.Fatalf("new report %s missing", id)
					}
				}
			}
		})
	}
}

func TestIncrementalWithoutRecheckFetchesNewOnly(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 2, Accounts: 40, Reports: 200}, Config{PageSize: 20, RecheckPages: 1, RecheckEvery: 100, SlowEvery: 100})
	ctx := context.Background()
	c := r.client(t, nil)
	if _, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	id, _ := r.sim.AddReport("110000000000000003", "fresh")
	res, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Recheck || res.NewReports != 1 || res.Requests > 5 {
		t.Fatalf("result %+v", res)
	}
	if !r.storeOpen(t)[id] {
		t.Fatal("new report missing")
	}
	sameSet(t, "open", r.storeOpen(t), r.simOpen(t))
}

func TestNoRateLimitWithSmallBudget(t *testing.T) {
	rl := mastosim.RateLimit{Limit: 30, Window: 2 * time.Second, PaginatedLimit: 20, PaginatedWindow: 3 * time.Second}
	r := newRig(t, mastosim.Options{RateLimit: rl}, mastosim.SeedSpec{Seed: 9, Accounts: 60, Reports: 500, ResolvedShare: 0.2}, Config{PageSize: 20})
	p := mastoapi.NewPacer(mastoapi.PacerOptions{Limit: 30, Window: 2 * time.Second, PaginatedLimit: 20, PaginatedWindow: 3 * time.Second})
	c := r.client(t, p)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	res, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.sim.Stats().RateLimited; got != 0 {
		t.Fatalf("%d requests were rate limited", got)
	}
	if res.RateLimited != 0 || res.Requests < 25 {
		t.Fatalf("result %+v", res)
	}
	sameSet(t, "open", r.storeOpen(t), r.simOpen(t))
}

func TestRateLimitPauseAndResume(t *testing.T) {
	rl := mastosim.RateLimit{Limit: 12, Window: 2 * time.Second, PaginatedLimit: 100, PaginatedWindow: 2 * time.Second}
	r := newRig(t, mastosim.Options{RateLimit: rl}, mastosim.SeedSpec{Seed: 1, Accounts: 20, Reports: 60}, Config{})
	ctx := context.Background()
	burn := r.client(t, nil)
	for i := 0; i < 20; i++ {
		if _, err := burn.Instance(ctx); apperr.Is(err, apperr.RateLimited) {
			break
		}
	}
	before := r.sim.Stats().RateLimited
	if before == 0 {
		t.Fatal("could not exhaust the budget")
	}
	p := mastoapi.NewPacer(mastoapi.PacerOptions{Limit: 12, Window: 2 * time.Second})
	start := time.Now()
	res, err := r.syncer.SyncServerWith(ctx, srv, r.client(t, p), SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.RateLimited == 0 || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("expected a pause: %+v after %s", res, time.Since(start))
	}
	if p.Status().RateLimited == 0 {
		t.Fatal("the pacer did not see the 429")
	}
	sameSet(t, "open", r.storeOpen(t), r.simOpen(t))
}

func TestFailuresKeepCache(t *testing.T) {
	cases := []struct {
		name   string
		fault  mastosim.Faults
		revoke bool
		kind   apperr.Kind
		detail string
	}{
		{"json 503", mastosim.Faults{ErrorRate: 1, Status: 503}, false, apperr.Unavailable, mastoapi.DetailServerError},
		{"html error page", mastosim.Faults{ErrorRate: 1, Status: 502, HTMLErrorPage: true}, false, apperr.Unavailable, mastoapi.DetailHTMLPage},
		{"truncated json", mastosim.Faults{TruncateJSON: true}, false, apperr.Unavailable, mastoapi.DetailBadJSON},
		{"timeout", mastosim.Faults{Latency: 3 * time.Second}, false, apperr.Unavailable, mastoapi.DetailTimeout},
		{"server down", mastosim.Faults{Down: true}, false, apperr.Unavailable, mastoapi.DetailUnreachable},
		{"revoked token", mastosim.Faults{}, true, apperr.Unauthorized, mastoapi.DetailTokenRevoked},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 3, Accounts: 30, Reports: 80, ResolvedShare: 0.3, PendingAccounts: 2}, Config{})
			c := r.client(t, nil)
			if _, err := r.syncer.SyncServerWith(context.Background(), srv, c, SyncOptions{}); err != nil {
				t.Fatal(err)
			}
			before := r.counts(t)
			for _, id := range []string{"1", "2", "3"} {
				_ = r.sim.ResolveReport(id)
			}
			r.sim.SetFaults(tc.fault)
			if tc.revoke {
				r.sim.RevokeToken(r.tok)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{})
			if apperr.KindOf(err) != tc.kind || apperr.DetailOf(err) != tc.detail {
				t.Fatalf("err = %v (%s/%s), want %s/%s", err, apperr.KindOf(err), apperr.DetailOf(err), tc.kind, tc.detail)
			}
			st, _, _ := r.db.ServerState(srv)
			if st.ErrorKind != string(tc.kind) || st.ErrorDetail != tc.detail || st.Syncing {
				t.Fatalf("state %+v", st)
			}
			if after := r.counts(t); after != before {
				t.Fatalf("cache changed: before %+v after %+v", before, after)
			}
		})
	}
}

func TestCancelMidSyncKeepsCache(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 4, Accounts: 50, Reports: 400, ResolvedShare: 0.2}, Config{PageSize: 20})
	c := r.client(t, nil)
	if _, err := r.syncer.SyncServerWith(context.Background(), srv, c, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	before := r.storeOpen(t)
	n := 0
	for id := range before {
		if n == 30 {
			break
		}
		_ = r.sim.ResolveReport(id)
		n++
	}
	r.sim.SetFaults(mastosim.Faults{Latency: 5 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	pages := 0
	_, err := r.syncer.SyncServerWith(ctx, srv, c, SyncOptions{Full: true, Progress: func(done, total int, step string) {
		pages++
		if step == "reports_resolved" {
			cancel()
		}
	}})
	if !apperr.Is(err, apperr.Unavailable) {
		t.Fatalf("err = %v", err)
	}
	sameSet(t, "open after cancel", r.storeOpen(t), before)
	r.sim.SetFaults(mastosim.Faults{})
	// 300 open reports exceed RecheckPages at this page size: ask for the re-list.
	if _, err := r.syncer.SyncServerWith(context.Background(), srv, c, SyncOptions{Recheck: true}); err != nil {
		t.Fatal(err)
	}
	sameSet(t, "open after resumed sync", r.storeOpen(t), r.simOpen(t))
}

func TestWakeDetection(t *testing.T) {
	if !clockGap(70*time.Second, 5*time.Second, 10*time.Second) {
		t.Fatal("a 65 s wall-clock jump is a wake")
	}
	if clockGap(5*time.Second, 5*time.Second, 10*time.Second) {
		t.Fatal("no jump, no wake")
	}
	now := time.Now()
	if wokeUp(now, now.Add(5*time.Second), 10*time.Second) {
		t.Fatal("monotonic and wall agree")
	}
}
