package sync

import (
	"context"
	"errors"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/store"
)

// run is one sync of one server.
type run struct {
	s      *Syncer
	server string
	c      *mastoapi.Client
	opts   SyncOptions
	start  time.Time

	meta  store.SyncMeta
	full  bool
	limit int
	sw    mastoapi.Software
	res   Result
	step  int
	steps int
}

func (r *run) progress(step string) {
	r.step++
	if r.opts.Progress != nil {
		r.opts.Progress(min(r.step, r.steps), r.steps, step)
	}
}

func (r *run) execute(ctx context.Context) error {
	meta, _, err := r.s.ss.SyncMeta(r.server)
	if err != nil {
		return err
	}
	r.meta = meta
	cfg := r.s.cfg
	r.full = r.opts.Full || meta.LastFull.IsZero() || r.s.now().Sub(meta.LastFull) > cfg.FullEvery
	r.res.Full = r.full
	if !r.full {
		r.meta.Rounds++
	}
	slow := r.full || r.meta.Rounds%cfg.SlowEvery == 0
	r.steps = 4
	if slow {
		r.steps += 2
	}
	if r.full && cfg.AllAccounts {
		r.steps++
	}

	r.progress(store.ResourceInstance)
	var in mastoapi.Instance
	err = r.call(ctx, func(ctx context.Context) (e error) { in, e = r.c.Instance(ctx); return e })
	if err != nil {
		return r.failed(store.ResourceInstance, err)
	}
	r.sw = in.Software
	r.limit = cfg.PageSize
	if r.limit <= 0 || r.limit > pageLimit(in.Software) {
		r.limit = pageLimit(in.Software)
	}
	if err := r.s.db.UpdateServerState(r.server, func(st *store.ServerState) {
		st.Domain, st.Title, st.Software, st.Version = in.Domain, in.Title, string(in.Software), in.Version
	}); err != nil {
		return err
	}
	if err := r.s.ss.PutInstance(r.server, in); err != nil {
		return err
	}
	r.ok(store.ResourceInstance, 1)

	if r.full && cfg.AllAccounts {
		r.progress(store.ResourceDirectory)
		if err := r.syncDirectory(ctx); err != nil {
			return err
		}
	}
	if err := r.syncReports(ctx); err != nil {
		return err
	}
	r.progress(store.ResourcePending)
	if err := r.syncPending(ctx); err != nil {
		return err
	}
	if slow {
		r.progress(store.ResourceRules)
		if err := r.syncRules(ctx); err != nil {
			return err
		}
		r.progress(store.ResourceDomainBlocks)
		if err := r.syncDomainBlocks(ctx); err != nil {
			return err
		}
	}
	r.progress("done")
	now := r.s.now()
	return r.s.ss.UpdateSyncMeta(r.server, func(m *store.SyncMeta) {
		res := m.Resources
		*m = r.meta
		for k, v := range r.meta.Resources {
			res[k] = v
		}
		m.Resources = res
		m.Requests = r.res.Requests
		if r.full {
			m.LastFull, m.Rounds = now, 0
		} else {
			m.LastIncremental = now
		}
	})
}

// ok records a resource's success in the run's meta.
func (r *run) ok(resource string, count int) {
	r.meta.Resources[resource] = store.ResourceStatus{LastOK: r.s.now(), Count: count}
}

// failed records a resource's failure (also in the store, as the final
// meta write does not happen after an error) and returns err.
func (r *run) failed(resource string, err error) error {
	st := r.meta.Resources[resource]
	st.ErrorKind, st.ErrorDetail, st.ErrorAt = string(apperr.KindOf(err)), apperr.DetailOf(err), r.s.now()
	_ = r.s.ss.UpdateSyncMeta(r.server, func(m *store.SyncMeta) { m.Resources[resource] = st })
	r.meta.Resources[resource] = st
	return err
}

// optional tells whether a resource's failure may be skipped: the token
// lacks the scope or the role the permission, or the server has no such
// endpoint. Transport failures, revoked tokens and rate limits are not.
func optional(err error) bool {
	switch apperr.KindOf(err) {
	case apperr.Forbidden, apperr.NotFound, apperr.Invalid:
		return true
	}
	return false
}

// call runs one request, pausing and retrying after a 429 (or a pacer
// refusal) until its RetryAt, bounded by ctx and Config.MaxRetries.
func (r *run) call(ctx context.Context, fn func(context.Context) error) error {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return cancelled(err)
		}
		r.res.Requests++
		err := fn(ctx)
		if !apperr.Is(err, apperr.RateLimited) || attempt >= r.s.cfg.MaxRetries {
			return err
		}
		r.res.RateLimited++
		retryAt := r.s.now().Add(time.Minute)
		var he *mastoapi.HTTPError
		if errors.As(err, &he) && !he.RetryAt.IsZero() {
			retryAt = he.RetryAt
		}
		if dl, ok := ctx.Deadline(); ok && dl.Before(retryAt) {
			return err // cannot wait that long: report the limit
		}
		if r.opts.Progress != nil {
			r.opts.Progress(r.step, r.steps, "rate_limited: waiting until "+retryAt.UTC().Format(time.RFC3339))
		}
		t := time.NewTimer(max(retryAt.Sub(r.s.now()), 0) + 50*time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return cancelled(ctx.Err())
		case <-t.C:
		}
	}
}

func cancelled(err error) error {
	e := &apperr.Error{Op: "sync: run", Kind: apperr.Unavailable, Extra: "cancelled", Err: err}
	if errors.Is(err, context.DeadlineExceeded) {
		e.Extra = mastoapi.DetailTimeout
	}
	return e
}

// page is one page of any list.
type page[T any] struct {
	items []T
	links mastoapi.Links
}

// walk reads pages: first, then the link dir picks (Next to go back in
// time, Prev for min_id walks) until an empty or short page, a missing or
// repeated link, or fn returning false. Each page goes through call.
func walk[T any](ctx context.Context, r *run, limit int, first func(context.Context) (page[T], error),
	at func(context.Context, string) (page[T], error), dir func(mastoapi.Links) string, fn func([]T) bool) error {
	var p page[T]
	err := r.call(ctx, func(ctx context.Context) (e error) { p, e = first(ctx); return e })
	seen := map[string]bool{}
	for {
		if err != nil {
			return err
		}
		if len(p.items) == 0 || !fn(p.items) || (limit > 0 && len(p.items) < limit) {
			return nil
		}
		link := dir(p.links)
		if link == "" || seen[link] {
			return nil
		}
		seen[link] = true
		err = r.call(ctx, func(ctx context.Context) (e error) { p, e = at(ctx, link); return e })
	}
}

func next(l mastoapi.Links) string { return l.Next }
func prev(l mastoapi.Links) string { return l.Prev }
