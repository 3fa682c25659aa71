package mastoapi_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"steward/internal/apperr"
	"steward/internal/mastoapi"
	"steward/internal/mastosim"
)

func isKind(err error, k string) bool { return string(apperr.KindOf(err)) == k }

func hdr(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", itoa(limit))
	h.Set("X-RateLimit-Remaining", itoa(remaining))
	h.Set("X-RateLimit-Reset", reset.UTC().Format(time.RFC3339Nano))
	return h
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func TestPacerFreeWhileBudgetIsAmple(t *testing.T) {
	p := mastoapi.NewPacer(mastoapi.PacerOptions{})
	start := time.Now()
	for i := 0; i < 50; i++ {
		if err := p.Wait(context.Background(), i%2 == 0); err != nil {
			t.Fatal(err)
		}
	}
	if time.Since(start) > 100*time.Millisecond {
		t.Fatal("an ample budget must not slow requests down")
	}
	if st := p.Status(); st.Requests != 50 || st.PaginatedRemaining != 275 {
		t.Fatalf("status %+v", st)
	}
}

func TestPacerKeepsReserveAndWaitsForReset(t *testing.T) {
	p := mastoapi.NewPacer(mastoapi.PacerOptions{Margin: time.Millisecond})
	reset := time.Now().Add(300 * time.Millisecond)
	p.Observe(hdr(100, 10, reset), false) // at the 10 % reserve
	start := time.Now()
	if err := p.Wait(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Fatalf("waited only %s", time.Since(start))
	}
	// A deadline before the reset: refused at once as rate limited.
	p.Observe(hdr(100, 5, time.Now().Add(time.Hour)), false)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := p.Wait(ctx, false)
	if err == nil || ctx.Err() != nil {
		t.Fatalf("err %v ctx %v", err, ctx.Err())
	}
	// Cancellation ends a wait.
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel2() }()
	if err := p.Wait(ctx2, false); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func TestPacerSpacesWhenLow(t *testing.T) {
	p := mastoapi.NewPacer(mastoapi.PacerOptions{})
	p.Observe(hdr(100, 15, time.Now().Add(500*time.Millisecond)), false) // low: 5 usable over 0.5 s
	start := time.Now()
	for i := 0; i < 3; i++ {
		if err := p.Wait(context.Background(), false); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("3 requests on a low budget took only %s", d)
	}
}

func TestPacerPausesOn429(t *testing.T) {
	rl := mastosim.RateLimit{Limit: 3, Window: time.Second, PaginatedLimit: 100, PaginatedWindow: time.Second}
	_, authed, _ := simClient(t, mastosim.Options{RateLimit: rl}, mastosim.SeedSpec{Seed: 1})
	raw, err := mastoapi.New(authed.BaseURL(), "", mastoapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Another client on the same IP (unauthenticated: budget per IP) spends it all.
	for i := 0; i < 10; i++ {
		if _, err := raw.InstanceRules(context.Background()); apperr.Is(err, apperr.RateLimited) {
			break
		}
	}
	p := mastoapi.NewPacer(mastoapi.PacerOptions{Margin: time.Millisecond})
	c, err := mastoapi.New(authed.BaseURL(), "", mastoapi.Options{Transport: p.Transport(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.InstanceRules(context.Background()); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("want a 429, got %v", err)
	}
	if st := p.Status(); st.PausedUntil.IsZero() || st.RateLimited != 1 {
		t.Fatalf("status %+v", st)
	}
	start := time.Now()
	if _, err := c.InstanceRules(context.Background()); err != nil {
		t.Fatalf("after the pause: %v", err)
	}
	if time.Since(start) < 100*time.Millisecond {
		t.Fatal("the next request did not wait for the reset")
	}
}
