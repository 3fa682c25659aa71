package servers

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"steward/internal/apperr"
	"steward/internal/mastosim"
	"steward/internal/secrets"
	"steward/internal/store"
)

type fakeConnector struct {
	conn Connection
	err  error
}

func (f fakeConnector) Connect(ctx context.Context, input string, progress func(string)) (Connection, error) {
	progress("discovering")
	return f.conn, f.err
}

func TestOnboardRecordsAndSyncs(t *testing.T) {
	sim := mastosim.New(mastosim.Options{Domain: "city.example", RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 4, Accounts: 20, Reports: 15}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Handler())
	defer hs.Close()
	tok, _ := sim.IssueToken("admin", "read", "admin:read")
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keychain := secrets.NewMemory()
	svc := New(Config{Registry: NewMemoryRegistry(nil), DB: db, Secrets: keychain})
	var steps []string
	id, err := svc.Onboard(context.Background(), fakeConnector{conn: Connection{
		URL: hs.URL, Domain: "city.example", Title: "City", Software: "mastodon", Version: "4.3.2",
		ClientID: "cid", ClientSecret: "cs", AccessToken: tok, Account: "admin", RoleName: "Owner",
		Permissions: []string{"manage_reports"}, Capabilities: map[string]bool{"report_assign": true},
	}}, ConnectRequest{Input: "city.example", Hosting: Managed, Provider: "P"}, func(s string) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	list, _ := svc.List()
	if len(list) != 1 || list[0].ID != id || list[0].Name != "City" || list[0].OpenReports != sim.OpenReportCount() ||
		list[0].RoleName != "Owner" || !list[0].Capabilities["report_assign"] || list[0].Provider != "P" {
		t.Fatalf("%+v", list)
	}
	if len(steps) != 3 || steps[1] != "saving" || steps[2] != "syncing" {
		t.Fatalf("steps %v", steps)
	}
	if v, _ := keychain.Get(secrets.ClientSecretKey(id)); v != "cs" {
		t.Fatal("client secret not in the keychain")
	}
}

func TestOnboardFailureRecordsNothing(t *testing.T) {
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := New(Config{Registry: NewMemoryRegistry(nil), DB: db, Secrets: secrets.NewMemory()})
	denied := &apperr.Error{Op: "oauth", Kind: apperr.Forbidden, Extra: "denied", Err: errors.New("no")}
	_, err = svc.Onboard(context.Background(), fakeConnector{err: denied}, ConnectRequest{Input: "x.example"}, nil)
	if apperr.DetailOf(err) != "denied" {
		t.Fatal(err)
	}
	if list, _ := svc.List(); len(list) != 0 {
		t.Fatalf("%+v", list)
	}
}

func TestOnboardWithSchedulersSyncsOnce(t *testing.T) {
	sim := mastosim.New(mastosim.Options{Domain: "city.example", RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 4, Accounts: 20, Reports: 15}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Handler())
	defer hs.Close()
	tok, _ := sim.IssueToken("admin", "read", "admin:read")
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := New(Config{Registry: NewMemoryRegistry(nil), DB: db, Secrets: secrets.NewMemory()})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc.Start(ctx)
	defer svc.Stop()
	id, err := svc.Onboard(ctx, fakeConnector{conn: Connection{URL: hs.URL, Domain: "city.example", Software: "mastodon",
		Version: "4.3.2", AccessToken: tok}}, ConnectRequest{Input: "city.example"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := svc.List()
	if len(list) != 1 || list[0].ID != id || list[0].OpenReports != sim.OpenReportCount() {
		t.Fatalf("onboarding must return after the first sync: %+v", list)
	}
	if n := sim.Stats().ByPath["GET /api/v2/instance"]; n != 1 {
		t.Fatalf("the first sync ran %d times, want once (the scheduler's)", n)
	}
}
