package sync

import (
	"context"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func newTestRunner(t *testing.T, r *rig, cfg RunnerConfig) *Runner {
	t.Helper()
	p := mastoapi.NewPacer(mastoapi.PacerOptions{})
	cfg.ServerID, cfg.Syncer, cfg.Pacer = srv, r.syncer, p
	cfg.Client = func() (*mastoapi.Client, error) {
		return mastoapi.New(r.ts.URL, r.tok, mastoapi.Options{Transport: p.Transport(nil)})
	}
	if cfg.Stream.MinBackoff == 0 {
		cfg.Stream.MinBackoff = 50 * time.Millisecond
	}
	run := NewRunner(cfg)
	run.Start(context.Background())
	t.Cleanup(run.Stop)
	return run
}

func TestRunnerStreamTriggersSync(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 6, Accounts: 30, Reports: 50}, Config{})
	run := newTestRunner(t, r, RunnerConfig{Interval: time.Hour, StreamInterval: time.Hour, Debounce: 100 * time.Millisecond, MinGap: -1})
	eventually(t, 5*time.Second, "first sync and stream", func() bool {
		st := run.Status()
		return st.Syncs >= 1 && st.Stream == StreamConnected && r.sim.StreamSubscribers() == 1
	})
	if st := run.Status(); st.LastSync.IsZero() || st.LastFull.IsZero() || st.NextSync.IsZero() || st.Budget.Requests == 0 {
		t.Fatalf("status %+v", st)
	}
	publish := func() string {
		id, err := r.sim.AddReport("110000000000000003", "via stream")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.sim.PublishNotification(mastoapi.NotificationAdminReport, id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	id := publish()
	start := time.Now()
	eventually(t, 1500*time.Millisecond, "the new report via the stream", func() bool { return r.storeOpen(t)[id] })
	t.Logf("report synced %s after the notification", time.Since(start))

	// A dropped stream reconnects and keeps delivering.
	r.sim.DropStreams()
	eventually(t, 3*time.Second, "reconnect", func() bool {
		return r.sim.StreamSubscribers() == 1 && run.Status().Stream == StreamConnected
	})
	id = publish()
	eventually(t, 1500*time.Millisecond, "a report after the reconnect", func() bool { return r.storeOpen(t)[id] })
	if ev := run.Status().Events; ev < 2 {
		t.Fatalf("events = %d", ev)
	}
}

func TestRunnerSilentStreamReconnects(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 6, Accounts: 10, Reports: 5}, Config{})
	r.sim.SetStreamHeartbeat(time.Hour) // the server goes silent
	run := newTestRunner(t, r, RunnerConfig{Interval: time.Hour, StreamInterval: time.Hour,
		Stream: mastoapi.StreamOptions{Heartbeat: 100 * time.Millisecond}})
	eventually(t, 3*time.Second, "connected", func() bool { return run.Status().Stream == StreamConnected })
	before := r.sim.Stats().ByPath["GET /api/v1/streaming/user/notification"]
	eventually(t, 3*time.Second, "reconnects of a silent stream", func() bool {
		return r.sim.Stats().ByPath["GET /api/v1/streaming/user/notification"] >= before+2
	})
}

func TestRunnerFallsBackToPolling(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 6, Accounts: 10, Reports: 20}, Config{})
	r.sim.SetStreamEnabled(false)
	run := newTestRunner(t, r, RunnerConfig{Interval: 200 * time.Millisecond, StreamInterval: time.Hour})
	eventually(t, 3*time.Second, "stream unavailable", func() bool { return run.Status().Stream == StreamUnavailable })
	eventually(t, 3*time.Second, "polling", func() bool { return run.Status().Syncs >= 3 })
	id, _ := r.sim.AddReport("110000000000000003", "polled")
	eventually(t, 2*time.Second, "the new report by polling", func() bool { return r.storeOpen(t)[id] })
	if st := run.Status(); st.LastErrorKind != "" {
		t.Fatalf("status %+v", st)
	}
}

func TestRunnerTriggerNowAndStop(t *testing.T) {
	r := newRig(t, mastosim.Options{}, mastosim.SeedSpec{Seed: 6, Accounts: 10, Reports: 20}, Config{})
	run := newTestRunner(t, r, RunnerConfig{Interval: time.Hour, DisableStream: true, Debounce: 10 * time.Millisecond, MinGap: -1})
	eventually(t, 3*time.Second, "first sync", func() bool { return run.Status().Syncs == 1 })
	for i := 0; i < 5; i++ {
		run.TriggerNow() // batched
	}
	eventually(t, 3*time.Second, "triggered sync", func() bool { return run.Status().Syncs >= 2 })
	time.Sleep(100 * time.Millisecond)
	if n := run.Status().Syncs; n > 3 {
		t.Fatalf("5 triggers gave %d syncs", n)
	}
	run.Stop()
	if st := run.Status(); st.Syncing || st.Stream != StreamOff {
		t.Fatalf("status after stop %+v", st)
	}
}
