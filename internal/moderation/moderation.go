// Package moderation is the unified report queue over every connected
// server: an in-memory index built from the cached reports (store), queried
// with filters, free-text search, sorts, grouping by target account, facet
// counts and windowing for a virtualized list; and the triage helpers that
// validate an action against the server's capabilities and queue it in the
// outbox.
//
// The index is an immutable snapshot rebuilt lazily after Reload or Apply, so
// queries never wait for a write and never see a half-built index. Every
// per-report field a filter needs is precomputed (category, origin flags,
// interned target domain, rule bitmask, lowercased HTML-free text, group).
package moderation

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/outbox"
	"steward/internal/store"
)

// ServerCaps are the capabilities the triage helpers check (filled from
// mastoapi.Capabilities by the caller).
type ServerCaps struct {
	Assign, Reopen, Update bool
	AccountActions         []string // types accepted by …/action
	AccountUndo            []string // approve, reject, enable, unsilence, unsuspend, unsensitive
	// IrreversibleSuspend is true where a suspension cannot be lifted (GoToSocial).
	IrreversibleSuspend bool
}

// ServerConfig is one connected server.
type ServerConfig struct {
	ID            string
	Domain        string
	SelfAccountID string // the moderator's account id on that server ("assigned to me")
	Caps          ServerCaps
}

// Enqueuer is the part of the outbox the triage helpers use.
type Enqueuer interface {
	Enqueue(a outbox.Action) (outbox.Action, error)
	EnqueueBulk(actions []outbox.Action, progress func(outbox.JobProgress)) (string, error)
}

// Queue is the report queue. Create it with New.
type Queue struct {
	db  *store.DB
	out Enqueuer
	now func() time.Time

	mu     sync.Mutex // guards everything below and serializes rebuilds
	order  []string
	cfg    map[string]ServerConfig
	per    map[string]map[string]*source
	dirty  bool
	snap   *index
	snapMu sync.RWMutex // guards snap for readers
}

// New returns a queue over db for the configured servers; out may be nil
// when no triage is needed; now may be nil (time.Now). Call Load (or Reload
// per server) to fill it.
func New(db *store.DB, out Enqueuer, servers []ServerConfig, now func() time.Time) *Queue {
	if now == nil {
		now = time.Now
	}
	q := &Queue{db: db, out: out, now: now, per: map[string]map[string]*source{}}
	q.setConfigLocked(servers)
	q.snap = build(q.order, q.cfg, q.per)
	return q
}

func (q *Queue) setConfigLocked(servers []ServerConfig) {
	q.order, q.cfg = q.order[:0], make(map[string]ServerConfig, len(servers))
	for _, s := range servers {
		q.order = append(q.order, s.ID)
		q.cfg[s.ID] = s
	}
	for id := range q.per {
		if _, ok := q.cfg[id]; !ok {
			delete(q.per, id)
		}
	}
	q.dirty = true
}

// SetServers replaces the configuration (servers added or removed, my
// account id learnt); removed servers leave the queue.
func (q *Queue) SetServers(servers []ServerConfig) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.setConfigLocked(servers)
}

// Load reads every configured server's cached reports, a few servers at a
// time (decoding the cache is CPU-bound).
func (q *Queue) Load() error {
	q.mu.Lock()
	ids := append([]string(nil), q.order...)
	q.mu.Unlock()
	work := make(chan string)
	errs := make(chan error, len(ids))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				errs <- q.Reload(id)
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Reload re-reads one server's cached reports (call it after each sync).
func (q *Queue) Reload(server string) error {
	q.mu.Lock()
	cfg, ok := q.cfg[server]
	q.mu.Unlock()
	if !ok {
		return apperr.Errorf("moderation: reload", apperr.NotFound, "server %q is not configured", server)
	}
	m := map[string]*source{}
	err := q.db.EachReport(server, func(r mastoapi.Report, open bool) error {
		m[r.ID] = newSource(&r, open, cfg.Domain)
		return nil
	})
	if err != nil {
		return fmt.Errorf("moderation: reload %s: %w", server, err)
	}
	q.mu.Lock()
	if _, still := q.cfg[server]; still {
		q.per[server], q.dirty = m, true
	}
	q.mu.Unlock()
	return nil
}

// Apply puts one report as the server now holds it into the queue (after an
// action's result).
func (q *Queue) Apply(server string, r mastoapi.Report) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cfg, ok := q.cfg[server]
	if !ok {
		return
	}
	if q.per[server] == nil {
		q.per[server] = map[string]*source{}
	}
	q.per[server][r.ID] = newSource(&r, !r.ActionTaken, cfg.Domain)
	q.dirty = true
}

// OnAction is an outbox subscriber: it applies a done action's result to
// the queue. An account action other than "none" resolves every open report
// on that account (as the server does) until the next sync confirms it.
func (q *Queue) OnAction(a outbox.Action) {
	if a.State != outbox.StateDone || a.Result == nil {
		return
	}
	if a.Result.Report != nil {
		q.Apply(a.ServerID, *a.Result.Report)
		return
	}
	if a.Kind == outbox.KindAccountAction && a.Params.ActionType != "none" {
		q.mu.Lock()
		defer q.mu.Unlock()
		for id, s := range q.per[a.ServerID] {
			if s.targetID == a.AccountID && !s.resolved {
				c := *s
				c.resolved = true
				q.per[a.ServerID][id] = &c
				q.dirty = true
			}
		}
	}
}

// snapshot returns the current index, rebuilding it first when stale.
func (q *Queue) snapshot() *index {
	q.mu.Lock()
	if q.dirty {
		ix := build(q.order, q.cfg, q.per)
		q.snapMu.Lock()
		q.snap = ix
		q.snapMu.Unlock()
		q.dirty = false
	}
	q.mu.Unlock()
	q.snapMu.RLock()
	defer q.snapMu.RUnlock()
	return q.snap
}

func (q *Queue) server(op, id string) (ServerConfig, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cfg, ok := q.cfg[id]
	if !ok {
		return cfg, apperr.Errorf(op, apperr.NotFound, "server %q is not configured", id)
	}
	return cfg, nil
}
