package outbox

import (
	"context"
	"errors"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
)

// worker applies one server's actions in order.
type worker struct {
	server    string
	wake      chan struct{}
	notBefore time.Time // server-wide wait after a transient failure
	failures  int       // consecutive transient failures
}

func (w *worker) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// ensureWorker starts the server's worker if it is not running; o.mu held.
func (o *Outbox) ensureWorker(server string) {
	if !o.started || o.workers[server] != nil {
		return
	}
	w := &worker{server: server, wake: make(chan struct{}, 1)}
	o.workers[server] = w
	o.wg.Add(1)
	go o.run(w)
}

// next picks the lowest-id runnable action of the server: pending or
// applying (left over from a crash), not behind a failed or conflicted
// action on the same subject. It returns how long to wait when the server is
// backing off.
func (o *Outbox) next(w *worker) (*Action, time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if wait := w.notBefore.Sub(o.opts.Now()); wait > 0 {
		return nil, wait
	}
	blocked := map[string]bool{}
	for _, id := range o.queues[w.server] {
		a := o.actions[id]
		switch a.State {
		case StateFailed, StateConflict:
			for _, s := range a.subjects() {
				blocked[s] = true
			}
			continue
		case StatePending, StateApplying:
		default:
			continue
		}
		free := true
		for _, s := range a.subjects() {
			if blocked[s] {
				free = false
			}
		}
		if !free {
			// Later actions on this subject wait behind it too.
			for _, s := range a.subjects() {
				blocked[s] = true
			}
			continue
		}
		cp := *a
		return &cp, 0
	}
	return nil, 0
}

func (o *Outbox) run(w *worker) {
	defer o.wg.Done()
	ctx := o.ctx
	for {
		if ctx.Err() != nil {
			return
		}
		a, wait := o.next(w)
		if a != nil {
			o.process(ctx, w, a)
			continue
		}
		var t *time.Timer
		var timer <-chan time.Time
		if wait > 0 {
			t = time.NewTimer(wait)
			timer = t.C
		}
		select {
		case <-ctx.Done():
		case <-w.wake:
		case <-timer:
		}
		if t != nil {
			t.Stop()
		}
	}
}

// verdict is the outcome of checking the server before sending.
type verdict int

const (
	proceed verdict = iota
	already         // the desired end state holds, caused by us (or not attributable)
	conflicted
)

type checkResult struct {
	verdict  verdict
	result   *Result
	conflict *ConflictInfo
}

func (o *Outbox) identity(ctx context.Context, server string, c *mastoapi.Client) (Identity, error) {
	o.mu.Lock()
	id, ok := o.idents[server]
	o.mu.Unlock()
	if ok {
		return id, nil
	}
	cctx, cancel := context.WithTimeout(ctx, o.opts.RequestTimeout)
	defer cancel()
	id, err := o.opts.Identity(cctx, server, c)
	if err != nil {
		return Identity{}, err
	}
	o.mu.Lock()
	o.idents[server] = id
	o.mu.Unlock()
	return id, nil
}

// process takes one action through check and apply.
func (o *Outbox) process(ctx context.Context, w *worker, a *Action) {
	recovered := a.State == StateApplying
	c, err := o.opts.Clients(a.ServerID)
	if err != nil {
		o.fail(ctx, w, a, err)
		return
	}
	me, err := o.identity(ctx, a.ServerID, c)
	if err != nil {
		o.fail(ctx, w, a, err)
		return
	}
	cctx, cancel := context.WithTimeout(ctx, o.opts.RequestTimeout)
	chk, err := check(cctx, c, me, a, recovered)
	cancel()
	if err != nil {
		o.fail(ctx, w, a, err)
		return
	}
	switch chk.verdict {
	case already:
		o.finish(w, a.ID, StateDone, func(x *Action) { x.Result, x.LastError = chk.result, nil })
		return
	case conflicted:
		o.finish(w, a.ID, StateConflict, func(x *Action) { x.Conflict = chk.conflict })
		return
	}
	// Mark applying, durably, before the request leaves.
	o.mu.Lock()
	cur := o.actions[a.ID]
	if cur == nil || (cur.State != StatePending && cur.State != StateApplying) {
		o.mu.Unlock() // discarded meanwhile
		return
	}
	snap, err := o.setLocked(cur, StateApplying, true, func(x *Action) { x.Attempts++ })
	o.mu.Unlock()
	if err != nil {
		o.fail(ctx, w, a, err)
		return
	}
	o.emit(snap)
	cctx, cancel = context.WithTimeout(ctx, o.opts.RequestTimeout)
	res, err := apply(cctx, c, &snap)
	cancel()
	if err != nil {
		if snap.Kind == KindAccountAction && apperr.Is(err, apperr.Conflict) {
			// GoToSocial answers a repeated suspend with 409: it is applied.
			o.finish(w, a.ID, StateDone, func(x *Action) { x.Result, x.LastError = &Result{Note: "already_applied"}, nil })
			return
		}
		o.fail(ctx, w, &snap, err)
		return
	}
	o.finish(w, a.ID, StateDone, func(x *Action) { x.Result, x.LastError = res, nil })
}

// finish records an outcome and resets the server's backoff.
func (o *Outbox) finish(w *worker, id string, s State, mutate func(*Action)) {
	o.mu.Lock()
	w.failures, w.notBefore = 0, time.Time{}
	cur := o.actions[id]
	if cur == nil || cur.State.Final() {
		o.mu.Unlock()
		return
	}
	// Done of an action whose effect can be read back needs no sync: a crash
	// before the write only means one more read at the next start.
	durable := s != StateDone || !verifiable(cur.Kind, cur.Params.ActionType)
	snap, err := o.setLocked(cur, s, durable, mutate)
	o.mu.Unlock()
	if err != nil {
		return // stays as it was; the next start re-checks it
	}
	o.after(snap)
}

// fail classifies err: transient errors keep the action pending and make
// the server wait; others mark it failed with the server's message.
func (o *Outbox) fail(ctx context.Context, w *worker, a *Action, err error) {
	if ctx.Err() != nil {
		return // shutting down: leave the action as it is
	}
	info := errorInfo(err, o.opts.Now().UTC())
	kind := apperr.KindOf(err)
	transient := kind == apperr.RateLimited || kind == apperr.Unavailable
	serverError := kind == apperr.Unavailable && (info.Detail == mastoapi.DetailServerError || info.Detail == mastoapi.DetailHTMLPage)
	o.mu.Lock()
	cur := o.actions[a.ID]
	if cur == nil || cur.State.Final() {
		o.mu.Unlock()
		return
	}
	if transient && !(serverError && cur.Attempts >= o.opts.MaxServerErrors) {
		w.failures++
		wait := min(o.opts.BaseBackoff<<min(w.failures-1, 16), o.opts.MaxBackoff)
		var he *mastoapi.HTTPError
		if kind == apperr.RateLimited && errors.As(err, &he) && !he.RetryAt.IsZero() {
			wait = max(he.RetryAt.Sub(o.opts.Now()), o.opts.BaseBackoff)
		}
		w.notBefore = o.opts.Now().Add(wait)
		wasApplying := cur.State == StateApplying
		snap, serr := o.setLocked(cur, StatePending, false, func(x *Action) {
			x.LastError, x.NextTry = &info, w.notBefore.UTC()
			if serverError && !wasApplying {
				x.Attempts++ // a 5xx on the check counts as an attempt too
			}
		})
		o.mu.Unlock()
		if serr == nil {
			o.emit(snap)
		}
		return
	}
	snap, serr := o.setLocked(cur, StateFailed, true, func(x *Action) { x.LastError = &info })
	o.mu.Unlock()
	if serr == nil {
		o.after(snap)
	}
}

func errorInfo(err error, now time.Time) ErrorInfo {
	info := ErrorInfo{Kind: string(apperr.KindOf(err)), Detail: apperr.DetailOf(err), At: now}
	var he *mastoapi.HTTPError
	if errors.As(err, &he) {
		info.Status, info.ServerMessage = he.Status, he.Message
	}
	return info
}
