package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"steward/app"
	"steward/internal/apperr"
	"steward/internal/platform"
	"steward/internal/store"
)

type recorderUI struct{ platform.Recorder }

// TestDemoBackendEndToEnd wires the demo exactly as main does (simulators,
// encrypted Badger, schedulers, outbox, queue) and drives it through the
// facades the UI binds: the queue fills, a resolve goes through the outbox
// to the simulator, and the journal records it.
func TestDemoBackendEndToEnd(t *testing.T) {
	ui := &recorderUI{}
	b, err := openBackend(config{demo: true, dataDir: t.TempDir()}, ui)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.triage.start(ctx)
	b.servers.Start(ctx)
	queue := app.NewQueue(b.triage.queue, b.servers, b.triage.bulkResolve(b.jobs, ctx), store.NewSyncStore(b.db))

	var page app.QueuePage
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		page, err = queue.Query(app.QueueQuery{Limit: 20})
		if err == nil && page.Reports >= 117+26 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if page.Reports != 117+26 {
		t.Fatalf("queue holds %d reports (err %v), want the demo's 143", page.Reports, err)
	}
	rules, err := queue.Rules("demo-city")
	if err != nil || len(rules) == 0 || rules[0].Text == "" {
		t.Fatalf("rules: %+v %v", rules, err)
	}
	row := page.Rows[0]
	detail, err := queue.Report(row.Server, row.ReportID)
	if err != nil || detail.ID != row.ReportID || detail.WebAdminURL == "" {
		t.Fatalf("detail %+v %v", detail, err)
	}
	act, err := queue.Resolve(row.Server, row.ReportID, "")
	if err != nil || act.State != "pending" {
		t.Fatalf("resolve: %+v %v", act, err)
	}
	sim := b.demo.Sims()[0]
	if row.Server != "demo-city" {
		sim = b.demo.Sims()[1]
	}
	before := sim.OpenReportCount()
	deadline = time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && sim.OpenReportCount() == before {
		time.Sleep(100 * time.Millisecond)
	}
	if sim.OpenReportCount() != before-1 {
		t.Fatalf("the simulator still has %d open reports", sim.OpenReportCount())
	}
	j := app.NewJournal(b.triage.journal, &ui.Recorder)
	deadline = time.Now().Add(10 * time.Second)
	var jp app.JournalPage
	for time.Now().Before(deadline) {
		jp, _ = j.Query(app.JournalQuery{})
		if jp.Total >= 2 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if jp.Total < 2 || jp.Entries[0].Result != "done" {
		t.Fatalf("journal: %+v", jp)
	}
	// A new report on the server reaches the queue through the stream, with one
	// batched notification.
	if _, err := sim.AddReport(detail.Target.ID, "new while watching"); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && ui.Count("notify") == 0 {
		time.Sleep(100 * time.Millisecond)
	}
	if ui.Count("notify") != 1 || ui.Count(eventNewReports) != 1 {
		t.Fatalf("notifications: %d, new-report events: %d", ui.Count("notify"), ui.Count(eventNewReports))
	}
	if ui.Count(eventOutboxChanged) == 0 || ui.Count(app.EventServersChanged) == 0 {
		t.Fatalf("events: %d outbox, %d servers", ui.Count(eventOutboxChanged), ui.Count(app.EventServersChanged))
	}
}

func TestFallbackBackendWorksEmpty(t *testing.T) {
	ui := &recorderUI{}
	b, err := openFallback(ui)
	if err != nil {
		t.Fatal(err)
	}
	dir := b.tempDir
	list, err := b.servers.List()
	if err != nil || len(list) != 0 {
		t.Fatalf("%v %v", list, err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("temporary cache left at %s", dir)
	}
}

func TestRealModeWithoutKeychainFailsClearly(t *testing.T) {
	// A keyring whose backend is broken: go-keyring's mock with an error.
	keyring.MockInitWithError(errors.New("no secret service"))
	_, err := openBackend(config{dataDir: t.TempDir(), settingsPath: filepath.Join(t.TempDir(), "s.json")}, &recorderUI{})
	if !apperr.Is(err, apperr.Unavailable) {
		t.Fatalf("err = %v, want unavailable", err)
	}
}
