// Package jobs runs long work (sync, connecting a server, bulk actions,
// imports) in the background: each job gets an id at once, reports progress
// through a callback (the app turns it into job:progress:<id> events) and can
// be cancelled.
package jobs

import (
	"context"
	"errors"
	"strconv"
	gosync "sync"
	"time"

	"steward/internal/apperr"
)

// States of a job.
const (
	Running   = "running"
	Done      = "done"
	Failed    = "failed"
	Cancelled = "cancelled"
)

// Progress is a job's state as the UI sees it.
type Progress struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	State       string `json:"state"`
	Done        int    `json:"done"`
	Total       int    `json:"total"` // 0 when unknown
	Step        string `json:"step"`
	ErrorKind   string `json:"errorKind"`
	ErrorDetail string `json:"errorDetail"`
	// Result is an optional machine-readable outcome (e.g. the new server's id).
	Result string `json:"result"`
}

// Reporter is handed to a job's function to report progress.
type Reporter interface {
	Report(done, total int, step string)
	SetResult(result string)
}

// Func is the work of one job.
type Func func(ctx context.Context, r Reporter) error

// Manager runs jobs.
type Manager struct {
	emit     func(Progress)
	interval time.Duration
	mu       gosync.Mutex
	seq      int
	jobs     map[string]*job
	wg       gosync.WaitGroup
}

type job struct {
	mu       gosync.Mutex
	p        Progress
	cancel   context.CancelFunc
	done     chan struct{}
	lastEmit time.Time
	m        *Manager
}

// New returns a manager; emit receives every progress change (throttled to
// one per interval while running; the final state is always emitted).
func New(emit func(Progress)) *Manager {
	if emit == nil {
		emit = func(Progress) {}
	}
	return &Manager{emit: emit, interval: 100 * time.Millisecond, jobs: map[string]*job{}}
}

// Start runs fn in the background under ctx and returns the job's id at once.
func (m *Manager) Start(ctx context.Context, kind string, fn Func) string {
	jctx, cancel := context.WithCancel(ctx)
	m.mu.Lock()
	m.seq++
	id := kind + "-" + strconv.Itoa(m.seq)
	j := &job{p: Progress{ID: id, Kind: kind, State: Running}, cancel: cancel, done: make(chan struct{}), m: m}
	m.jobs[id] = j
	m.mu.Unlock()
	m.emit(j.snapshot())
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer close(j.done)
		defer cancel()
		err := runSafely(jctx, fn, j)
		j.finish(jctx, err)
		m.emit(j.snapshot())
	}()
	return id
}

func runSafely(ctx context.Context, fn Func, r Reporter) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = apperr.Errorf("jobs: run", apperr.Internal, "job panicked: %v", p)
		}
	}()
	return fn(ctx, r)
}

// Cancel asks a job to stop; NotFound for an unknown id.
func (m *Manager) Cancel(id string) error {
	j, ok := m.find(id)
	if !ok {
		return apperr.Errorf("jobs: cancel", apperr.NotFound, "no job %q", id)
	}
	j.cancel()
	return nil
}

// Get returns a job's progress.
func (m *Manager) Get(id string) (Progress, bool) {
	j, ok := m.find(id)
	if !ok {
		return Progress{}, false
	}
	return j.snapshot(), true
}

// Wait blocks until the job has ended (or returns at once for unknown ids).
func (m *Manager) Wait(id string) Progress {
	j, ok := m.find(id)
	if !ok {
		return Progress{}
	}
	<-j.done
	return j.snapshot()
}

// WaitAll blocks until every job has ended (shutdown, tests).
func (m *Manager) WaitAll() { m.wg.Wait() }

func (m *Manager) find(id string) (*job, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	j, ok := m.jobs[id]
	return j, ok
}

func (j *job) snapshot() Progress {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.p
}

// Report records progress and emits it, throttled.
func (j *job) Report(done, total int, step string) {
	j.mu.Lock()
	j.p.Done, j.p.Total, j.p.Step = done, total, step
	now := time.Now()
	emit := now.Sub(j.lastEmit) >= j.m.interval
	if emit {
		j.lastEmit = now
	}
	p := j.p
	j.mu.Unlock()
	if emit {
		j.m.emit(p)
	}
}

// SetResult records the job's outcome.
func (j *job) SetResult(result string) {
	j.mu.Lock()
	j.p.Result = result
	j.mu.Unlock()
}

func (j *job) finish(ctx context.Context, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	switch {
	case err == nil:
		j.p.State = Done
	case errors.Is(err, context.Canceled) || (ctx.Err() != nil && apperr.DetailOf(err) == "cancelled"):
		j.p.State = Cancelled
	default:
		j.p.State = Failed
		j.p.ErrorKind = string(apperr.KindOf(err))
		j.p.ErrorDetail = apperr.DetailOf(err)
	}
	if j.p.State == Cancelled {
		j.p.ErrorKind, j.p.ErrorDetail = "", ""
	}
}
