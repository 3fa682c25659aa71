package mastoapi

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// PacerOptions configure a Pacer. Zero values mean Mastodon's documented
// budgets: 300 requests per 5 minutes per token, and 300 paginated requests
// (those carrying max_id, since_id or min_id) per 15 minutes.
type PacerOptions struct {
	Limit           int           // general budget assumed until the server reports one
	Window          time.Duration // its window
	PaginatedLimit  int           // paginated budget, tracked on the client side
	PaginatedWindow time.Duration // its window
	Reserve         float64       // share of each budget never spent (default 0.10)
	LowWater        float64       // below this share remaining, requests are spaced evenly until Reset (default 0.25)
	Margin          time.Duration // added after a Reset before the next request (default 250 ms)
	Now             func() time.Time
}

func (o PacerOptions) withDefaults() PacerOptions {
	if o.Limit <= 0 {
		o.Limit = 300
	}
	if o.Window <= 0 {
		o.Window = 5 * time.Minute
	}
	if o.PaginatedLimit <= 0 {
		o.PaginatedLimit = 300
	}
	if o.PaginatedWindow <= 0 {
		o.PaginatedWindow = 15 * time.Minute
	}
	if o.Reserve <= 0 || o.Reserve >= 1 {
		o.Reserve = 0.10
	}
	if o.LowWater <= o.Reserve || o.LowWater >= 1 {
		o.LowWater = max(0.25, o.Reserve+0.05)
	}
	if o.Margin <= 0 {
		o.Margin = 250 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// PacerStatus is what a Pacer knows of a token's budgets.
type PacerStatus struct {
	Limit              int           `json:"limit"`
	Remaining          int           `json:"remaining"`
	Reset              time.Time     `json:"reset"`
	PaginatedLimit     int           `json:"paginated_limit"`
	PaginatedRemaining int           `json:"paginated_remaining"`
	PausedUntil        time.Time     `json:"paused_until"`
	Requests           int64         `json:"requests"`
	RateLimited        int64         `json:"rate_limited"` // 429 answers seen
	Waited             time.Duration `json:"waited"`
}

type pacerBucket struct {
	limit, remaining int
	reset            time.Time
	known            bool
}

// Pacer is the one rate budget of one token, shared by every request made
// with it. Before each request Wait admits it or makes it wait; after the
// answer Observe records the X-RateLimit-* headers (both spellings); a 429
// pauses every request of the token until its reset.
//
// It keeps Reserve of each budget unspent, spends freely while more than
// LowWater remains, and below that spaces the rest evenly until the reset.
// Mastodon reports one budget in its headers but also enforces a separate
// paginated one; the Pacer counts paginated requests itself in a sliding
// window, which is never looser than the server's fixed window.
//
// Use it as a RoundTripper (Transport) so that every request of the token
// is counted, or call Wait and Observe around requests yourself — not both.
type Pacer struct {
	opts PacerOptions

	mu          sync.Mutex
	general     pacerBucket // from answers to unpaginated requests, and local counting
	pagHeader   pacerBucket // from answers to paginated requests (the server's tighter view)
	pagLog      []time.Time // starts of paginated requests within PaginatedWindow
	last        time.Time
	lastPag     time.Time
	pausedUntil time.Time
	requests    int64
	limited     int64
	waited      time.Duration
}

// NewPacer returns a Pacer with a full budget.
func NewPacer(opts PacerOptions) *Pacer {
	return &Pacer{opts: opts.withDefaults()}
}

func (p *Pacer) reserve(limit int) int {
	return max(1, int(math.Ceil(float64(limit)*p.opts.Reserve)))
}

// delay is how long a bucket asks the next request to wait.
func (p *Pacer) delay(b pacerBucket, now, last time.Time) time.Duration {
	if !b.known || !now.Before(b.reset) {
		return 0
	}
	usable := b.remaining - p.reserve(b.limit)
	if usable <= 0 {
		return b.reset.Sub(now) + p.opts.Margin
	}
	if float64(b.remaining) > float64(b.limit)*p.opts.LowWater || last.IsZero() {
		return 0
	}
	interval := b.reset.Sub(now) / time.Duration(usable+1)
	return last.Add(interval).Sub(now)
}

// pagBucket is the client-side paginated budget as a bucket.
func (p *Pacer) pagBucket(now time.Time) pacerBucket {
	cut := now.Add(-p.opts.PaginatedWindow)
	i := 0
	for i < len(p.pagLog) && !p.pagLog[i].After(cut) {
		i++
	}
	p.pagLog = p.pagLog[i:]
	b := pacerBucket{limit: p.opts.PaginatedLimit, remaining: p.opts.PaginatedLimit - len(p.pagLog), known: len(p.pagLog) > 0}
	if b.known {
		b.reset = p.pagLog[0].Add(p.opts.PaginatedWindow)
	}
	return b
}

func (p *Pacer) delayLocked(now time.Time, paginated bool) time.Duration {
	d := p.pausedUntil.Sub(now)
	d = max(d, p.delay(p.general, now, p.last))
	if paginated {
		d = max(d, p.delay(p.pagHeader, now, p.lastPag))
		d = max(d, p.delay(p.pagBucket(now), now, p.lastPag))
	}
	return d
}

func (p *Pacer) admitLocked(now time.Time, paginated bool) {
	p.requests++
	p.last = now
	take := func(b *pacerBucket) {
		if b.known && !now.Before(b.reset) {
			b.known = false // the window is over; the next answer tells the new one
		}
		if b.known {
			b.remaining--
		}
	}
	take(&p.general)
	if paginated {
		p.lastPag = now
		take(&p.pagHeader)
		p.pagLog = append(p.pagLog, now)
	}
}

// Wait blocks until a request may be sent, then counts it. It returns the
// context's error when ctx ends first, and a RateLimited error (without
// waiting) when ctx's deadline comes before the budget allows the request.
func (p *Pacer) Wait(ctx context.Context, paginated bool) error {
	for {
		now := p.opts.Now()
		p.mu.Lock()
		d := p.delayLocked(now, paginated)
		if d <= 0 {
			p.admitLocked(now, paginated)
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(d)) {
			return &rateLimitedError{retryAt: now.Add(d)}
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
			p.mu.Lock()
			p.waited += d
			p.mu.Unlock()
		}
	}
}

// Observe records the rate-limit headers of one answer (X-RateLimit-* and
// GoToSocial's X-Ratelimit-* canonicalise to the same keys).
func (p *Pacer) Observe(h http.Header, paginated bool) {
	limit, remaining, reset, ok := rateHeaders(h)
	if !ok || limit <= 0 {
		return
	}
	now := p.opts.Now()
	if reset.IsZero() {
		reset = now.Add(p.opts.Window)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	b := &p.general
	if paginated {
		b = &p.pagHeader
	}
	sameWindow := b.known && absDur(b.reset.Sub(reset)) < time.Second
	if sameWindow {
		b.remaining = min(b.remaining, remaining)
		b.limit = limit
		return
	}
	*b = pacerBucket{limit: limit, remaining: remaining, reset: reset, known: true}
}

// Pause stops every request of the token until t (a 429's RetryAt).
func (p *Pacer) Pause(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.limited++
	if until.After(p.pausedUntil) {
		p.pausedUntil = until.Add(p.opts.Margin)
	}
}

// Status returns a snapshot of the budgets.
func (p *Pacer) Status() PacerStatus {
	now := p.opts.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	pb := p.pagBucket(now)
	st := PacerStatus{Limit: p.opts.Limit, Remaining: p.opts.Limit, PaginatedLimit: pb.limit, PaginatedRemaining: pb.remaining,
		Requests: p.requests, RateLimited: p.limited, Waited: p.waited}
	if p.general.known && now.Before(p.general.reset) {
		st.Limit, st.Remaining, st.Reset = p.general.limit, p.general.remaining, p.general.reset
	}
	if p.pagHeader.known && now.Before(p.pagHeader.reset) && p.pagHeader.remaining < st.PaginatedRemaining {
		st.PaginatedRemaining = p.pagHeader.remaining
	}
	if p.pausedUntil.After(now) {
		st.PausedUntil = p.pausedUntil
	}
	return st
}

// Transport wraps base (nil: http.DefaultTransport) so that every request
// through it waits for the budget, and every answer is observed. Pass it as
// mastoapi.Options.Transport to every client built with this pacer's token.
func (p *Pacer) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &pacedTransport{base: base, p: p}
}

type pacedTransport struct {
	base http.RoundTripper
	p    *Pacer
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	paginated := IsPaginated(req.URL)
	if err := t.p.Wait(req.Context(), paginated); err != nil {
		return nil, err
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	t.p.Observe(resp.Header, paginated)
	if resp.StatusCode == http.StatusTooManyRequests {
		t.p.Pause(retryAt(resp.Header, t.p.opts.Now()))
	}
	return resp, nil
}

// IsPaginated tells whether Mastodon charges a request to its paginated budget.
func IsPaginated(u *url.URL) bool {
	q := u.Query()
	return q.Has("max_id") || q.Has("since_id") || q.Has("min_id")
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
