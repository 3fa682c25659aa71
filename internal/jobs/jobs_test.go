package jobs

import (
	"context"
	"errors"
	gosync "sync"
	"testing"
	"time"

	"steward/internal/apperr"
)

type sink struct {
	mu gosync.Mutex
	ps []Progress
}

func (s *sink) emit(p Progress) { s.mu.Lock(); s.ps = append(s.ps, p); s.mu.Unlock() }
func (s *sink) last() Progress  { s.mu.Lock(); defer s.mu.Unlock(); return s.ps[len(s.ps)-1] }

func TestJobRunsAndReports(t *testing.T) {
	var s sink
	m := New(s.emit)
	id := m.Start(context.Background(), "sync", func(ctx context.Context, r Reporter) error {
		for i := 1; i <= 3; i++ {
			r.Report(i, 3, "page")
		}
		r.SetResult("server-1")
		return nil
	})
	p := m.Wait(id)
	if p.State != Done || p.Done != 3 || p.Total != 3 || p.Result != "server-1" {
		t.Fatalf("%+v", p)
	}
	if s.last().State != Done || s.ps[0].State != Running {
		t.Fatalf("emitted %+v", s.ps)
	}
}

func TestCancel(t *testing.T) {
	m := New(nil)
	started := make(chan struct{})
	id := m.Start(context.Background(), "bulk", func(ctx context.Context, r Reporter) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	<-started
	if err := m.Cancel(id); err != nil {
		t.Fatal(err)
	}
	if p := m.Wait(id); p.State != Cancelled {
		t.Fatalf("%+v", p)
	}
	if err := m.Cancel("nope"); !apperr.Is(err, apperr.NotFound) {
		t.Fatal(err)
	}
}

func TestFailureAndPanicCarryKinds(t *testing.T) {
	m := New(nil)
	id := m.Start(context.Background(), "connect", func(context.Context, Reporter) error {
		return &apperr.Error{Op: "x", Kind: apperr.Forbidden, Extra: "not_staff", Err: errors.New("no")}
	})
	if p := m.Wait(id); p.State != Failed || p.ErrorKind != "forbidden" || p.ErrorDetail != "not_staff" {
		t.Fatalf("%+v", p)
	}
	id = m.Start(context.Background(), "boom", func(context.Context, Reporter) error { panic("bad") })
	if p := m.Wait(id); p.State != Failed || p.ErrorKind != "internal" {
		t.Fatalf("%+v", p)
	}
}

func TestProgressIsThrottled(t *testing.T) {
	var s sink
	m := New(s.emit)
	m.interval = time.Hour
	id := m.Start(context.Background(), "bulk", func(ctx context.Context, r Reporter) error {
		for i := 0; i < 1000; i++ {
			r.Report(i, 1000, "")
		}
		return nil
	})
	m.Wait(id)
	m.WaitAll()
	if n := len(s.ps); n > 3 {
		t.Fatalf("%d emissions for 1000 reports", n)
	}
}
