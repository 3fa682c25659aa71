package main

import (
	"context"
	"fmt"
	"sync"

	"steward/app"
	"steward/internal/jobs"
	"steward/internal/journal"
	"steward/internal/moderation"
	"steward/internal/outbox"
	"steward/internal/platform"
	"steward/internal/servers"
	"steward/internal/store"
)

// Events of the moderation screens.
const (
	eventQueueChanged  = "queue:changed"  // the queue's data changed: re-query
	eventOutboxChanged = "outbox:changed" // payload: app.ActionView
	eventNewReports    = "reports:new"    // payload: number of new open reports (batched)
)

// triage wires the queue, the outbox and the journal to the servers.
type triage struct {
	journal *journal.Journal
	outbox  *outbox.Outbox
	queue   *moderation.Queue
	servers *servers.Service
	ui      uiPlatform
	notify  platform.Notifier
}

func newTriage(db *store.DB, svc *servers.Service, ui uiPlatform, notify platform.Notifier) (*triage, error) {
	t := &triage{servers: svc, ui: ui, notify: notify}
	t.journal = journal.New(db, nil)
	ob, err := outbox.New(outbox.Options{DB: db, Clients: svc.ClientFor, Journal: t.journal})
	if err != nil {
		return nil, err
	}
	t.outbox = ob
	t.queue = moderation.New(db, ob, nil, nil)
	ob.Subscribe(func(a outbox.Action) {
		t.queue.OnAction(a)
		ui.Emit(eventOutboxChanged, app.ToActionView(a))
		if a.State.Final() {
			ui.Emit(eventQueueChanged)
		}
	})
	return t, nil
}

// serverConfigs tells the queue what each server allows and who "me" is.
func (t *triage) serverConfigs() []moderation.ServerConfig {
	list, err := t.servers.Describe()
	if err != nil {
		return nil
	}
	out := make([]moderation.ServerConfig, 0, len(list))
	for _, st := range list {
		c := st.Capabilities
		caps := moderation.ServerCaps{Assign: c["report_assign"], Reopen: c["report_reopen"], Update: c["report_update"],
			IrreversibleSuspend: st.Software == "gotosocial"}
		for _, a := range []string{"none", "sensitive", "disable", "silence", "suspend"} {
			if c["account_action_"+a] {
				caps.AccountActions = append(caps.AccountActions, a)
			}
		}
		if st.Software != "gotosocial" && st.Software != "" {
			caps.AccountUndo = []string{"approve", "reject", "enable", "unsilence", "unsuspend", "unsensitive"}
		}
		out = append(out, moderation.ServerConfig{ID: st.ID, Domain: st.Domain, SelfAccountID: st.AccountID, Caps: caps})
	}
	return out
}

// start loads the queue from the cache, identifies the accounts and starts
// the outbox; it returns at once.
func (t *triage) start(ctx context.Context) {
	go func() {
		// The cache first, so the queue paints without waiting for the network.
		t.queue.SetServers(t.serverConfigs())
		_ = t.queue.Load()
		t.ui.Emit(eventQueueChanged)
		// Then learn which account "me" is on each server ("assigned to me").
		if list, err := t.servers.Describe(); err == nil {
			for _, st := range list {
				_ = t.servers.Identify(ctx, st.ID)
			}
		}
		t.queue.SetServers(t.serverConfigs())
		t.ui.Emit(eventQueueChanged)
	}()
	_ = t.outbox.Start(ctx)
}

// synced is called after each successful sync of a server: the queue re-reads
// that server, and reports that arrived are announced in one batched event
// and one OS notification (never one per report).
func (t *triage) synced(serverID string, newReports int) {
	t.queue.SetServers(t.serverConfigs())
	_ = t.queue.Reload(serverID)
	t.ui.Emit(eventQueueChanged)
	if newReports <= 0 {
		return
	}
	t.ui.Emit(eventNewReports, newReports)
	_ = t.notify.Notify("Steward", fmt.Sprintf("%d new report(s) on %s", newReports, t.serverName(serverID)))
}

// bulkResolve runs a bulk resolve as a job: the outbox paces it through each
// server's budget; cancelling the job discards what has not been sent yet.
func (t *triage) bulkResolve(jm *jobs.Manager, ctx context.Context) app.BulkStarter {
	return func(refs []moderation.Ref, comment string) (string, error) {
		return jm.Start(ctx, "bulk", func(jctx context.Context, r jobs.Reporter) error {
			r.Report(0, len(refs), "queueing")
			finished := make(chan struct{})
			var once sync.Once
			progress := func(p outbox.JobProgress) {
				r.Report(p.Done+p.Failed+p.Conflict+p.Discarded, p.Total, "applying")
				if p.Finished {
					once.Do(func() { close(finished) })
				}
			}
			obJob, err := t.queue.ResolveMany(refs, comment, progress)
			if err != nil {
				return err
			}
			r.SetResult(obJob)
			if p, ok := t.outbox.Job(obJob); ok && p.Finished {
				progress(p)
			}
			select {
			case <-finished:
				return nil
			case <-jctx.Done():
				// Discard what was not sent yet; what is in flight completes.
				_, _ = t.outbox.CancelJob(obJob)
				return jctx.Err()
			}
		}), nil
	}
}

func (t *triage) stop() { t.outbox.Stop() }

func (t *triage) serverName(id string) string {
	if st, err := t.servers.Status(id); err == nil && st.Name != "" {
		return st.Name
	}
	return id
}
