package store

import (
	"strconv"
	"testing"
	"time"

	"steward/internal/mastoapi"
)

func TestSyncStoreSetsAndPurge(t *testing.T) {
	db, err := Open(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ss := NewSyncStore(db)
	var accts []mastoapi.AdminAccount
	for i := 1; i <= 250; i++ {
		accts = append(accts, mastoapi.AdminAccount{ID: strconv.Itoa(i), Username: "u" + strconv.Itoa(i)})
	}
	if err := ss.ReplaceAccountDirectory("a", accts); err != nil {
		t.Fatal(err)
	}
	if err := ss.ReplacePending("a", accts[:3]); err != nil {
		t.Fatal(err)
	}
	if err := ss.ReplacePending("a", accts[1:2]); err != nil {
		t.Fatal(err)
	}
	if n, _ := ss.CountPending("a"); n != 1 {
		t.Fatalf("pending = %d", n)
	}
	if err := ss.ReplaceAccountDirectory("a", accts[:100]); err != nil {
		t.Fatal(err)
	}
	if n, _ := ss.CountAccounts("a"); n != 100 {
		t.Fatalf("accounts = %d", n)
	}
	// Ids are in numeric order.
	var prev int
	_ = ss.EachAccount("a", func(a mastoapi.AdminAccount) error {
		n, _ := strconv.Atoi(a.ID)
		if n < prev {
			t.Fatalf("order: %d after %d", n, prev)
		}
		prev = n
		return nil
	})
	old := time.Now().Add(-40 * 24 * time.Hour)
	recent := time.Now()
	if err := ss.PutResolved("a", []mastoapi.Report{{ID: "1", ActionTaken: true, ActionTakenAt: &old}, {ID: "2", ActionTaken: true, ActionTakenAt: &recent}, {ID: "3", UpdatedAt: recent}}); err != nil {
		t.Fatal(err)
	}
	if err := ss.PruneResolved("a", time.Now().Add(-30*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := ss.DeleteResolved("a", []string{"3"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := ss.CountResolved("a"); n != 1 {
		t.Fatalf("resolved = %d", n)
	}
	if err := ss.ReplaceRules("a", []mastoapi.Rule{{ID: "1", Text: "x"}, {ID: "2", Text: "y"}}); err != nil {
		t.Fatal(err)
	}
	if err := ss.ReplaceRules("a", []mastoapi.Rule{{ID: "2", Text: "y"}}); err != nil {
		t.Fatal(err)
	}
	if rules, _ := ss.Rules("a"); len(rules) != 1 || rules[0].ID != "2" {
		t.Fatalf("rules %v", rules)
	}
	if err := ss.ReplaceDomainBlocks("a", []mastoapi.DomainBlock{{ID: "9", Domain: "spam.example"}}); err != nil {
		t.Fatal(err)
	}
	if err := ss.UpdateSyncMeta("a", func(m *SyncMeta) {
		m.NewestReportID = "42"
		m.Resources[ResourceRules] = ResourceStatus{Count: 1}
	}); err != nil {
		t.Fatal(err)
	}
	m, ok, err := ss.SyncMeta("a")
	if err != nil || !ok || m.NewestReportID != "42" || m.Resources[ResourceRules].Count != 1 {
		t.Fatalf("meta %+v ok %v err %v", m, ok, err)
	}
	if err := ss.PutAccounts("b", accts[:5]); err != nil {
		t.Fatal(err)
	}
	if err := db.PurgeServer("a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := ss.SyncMeta("a"); ok {
		t.Fatal("meta survived the purge")
	}
	if n, _ := ss.CountAccounts("a"); n != 0 {
		t.Fatalf("accounts after purge = %d", n)
	}
	if n, _ := ss.CountAccounts("b"); n != 5 {
		t.Fatalf("other server's accounts = %d", n)
	}
	if err := ss.ReplaceRules("bad/id", nil); err == nil {
		t.Fatal("bad server id accepted")
	}
}
