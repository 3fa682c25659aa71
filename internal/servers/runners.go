package servers

import (
	"context"
	gosync "sync"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/store"
	"steward/internal/sync"
)

// serverRuntime is what runs for one connected server: the token's rate
// budget (shared by every client of that token) and its sync scheduler.
type serverRuntime struct {
	pacer  *mastoapi.Pacer
	runner *sync.Runner
	// synced is closed when the runner's first sync has ended (well or not).
	synced     chan struct{}
	syncedOnce gosync.Once
}

// runtimeFor returns (creating on first use) the server's pacer; the runner
// is created by startRunner.
func (s *Service) runtimeFor(id string) *serverRuntime {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.runtimes[id]
	if !ok {
		rt = &serverRuntime{pacer: mastoapi.NewPacer(mastoapi.PacerOptions{}), synced: make(chan struct{})}
		s.runtimes[id] = rt
	}
	return rt
}

// Start begins scheduled, stream-driven syncing of every server until ctx
// ends or Stop is called. Servers added later start on Add.
func (s *Service) Start(ctx context.Context) {
	s.mu.Lock()
	s.runCtx = ctx
	s.mu.Unlock()
	list, err := s.cfg.Registry.Servers()
	if err != nil {
		return
	}
	for _, srv := range list {
		s.startRunner(srv)
	}
}

func (s *Service) startRunner(srv Server) {
	s.mu.Lock()
	ctx := s.runCtx
	s.mu.Unlock()
	if ctx == nil {
		return // Start was not called: manual syncs only (tests, tools)
	}
	rt := s.runtimeFor(srv.ID)
	s.mu.Lock()
	if rt.runner != nil {
		s.mu.Unlock()
		return
	}
	rt.runner = sync.NewRunner(sync.RunnerConfig{
		ServerID: srv.ID,
		Syncer:   s.syncer,
		Pacer:    rt.pacer,
		Client:   func() (*mastoapi.Client, error) { return s.client(srv) },
		OnChange: s.onRunnerChange(srv.ID),
		Interval: s.cfg.PollInterval,
	})
	r := rt.runner
	s.mu.Unlock()
	r.Start(ctx)
}

// stopRunner stops and forgets a server's runtime (on Remove).
func (s *Service) stopRunner(id string) {
	s.mu.Lock()
	rt := s.runtimes[id]
	delete(s.runtimes, id)
	s.mu.Unlock()
	if rt != nil && rt.runner != nil {
		rt.runner.Stop()
	}
}

// Stop stops every runner and waits for them.
func (s *Service) Stop() {
	s.mu.Lock()
	var rs []*sync.Runner
	for _, rt := range s.runtimes {
		if rt.runner != nil {
			rs = append(rs, rt.runner)
		}
	}
	s.mu.Unlock()
	for _, r := range rs {
		r.Stop()
	}
}

// runnerStatus returns a server's scheduler status, ok=false when none runs.
func (s *Service) runnerStatus(id string) (sync.RunnerStatus, bool) {
	s.mu.Lock()
	rt := s.runtimes[id]
	s.mu.Unlock()
	if rt == nil || rt.runner == nil {
		return sync.RunnerStatus{}, false
	}
	return rt.runner.Status(), true
}

// firstSync waits for a server's first sync: the scheduler's, when one runs
// (it starts with a sync), or one run here otherwise. The outcome is recorded
// in the server's state either way.
func (s *Service) firstSync(ctx context.Context, id string) {
	s.mu.Lock()
	rt := s.runtimes[id]
	s.mu.Unlock()
	if rt == nil || rt.runner == nil {
		_ = s.Sync(ctx, id)
		return
	}
	select {
	case <-rt.synced:
	case <-ctx.Done():
	}
}

// trigger asks a running scheduler to sync now; false when none runs.
func (s *Service) trigger(id string) bool {
	s.mu.Lock()
	rt := s.runtimes[id]
	s.mu.Unlock()
	if rt == nil || rt.runner == nil {
		return false
	}
	rt.runner.TriggerNow()
	return true
}

// onRunnerChange announces status changes and, when a sync completed, the
// sync itself.
func (s *Service) onRunnerChange(id string) func(sync.RunnerStatus) {
	var mu gosync.Mutex
	var last time.Time
	return func(st sync.RunnerStatus) {
		if st.Syncs > 0 {
			rt := s.runtimeFor(id)
			rt.syncedOnce.Do(func() { close(rt.synced) })
		}
		mu.Lock()
		synced := !st.LastSync.IsZero() && st.LastSync.After(last)
		if synced {
			last = st.LastSync
		}
		mu.Unlock()
		if synced {
			s.cfg.Synced(id, newOf(st.Last))
		}
		s.cfg.Changed()
	}
}

// Identify records which account the server's token belongs to (its id is
// what "assigned to me" compares with) when the cache does not know it yet.
func (s *Service) Identify(ctx context.Context, id string) error {
	st, _, err := s.cfg.DB.ServerState(id)
	if err != nil {
		return err
	}
	if st.AccountID != "" {
		return nil
	}
	c, err := s.ClientFor(id)
	if err != nil {
		return err
	}
	acc, err := c.VerifyCredentials(ctx)
	if err != nil {
		return err
	}
	return s.cfg.DB.UpdateServerState(id, func(st *store.ServerState) {
		st.AccountID = acc.ID
		if st.Account == "" {
			st.Account = acc.Acct
		}
		if st.RoleName == "" {
			st.RoleName = acc.Role.Name
		}
	})
}
