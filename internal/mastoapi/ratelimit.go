package mastoapi

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// BudgetSnapshot is the rate budget as last reported by the server.
type BudgetSnapshot struct {
	Limit     int
	Remaining int
	Reset     time.Time
	Known     bool // false until a response carried the headers
}

// Budget records the X-RateLimit-* headers of every response of one token.
// Mastodon spells them X-RateLimit-*, GoToSocial X-Ratelimit-*; Go's header
// map canonicalises both to the same key.
type Budget struct {
	mu   sync.Mutex
	now  func() time.Time
	snap BudgetSnapshot
}

// NewBudget returns an empty budget using the given clock.
func NewBudget(now func() time.Time) *Budget {
	if now == nil {
		now = time.Now
	}
	return &Budget{now: now}
}

// rateHeaders reads X-RateLimit-Limit, -Remaining and -Reset (Mastodon and
// GoToSocial spell them differently; Go's header map canonicalises both).
// ok is false when limit or remaining is missing or not a number; reset is
// zero when the server gave none.
func rateHeaders(h http.Header) (limit, remaining int, reset time.Time, ok bool) {
	limit, errL := strconv.Atoi(h.Get("X-RateLimit-Limit"))
	remaining, errR := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	if errL != nil || errR != nil {
		return 0, 0, time.Time{}, false
	}
	return limit, remaining, parseReset(h.Get("X-RateLimit-Reset")), true
}

// Observe records the headers of one response.
func (b *Budget) Observe(h http.Header) {
	limit, remaining, reset, ok := rateHeaders(h)
	if !ok {
		return
	}
	b.mu.Lock()
	b.snap = BudgetSnapshot{Limit: limit, Remaining: remaining, Reset: reset, Known: true}
	b.mu.Unlock()
}

// Snapshot returns the last known budget.
func (b *Budget) Snapshot() BudgetSnapshot {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.snap
}

// RetryAt tells when a 429 answer allows the next request (see retryAt).
// It is safe on a nil *Budget.
func (b *Budget) RetryAt(h http.Header) time.Time {
	now := time.Now
	if b != nil {
		now = b.now
	}
	return retryAt(h, now())
}

// retryAt tells when a 429 answer allows the next request: Retry-After
// (seconds or HTTP date) wins, then X-RateLimit-Reset, else one minute after t.
func retryAt(h http.Header, t time.Time) time.Time {
	if ra := h.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			return t.Add(time.Duration(secs) * time.Second)
		}
		if at, err := http.ParseTime(ra); err == nil {
			return at
		}
	}
	if reset := parseReset(h.Get("X-RateLimit-Reset")); !reset.IsZero() {
		return reset
	}
	return t.Add(time.Minute)
}

// parseReset reads an ISO 8601 time (Mastodon, GoToSocial) or a Unix epoch.
func parseReset(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z07:00"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 1e9 {
		return time.Unix(n, 0)
	}
	return time.Time{}
}

// rateLimitedError is what guardTransport returns for a 429, so that no
// caller — go-mastodon's own retry loop included — can keep retrying.
type rateLimitedError struct{ retryAt time.Time }

func (e *rateLimitedError) Error() string {
	return "rate limited until " + e.retryAt.UTC().Format(time.RFC3339)
}

// guardTransport records the budget of every answer and turns 429 into an
// error before any retry loop can see the response.
type guardTransport struct {
	base   http.RoundTripper
	budget *Budget
}

func (g *guardTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	g.budget.Observe(resp.Header)
	if resp.StatusCode == http.StatusTooManyRequests {
		retryAt := g.budget.RetryAt(resp.Header)
		resp.Body.Close()
		return nil, &rateLimitedError{retryAt: retryAt}
	}
	return resp, nil
}
