package outbox

import (
	"context"
	"errors"
	"fmt"
	"os/user"
	"slices"
	"sync"
	"time"

	"steward/internal/apperr"
	"steward/internal/journal"
	"steward/internal/mastoapi"
	"steward/internal/store"
)

// Identity is the server account Steward acts as on one server.
type Identity struct {
	AccountID string
	Acct      string
	Domain    string
}

// Options configure an Outbox. DB and Clients are required.
type Options struct {
	DB *store.DB
	// Clients returns the API client for a server.
	Clients func(serverID string) (*mastoapi.Client, error)
	// Identity returns the account the server's token belongs to. Default:
	// verify_credentials, with the client's host as the domain.
	Identity func(ctx context.Context, serverID string, c *mastoapi.Client) (Identity, error)
	// Journal receives an entry on enqueue and on every end state (may be nil).
	Journal *journal.Journal
	// OSUser is recorded as the actor (default: the current OS user).
	OSUser string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// BaseBackoff and MaxBackoff bound the wait after a transient failure
	// (defaults 500 ms and 30 s).
	BaseBackoff, MaxBackoff time.Duration
	// MaxServerErrors is how many 5xx answers an action gets before it fails (default 5).
	MaxServerErrors int
	// RequestTimeout bounds each request (default 20 s).
	RequestTimeout time.Duration
	// Retention is how long done and discarded actions are kept (default 7 days;
	// the journal keeps them for good).
	Retention time.Duration
}

// Outbox is the durable queue. Create it with New, then Start it.
type Outbox struct {
	opts Options
	db   *store.DB
	col  store.Collection[Action]

	mu      sync.Mutex
	started bool
	actions map[string]*Action
	queues  map[string][]string // server → ids of non-final actions, ascending
	workers map[string]*worker
	jobs    map[string]*job
	idents  map[string]Identity
	subs    map[int]func(Action)
	subSeq  int
	lastID  uint64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns an Outbox; nothing is read until Start.
func New(opts Options) (*Outbox, error) {
	const op = "outbox: new"
	if opts.DB == nil || opts.Clients == nil {
		return nil, apperr.Errorf(op, apperr.Invalid, "DB and Clients are required")
	}
	if opts.Identity == nil {
		opts.Identity = verifyIdentity
	}
	if opts.OSUser == "" {
		if u, err := user.Current(); err == nil {
			opts.OSUser = u.Username
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.BaseBackoff <= 0 {
		opts.BaseBackoff = 500 * time.Millisecond
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 30 * time.Second
	}
	if opts.MaxServerErrors <= 0 {
		opts.MaxServerErrors = 5
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 20 * time.Second
	}
	if opts.Retention <= 0 {
		opts.Retention = 7 * 24 * time.Hour
	}
	return &Outbox{opts: opts, db: opts.DB, col: store.NewCollection[Action](opts.DB, "outbox"),
		actions: map[string]*Action{}, queues: map[string][]string{}, workers: map[string]*worker{},
		jobs: map[string]*job{}, idents: map[string]Identity{}, subs: map[int]func(Action){}}, nil
}

func verifyIdentity(ctx context.Context, _ string, c *mastoapi.Client) (Identity, error) {
	acc, err := c.VerifyCredentials(ctx)
	if err != nil {
		return Identity{}, err
	}
	host := c.BaseURL()
	if i := len("https://"); len(host) > i && host[:i] == "https://" {
		host = host[i:]
	} else if i := len("http://"); len(host) > i && host[:i] == "http://" {
		host = host[i:]
	}
	return Identity{AccountID: acc.ID, Acct: acc.Acct, Domain: host}, nil
}

func key(a *Action) string { return a.ServerID + "/" + store.PadID(a.ID) }

// Start loads the queue from the database and starts one worker per server
// with work. Actions found "applying" are re-checked against the server
// before anything is sent again. Done and discarded actions older than the
// retention are dropped.
func (o *Outbox) Start(ctx context.Context) error {
	const op = "outbox: start"
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.started {
		return nil
	}
	cutoff := o.opts.Now().Add(-o.opts.Retention)
	var stale []string
	err := o.col.Each("", func(k string, a Action) error {
		if a.State.Final() && a.UpdatedAt.Before(cutoff) {
			stale = append(stale, k)
			return nil
		}
		// a is a fresh copy per call
		o.actions[a.ID] = &a
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for _, k := range stale {
		if err := o.col.Delete(k); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	ids := make([]string, 0, len(o.actions))
	for id := range o.actions {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := o.actions[id]
		if n, err := parseID(id); err == nil && n > o.lastID {
			o.lastID = n
		}
		if !a.State.Final() {
			o.queues[a.ServerID] = append(o.queues[a.ServerID], id)
		}
		if a.JobID != "" {
			o.jobFor(a.JobID, nil).add(a.State)
		}
	}
	o.ctx, o.cancel = context.WithCancel(ctx)
	o.started = true
	for server := range o.queues {
		o.ensureWorker(server)
	}
	return nil
}

// Stop stops the workers and waits for them. An action in flight stays
// "applying" and is re-checked at the next Start.
func (o *Outbox) Stop() {
	o.mu.Lock()
	if !o.started {
		o.mu.Unlock()
		return
	}
	o.cancel()
	o.started = false
	o.mu.Unlock()
	o.wg.Wait()
	o.mu.Lock()
	o.workers = map[string]*worker{}
	o.mu.Unlock()
}

func (o *Outbox) newIDLocked() string {
	n := uint64(o.opts.Now().UnixNano())
	if n <= o.lastID {
		n = o.lastID + 1
	}
	o.lastID = n
	return padded(n)
}

func (o *Outbox) prepareLocked(a Action, jobID string) (*Action, error) {
	if err := a.validate(); err != nil {
		return nil, apperr.E("outbox: enqueue", apperr.Invalid, err)
	}
	now := o.opts.Now().UTC()
	a.ID, a.JobID = o.newIDLocked(), jobID
	a.CreatedAt, a.UpdatedAt = now, now
	if a.Actor == "" {
		a.Actor = o.opts.OSUser
	}
	a.State, a.Attempts, a.Force = StatePending, 0, false
	a.LastError, a.Conflict, a.Result, a.NextTry = nil, nil, nil, time.Time{}
	return &a, nil
}

// Enqueue validates a, gives it an id and writes it durably; only then is it
// returned (the write is the acknowledgement) and handed to its server's worker.
func (o *Outbox) Enqueue(a Action) (Action, error) {
	out, err := o.enqueue([]Action{a}, "")
	if err != nil {
		return Action{}, err
	}
	return out[0], nil
}

func (o *Outbox) enqueue(in []Action, jobID string) ([]Action, error) {
	const op = "outbox: enqueue"
	o.mu.Lock()
	if !o.started {
		o.mu.Unlock()
		return nil, apperr.Errorf(op, apperr.Unavailable, "the outbox is not running")
	}
	prepared := make([]*Action, 0, len(in))
	batch := make(map[string]Action, len(in))
	for _, a := range in {
		p, err := o.prepareLocked(a, jobID)
		if err != nil {
			o.mu.Unlock()
			return nil, err
		}
		prepared = append(prepared, p)
		batch[key(p)] = *p
	}
	// Write and sync before anyone sees the actions.
	err := o.col.PutMany(batch)
	if err == nil {
		err = o.db.Sync()
	}
	if err != nil {
		o.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	out := make([]Action, len(prepared))
	for i, p := range prepared {
		o.actions[p.ID] = p
		o.queues[p.ServerID] = append(o.queues[p.ServerID], p.ID)
		if jobID != "" {
			o.jobFor(jobID, nil).add(StatePending)
		}
		out[i] = *p
	}
	servers := map[string]bool{}
	for _, p := range prepared {
		servers[p.ServerID] = true
	}
	for s := range servers {
		o.ensureWorker(s)
		o.workers[s].signal()
	}
	o.mu.Unlock()
	for _, a := range out {
		o.record(a, journal.ResultQueued)
		o.emit(a)
	}
	return out, nil
}

// Filter selects actions for List. Zero fields match everything.
type Filter struct {
	ServerID string
	States   []State
	JobID    string
	Limit    int // 0: no limit; the newest matching actions are kept
}

// List returns the matching actions in id (creation) order.
func (o *Outbox) List(f Filter) []Action {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]Action, 0, 16)
	for _, a := range o.actions {
		if f.ServerID != "" && a.ServerID != f.ServerID || f.JobID != "" && a.JobID != f.JobID {
			continue
		}
		if len(f.States) > 0 && !slices.Contains(f.States, a.State) {
			continue
		}
		out = append(out, *a)
	}
	slices.SortFunc(out, func(x, y Action) int {
		if x.ID < y.ID {
			return -1
		}
		if x.ID > y.ID {
			return 1
		}
		return 0
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out
}

// Get returns one action.
func (o *Outbox) Get(id string) (Action, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	a, ok := o.actions[id]
	if !ok {
		return Action{}, false
	}
	return *a, true
}

// Subscribe registers fn for every state change; the returned func removes
// it. fn runs on the goroutine that made the change and must not block.
func (o *Outbox) Subscribe(fn func(Action)) (unsubscribe func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.subSeq++
	id := o.subSeq
	o.subs[id] = fn
	return func() {
		o.mu.Lock()
		delete(o.subs, id)
		o.mu.Unlock()
	}
}

func (o *Outbox) emit(a Action) {
	o.mu.Lock()
	fns := make([]func(Action), 0, len(o.subs))
	for _, fn := range o.subs {
		fns = append(fns, fn)
	}
	o.mu.Unlock()
	for _, fn := range fns {
		fn(a)
	}
}

// Kick makes every worker retry now instead of waiting out its backoff.
func (o *Outbox) Kick() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, w := range o.workers {
		w.notBefore = time.Time{}
		w.failures = 0
		w.signal()
	}
}

var errNotFound = errors.New("no such action")
