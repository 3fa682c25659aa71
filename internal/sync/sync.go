// Package sync keeps the local cache in step with each server, per resource
// and incrementally, without tripping the server's rate limits.
//
// A Syncer runs one sync of one server at a time: the first is full (every
// open report, the recently resolved ones, the accounts they point at, the
// pending accounts, rules, domain blocks, instance information); later ones
// are incremental (see reports.go for the re-check strategy that makes the
// open set converge with the server's). A Runner (runner.go) schedules
// incremental syncs per server on an interval, on streaming notifications and
// after the machine wakes, and falls back to polling when streaming fails.
//
// Rate limits: the client a sync gets should be built with a
// mastoapi.Pacer's Transport, which spaces requests so the budget never runs
// out. When a 429 (or a pacer refusal because the caller's deadline is too
// close) still comes back, the sync pauses until its RetryAt and retries the
// same page, bounded by ctx — it does not fail.
//
// Consistency: nothing is replaced before a complete walk. The open set is
// swapped in only after the whole open list was read, so a failed or
// cancelled sync leaves the previous cache readable; what failed is recorded
// in store.ServerState (ErrorKind/ErrorDetail) and per resource in SyncMeta.
package sync

import (
	"context"
	"errors"
	gosync "sync"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/store"
)

// Config tunes a Syncer; zero values pick the documented defaults.
type Config struct {
	// PageSize for list requests (0: the largest the software allows: 200
	// on Mastodon, 100 on GoToSocial).
	PageSize int
	// ResolvedRetention is how far back resolved reports are kept (30 days).
	ResolvedRetention time.Duration
	// MaxResolvedPages bounds the walk of resolved reports per sync (20).
	MaxResolvedPages int
	// RecheckPages: when the cached open set fits in this many pages, every
	// incremental sync re-lists it completely (5).
	RecheckPages int
	// RecheckEvery: otherwise the open set is re-listed every N incremental
	// syncs, and only new reports are fetched in between (10).
	RecheckEvery int
	// SlowEvery: rules and domain blocks are re-read every N incremental
	// syncs (10) and on every full sync.
	SlowEvery int
	// FullEvery: a full sync is run again after this long (24 h).
	FullEvery time.Duration
	// AllAccounts makes full syncs walk the whole account directory, not
	// only the reported and the pending accounts.
	AllAccounts bool
	// MaxRetries bounds the rate-limit pauses per request (8).
	MaxRetries int
}

func (c Config) withDefaults() Config {
	if c.ResolvedRetention <= 0 {
		c.ResolvedRetention = 30 * 24 * time.Hour
	}
	if c.MaxResolvedPages <= 0 {
		c.MaxResolvedPages = 20
	}
	if c.RecheckPages <= 0 {
		c.RecheckPages = 5
	}
	if c.RecheckEvery <= 0 {
		c.RecheckEvery = 10
	}
	if c.SlowEvery <= 0 {
		c.SlowEvery = 10
	}
	if c.FullEvery <= 0 {
		c.FullEvery = 24 * time.Hour
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 8
	}
	return c
}

// Syncer writes what the servers hold into the store.
type Syncer struct {
	db  *store.DB
	ss  *store.SyncStore
	now func() time.Time
	cfg Config

	mu    gosync.Mutex
	locks map[string]*gosync.Mutex
}

// New returns a Syncer over db with the default Config; now may be nil (time.Now).
func New(db *store.DB, now func() time.Time) *Syncer {
	return NewWithConfig(db, now, Config{})
}

// NewWithConfig returns a Syncer over db with cfg.
func NewWithConfig(db *store.DB, now func() time.Time, cfg Config) *Syncer {
	if now == nil {
		now = time.Now
	}
	return &Syncer{db: db, ss: store.NewSyncStore(db), now: now, cfg: cfg.withDefaults(), locks: map[string]*gosync.Mutex{}}
}

// Store returns the sync collections the Syncer writes.
func (s *Syncer) Store() *store.SyncStore { return s.ss }

// SyncOptions tune one sync.
type SyncOptions struct {
	// Full forces a full sync (otherwise: full when none ever completed or
	// the last is older than Config.FullEvery, incremental else).
	Full bool
	// Recheck forces a complete re-list of the open set in an incremental sync.
	Recheck bool
	// Progress, when set, is told about each step (done of total steps).
	Progress func(done, total int, step string)
}

// Result tells what one sync did.
type Result struct {
	Full        bool
	Recheck     bool
	Requests    int // API requests made (429 retries included)
	RateLimited int // 429 answers (or pacer refusals) waited out
	OpenReports int
	NewReports  int
	Duration    time.Duration
}

// SyncServer runs a full or incremental sync of one server, as due. Whatever
// fails, the cache keeps what it had and the server's state records the
// error's kind.
func (s *Syncer) SyncServer(ctx context.Context, serverID string, c *mastoapi.Client) error {
	_, err := s.SyncServerWith(ctx, serverID, c, SyncOptions{})
	return err
}

// SyncServerWith runs one sync with options and reports what it did.
func (s *Syncer) SyncServerWith(ctx context.Context, serverID string, c *mastoapi.Client, opts SyncOptions) (Result, error) {
	lock := s.lockFor(serverID)
	lock.Lock()
	defer lock.Unlock()
	if err := s.db.UpdateServerState(serverID, func(st *store.ServerState) { st.Syncing = true }); err != nil {
		return Result{}, err
	}
	r := &run{s: s, server: serverID, c: c, opts: opts, start: s.now()}
	err := r.execute(ctx)
	r.res.Duration = s.now().Sub(r.start)
	finish := func(st *store.ServerState) {
		st.Syncing = false
		if err != nil {
			st.ErrorKind = string(apperr.KindOf(err))
			st.ErrorDetail = apperr.DetailOf(err)
			st.ErrorAt = s.now()
			return
		}
		st.ErrorKind, st.ErrorDetail, st.ErrorAt = "", "", time.Time{}
		st.LastSync = s.now()
	}
	if uerr := s.db.UpdateServerState(serverID, finish); uerr != nil {
		return r.res, errors.Join(err, uerr)
	}
	return r.res, err
}

func (s *Syncer) lockFor(id string) *gosync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.locks[id]
	if l == nil {
		l = &gosync.Mutex{}
		s.locks[id] = l
	}
	return l
}

// pageLimit is the largest page the software allows for admin lists.
func pageLimit(sw mastoapi.Software) int {
	if sw == mastoapi.SoftwareGoToSocial {
		return 100
	}
	return 200
}
