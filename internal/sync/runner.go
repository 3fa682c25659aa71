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

// RunnerConfig configures a Runner; zero durations pick the defaults.
type RunnerConfig struct {
	ServerID string
	Syncer   *Syncer
	// Client builds the server's API client (with the token's Pacer
	// transport); it is called for every sync and stream connection.
	Client func() (*mastoapi.Client, error)
	// Pacer is the token's budget, reported by Status (may be nil).
	Pacer *mastoapi.Pacer
	// Interval between incremental syncs while streaming is down (60 s).
	Interval time.Duration
	// StreamInterval between safety-net syncs while the stream is up (5 min).
	StreamInterval time.Duration
	// Debounce batches the events that arrive within it into one sync (500 ms).
	Debounce time.Duration
	// MinGap is the least time between the end of a sync and an
	// event-triggered one (3 s), so a burst of reports costs few requests.
	MinGap time.Duration
	// SyncTimeout bounds one sync (10 min).
	SyncTimeout time.Duration
	// DisableStream turns streaming off: polling only.
	DisableStream bool
	// Stream tunes the stream (OnEvent and OnState are set by the Runner).
	Stream mastoapi.StreamOptions
	// StreamRetry is how long to wait before trying streaming again after
	// the server refused it (404, 401, 403) (10 min).
	StreamRetry time.Duration
	// WakeCheck is how often the clocks are compared (5 s); a wall-clock
	// jump over the monotonic clock larger than WakeThreshold (10 s) means
	// the machine slept: sync at once and reconnect the stream.
	WakeCheck, WakeThreshold time.Duration
	// OnChange is called after the status changed (may be nil).
	OnChange func(RunnerStatus)
}

func (c RunnerConfig) withDefaults() RunnerConfig {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Interval, time.Minute)
	def(&c.StreamInterval, 5*time.Minute)
	def(&c.Debounce, 500*time.Millisecond)
	def(&c.SyncTimeout, 10*time.Minute)
	def(&c.StreamRetry, 10*time.Minute)
	def(&c.WakeCheck, 5*time.Second)
	def(&c.WakeThreshold, 10*time.Second)
	if c.MinGap < 0 {
		c.MinGap = 0
	} else if c.MinGap == 0 {
		c.MinGap = 3 * time.Second
	}
	return c
}

// Stream states in RunnerStatus.Stream.
const (
	StreamOff         = "off"
	StreamConnecting  = "connecting"
	StreamConnected   = "connected"
	StreamRetrying    = "retrying"
	StreamUnavailable = "unavailable" // refused by the server: polling only
)

// Progress is the progress of the running sync.
type Progress struct {
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Step  string `json:"step"`
}

// RunnerStatus is what a Runner reports.
type RunnerStatus struct {
	ServerID        string               `json:"server_id"`
	Syncing         bool                 `json:"syncing"`
	LastSync        time.Time            `json:"last_sync"`
	LastFull        time.Time            `json:"last_full"`
	NextSync        time.Time            `json:"next_sync"`
	LastErrorKind   string               `json:"last_error_kind"`
	LastErrorDetail string               `json:"last_error_detail"`
	Progress        Progress             `json:"progress"`
	Stream          string               `json:"stream"`
	Budget          mastoapi.PacerStatus `json:"budget"`
	Syncs           int                  `json:"syncs"`
	Events          int                  `json:"events"` // stream notifications received
	Wakes           int                  `json:"wakes"`
	Last            Result               `json:"last"`
}

// Runner schedules the syncs of one server: at Start, on an interval, on
// stream notifications (debounced), on TriggerNow and after a wake.
type Runner struct {
	cfg     RunnerConfig
	trigger chan struct{}
	restart chan struct{}

	mu      gosync.Mutex
	st      RunnerStatus
	cancel  context.CancelFunc
	wg      gosync.WaitGroup
	fails   int
	lastEnd time.Time
}

// NewRunner returns a stopped Runner.
func NewRunner(cfg RunnerConfig) *Runner {
	cfg = cfg.withDefaults()
	st := RunnerStatus{ServerID: cfg.ServerID, Stream: StreamOff}
	return &Runner{cfg: cfg, st: st, trigger: make(chan struct{}, 1), restart: make(chan struct{}, 1)}
}

// Start runs the scheduler until ctx ends or Stop is called. A first sync
// starts at once. Calling Start on a running Runner does nothing.
func (r *Runner) Start(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		return
	}
	ctx, r.cancel = context.WithCancel(ctx)
	r.wg.Add(1)
	go r.loop(ctx)
	if !r.cfg.DisableStream {
		r.wg.Add(1)
		go r.streamLoop(ctx)
	}
}

// Stop cancels a running sync (the cache stays consistent) and waits for
// the Runner's goroutines to end.
func (r *Runner) Stop() {
	r.mu.Lock()
	cancel := r.cancel
	r.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	r.wg.Wait()
	r.mu.Lock()
	r.cancel = nil
	r.mu.Unlock()
}

// TriggerNow asks for a sync as soon as possible (debounced).
func (r *Runner) TriggerNow() {
	select {
	case r.trigger <- struct{}{}:
	default: // one is pending already: batched
	}
}

// Status returns a snapshot of the scheduler's state.
func (r *Runner) Status() RunnerStatus {
	r.mu.Lock()
	st := r.st
	r.mu.Unlock()
	if r.cfg.Pacer != nil {
		st.Budget = r.cfg.Pacer.Status()
	}
	return st
}

func (r *Runner) update(change func(*RunnerStatus)) {
	r.mu.Lock()
	change(&r.st)
	r.mu.Unlock()
	if r.cfg.OnChange != nil {
		r.cfg.OnChange(r.Status())
	}
}

func (r *Runner) loop(ctx context.Context) {
	defer r.wg.Done()
	timer := time.NewTimer(0)
	defer timer.Stop()
	wake := time.NewTicker(r.cfg.WakeCheck)
	defer wake.Stop()
	prev := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-wake.C:
			woke := wokeUp(prev, now, r.cfg.WakeThreshold)
			prev = now
			if !woke {
				continue
			}
			r.update(func(st *RunnerStatus) { st.Wakes++ })
			select {
			case r.restart <- struct{}{}:
			default:
			}
		case <-r.trigger:
			if !r.settle(ctx) {
				return
			}
		case <-timer.C:
		}
		next := r.syncOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		timer.Stop()
		select { // drop a tick that fired during the sync
		case <-timer.C:
		default:
		}
		timer.Reset(next)
	}
}

// settle waits out the debounce window (batching further triggers) and the
// minimum gap after the previous sync. It returns false when ctx ended.
func (r *Runner) settle(ctx context.Context) bool {
	r.mu.Lock()
	gapEnd := r.lastEnd.Add(r.cfg.MinGap)
	r.mu.Unlock()
	wait := max(r.cfg.Debounce, time.Until(gapEnd))
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-r.trigger: // batched into this sync
		case <-t.C:
			return true
		}
	}
}

// syncOnce runs one sync and returns the delay until the next.
func (r *Runner) syncOnce(ctx context.Context) time.Duration {
	r.update(func(st *RunnerStatus) { st.Syncing, st.Progress = true, Progress{} })
	res, err := r.doSync(ctx)
	now := time.Now()
	r.mu.Lock()
	r.lastEnd = now
	if err != nil {
		r.fails++
	} else {
		r.fails = 0
	}
	fails := r.fails
	streamUp := r.st.Stream == StreamConnected
	r.mu.Unlock()
	next := r.cfg.Interval
	if streamUp {
		next = r.cfg.StreamInterval
	}
	if fails > 0 { // back off on repeated failures, up to 30 min
		next = min(next<<min(fails-1, 5), 30*time.Minute)
	}
	r.update(func(st *RunnerStatus) {
		st.Syncing = false
		st.Syncs++
		st.Last = res
		st.NextSync = now.Add(next)
		if err != nil {
			st.LastErrorKind, st.LastErrorDetail = string(apperr.KindOf(err)), apperr.DetailOf(err)
			return
		}
		st.LastErrorKind, st.LastErrorDetail = "", ""
		st.LastSync = now
		if res.Full {
			st.LastFull = now
		}
	})
	if r.cfg.Syncer != nil {
		_ = r.cfg.Syncer.ss.UpdateSyncMeta(r.cfg.ServerID, func(m *store.SyncMeta) { m.NextPlanned = now.Add(next) })
	}
	return next
}

func (r *Runner) doSync(ctx context.Context) (Result, error) {
	if r.cfg.Syncer == nil || r.cfg.Client == nil {
		return Result{}, apperr.Errorf("sync: runner", apperr.Internal, "runner has no syncer or client")
	}
	c, err := r.cfg.Client()
	if err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.cfg.SyncTimeout)
	defer cancel()
	return r.cfg.Syncer.SyncServerWith(ctx, r.cfg.ServerID, c, SyncOptions{Progress: func(done, total int, step string) {
		r.update(func(st *RunnerStatus) { st.Progress = Progress{Done: done, Total: total, Step: step} })
	}})
}

// streamLoop keeps the notification stream open; a refusal makes it wait
// StreamRetry (polling carries on meanwhile), a wake reconnects it.
func (r *Runner) streamLoop(ctx context.Context) {
	defer r.wg.Done()
	for ctx.Err() == nil {
		err := r.streamOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := time.Second
		if err != nil {
			wait = r.cfg.StreamRetry
			r.update(func(st *RunnerStatus) { st.Stream = StreamUnavailable })
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-r.restart:
			t.Stop()
		case <-t.C:
		}
	}
}

// streamOnce runs the stream until ctx ends, a wake asks for a reconnect
// (nil), or the server refuses streaming (the error).
func (r *Runner) streamOnce(ctx context.Context) error {
	c, err := r.cfg.Client()
	if err != nil {
		return err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-sctx.Done():
		case <-r.restart:
			cancel()
		}
	}()
	opts := r.cfg.Stream
	opts.OnEvent = func(n mastoapi.Notification) {
		if n.Type != mastoapi.NotificationAdminReport && n.Type != mastoapi.NotificationAdminSignUp {
			return
		}
		r.update(func(st *RunnerStatus) { st.Events++ })
		r.TriggerNow()
	}
	opts.OnState = func(s mastoapi.StreamState, err error) {
		state := map[mastoapi.StreamState]string{mastoapi.StreamConnecting: StreamConnecting,
			mastoapi.StreamConnected: StreamConnected, mastoapi.StreamDisconnected: StreamRetrying}[s]
		r.update(func(st *RunnerStatus) { st.Stream = state })
	}
	err = c.StreamNotifications(sctx, opts)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// wokeUp tells whether the wall clock ran ahead of the monotonic clock by
// more than threshold between two readings: the machine slept (the
// monotonic clock stands still in suspend).
func wokeUp(prev, now time.Time, threshold time.Duration) bool {
	return clockGap(now.Round(0).Sub(prev.Round(0)), now.Sub(prev), threshold)
}

func clockGap(wall, mono, threshold time.Duration) bool { return wall-mono > threshold }
