package servers

import (
	"context"
	"net/http/httptest"
	gosync "sync"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/secrets"
	"steward/internal/store"
)

type rig struct {
	svc     *Service
	db      *store.DB
	sims    map[string]*mastosim.Sim
	secrets *secrets.Memory
	changes int
	mu      gosync.Mutex
}

// newRig starts one simulator per flavour behind real HTTP and a Service over
// a real Badger in a temp dir.
func newRig(t *testing.T, flavours map[string]mastosim.Flavour, reports int) *rig {
	t.Helper()
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &rig{db: db, sims: map[string]*mastosim.Sim{}, secrets: secrets.NewMemory()}
	var list []Server
	for id, fl := range flavours {
		sim := mastosim.New(mastosim.Options{Flavour: fl, Domain: id + ".example", RateLimit: mastosim.RateLimit{Limit: -1}})
		if err := sim.Seed(mastosim.SeedSpec{Seed: 7, Accounts: 60, Reports: reports, ResolvedShare: 0.3}); err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(sim.Handler())
		t.Cleanup(hs.Close)
		tok, err := sim.IssueToken("admin", "read", "admin:read")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.secrets.Set(secrets.TokenKey(id), tok); err != nil {
			t.Fatal(err)
		}
		r.sims[id] = sim
		list = append(list, Server{ID: id, Name: "Server " + id, URL: hs.URL, Hosting: SelfRun})
	}
	r.svc = New(Config{Registry: NewMemoryRegistry(list), DB: db, Secrets: r.secrets, Timeout: 2 * time.Second, Changed: func() {
		r.mu.Lock()
		r.changes++
		r.mu.Unlock()
	}})
	return r
}

func (r *rig) status(t *testing.T, id string) Status {
	t.Helper()
	list, err := r.svc.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no server %s", id)
	return Status{}
}

func TestSyncCountsOpenReportsOfBothFlavours(t *testing.T) {
	r := newRig(t, map[string]mastosim.Flavour{"masto": mastosim.FlavourMastodon, "gts": mastosim.FlavourGoToSocial}, 450)
	before := r.status(t, "masto")
	if before.Synced || before.OpenReports != 0 {
		t.Fatalf("before the first sync: %+v", before)
	}
	r.svc.SyncAllInBackground(context.Background())
	r.svc.Wait()
	for id, sim := range r.sims {
		st := r.status(t, id)
		if st.ErrorKind != "" || !st.Synced || st.Syncing {
			t.Fatalf("%s: %+v", id, st)
		}
		if want := sim.OpenReportCount(); st.OpenReports != want || want == 0 {
			t.Fatalf("%s: open reports %d, simulator holds %d", id, st.OpenReports, want)
		}
	}
	if got := r.status(t, "gts").Software; got != string(mastoapi.SoftwareGoToSocial) {
		t.Fatalf("gts software = %q", got)
	}
	if got := r.status(t, "masto"); got.Software != "mastodon" || got.Version == "" || got.Domain != "masto.example" {
		t.Fatalf("masto = %+v", got)
	}
	if r.changes < 4 {
		t.Fatalf("changes announced = %d, want start and end per server", r.changes)
	}
}

func TestResyncConvergesAfterOtherModeratorsAct(t *testing.T) {
	r := newRig(t, map[string]mastosim.Flavour{"masto": mastosim.FlavourMastodon}, 40)
	ctx := context.Background()
	if err := r.svc.Sync(ctx, "masto"); err != nil {
		t.Fatal(err)
	}
	sim := r.sims["masto"]
	first := r.status(t, "masto").OpenReports
	// Another moderator resolves one report; a new one arrives.
	var openID string
	srvs, _ := r.svc.cfg.Registry.Servers()
	page, _ := mastoapi.New(srvs[0].URL, mustToken(t, r), mastoapi.Options{})
	p, err := page.Reports(ctx, mastoapi.ReportQuery{Limit: 1})
	if err != nil || len(p.Reports) == 0 {
		t.Fatalf("list: %v", err)
	}
	openID = p.Reports[0].ID
	if err := sim.ResolveReport(openID); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.AddReport(p.Reports[0].TargetAccount.ID, "new report"); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Sync(ctx, "masto"); err != nil {
		t.Fatal(err)
	}
	if got := r.status(t, "masto").OpenReports; got != first || got != sim.OpenReportCount() {
		t.Fatalf("after resync: %d, first %d, simulator %d", got, first, sim.OpenReportCount())
	}
}

func mustToken(t *testing.T, r *rig) string {
	t.Helper()
	tok, err := r.secrets.Get(secrets.TokenKey("masto"))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestFailuresAreRecordedAndTheCacheKept(t *testing.T) {
	cases := []struct {
		name       string
		fault      mastosim.Faults
		revoke     bool
		wantKind   apperr.Kind
		wantDetail string
	}{
		{"html error page", mastosim.Faults{ErrorRate: 1, Status: 500, HTMLErrorPage: true}, false, apperr.Unavailable, mastoapi.DetailHTMLPage},
		{"json 503", mastosim.Faults{ErrorRate: 1, Status: 503}, false, apperr.Unavailable, mastoapi.DetailServerError},
		{"truncated json", mastosim.Faults{TruncateJSON: true}, false, apperr.Unavailable, mastoapi.DetailBadJSON},
		{"server down", mastosim.Faults{Down: true}, false, apperr.Unavailable, mastoapi.DetailUnreachable},
		{"timeout", mastosim.Faults{Latency: 3 * time.Second}, false, apperr.Unavailable, mastoapi.DetailTimeout},
		{"revoked token", mastosim.Faults{}, true, apperr.Unauthorized, mastoapi.DetailTokenRevoked},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, map[string]mastosim.Flavour{"masto": mastosim.FlavourMastodon}, 30)
			ctx := context.Background()
			if err := r.svc.Sync(ctx, "masto"); err != nil {
				t.Fatal(err)
			}
			good := r.status(t, "masto")
			sim := r.sims["masto"]
			sim.SetFaults(tc.fault)
			if tc.revoke {
				sim.RevokeToken(mustToken(t, r))
			}
			short, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			err := r.svc.Sync(short, "masto")
			if apperr.KindOf(err) != tc.wantKind || apperr.DetailOf(err) != tc.wantDetail {
				t.Fatalf("err = %v (kind %q detail %q), want %q/%q", err, apperr.KindOf(err), apperr.DetailOf(err), tc.wantKind, tc.wantDetail)
			}
			st := r.status(t, "masto")
			if st.ErrorKind != string(tc.wantKind) || st.ErrorDetail != tc.wantDetail {
				t.Fatalf("state = %+v", st)
			}
			if st.OpenReports != good.OpenReports || !st.LastSync.Equal(good.LastSync) || st.Version != good.Version {
				t.Fatalf("the cache must survive a failed sync: before %+v after %+v", good, st)
			}
			// Once the server is healthy again, the error clears.
			sim.SetFaults(mastosim.Faults{})
			if tc.revoke {
				return
			}
			if err := r.svc.Sync(ctx, "masto"); err != nil {
				t.Fatal(err)
			}
			if st := r.status(t, "masto"); st.ErrorKind != "" {
				t.Fatalf("error not cleared: %+v", st)
			}
		})
	}
}

func TestNotAMastodonServer(t *testing.T) {
	hs := httptest.NewServer(nil) // answers 404 to everything
	t.Cleanup(hs.Close)
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := New(Config{Registry: NewMemoryRegistry([]Server{{ID: "x", URL: hs.URL}}), DB: db, Secrets: secrets.NewMemory()})
	if err := svc.Sync(context.Background(), "x"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("err = %v, want not found", err)
	}
	if err := svc.Sync(context.Background(), "nope"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("unknown server: %v", err)
	}
}
