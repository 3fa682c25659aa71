package demo

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"steward/internal/servers"
	"steward/internal/store"
)

// expectedFile is what the end-to-end tests compare the UI with.
var expectedFile = filepath.Join("..", "..", "frontend", "e2e", "demo-expected.json")

type expected struct {
	Servers []struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		OpenReports   int    `json:"openReports"`
		SoftwareLabel string `json:"softwareLabel"`
	} `json:"servers"`
}

func TestDemoServersSyncAndMatchTheEndToEndFixture(t *testing.T) {
	d, err := Start(DefaultSpecs())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := servers.New(servers.Config{Registry: servers.NewMemoryRegistry(d.Servers()), DB: db, Secrets: d.Secrets()})
	svc.SyncAllInBackground(context.Background())
	svc.Wait()
	list, err := svc.List()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(expectedFile)
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || len(want.Servers) != 2 {
		t.Fatalf("servers: %d, fixture: %d", len(list), len(want.Servers))
	}
	sims := d.Sims()
	for i, st := range list {
		if st.ErrorKind != "" {
			t.Fatalf("%s: sync error %s/%s", st.ID, st.ErrorKind, st.ErrorDetail)
		}
		if st.OpenReports == 0 || st.OpenReports != sims[i].OpenReportCount() {
			t.Fatalf("%s: open %d, simulator %d", st.ID, st.OpenReports, sims[i].OpenReportCount())
		}
		w := want.Servers[i]
		if w.ID != st.ID || w.Name != st.Name || w.OpenReports != st.OpenReports {
			t.Fatalf("fixture %s is stale: %+v, the demo gives %s %q with %d open reports — update %s",
				w.ID, w, st.ID, st.Name, st.OpenReports, expectedFile)
		}
	}
	if list[0].Hosting != servers.SelfRun || list[1].Hosting != servers.Managed || list[1].Provider == "" {
		t.Fatalf("hosting: %+v", list)
	}
}

func TestDemoTokensStayOutOfTheKeychain(t *testing.T) {
	d, err := Start(DefaultSpecs()[:1])
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, ok := d.Secrets().(interface{ Get(string) (string, error) }); !ok {
		t.Fatal("demo secrets must be a store")
	}
	for _, s := range d.Servers() {
		if s.URL == "" || s.ID == "" {
			t.Fatalf("server %+v", s)
		}
	}
}
