package servers

import (
	"context"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestSchedulersSyncAtStartAndOnStreamEvents(t *testing.T) {
	r := newRig(t, map[string]mastosim.Flavour{"masto": mastosim.FlavourMastodon}, 40)
	sim := r.sims["masto"]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.svc.Start(ctx)
	defer r.svc.Stop()
	waitFor(t, "the first sync", 10*time.Second, func() bool {
		st := r.status(t, "masto")
		return st.Synced && st.OpenReports == sim.OpenReportCount()
	})
	waitFor(t, "the stream", 10*time.Second, func() bool { return r.status(t, "masto").Stream == "connected" })
	before := sim.OpenReportCount()
	targets, err := r.db.CountOpenReports("masto")
	if err != nil || targets != before {
		t.Fatalf("cached %d, server %d", targets, before)
	}
	// A new report on the server arrives through the stream and triggers a sync.
	var target string
	for _, rep := range mustOpenReports(t, r) {
		target = rep
		break
	}
	if _, err := sim.AddReport(target, "streamed"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the streamed report", 15*time.Second, func() bool { return r.status(t, "masto").OpenReports == before+1 })
	st := r.status(t, "masto")
	if st.Budget.Requests == 0 {
		t.Fatalf("the pacer saw no requests: %+v", st.Budget)
	}
	if sim.Stats().RateLimited != 0 {
		t.Fatal("429s received")
	}
}

// mustOpenReports returns the target account ids of cached open reports.
func mustOpenReports(t *testing.T, r *rig) []string {
	t.Helper()
	var out []string
	err := r.db.EachReport("masto", func(rep mastoReport, open bool) error {
		if open {
			out = append(out, rep.TargetAccount.ID)
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("no open reports cached: %v", err)
	}
	return out
}

type mastoReport = mastoapi.Report
