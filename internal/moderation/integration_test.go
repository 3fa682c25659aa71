package moderation

import (
	"context"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/outbox"
	"steward/internal/store"
	stsync "steward/internal/sync"
)

// Sync from the simulator, query the queue, resolve a group through the real
// outbox and see the queue follow.
func TestQueueOverSimulatorAndOutbox(t *testing.T) {
	sim := mastosim.New(mastosim.Options{RateLimit: mastosim.RateLimit{Limit: -1}})
	if err := sim.Seed(mastosim.SeedSpec{Seed: 3, Accounts: 30, Reports: 120}); err != nil {
		t.Fatal(err)
	}
	url, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	tok, _ := sim.IssueToken("admin", "read", "write", "admin:read", "admin:write")
	c, _ := mastoapi.New(url, tok, mastoapi.Options{Timeout: 5 * time.Second})
	db, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := stsync.New(db, nil).SyncServer(context.Background(), "m", c); err != nil {
		t.Fatal(err)
	}
	ob, _ := outbox.New(outbox.Options{DB: db, OSUser: "t", Clients: func(string) (*mastoapi.Client, error) { return c, nil }})
	if err := ob.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer ob.Stop()
	q := New(db, ob, []ServerConfig{{ID: "m", Domain: "social.example.org", Caps: ServerCaps{Assign: true, Reopen: true, Update: true}}}, nil)
	ob.Subscribe(q.OnAction)
	if err := q.Load(); err != nil {
		t.Fatal(err)
	}
	res, _ := q.Query(Query{Grouped: true, Sort: "group_size", Limit: 1})
	if res.Reports != sim.OpenReportCount() || len(res.Rows) != 1 || res.Rows[0].Count < 2 {
		t.Fatalf("queue %d reports vs %d open; top row %+v", res.Reports, sim.OpenReportCount(), res.Rows)
	}
	top := res.Rows[0]
	var refs []Ref
	for _, id := range top.ReportIDs {
		refs = append(refs, Ref{"m", id})
	}
	job, err := q.ResolveMany(refs, "spam wave", nil)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for p, _ := ob.Job(job); !p.Finished; p, _ = ob.Job(job) {
		if time.Now().After(deadline) {
			t.Fatalf("job %+v", p)
		}
		time.Sleep(10 * time.Millisecond)
	}
	after, _ := q.Query(Query{Grouped: true, Sort: "group_size"})
	if after.Reports != res.Reports-top.Count || after.Reports != sim.OpenReportCount() {
		t.Fatalf("after resolving %d: %d in queue, %d open on server", top.Count, after.Reports, sim.OpenReportCount())
	}
}
